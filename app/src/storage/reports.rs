//! Generated 周通报 and 月排名 as they were published (table `reports`): the report's JSON.
use super::Db;
use chrono::{DateTime, Utc};

/// A stored report without its body, for the list.
#[derive(sqlx::FromRow)]
pub struct StoredReport {
    pub kind: String,
    pub period: String,
    pub generated_at: DateTime<Utc>,
}

/// Stores a report, replacing one of the same kind and period.
pub async fn put(
    db: &Db,
    kind: &str,
    period: &str,
    generated_at: DateTime<Utc>,
    body: &str,
) -> Result<(), sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query(
            "INSERT INTO reports (kind, period, generated_at, body) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (kind, period) DO UPDATE SET generated_at = excluded.generated_at, \
             body = excluded.body",
        )
        .bind(kind)
        .bind(period)
        .bind(generated_at)
        .bind(body)
        .execute(pool)
        .await?;
        Ok(())
    })
}

/// The body of a stored report.
pub async fn get(db: &Db, kind: &str, period: &str) -> Result<Option<String>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_scalar("SELECT body FROM reports WHERE kind = $1 AND period = $2")
            .bind(kind)
            .bind(period)
            .fetch_optional(pool)
            .await
    })
}

/// The newest `limit` stored reports, newest period first.
pub async fn list(db: &Db, limit: i64) -> Result<Vec<StoredReport>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT kind, period, generated_at FROM reports \
             ORDER BY generated_at DESC, kind, period LIMIT $1",
        )
        .bind(limit)
        .fetch_all(pool)
        .await
    })
}
