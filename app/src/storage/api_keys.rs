//! Storage of the Open311 keys (migration 0017).
use super::Db;
use chrono::{DateTime, Utc};

/// A key as listed (never the key itself: only its hash is stored).
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct KeyRow {
    pub id: i64,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Stores a new key; `false` if the name is taken.
pub async fn create(
    db: &Db,
    name: &str,
    key_hash: &str,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let n = sqlx::query(
            "INSERT INTO api_keys (name, key_hash, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (name) WHERE revoked_at IS NULL DO NOTHING",
        )
        .bind(name)
        .bind(key_hash)
        .bind(at)
        .execute(pool)
        .await?
        .rows_affected();
        Ok(n == 1)
    })
}

pub async fn list(db: &Db) -> Result<Vec<KeyRow>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as("SELECT id, name, created_at, revoked_at FROM api_keys ORDER BY name")
            .fetch_all(pool)
            .await
    })
}

/// Revokes the named key; `false` if there is no such key or it was revoked already.
pub async fn revoke(db: &Db, name: &str, at: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let n = sqlx::query(
            "UPDATE api_keys SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL",
        )
        .bind(at)
        .bind(name)
        .execute(pool)
        .await?
        .rows_affected();
        Ok(n == 1)
    })
}

/// The live key with this hash: (id, name).
pub async fn find(db: &Db, key_hash: &str) -> Result<Option<(i64, String)>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as("SELECT id, name FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL")
            .bind(key_hash)
            .fetch_optional(pool)
            .await
    })
}
