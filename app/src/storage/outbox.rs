//! The outbox of progress messages (migration 0019): written with their event by
//! `cases::append`, taken and marked by the sender (`services::progress`).
use super::Db;
use chrono::{DateTime, Utc};

/// A message to write with its event.
pub struct NewMessage<'a> {
    /// `model::progress::Progress` code.
    pub progress: &'a str,
    pub mobile: &'a str,
    pub body: &'a str,
}

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct OutboxRow {
    pub id: i64,
    pub ticket_id: i64,
    pub progress: String,
    pub mobile: String,
    pub body: String,
    pub status: String,
    pub attempts: i64,
    pub next_at: DateTime<Utc>,
    pub written_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

const COLUMNS: &str = "id, ticket_id, progress, mobile, body, status, attempts, next_at, \
     written_at, sent_at, last_error";

/// Pending messages whose time has come, oldest first.
pub async fn due(db: &Db, now: DateTime<Utc>, limit: i64) -> Result<Vec<OutboxRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM sms_outbox WHERE status = 'pending' AND next_at <= $1 \
         ORDER BY next_at, id LIMIT $2"
    );
    crate::with_pool!(db, |pool| {
        sqlx::query_as(&sql)
            .bind(now)
            .bind(limit)
            .fetch_all(pool)
            .await
    })
}

/// Takes a message for one try: counts the try and sets when the next would be, provided
/// nobody took it since it was read (`attempts` unchanged). `false`: someone else has it.
pub async fn claim(
    db: &Db,
    id: i64,
    attempts: i64,
    retry_at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let n = sqlx::query(
            "UPDATE sms_outbox SET attempts = attempts + 1, next_at = $1 \
             WHERE id = $2 AND status = 'pending' AND attempts = $3",
        )
        .bind(retry_at)
        .bind(id)
        .bind(attempts)
        .execute(pool)
        .await?
        .rows_affected();
        Ok(n == 1)
    })
}

/// Records how a try ended: `sent` (with its time), `failed`, `capped`, or `pending` again
/// (with the gateway's error) for the next try.
pub async fn finish(
    db: &Db,
    id: i64,
    status: &str,
    sent_at: Option<DateTime<Utc>>,
    error: Option<&str>,
) -> Result<(), sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query(
            "UPDATE sms_outbox SET status = $1, sent_at = $2, last_error = $3 WHERE id = $4",
        )
        .bind(status)
        .bind(sent_at)
        .bind(error)
        .bind(id)
        .execute(pool)
        .await?;
        Ok(())
    })
}

/// Messages sent to `mobile` since `since` (the daily cap).
pub async fn sent_since(db: &Db, mobile: &str, since: DateTime<Utc>) -> Result<i64, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM sms_outbox WHERE mobile = $1 AND status = 'sent' AND sent_at > $2",
        )
        .bind(mobile)
        .bind(since)
        .fetch_one(pool)
        .await
    })
}

/// A case's messages, in the order they were written.
pub async fn of_ticket(db: &Db, ticket_id: i64) -> Result<Vec<OutboxRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM sms_outbox WHERE ticket_id = $1 ORDER BY id");
    crate::with_pool!(db, |pool| {
        sqlx::query_as(&sql).bind(ticket_id).fetch_all(pool).await
    })
}
