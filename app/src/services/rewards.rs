//! The reward scheme (有奖举报): checks of a snap's photos at intake, the verifier's verdict
//! and the points it credits, the reporter's page, the rules and leaderboard. Payout batches
//! and their exports are in `payouts.rs`.
use super::photos::Processed;
use super::reporters::Reporter;
use super::staff::Staff;
use super::AppState;
use crate::i18n::Locale;
use crate::model::public_case::photo_url;
use crate::model::reward::{award, mask_account, mostly_invalid, week_of, yuan, Verdict};
use crate::model::reward_view::{
    MatchView, MyPayout, MyRewards, MySnap, RewardState, RulesView, SnapReview, VerifyOutcome,
};
use crate::model::staff::Role;
use crate::model::time::beijing_date;
use crate::model::workflow::Refusal;
use crate::model::TicketNo;
use crate::storage::rewards::{self as store, NewVerdict, SnapRow, VerdictError};
use chrono::{DateTime, NaiveDate, Utc};

/// What went wrong in the reward scheme: the verifier's section and verdict, a reporter's
/// page, the rules page.
#[derive(Debug, thiserror::Error)]
pub enum RewardError {
    /// No such snap report (or no such month on the rules page).
    #[error("not found")]
    NotFound,
    /// The verdict is refused (not a verifier's role, too long a note).
    #[error("refused: {0}")]
    Refused(Refusal),
    /// Another verifier recorded a verdict on the snap meanwhile.
    #[error("the snap has a verdict already")]
    AlreadyVerified,
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
}

/// Near-duplicate photos kept per new photo.
const MATCHES_PER_PHOTO: usize = 5;

/// What the intake learns about a snap's photos before storing it: an earlier ticket with an
/// identical upload, and near-duplicate earlier photos (position from 1, photo id, distance).
pub async fn photo_checks(
    state: &AppState,
    processed: &[Processed],
) -> Result<(Option<i64>, Vec<(usize, i64, u32)>), sqlx::Error> {
    let mut exact = None;
    for p in processed {
        if let Some(ticket) = store::ticket_with_original(&state.db, &p.original_sha256).await? {
            exact = Some(exact.map_or(ticket, |t: i64| t.min(ticket)));
        }
    }
    state.near.refresh(&state.db).await?;
    let matches = processed
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            state
                .near
                .near(p.phash)
                .into_iter()
                .take(MATCHES_PER_PHOTO)
                .map(move |m| (i + 1, m.photo_id, m.distance))
        })
        .collect();
    Ok((exact, matches))
}

fn may_verify(staff: &Staff) -> bool {
    matches!(staff.role, Role::Operator | Role::Supervisor)
}

async fn snap_of(state: &AppState, ticket_no: &str) -> Result<SnapRow, RewardError> {
    let no = TicketNo::parse(ticket_no.trim()).map_err(|_| RewardError::NotFound)?;
    let case = crate::storage::cases::by_ticket_no(&state.db, no.as_str())
        .await?
        .ok_or(RewardError::NotFound)?;
    store::snap(&state.db, case.id)
        .await?
        .ok_or(RewardError::NotFound)
}

fn snap_category_name(state: &AppState, code: &str, locale: Locale) -> String {
    state
        .city
        .snap_category(code)
        .map(|c| format!("{} {}", c.icon, c.name.get(locale)))
        .unwrap_or_else(|| code.to_string())
}

/// The verifier's section of a case: `None` when the case is not a snap report or the viewer
/// is not a verifier (operator, supervisor).
pub async fn review(
    state: &AppState,
    staff: &Staff,
    ticket_no: &str,
    locale: Locale,
) -> Result<Option<SnapReview>, RewardError> {
    if !may_verify(staff) {
        return Ok(None);
    }
    let snap = match snap_of(state, ticket_no).await {
        Ok(s) => s,
        Err(RewardError::NotFound) => return Ok(None),
        Err(e) => return Err(e),
    };
    let record = match snap.reporter_id {
        Some(id) => store::record_of(&state.db, id).await?,
        None => (0, 0),
    };
    let matches = store::matches(&state.db, snap.ticket_id)
        .await?
        .into_iter()
        .map(|m| MatchView {
            photo: m.position,
            distance: m.distance,
            new_thumb_url: photo_url(&m.new_thumb),
            earlier_thumb_url: photo_url(&m.earlier_thumb),
            earlier_display_url: photo_url(&m.earlier_display),
            earlier_ticket_no: m.earlier_ticket_no,
            earlier_created_at: m.earlier_created_at,
        })
        .collect();
    Ok(Some(SnapReview {
        category: snap_category_name(state, &snap.snap_category, locale),
        rate: state
            .city
            .snap_category(&snap.snap_category)
            .map_or(0, |c| c.points),
        reporter: snap.nickname.clone(),
        record,
        mostly_invalid: mostly_invalid(record.0, record.1),
        exact_repeat_of: snap.exact_repeat_of.clone(),
        matches,
        verdict: snap.verdict.as_deref().and_then(Verdict::from_code),
        verdict_note: snap.verdict_note.clone(),
        verified_by: snap.verified_by.clone(),
        points: snap.points,
        can_verify: snap.verdict.is_none(),
    }))
}

/// Longest verdict note.
pub const NOTE_MAX_CHARS: usize = 200;

/// Records the verifier's verdict and credits the points it earns (once per snap).
pub async fn verify(
    state: &AppState,
    staff: &Staff,
    ticket_no: &str,
    verdict: Verdict,
    note: &str,
    now: DateTime<Utc>,
) -> Result<VerifyOutcome, RewardError> {
    if !may_verify(staff) {
        return Err(RewardError::Refused(Refusal::WrongRole));
    }
    let note = note.trim();
    if note.chars().count() > NOTE_MAX_CHARS {
        return Err(RewardError::Refused(Refusal::NoteTooLong {
            max: NOTE_MAX_CHARS,
        }));
    }
    let snap = snap_of(state, ticket_no).await?;
    let rate = state
        .city
        .snap_category(&snap.snap_category)
        .map_or(0, |c| c.points);
    let day = beijing_date(snap.created_at);
    let rules = state.city.rewards;
    let exact = snap.exact_repeat_of.is_some();
    let decision = store::record_verdict(
        &state.db,
        NewVerdict {
            ticket_id: snap.ticket_id,
            verdict: verdict.code(),
            note,
            by: &staff.username,
            at: now,
            day,
            week: week_of(day),
        },
        |reporter, earned| award(verdict, reporter.is_some(), exact, rate, earned, &rules),
    )
    .await
    .map_err(|e| match e {
        VerdictError::AlreadyVerified => RewardError::AlreadyVerified,
        VerdictError::Db(e) => RewardError::Db(e),
    })?;
    tracing::info!(
        ticket = ticket_no,
        verdict = verdict.code(),
        by = staff.username,
        ?decision,
        "snap verified"
    );
    Ok(match decision {
        Ok(points) => VerifyOutcome::Credited(points),
        Err(why) => VerifyOutcome::Nothing(why),
    })
}

fn reward_state(snap: &SnapRow) -> RewardState {
    match (&snap.verdict, snap.points) {
        (None, _) => RewardState::Pending,
        (Some(_), None) => RewardState::NoPoints,
        (Some(_), Some(_)) if snap.paid => RewardState::Paid,
        (Some(_), Some(_)) if snap.in_batch => RewardState::InBatch,
        (Some(_), Some(_)) => RewardState::Earned,
    }
}

/// Snaps shown on a reporter's page.
const MY_SNAPS: i64 = 100;

/// A reporter's page: snaps and their verification, points, payouts.
pub async fn my_rewards(
    state: &AppState,
    reporter: &Reporter,
    locale: Locale,
) -> Result<MyRewards, RewardError> {
    let points = store::points(&state.db, reporter.id).await?;
    let snaps = store::snaps_of(&state.db, reporter.id, MY_SNAPS)
        .await?
        .iter()
        .map(|s| MySnap {
            ticket_no: s.ticket_no.clone(),
            category: snap_category_name(state, &s.snap_category, locale),
            created_at: s.created_at,
            verdict: s.verdict.as_deref().and_then(Verdict::from_code),
            points: s.points.unwrap_or(0),
            state: reward_state(s),
        })
        .collect();
    let payouts = crate::storage::payouts::payouts_of(&state.db, reporter.id)
        .await?
        .into_iter()
        .map(|p| MyPayout {
            batch_id: p.batch_id,
            created_at: p.created_at,
            paid_at: p.paid_at,
            points: p.points,
            yuan: yuan(p.fen),
        })
        .collect();
    Ok(MyRewards {
        nickname: reporter.nickname.clone(),
        mobile_masked: reporter.mobile.masked(),
        balance: points.balance(),
        unpaid: points.unpaid(),
        unpaid_yuan: yuan(points.unpaid() * i64::from(state.city.rewards.fen_per_point)),
        points,
        claimed: reporter.payout_account.is_some(),
        real_name: reporter.real_name.clone(),
        account_masked: reporter.payout_account.as_deref().map(mask_account),
        snaps,
        payouts,
    })
}

/// Reporters on the leaderboard.
const LEADERS: i64 = 20;

/// The first day of `month` (`YYYY-MM`) and of the month after.
fn month_range(month: &str) -> Option<(NaiveDate, NaiveDate)> {
    let month = crate::model::board::Month::parse(month)?;
    Some((month.first_day(), month.next().first_day()))
}

/// The rules and the leaderboard of `month` (`YYYY-MM`; default: this month in Beijing).
pub async fn rules(
    state: &AppState,
    reporter: Option<&Reporter>,
    month: Option<&str>,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<RulesView, RewardError> {
    let this_month = beijing_date(now).format("%Y-%m").to_string();
    let month = month
        .filter(|m| month_range(m).is_some())
        .unwrap_or(&this_month)
        .to_string();
    let (from, until) = month_range(&month).ok_or(RewardError::NotFound)?;
    let leaders = store::leaderboard(&state.db, from, until, LEADERS)
        .await?
        .into_iter()
        .enumerate()
        .map(|(i, (nickname, points, snaps))| (i + 1, nickname, points, snaps))
        .collect();
    let rules = state.city.rewards;
    Ok(RulesView {
        rates: state
            .city
            .snap_categories
            .iter()
            .map(|c| (c.icon.clone(), c.name.get(locale).to_string(), c.points))
            .collect(),
        daily_cap: rules.daily_cap,
        weekly_cap: rules.weekly_cap,
        yuan_per_point: yuan(i64::from(rules.fen_per_point)),
        month,
        leaders,
        signed_in: reporter.map(|r| r.nickname.clone()),
    })
}
