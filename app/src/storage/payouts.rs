//! Payout batches (发放批次): which awards a batch pays, marking it paid (payout rows in the
//! ledger), the finance office's lines, and a reporter's payouts.
use super::rewards::day_text;
use super::Db;
use chrono::{DateTime, NaiveDate, Utc};

/// One of a reporter's payouts.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PayoutRow {
    pub batch_id: i64,
    pub created_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
    pub points: i64,
    pub fen: i64,
}

pub async fn payouts_of(db: &Db, reporter_id: i64) -> Result<Vec<PayoutRow>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT b.id AS batch_id, b.created_at, b.paid_at, CAST(SUM(l.points) AS BIGINT) AS points, \
             CAST(SUM(l.points) * b.fen_per_point AS BIGINT) AS fen \
             FROM payout_items i JOIN points_ledger l ON l.id = i.award_id \
             JOIN payout_batches b ON b.id = i.batch_id WHERE l.reporter_id = $1 \
             GROUP BY b.id ORDER BY b.id DESC",
        )
        .bind(reporter_id)
        .fetch_all(pool)
        .await
    })
}

/// Awards not in any batch: points ready to pay, and points held back (no payout claim
/// yet, or an account several reporters share).
pub async fn unpaid(db: &Db) -> Result<(i64, i64), sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(&format!(
            "SELECT CAST(COALESCE(SUM(CASE WHEN {PAYABLE} THEN l.points END), 0) AS BIGINT) AS ready, \
             CAST(COALESCE(SUM(CASE WHEN {PAYABLE} THEN 0 ELSE l.points END), 0) AS BIGINT) AS held \
             FROM points_ledger l JOIN reporters r ON r.id = l.reporter_id \
             WHERE l.kind = 'award' AND NOT EXISTS (SELECT 1 FROM payout_items i WHERE i.award_id = l.id)"
        ))
        .fetch_one(pool)
        .await
    })
}

/// Whose awards a batch pays: reporters who claimed with a real name and an account that no
/// other reporter gave.
const PAYABLE: &str = "(r.real_name IS NOT NULL AND r.payout_account IS NOT NULL AND \
     (SELECT COUNT(*) FROM reporters o WHERE o.payout_account = r.payout_account) = 1)";

#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("no verified unpaid points to pay")]
    NothingToPay,
    #[error("no such batch")]
    NotFound,
    #[error("the batch is paid already")]
    AlreadyPaid,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Creates a batch of every payable award not in a batch yet, each with a copy of its
/// reporter's real name and payout account as they are now (the sheet pays those, whatever
/// the reporter changes later). `payout_items`' primary key keeps an award out of a second
/// batch whatever else runs at once: an award another batch took meanwhile is skipped.
pub async fn create_batch(
    db: &Db,
    fen_per_point: u32,
    by: &str,
    now: DateTime<Utc>,
) -> Result<i64, BatchError> {
    crate::with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let batch: i64 = sqlx::query_scalar(
            "INSERT INTO payout_batches (fen_per_point, created_by, created_at) VALUES ($1, $2, $3) \
             RETURNING id",
        )
        .bind(i64::from(fen_per_point))
        .bind(by)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let items = sqlx::query(&format!(
            "INSERT INTO payout_items (award_id, batch_id, real_name, payout_account) \
             SELECT l.id, $1, r.real_name, r.payout_account \
             FROM points_ledger l JOIN reporters r ON r.id = l.reporter_id \
             WHERE l.kind = 'award' AND {PAYABLE} \
             AND NOT EXISTS (SELECT 1 FROM payout_items i WHERE i.award_id = l.id) \
             ON CONFLICT (award_id) DO NOTHING"
        ))
        .bind(batch)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if items == 0 {
            return Err(BatchError::NothingToPay);
        }
        tx.commit().await?;
        Ok(batch)
    })
}

/// Marks a batch paid and takes its points off each reporter's balance (one payout row per
/// reporter), in one transaction.
pub async fn mark_paid(
    db: &Db,
    batch: i64,
    by: &str,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), BatchError> {
    crate::with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let updated = sqlx::query(
            "UPDATE payout_batches SET paid_by = $1, paid_at = $2 WHERE id = $3 AND paid_at IS NULL",
        )
        .bind(by)
        .bind(now)
        .bind(batch)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if updated != 1 {
            let exists: bool =
                sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM payout_batches WHERE id = $1)")
                    .bind(batch)
                    .fetch_one(&mut *tx)
                    .await?;
            return Err(if exists {
                BatchError::AlreadyPaid
            } else {
                BatchError::NotFound
            });
        }
        sqlx::query(
            "INSERT INTO points_ledger (reporter_id, kind, points, batch_id, day, at) \
             SELECT l.reporter_id, 'payout', -SUM(l.points), $1, $2, $3 \
             FROM payout_items i JOIN points_ledger l ON l.id = i.award_id \
             WHERE i.batch_id = $1 GROUP BY l.reporter_id",
        )
        .bind(batch)
        .bind(day_text(day))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    })
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct BatchRow {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub paid_at: Option<DateTime<Utc>>,
    pub fen_per_point: i64,
    pub reporters: i64,
    pub points: i64,
}

const BATCH_SELECT: &str = "SELECT b.id, b.created_at, b.created_by, b.paid_at, b.fen_per_point, \
     COUNT(DISTINCT l.reporter_id) AS reporters, CAST(COALESCE(SUM(l.points), 0) AS BIGINT) AS points \
     FROM payout_batches b LEFT JOIN payout_items i ON i.batch_id = b.id \
     LEFT JOIN points_ledger l ON l.id = i.award_id";

pub async fn batches(db: &Db, limit: i64) -> Result<Vec<BatchRow>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(&format!(
            "{BATCH_SELECT} GROUP BY b.id ORDER BY b.id DESC LIMIT $1"
        ))
        .bind(limit)
        .fetch_all(pool)
        .await
    })
}

pub async fn batch(db: &Db, id: i64) -> Result<Option<BatchRow>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(&format!("{BATCH_SELECT} WHERE b.id = $1 GROUP BY b.id"))
            .bind(id)
            .fetch_optional(pool)
            .await
    })
}

/// One reporter's line of a batch, for the finance office: the real name and payout account
/// copied into the batch when it was made (batches made before the copies existed show the
/// reporter's current details; empty if neither was given).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct BatchLine {
    pub reporter_id: i64,
    pub nickname: String,
    pub real_name: String,
    pub payout_account: String,
    pub mobile: String,
    pub awards: i64,
    pub points: i64,
}

pub async fn batch_lines(db: &Db, batch: i64) -> Result<Vec<BatchLine>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT r.id AS reporter_id, r.nickname, \
             COALESCE(MAX(i.real_name), r.real_name, '') AS real_name, \
             COALESCE(MAX(i.payout_account), r.payout_account, '') AS payout_account, r.mobile, \
             COUNT(*) AS awards, CAST(SUM(l.points) AS BIGINT) AS points \
             FROM payout_items i JOIN points_ledger l ON l.id = i.award_id \
             JOIN reporters r ON r.id = l.reporter_id WHERE i.batch_id = $1 \
             GROUP BY r.id ORDER BY r.id",
        )
        .bind(batch)
        .fetch_all(pool)
        .await
    })
}
