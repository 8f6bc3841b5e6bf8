//! `server migrate --to postgres://…`: moving an embedded deployment's database into an
//! empty PostgreSQL database, checked table by table (rows and checksums) before it is called
//! done. Photos stay where they are (the data directory's `photos/`).
use crate::storage::transfer::{self, TableCopy, TransferError};
use crate::storage::{redacted_url, Db, Engine, Pool};

#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error("the source is not an embedded (SQLite) database: nothing to migrate")]
    NotEmbedded,
    #[error("--to must be a PostgreSQL URL (postgres://USER:PASSWORD@HOST:PORT/DB)")]
    NotPostgres,
    #[error("target database {url}: {error}")]
    Target {
        url: String,
        #[source]
        error: sqlx::Error,
    },
    #[error(transparent)]
    Transfer(#[from] TransferError),
    /// The copy does not match its source (reported per table; the target should be dropped).
    #[error("the copy does not match its source: {0}")]
    Mismatch(String),
}

/// Copies every table of `source` into the empty PostgreSQL database at `target_url` (its
/// schema is created first) and checks every table's row count and checksum.
pub async fn to_postgres(source: &Db, target_url: &str) -> Result<Vec<TableCopy>, MigrateError> {
    let Pool::Sqlite(from) = &source.pool else {
        return Err(MigrateError::NotEmbedded);
    };
    if Engine::of_url(target_url) != Engine::Postgres {
        return Err(MigrateError::NotPostgres);
    }
    let target = Db::open(target_url)
        .await
        .map_err(|error| MigrateError::Target {
            url: redacted_url(target_url),
            error,
        })?;
    let Pool::Postgres(to) = &target.pool else {
        return Err(MigrateError::NotPostgres);
    };
    let copies = transfer::copy_all(from, to).await;
    target.close().await;
    let copies = copies?;
    let wrong: Vec<String> = copies
        .iter()
        .filter(|c| !c.faithful())
        .map(|c| {
            format!(
                "{}: {} rows → {} rows, checksum {:016x} → {:016x}",
                c.table, c.source_rows, c.target_rows, c.source_sum, c.target_sum
            )
        })
        .collect();
    if !wrong.is_empty() {
        return Err(MigrateError::Mismatch(wrong.join("; ")));
    }
    Ok(copies)
}
