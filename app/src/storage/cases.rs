//! Cases in the database (table `tickets`; a case's number is its ticket number, 工单号):
//! inserting a new case with its photos, the public and staff reads of a case and its history,
//! and appending events together with the queue projection of the new state.
use super::board::ON_BOARD;
use super::figures::{self, FigureWrite};
use super::{Conn, Db};
use crate::model::visibility::CaseFacts;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::FromRow;

mod events;
mod insert;
pub use events::{events, events_of, EventRecord, TicketEvent};
pub use insert::{insert, InsertError, NewCase, NewKey, NewPhoto, NewSnap};

/// The columns of `CaseFacts`: `confidential`, `publish_consent` and `on_board` (the
/// `ON_BOARD` term). `CaseFacts` lives in the model, which knows no database; this row is
/// what its `FromRow` reads.
#[derive(FromRow)]
pub struct FactsRow {
    confidential: bool,
    publish_consent: bool,
    on_board: bool,
}

impl<'r, R: sqlx::Row> FromRow<'r, R> for CaseFacts
where
    FactsRow: FromRow<'r, R>,
{
    fn from_row(row: &'r R) -> Result<Self, sqlx::Error> {
        let FactsRow {
            confidential,
            publish_consent,
            on_board,
        } = FactsRow::from_row(row)?;
        Ok(CaseFacts {
            confidential,
            publish_consent,
            on_board,
        })
    }
}

/// A case's number and facts, as `by_join_handle` selects them.
#[derive(FromRow)]
struct NumberedFacts {
    ticket_no: String,
    #[sqlx(flatten)]
    facts: CaseFacts,
}

/// The ticket number of the case a "me too" handle joins, with its facts.
pub async fn by_join_handle(
    db: &Db,
    handle: &str,
) -> Result<Option<(String, CaseFacts)>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let row = sqlx::query_as::<_, NumberedFacts>(&format!(
            "SELECT t.ticket_no, t.confidential, t.publish_consent, {ON_BOARD} AS on_board \
             FROM tickets t LEFT JOIN publications p ON p.ticket_id = t.id WHERE t.join_handle = $1"
        ))
        .bind(handle)
        .fetch_optional(pool)
        .await?;
        Ok(row.map(|r| (r.ticket_no, r.facts)))
    })
}

/// How many cases there are.
pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_scalar("SELECT COUNT(*) FROM tickets")
            .fetch_one(pool)
            .await
    })
}

/// A case as staff see it (contact details included: the service decides who gets them).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CaseRow {
    pub id: i64,
    pub ticket_no: String,
    pub kind: String,
    pub category: String,
    pub district: String,
    pub street: String,
    pub address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub description: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub confidential: bool,
    pub publish_consent: bool,
    /// Citizens who joined the case (附议).
    pub supporters: i64,
    pub channel: String,
    pub created_at: DateTime<Utc>,
    pub version: i64,
    /// The citizen wants progress messages (a mobile left, the opt-out not ticked).
    pub progress_sms: bool,
    /// The language of the form the case came in by (BCP 47 tag).
    pub locale: String,
}

pub async fn by_ticket_no(db: &Db, ticket_no: &str) -> Result<Option<CaseRow>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT id, ticket_no, kind, category, district, street, address, latitude, longitude, \
             description, contact_name, contact_phone, confidential, publish_consent, supporters, \
             channel, created_at, version, progress_sms, locale FROM tickets WHERE ticket_no = $1",
        )
        .bind(ticket_no)
        .fetch_optional(pool)
        .await
    })
}

/// The ticket's events, oldest first.
/// The queue columns of a ticket: a copy of its folded state.
#[derive(Clone, Debug, PartialEq)]
pub struct Projection {
    pub status: &'static str,
    pub department: Option<String>,
    pub reply_due: Option<DateTime<Utc>>,
    pub hand_back_due: Option<DateTime<Utc>>,
    pub clock_runs: bool,
    pub handed_back: bool,
    pub extension_pending: bool,
    pub supervised: bool,
    pub supervision_due: Option<NaiveDate>,
    pub level: u8,
    pub rating_due: Option<DateTime<Utc>>,
    pub rating: Option<&'static str>,
    pub closed_unrated: bool,
    pub replied_at: Option<DateTime<Utc>>,
}

#[derive(Debug, thiserror::Error)]
pub enum AppendError {
    /// Someone else changed the case since it was read.
    #[error("the case changed meanwhile")]
    Conflict,
    /// The case's repeat confirmation changed since its figures were worked out: work them
    /// out again (the event itself still applies).
    #[error("the case's repeat confirmation changed meanwhile")]
    RepeatChanged,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Appends an event and updates the projection and the stored figures in one transaction,
/// provided the case still has `expected_version` events. `figures: None` leaves the stored
/// figures alone: only for bulk loads that rebuild them afterwards (`services::figures`).
/// `message`: the progress SMS the event sends, written to the outbox in the same
/// transaction (one per event: the outbox row names its event).
pub async fn append(
    db: &Db,
    ticket_id: i64,
    expected_version: i64,
    event: &EventRecord,
    projection: &Projection,
    figures: Option<&FigureWrite<'_>>,
    message: Option<&super::outbox::NewMessage<'_>>,
) -> Result<(), AppendError> {
    crate::with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let updated = sqlx::query(
            "UPDATE tickets SET status = $1, department = $2, reply_due = $3, hand_back_due = $4, \
             clock_runs = $5, handed_back = $6, extension_pending = $7, supervised = $8, \
             supervision_due = $9, version = version + 1, updated_at = $10, level = $13, \
             rating_due = $14, rating = $15, closed_unrated = $16, replied_at = $17 \
             WHERE id = $11 AND version = $12",
        )
        .bind(projection.status)
        .bind(&projection.department)
        .bind(projection.reply_due)
        .bind(projection.hand_back_due)
        .bind(projection.clock_runs)
        .bind(projection.handed_back)
        .bind(projection.extension_pending)
        .bind(projection.supervised)
        .bind(projection.supervision_due)
        .bind(event.at)
        .bind(ticket_id)
        .bind(expected_version)
        .bind(i64::from(projection.level))
        .bind(projection.rating_due)
        .bind(projection.rating)
        .bind(projection.closed_unrated)
        .bind(projection.replied_at)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if updated != 1 {
            return Err(AppendError::Conflict);
        }
        let event_id: i64 = sqlx::query_scalar(
            "INSERT INTO ticket_events (ticket_id, kind, data, actor, role, public, note, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(ticket_id)
        .bind(&event.kind)
        .bind(&event.data)
        .bind(&event.actor)
        .bind(&event.role)
        .bind(event.public)
        .bind(&event.note)
        .bind(event.at)
        .fetch_one(&mut *tx)
        .await?;
        if let Some(m) = message {
            sqlx::query(
                "INSERT INTO sms_outbox (ticket_id, event_id, progress, mobile, body, next_at, \
                 written_at) VALUES ($1, $2, $3, $4, $5, $6, $6)",
            )
            .bind(ticket_id)
            .bind(event_id)
            .bind(m.progress)
            .bind(m.mobile)
            .bind(m.body)
            .bind(event.at)
            .execute(&mut *tx)
            .await?;
        }
        if let Some(figures) = figures {
            // The row is locked by the update above (a repeat decision takes the same lock
            // first): the confirmation read now stays until this commits.
            let repeat =
                crate::storage::repeats::confirmed_in(Conn::from(&mut *tx), ticket_id, None)
                    .await?;
            if repeat != figures.repeat {
                return Err(AppendError::RepeatChanged);
            }
            figures::write(Conn::from(&mut *tx), ticket_id, figures).await?;
        }
        tx.commit().await?;
        Ok(())
    })
}
