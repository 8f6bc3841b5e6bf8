//! Storage (server only): the database and the photo files. Services call these; pages and
//! server functions never do.
pub mod board;
pub mod case_photos;
pub mod cases;
pub mod codes;
pub mod followup;
pub mod payouts;
pub mod photos;
pub mod queues;
pub mod repeats;
pub mod reporters;
pub mod rewards;
pub mod sessions;
pub mod staff;
#[cfg(test)]
pub(crate) mod temp_db;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::str::FromStr;
use std::time::Duration;

/// Latitude/longitude bounds (lat min, lat max, lon min, lon max) that contain nothing: for
/// queries whose "within this box" branch does not apply.
pub const NO_BOX: (f64, f64, f64, f64) = (1.0, -1.0, 1.0, -1.0);

/// The database. SQLite file by default; the URL decides.
#[derive(Clone, Debug)]
pub struct Db {
    pub pool: SqlitePool,
}

impl Db {
    /// Opens (creating if missing) and migrates the database: WAL, `synchronous=FULL`,
    /// foreign keys on.
    pub async fn open(url: &str) -> Result<Db, sqlx::Error> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            // An embedded file has no connection to lose: skip the ping before each query.
            .test_before_acquire(false)
            .max_connections(8)
            .min_connections(1)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Db { pool })
    }
}
