//! A consistent copy of an embedded (SQLite) database while it serves: `VACUUM INTO` reads one
//! snapshot and writes a compact new file, without stopping writers for long.
use super::{Db, Pool};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error("backups copy an embedded (SQLite) database; back a PostgreSQL server up with its own tools (pg_dump, or base backups with WAL archiving)")]
    NotEmbedded,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Writes a consistent copy of the database to `file` (which must not exist).
pub async fn copy_into(db: &Db, file: &Path) -> Result<(), CopyError> {
    let Pool::Sqlite(pool) = &db.pool else {
        return Err(CopyError::NotEmbedded);
    };
    sqlx::query("VACUUM INTO $1")
        .bind(file.to_string_lossy().as_ref())
        .execute(pool)
        .await?;
    Ok(())
}

/// What a copied database holds, read back from the copy: whether SQLite finds it intact,
/// its case count and every photo key its cases refer to.
pub struct CopyContents {
    pub intact: bool,
    pub cases: i64,
    pub photo_keys: Vec<String>,
}

pub async fn contents(file: &Path) -> Result<CopyContents, sqlx::Error> {
    let url = format!("sqlite://{}?mode=ro", file.display());
    let pool = sqlx::SqlitePool::connect(&url).await?;
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&pool)
        .await?;
    let cases: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tickets")
        .fetch_one(&pool)
        .await?;
    let photo_keys = sqlx::query_scalar(
        "SELECT display_key FROM ticket_photos UNION SELECT thumb_key FROM ticket_photos",
    )
    .fetch_all(&pool)
    .await?;
    pool.close().await;
    Ok(CopyContents {
        intact: check == "ok",
        cases,
        photo_keys,
    })
}
