//! Snap reports, their verdicts, awards in the points ledger, reporters' records, the
//! leaderboard and photo fingerprints. Payout batches are in `payouts.rs`.
use super::Db;
use crate::model::reward::{Earned, NoAward, Points};
use chrono::{DateTime, NaiveDate, Utc};

pub(super) fn day_text(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// A snap report as the verifier and the reporter see it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SnapRow {
    pub ticket_id: i64,
    pub ticket_no: String,
    pub status: String,
    pub reporter_id: Option<i64>,
    pub nickname: Option<String>,
    pub snap_category: String,
    /// The number of the earlier ticket with a photo of the same bytes (`snaps.exact_repeat_of`
    /// holds its id).
    #[sqlx(rename = "exact_no")]
    pub exact_repeat_of: Option<String>,
    pub verdict: Option<String>,
    pub verdict_note: String,
    pub verified_by: Option<String>,
    pub created_at: DateTime<Utc>,
    /// Points the snap earned (none: no award).
    pub points: Option<i64>,
    /// Whether its award is in a batch, and whether that batch is paid.
    pub in_batch: bool,
    pub paid: bool,
}

const SNAP_SELECT: &str = "SELECT s.ticket_id, t.ticket_no, t.status, s.reporter_id, r.nickname, \
     s.snap_category, e.ticket_no AS exact_no, s.verdict, s.verdict_note, s.verified_by, \
     s.created_at, l.points, i.batch_id IS NOT NULL AS in_batch, b.paid_at IS NOT NULL AS paid \
     FROM snaps s JOIN tickets t ON t.id = s.ticket_id \
     LEFT JOIN reporters r ON r.id = s.reporter_id \
     LEFT JOIN tickets e ON e.id = s.exact_repeat_of \
     LEFT JOIN points_ledger l ON l.ticket_id = s.ticket_id AND l.kind = 'award' \
     LEFT JOIN payout_items i ON i.award_id = l.id \
     LEFT JOIN payout_batches b ON b.id = i.batch_id";

pub async fn snap(db: &Db, ticket_id: i64) -> Result<Option<SnapRow>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(&format!("{SNAP_SELECT} WHERE s.ticket_id = $1"))
            .bind(ticket_id)
            .fetch_optional(pool)
            .await
    })
}

/// A reporter's snaps, newest first.
pub async fn snaps_of(db: &Db, reporter_id: i64, limit: i64) -> Result<Vec<SnapRow>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(&format!(
            "{SNAP_SELECT} WHERE s.reporter_id = $1 ORDER BY s.created_at DESC, s.ticket_id DESC LIMIT $2"
        ))
        .bind(reporter_id)
        .bind(limit)
        .fetch_all(pool)
        .await
    })
}

#[derive(Debug, thiserror::Error)]
pub enum VerdictError {
    #[error("the snap has a verdict already")]
    AlreadyVerified,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// A verdict to record.
pub struct NewVerdict<'a> {
    pub ticket_id: i64,
    pub verdict: &'a str,
    pub note: &'a str,
    pub by: &'a str,
    pub at: DateTime<Utc>,
    /// The Beijing day the snap was made, and the Monday and Sunday of its week.
    pub day: NaiveDate,
    pub week: (NaiveDate, NaiveDate),
}

/// Records the verdict and, in the same transaction, the award `decide` grants given what the
/// reporter already earned that day and week. Before it reads the sums the transaction
/// writes the reporter's row (a no-op update): SQLite's write lock, PostgreSQL's row lock, so
/// two verdicts for one reporter at once cannot both pass a cap on either engine.
pub async fn record_verdict(
    db: &Db,
    v: NewVerdict<'_>,
    decide: impl FnOnce(Option<i64>, Earned) -> Result<u32, NoAward>,
) -> Result<Result<u32, NoAward>, VerdictError> {
    crate::with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let reporter: Option<Option<i64>> = sqlx::query_scalar(
            "UPDATE snaps SET verdict = $1, verdict_note = $2, verified_by = $3, verified_at = $4 \
             WHERE ticket_id = $5 AND verdict IS NULL RETURNING reporter_id",
        )
        .bind(v.verdict)
        .bind(v.note)
        .bind(v.by)
        .bind(v.at)
        .bind(v.ticket_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(reporter) = reporter else {
            return Err(VerdictError::AlreadyVerified);
        };
        let mut earned = Earned::default();
        if let Some(id) = reporter {
            sqlx::query("UPDATE reporters SET id = id WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let sum = |from: NaiveDate, to: NaiveDate| {
                sqlx::query_scalar::<_, i64>(
                    "SELECT CAST(COALESCE(SUM(points), 0) AS BIGINT) FROM points_ledger \
                     WHERE reporter_id = $1 AND kind = 'award' AND day BETWEEN $2 AND $3",
                )
                .bind(id)
                .bind(day_text(from))
                .bind(day_text(to))
            };
            let day = sum(v.day, v.day).fetch_one(&mut *tx).await?;
            let week = sum(v.week.0, v.week.1).fetch_one(&mut *tx).await?;
            earned = Earned {
                day: u32::try_from(day).unwrap_or(u32::MAX),
                week: u32::try_from(week).unwrap_or(u32::MAX),
            };
        }
        let decision = decide(reporter, earned);
        if let (Ok(points), Some(id)) = (decision, reporter) {
            sqlx::query(
                "INSERT INTO points_ledger (reporter_id, kind, points, ticket_id, day, at) \
                 VALUES ($1, 'award', $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(i64::from(points))
            .bind(v.ticket_id)
            .bind(day_text(v.day))
            .bind(v.at)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(decision)
    })
}

/// A reporter's points, from the ledger and the batches.
pub async fn points(db: &Db, reporter_id: i64) -> Result<Points, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let (earned, paid): (i64, i64) = sqlx::query_as(
            "SELECT CAST(COALESCE(SUM(CASE WHEN kind = 'award' THEN points END), 0) AS BIGINT) AS earned, \
             CAST(COALESCE(-SUM(CASE WHEN kind = 'payout' THEN points END), 0) AS BIGINT) AS paid \
             FROM points_ledger WHERE reporter_id = $1",
        )
        .bind(reporter_id)
        .fetch_one(pool)
        .await?;
        let in_batch: i64 = sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(l.points), 0) AS BIGINT) FROM points_ledger l \
             JOIN payout_items i ON i.award_id = l.id JOIN payout_batches b ON b.id = i.batch_id \
             WHERE l.reporter_id = $1 AND b.paid_at IS NULL",
        )
        .bind(reporter_id)
        .fetch_one(pool)
        .await?;
        Ok(Points {
            earned,
            in_batch,
            paid,
        })
    })
}

/// The plain sum of a reporter's ledger rows (what every balance must equal).
pub async fn ledger_sum(db: &Db, reporter_id: i64) -> Result<i64, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_scalar("SELECT CAST(COALESCE(SUM(points), 0) AS BIGINT) FROM points_ledger WHERE reporter_id = $1")
            .bind(reporter_id)
            .fetch_one(pool)
            .await
    })
}

/// Valid and not-valid verdicts of a reporter's snaps.
pub async fn record_of(db: &Db, reporter_id: i64) -> Result<(i64, i64), sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT COALESCE(SUM(CASE WHEN verdict = 'valid' THEN 1 ELSE 0 END), 0) AS valid, \
             COALESCE(SUM(CASE WHEN verdict IN ('invalid', 'duplicate') THEN 1 ELSE 0 END), 0) AS bad \
             FROM snaps WHERE reporter_id = $1",
        )
        .bind(reporter_id)
        .fetch_one(pool)
        .await
    })
}

/// Reporters with verdicts: (id, nickname, valid, not valid).
pub async fn records(db: &Db) -> Result<Vec<(i64, String, i64, i64)>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT r.id, r.nickname, \
             SUM(CASE WHEN s.verdict = 'valid' THEN 1 ELSE 0 END) AS valid, \
             SUM(CASE WHEN s.verdict IN ('invalid', 'duplicate') THEN 1 ELSE 0 END) AS bad \
             FROM snaps s JOIN reporters r ON r.id = s.reporter_id \
             WHERE s.verdict IS NOT NULL GROUP BY r.id ORDER BY r.id",
        )
        .fetch_all(pool)
        .await
    })
}

/// Payout accounts that more than one reporter gave: (account, nicknames).
pub async fn shared_accounts(db: &Db) -> Result<Vec<(String, Vec<String>)>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT payout_account, nickname FROM reporters WHERE payout_account IN \
             (SELECT payout_account FROM reporters WHERE payout_account IS NOT NULL \
              GROUP BY payout_account HAVING COUNT(*) > 1) ORDER BY payout_account, id",
        )
        .fetch_all(pool)
        .await?;
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        for (account, nickname) in rows {
            match out.last_mut() {
                Some((a, names)) if *a == account => names.push(nickname),
                _ => out.push((account, vec![nickname])),
            }
        }
        Ok(out)
    })
}

/// The month's leaderboard: (nickname, points, valid snaps), most points first.
pub async fn leaderboard(
    db: &Db,
    from: NaiveDate,
    until: NaiveDate,
    limit: i64,
) -> Result<Vec<(String, i64, i64)>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT r.nickname, CAST(SUM(l.points) AS BIGINT) AS points, COUNT(*) AS snaps \
             FROM points_ledger l JOIN reporters r ON r.id = l.reporter_id \
             WHERE l.kind = 'award' AND l.day >= $1 AND l.day < $2 \
             GROUP BY l.reporter_id, r.nickname ORDER BY points DESC, MIN(l.id) LIMIT $3",
        )
        .bind(day_text(from))
        .bind(day_text(until))
        .bind(limit)
        .fetch_all(pool)
        .await
    })
}

/// Photo hashes stored after `after` (by photo id), oldest first: to fill the index.
pub async fn hashes_after(db: &Db, after: i64, limit: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT id, phash FROM ticket_photos WHERE id > $1 AND phash IS NOT NULL ORDER BY id LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(pool)
        .await
    })
}

/// The earliest ticket with a photo uploaded with exactly these bytes.
pub async fn ticket_with_original(db: &Db, sha256: &str) -> Result<Option<i64>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_scalar("SELECT MIN(ticket_id) FROM ticket_photos WHERE original_sha256 = $1")
            .bind(sha256)
            .fetch_one(pool)
            .await
    })
}

/// A near-duplicate photo found for a snap: the new photo beside the earlier one.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MatchRow {
    pub position: i64,
    pub distance: i64,
    pub new_thumb: String,
    pub earlier_thumb: String,
    pub earlier_display: String,
    pub earlier_ticket_no: String,
    pub earlier_created_at: DateTime<Utc>,
}

pub async fn matches(db: &Db, ticket_id: i64) -> Result<Vec<MatchRow>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT m.position, m.distance, n.thumb_key AS new_thumb, p.thumb_key AS earlier_thumb, \
             p.display_key AS earlier_display, t.ticket_no AS earlier_ticket_no, \
             t.created_at AS earlier_created_at FROM snap_matches m \
             JOIN ticket_photos n ON n.ticket_id = m.ticket_id AND n.position = m.position \
             JOIN ticket_photos p ON p.id = m.earlier_photo JOIN tickets t ON t.id = p.ticket_id \
             WHERE m.ticket_id = $1 ORDER BY m.distance, m.position, p.id",
        )
        .bind(ticket_id)
        .fetch_all(pool)
        .await
    })
}
