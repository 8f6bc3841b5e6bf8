//! Progress messages (SMS) to citizens. `message` works out the one an event sends (it is
//! written to the outbox in the event's transaction, `storage::cases::append`); `send_due`
//! is the outbox worker: it takes each pending message whose time has come, checks the
//! mobile's daily cap, sends it through the configured sender and records the outcome,
//! trying again with back-off when the gateway fails.
//!
//! A crash loses nothing: the message was committed with its event. A try is counted before
//! the message goes to the gateway, and the gateway is given the outbox id as the message's
//! id: a crash between the gateway's acceptance and the "sent" mark leads to one more try
//! with the same id, which a gateway that honours client message ids drops.
use super::AppState;
use crate::i18n::Locale;
use crate::model::progress::{
    backoff_secs, fill, progress_of, Delivery, Progress, SentMessage, MAX_ATTEMPTS,
};
use crate::model::workflow::{CaseState, Event};
use crate::model::MobilePhone;
use crate::storage::cases::CaseRow;
use crate::storage::outbox::{self, OutboxRow};
use chrono::{DateTime, Duration, Utc};

/// The message `event` sends (from `before` to `after`), if the citizen wants them and left
/// a mobile: (progress, mobile, text in the citizen's language with the tracking link).
pub fn message(
    state: &AppState,
    row: &CaseRow,
    before: &CaseState,
    after: &CaseState,
    event: &Event,
) -> Option<(Progress, MobilePhone, String)> {
    if !row.progress_sms {
        return None;
    }
    let mobile = MobilePhone::parse(&row.contact_phone)?;
    let progress = progress_of(event, before.status, after.status)?;
    let template = state.city.sms.template(progress);
    let text = match Locale::from_tag(&row.locale).unwrap_or_default() {
        Locale::Zh => &template.zh,
        Locale::En => &template.en,
    };
    // The link opens the lookup with the number filled in; the query code stays with the
    // citizen (a message read over a shoulder opens nothing).
    let link = format!(
        "{}{}",
        state.public_url.trim_end_matches('/'),
        crate::routes::Page::Track.with(&[("no", &row.ticket_no)])
    );
    Some((progress, mobile, fill(text, &row.ticket_no, &link)))
}

/// What one round of the worker did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    pub retrying: usize,
    pub failed: usize,
    pub capped: usize,
}

/// Messages one round takes at most.
const ROUND: i64 = 200;

/// Sends every pending message whose time has come.
pub async fn send_due(state: &AppState, now: DateTime<Utc>) -> Result<Round, sqlx::Error> {
    let mut round = Round::default();
    for m in outbox::due(&state.db, now, ROUND).await? {
        let attempt = m.attempts + 1;
        let retry_at = now + Duration::seconds(backoff_secs(state.sms_retry_secs, attempt as u32));
        if !outbox::claim(&state.db, m.id, m.attempts, retry_at).await? {
            continue; // taken by another worker meanwhile
        }
        let cap = i64::from(state.city.sms.daily_cap_per_mobile);
        if outbox::sent_since(&state.db, &m.mobile, now - Duration::hours(24)).await? >= cap {
            outbox::finish(&state.db, m.id, Delivery::Capped.code(), None, None).await?;
            tracing::warn!(
                id = m.id,
                "progress message not sent: the mobile's daily cap"
            );
            round.capped += 1;
            continue;
        }
        let Some(mobile) = MobilePhone::parse(&m.mobile) else {
            outbox::finish(
                &state.db,
                m.id,
                Delivery::Failed.code(),
                None,
                Some("not a mobile"),
            )
            .await?;
            round.failed += 1;
            continue;
        };
        let sender = state.sender.clone();
        let (id, body) = (m.id, m.body.clone());
        let sent = tokio::task::spawn_blocking(move || {
            sender.send(&mobile, &super::sms::Message::Progress { id, text: &body })
        })
        .await;
        match sent {
            Ok(Ok(())) => {
                outbox::finish(
                    &state.db,
                    m.id,
                    Delivery::Sent.code(),
                    Some(Utc::now()),
                    None,
                )
                .await?;
                round.sent += 1;
            }
            Ok(Err(e)) => {
                let error = e.to_string();
                let status = if attempt >= i64::from(MAX_ATTEMPTS) {
                    round.failed += 1;
                    Delivery::Failed
                } else {
                    round.retrying += 1;
                    Delivery::Pending
                };
                tracing::warn!(id = m.id, attempt, error, "progress message not sent");
                outbox::finish(&state.db, m.id, status.code(), None, Some(&error)).await?;
            }
            Err(e) => {
                // The sender panicked: the message stays pending for its next try.
                tracing::error!(id = m.id, error = %e, "progress message sender failed");
                round.retrying += 1;
            }
        }
    }
    Ok(round)
}

/// A case's messages as the staff case page lists them (the mobile masked).
pub async fn of_case(state: &AppState, ticket_id: i64) -> Result<Vec<SentMessage>, sqlx::Error> {
    Ok(outbox::of_ticket(&state.db, ticket_id)
        .await?
        .into_iter()
        .map(|m: OutboxRow| SentMessage {
            progress: Progress::from_code(&m.progress).unwrap_or(Progress::Accepted),
            delivery: Delivery::from_code(&m.status).unwrap_or(Delivery::Pending),
            mobile: MobilePhone::parse(&m.mobile)
                .map(|p| p.masked())
                .unwrap_or_default(),
            text: m.body,
            written_at: m.written_at,
            sent_at: m.sent_at,
            attempts: u32::try_from(m.attempts).unwrap_or(u32::MAX),
        })
        .collect())
}
