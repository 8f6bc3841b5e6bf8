//! Payout batches (发放批次) for the administrator: what is ready and held, fraud flags,
//! creating and paying batches, and the finance office's CSV and .xlsx sheets.
use super::staff::Staff;
use super::AppState;
use crate::i18n::Locale;
use crate::model::reward::{mask_account, mostly_invalid, yuan, PayoutRefusal};
use crate::model::reward_view::{BatchView, PayoutsView};
use crate::model::staff::Role;
use crate::model::time::beijing_date;
use crate::storage::payouts::{self as store, BatchError};
use chrono::{DateTime, Utc};

/// What went wrong with payouts: the payout page, making or paying a batch, a batch's sheet.
#[derive(Debug, thiserror::Error)]
pub enum PayoutError {
    /// Payouts are the administrator's alone.
    #[error("payouts are for administrators only")]
    NotAdmin,
    #[error("no such batch")]
    NoSuchBatch,
    /// A batch could not be made (nothing to pay) or paid (paid already).
    #[error("{0}")]
    Refused(PayoutRefusal),
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
}

impl From<BatchError> for PayoutError {
    fn from(e: BatchError) -> Self {
        match e {
            BatchError::NothingToPay => PayoutError::Refused(PayoutRefusal::NothingToPay),
            BatchError::AlreadyPaid => PayoutError::Refused(PayoutRefusal::AlreadyPaid),
            BatchError::NotFound => PayoutError::NoSuchBatch,
            BatchError::Db(e) => PayoutError::Db(e),
        }
    }
}

/// Why a batch's sheet could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("writing the CSV sheet: {0}")]
    Csv(#[from] csv::Error),
    #[error("writing the .xlsx sheet: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}

fn admin_only(staff: &Staff) -> Result<(), PayoutError> {
    if staff.role == Role::Admin {
        Ok(())
    } else {
        Err(PayoutError::NotAdmin)
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
) -> Result<PayoutsView, PayoutError> {
    admin_only(staff)?;
    let (ready_points, held_points) = store::unpaid(&state.db).await?;
    let batches = store::batches(&state.db, 50)
        .await?
        .into_iter()
        .map(batch_view)
        .collect();
    let mostly = crate::storage::rewards::records(&state.db)
        .await?
        .into_iter()
        .filter(|(_, _, valid, bad)| mostly_invalid(*valid, *bad))
        .map(|(_, nickname, valid, bad)| (nickname, valid, bad))
        .collect();
    let shared = crate::storage::rewards::shared_accounts(&state.db)
        .await?
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
    .await?;
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
    store::mark_paid(&state.db, batch, &staff.username, beijing_date(now), now).await?;
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

pub async fn sheet(state: &AppState, staff: &Staff, batch: i64) -> Result<Sheet, PayoutError> {
    admin_only(staff)?;
    let row = store::batch(&state.db, batch)
        .await?
        .ok_or(PayoutError::NoSuchBatch)?;
    let fen_per_point = row.fen_per_point;
    let lines = store::batch_lines(&state.db, batch).await?;
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
    pub fn csv(&self) -> Result<Vec<u8>, SheetError> {
        let mut out = b"\xEF\xBB\xBF".to_vec();
        {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(self.headers)?;
            for row in &self.rows {
                w.write_record(row.iter().map(|c| defuse(c)))?;
            }
            w.flush().map_err(csv::Error::from)?;
        }
        Ok(out)
    }

    /// An .xlsx workbook: text columns as text (long account numbers keep every digit),
    /// points and amounts as numbers, a total line.
    pub fn xlsx(&self) -> Result<Vec<u8>, SheetError> {
        use rust_xlsxwriter::{Format, Workbook};
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name(format!("批次{}", self.batch.id))?;
        let bold = Format::new().set_bold();
        let money = Format::new().set_num_format("0.00");
        for (c, h) in self.headers.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        let mut total_points = 0i64;
        for (r, row) in self.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate().take(6) {
                sheet.write_string(r, c as u16, cell)?;
            }
            let points: i64 = row[6].parse().unwrap_or(0);
            total_points += points;
            sheet.write_number(r, 6, points as f64)?;
            let amount: f64 = row[7].parse().unwrap_or(0.0);
            sheet.write_number_with_format(r, 7, amount, &money)?;
        }
        let last = self.rows.len() as u32 + 1;
        sheet.write_string_with_format(last, 0, "合计 total", &bold)?;
        sheet.write_number_with_format(last, 6, total_points as f64, &bold)?;
        let total: f64 = self.batch.yuan.parse().unwrap_or(0.0);
        sheet.write_number_with_format(last, 7, total, &money)?;
        sheet.autofit();
        Ok(book.save_to_buffer()?)
    }
}
