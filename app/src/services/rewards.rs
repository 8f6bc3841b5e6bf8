//! The reward scheme (有奖举报): checks of a snap's photos at intake, the verifier's verdict
//! and the points it credits, the reporter's page, the rules and leaderboard, and payout
//! batches with their CSV and .xlsx exports.
use super::cases::{internal, CaseError};
use super::photos::Processed;
use super::reporters::Reporter;
use super::staff::Staff;
use super::AppState;
use crate::i18n::Locale;
use crate::model::case::photo_url;
use crate::model::reward::{award, mask_account, mostly_invalid, week_of, yuan, Verdict};
use crate::model::reward_view::{
    BatchView, MatchView, MyPayout, MyRewards, MySnap, PayoutsView, RewardState, RulesView,
    SnapReview, VerifyOutcome,
};
use crate::model::staff::Role;
use crate::model::time::beijing_date;
use crate::model::workflow::Refusal;
use crate::model::TicketNo;
use crate::storage::rewards::{self as store, BatchError, NewVerdict, SnapRow, VerdictError};
use chrono::{DateTime, Datelike, NaiveDate, Utc};

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

async fn snap_of(state: &AppState, ticket_no: &str) -> Result<SnapRow, CaseError> {
    let no = TicketNo::parse(ticket_no.trim()).map_err(|_| CaseError::NotFound)?;
    let case = crate::storage::cases::by_ticket_no(&state.db, no.as_str())
        .await
        .map_err(internal)?
        .ok_or(CaseError::NotFound)?;
    store::snap(&state.db, case.id)
        .await
        .map_err(internal)?
        .ok_or(CaseError::NotFound)
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
) -> Result<Option<SnapReview>, CaseError> {
    if !may_verify(staff) {
        return Ok(None);
    }
    let snap = match snap_of(state, ticket_no).await {
        Ok(s) => s,
        Err(CaseError::NotFound) => return Ok(None),
        Err(e) => return Err(e),
    };
    let record = match snap.reporter_id {
        Some(id) => store::record_of(&state.db, id).await.map_err(internal)?,
        None => (0, 0),
    };
    let matches = store::matches(&state.db, snap.ticket_id)
        .await
        .map_err(internal)?
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
) -> Result<VerifyOutcome, CaseError> {
    if !may_verify(staff) {
        return Err(CaseError::Refused(Refusal::WrongRole));
    }
    let note = note.trim();
    if note.chars().count() > NOTE_MAX_CHARS {
        return Err(CaseError::Refused(Refusal::NoteTooLong));
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
        VerdictError::AlreadyVerified => CaseError::Changed,
        VerdictError::Db(e) => internal(e),
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
) -> Result<MyRewards, CaseError> {
    let points = store::points(&state.db, reporter.id)
        .await
        .map_err(internal)?;
    let snaps = store::snaps_of(&state.db, reporter.id, MY_SNAPS)
        .await
        .map_err(internal)?
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
    let payouts = store::payouts_of(&state.db, reporter.id)
        .await
        .map_err(internal)?
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
    let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()?;
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)?
    };
    Some((first, next))
}

/// The rules and the leaderboard of `month` (`YYYY-MM`; default: this month in Beijing).
pub async fn rules(
    state: &AppState,
    reporter: Option<&Reporter>,
    month: Option<&str>,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<RulesView, CaseError> {
    let this_month = beijing_date(now).format("%Y-%m").to_string();
    let month = month
        .filter(|m| month_range(m).is_some())
        .unwrap_or(&this_month)
        .to_string();
    let (from, until) = month_range(&month).ok_or(CaseError::NotFound)?;
    let leaders = store::leaderboard(&state.db, from, until, LEADERS)
        .await
        .map_err(internal)?
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

fn admin_only(staff: &Staff) -> Result<(), CaseError> {
    if staff.role == Role::Admin {
        Ok(())
    } else {
        Err(CaseError::Refused(Refusal::WrongRole))
    }
}

fn batch_view(b: store::BatchRow) -> BatchView {
    BatchView {
        id: b.id,
        created_at: b.created_at,
        created_by: b.created_by,
        paid_at: b.paid_at,
        reporters: b.reporters,
        points: b.points,
        yuan: yuan(b.points * b.fen_per_point),
    }
}

/// The administrator's payout page: what is ready, what is held, batches, fraud flags.
pub async fn payouts(
    state: &AppState,
    staff: &Staff,
    locale: Locale,
) -> Result<PayoutsView, CaseError> {
    admin_only(staff)?;
    let (ready_points, held_points) = store::unpaid(&state.db).await.map_err(internal)?;
    let batches = store::batches(&state.db, 50)
        .await
        .map_err(internal)?
        .into_iter()
        .map(batch_view)
        .collect();
    let mostly = store::records(&state.db)
        .await
        .map_err(internal)?
        .into_iter()
        .filter(|(_, _, valid, bad)| mostly_invalid(*valid, *bad))
        .map(|(_, nickname, valid, bad)| (nickname, valid, bad))
        .collect();
    let shared = store::shared_accounts(&state.db)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|(account, names)| (mask_account(&account), names))
        .collect();
    Ok(PayoutsView {
        me: super::cases::me(state, staff, locale),
        ready_points,
        held_points,
        batches,
        mostly_invalid: mostly,
        shared_accounts: shared,
    })
}

/// Why a batch could not be made or paid.
#[derive(Debug, thiserror::Error)]
pub enum PayoutError {
    #[error(transparent)]
    Case(#[from] CaseError),
    #[error("no verified unpaid points to pay")]
    NothingToPay,
    #[error("the batch is paid already")]
    AlreadyPaid,
}

fn batch_error(e: BatchError) -> PayoutError {
    match e {
        BatchError::NothingToPay => PayoutError::NothingToPay,
        BatchError::AlreadyPaid => PayoutError::AlreadyPaid,
        BatchError::NotFound => PayoutError::Case(CaseError::NotFound),
        BatchError::Db(e) => PayoutError::Case(internal(e)),
    }
}

/// A payout batch (发放批次) of every payable award not in a batch yet.
pub async fn create_batch(
    state: &AppState,
    staff: &Staff,
    now: DateTime<Utc>,
) -> Result<i64, PayoutError> {
    admin_only(staff)?;
    let id = store::create_batch(
        &state.db,
        state.city.rewards.fen_per_point,
        &staff.username,
        now,
    )
    .await
    .map_err(batch_error)?;
    tracing::info!(batch = id, by = staff.username, "payout batch created");
    Ok(id)
}

pub async fn mark_paid(
    state: &AppState,
    staff: &Staff,
    batch: i64,
    now: DateTime<Utc>,
) -> Result<(), PayoutError> {
    admin_only(staff)?;
    store::mark_paid(&state.db, batch, &staff.username, beijing_date(now), now)
        .await
        .map_err(batch_error)?;
    tracing::info!(batch, by = staff.username, "payout batch marked paid");
    Ok(())
}

/// The finance office's sheet of a batch: one line per reporter.
pub struct Sheet {
    pub batch: BatchView,
    pub headers: [&'static str; 8],
    /// (batch, reporter id, nickname, real name, mobile, account, points, yuan)
    pub rows: Vec<[String; 8]>,
}

pub async fn sheet(state: &AppState, staff: &Staff, batch: i64) -> Result<Sheet, CaseError> {
    admin_only(staff)?;
    let row = store::batch(&state.db, batch)
        .await
        .map_err(internal)?
        .ok_or(CaseError::NotFound)?;
    let fen_per_point = row.fen_per_point;
    let lines = store::batch_lines(&state.db, batch)
        .await
        .map_err(internal)?;
    Ok(Sheet {
        batch: batch_view(row),
        headers: [
            "批次 batch",
            "编号 reporter id",
            "昵称 nickname",
            "姓名 real name",
            "手机 mobile",
            "收款账号 account",
            "积分 points",
            "金额(元) amount (yuan)",
        ],
        rows: lines
            .into_iter()
            .map(|l| {
                [
                    batch.to_string(),
                    l.reporter_id.to_string(),
                    l.nickname,
                    l.real_name,
                    l.mobile,
                    l.payout_account,
                    l.points.to_string(),
                    yuan(l.points * fen_per_point),
                ]
            })
            .collect(),
    })
}

/// A spreadsheet program runs a cell that starts with these as a formula: such text cells get
/// a leading apostrophe in the CSV.
fn defuse(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

impl Sheet {
    /// CSV with a UTF-8 byte-order mark (so spreadsheet programs read the Chinese right).
    pub fn csv(&self) -> Result<Vec<u8>, String> {
        let mut out = b"\xEF\xBB\xBF".to_vec();
        {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(self.headers).map_err(|e| e.to_string())?;
            for row in &self.rows {
                w.write_record(row.iter().map(|c| defuse(c)))
                    .map_err(|e| e.to_string())?;
            }
            w.flush().map_err(|e| e.to_string())?;
        }
        Ok(out)
    }

    /// An .xlsx workbook: text columns as text (long account numbers keep every digit),
    /// points and amounts as numbers, a total line.
    pub fn xlsx(&self) -> Result<Vec<u8>, String> {
        use rust_xlsxwriter::{Format, Workbook};
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet
            .set_name(format!("批次{}", self.batch.id))
            .map_err(|e| e.to_string())?;
        let bold = Format::new().set_bold();
        let money = Format::new().set_num_format("0.00");
        let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
        for (c, h) in self.headers.iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, *h, &bold)
                .map_err(e)?;
        }
        let mut total_points = 0i64;
        for (r, row) in self.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate().take(6) {
                sheet.write_string(r, c as u16, cell).map_err(e)?;
            }
            let points: i64 = row[6].parse().unwrap_or(0);
            total_points += points;
            sheet.write_number(r, 6, points as f64).map_err(e)?;
            let amount: f64 = row[7].parse().unwrap_or(0.0);
            sheet
                .write_number_with_format(r, 7, amount, &money)
                .map_err(e)?;
        }
        let last = self.rows.len() as u32 + 1;
        sheet
            .write_string_with_format(last, 0, "合计 total", &bold)
            .map_err(e)?;
        sheet
            .write_number_with_format(last, 6, total_points as f64, &bold)
            .map_err(e)?;
        let total: f64 = self.batch.yuan.parse().unwrap_or(0.0);
        sheet
            .write_number_with_format(last, 7, total, &money)
            .map_err(e)?;
        sheet.autofit();
        book.save_to_buffer().map_err(e)
    }
}
