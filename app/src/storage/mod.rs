//! Storage (server only): the database and the photo files. Services call these; pages and
//! server functions never do.
pub mod api_keys;
pub mod backup;
pub mod board;
pub mod case_photos;
pub mod cases;
pub mod codes;
pub mod figures;
pub mod followup;
pub mod help;
pub mod intake_keys;
pub mod leases;
pub mod lookup;
pub mod notices;
pub mod outbox;
pub mod payouts;
pub mod photos;
pub mod queues;
pub mod repeats;
pub mod reporters;
pub mod reports;
pub mod rewards;
pub mod sessions;
pub mod staff;
#[cfg(test)]
pub(crate) mod temp_db;
pub mod transfer;

use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, SqliteConnection, SqlitePool};
use std::str::FromStr;
use std::time::Duration;

/// `$1, $2, …, $n`: the parameters of an `IN` list of `n` values.
pub fn in_list(n: usize) -> String {
    in_list_from(1, n)
}

/// `n` placeholders numbered from `first`: "$3, $4" (after other parameters).
pub fn in_list_from(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Latitude/longitude bounds (lat min, lat max, lon min, lon max) that contain nothing: for
/// queries whose "within this box" branch does not apply.
pub const NO_BOX: (f64, f64, f64, f64) = (1.0, -1.0, 1.0, -1.0);

/// The database: an embedded SQLite file (the default) or a PostgreSQL server, chosen by the
/// URL. Every storage function is written once: `with_pool!` compiles its body for each engine,
/// so both run the same SQL (numbered `$1` parameters, standard SQL both engines accept) and
/// read the same row types. Where the engines differ, the difference is in `Engine`.
#[derive(Clone, Debug)]
pub struct Db {
    pub pool: Pool,
}

/// The connection pool of the engine in use.
#[derive(Clone, Debug)]
pub enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Which engine a database runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    /// The engine a database URL names: `postgres://` or `postgresql://` is PostgreSQL,
    /// anything else SQLite.
    pub fn of_url(url: &str) -> Engine {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Engine::Postgres
        } else {
            Engine::Sqlite
        }
    }
}

/// A connection inside a caller's transaction, for storage functions that take part in one.
pub enum Conn<'a> {
    Sqlite(&'a mut SqliteConnection),
    Postgres(&'a mut PgConnection),
}

impl<'a> From<&'a mut SqliteConnection> for Conn<'a> {
    fn from(c: &'a mut SqliteConnection) -> Self {
        Conn::Sqlite(c)
    }
}

impl<'a> From<&'a mut PgConnection> for Conn<'a> {
    fn from(c: &'a mut PgConnection) -> Self {
        Conn::Postgres(c)
    }
}

/// `with_pool!(db, |pool| body)`: runs `body` with `pool` bound to the database's pool. The
/// body is compiled once per engine (the same text, two types), which is how one storage
/// function serves both engines. (Written like a closure so that rustfmt formats the body;
/// `return` and `?` in it leave the enclosing function.)
#[macro_export]
macro_rules! with_pool {
    ($db:expr, |$pool:ident| $body:expr) => {
        match &$db.pool {
            $crate::storage::Pool::Sqlite($pool) => $body,
            $crate::storage::Pool::Postgres($pool) => $body,
        }
    };
}

/// `with_conn!(conn, |c| body)`: `with_pool!` for a `Conn` inside a caller's transaction.
#[macro_export]
macro_rules! with_conn {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::storage::Conn::Sqlite($c) => $body,
            $crate::storage::Conn::Postgres($c) => $body,
        }
    };
}

/// The URL with its password (if any, in the user part or as a `password=` parameter)
/// replaced by `***`, for messages and logs.
pub fn redacted_url(url: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let base = match base.find("://").map(|i| i + 3) {
        Some(scheme_end) => {
            let rest = &base[scheme_end..];
            let authority_end = rest.find('/').unwrap_or(rest.len());
            match rest[..authority_end].rfind('@') {
                Some(at) => match rest[..at].find(':') {
                    Some(colon) => format!(
                        "{}{}:***{}",
                        &base[..scheme_end],
                        &rest[..colon],
                        &rest[at..]
                    ),
                    None => base.to_string(),
                },
                None => base.to_string(),
            }
        }
        None => base.to_string(),
    };
    match query {
        Some(q) => {
            let q: Vec<String> = q
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
                    _ => pair.to_string(),
                })
                .collect();
            format!("{base}?{}", q.join("&"))
        }
        None => base,
    }
}

/// Connections a PostgreSQL pool keeps at most unless `MINSHENG_DB_CONNECTIONS` says.
pub const DEFAULT_PG_CONNECTIONS: u32 = 16;
/// Connections an SQLite pool keeps at most unless `MINSHENG_DB_CONNECTIONS` says: each is a
/// thread of its own; readers run side by side (WAL), writers one at a time.
pub const DEFAULT_SQLITE_CONNECTIONS: u32 = 8;

impl Db {
    /// Opens and migrates the database the URL names. SQLite: the file is created if missing,
    /// with WAL, `synchronous=FULL`, foreign keys on. PostgreSQL: the database must exist;
    /// the schema is created or brought up to date (`migrations/postgres`).
    pub async fn open(url: &str) -> Result<Db, sqlx::Error> {
        Self::open_with(url, None).await
    }

    /// `open` with at most `connections` in the pool (`None`: the engine's default).
    pub async fn open_with(url: &str, connections: Option<u32>) -> Result<Db, sqlx::Error> {
        match Engine::of_url(url) {
            Engine::Sqlite => {
                Self::open_sqlite(url, connections.unwrap_or(DEFAULT_SQLITE_CONNECTIONS)).await
            }
            Engine::Postgres => {
                let options = PgConnectOptions::from_str(url)?;
                // One connection first: a pool that cannot connect only says it timed out,
                // this says why (refused, no such database, password).
                PgConnection::connect_with(&options).await?.close().await?;
                let pool = PgPoolOptions::new()
                    .max_connections(connections.unwrap_or(DEFAULT_PG_CONNECTIONS).max(1))
                    .min_connections(1)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(options)
                    .await?;
                sqlx::migrate!("./migrations/postgres").run(&pool).await?;
                Ok(Db {
                    pool: Pool::Postgres(pool),
                })
            }
        }
    }

    async fn open_sqlite(url: &str, connections: u32) -> Result<Db, sqlx::Error> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            // Reads through a memory map of the file (up to SQLite's 2 GiB maximum) instead
            // of a read() call per page, and a larger page cache per connection (32 MiB, as
            // used): lookups at a million cases, 2 600 -> 3 140 per second (bench/run lookup).
            .pragma("mmap_size", "2147418112")
            .pragma("cache_size", "-32768");
        let pool = SqlitePoolOptions::new()
            // An embedded file has no connection to lose: skip the ping before each query.
            .test_before_acquire(false)
            .max_connections(connections.max(1))
            .min_connections(1)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        Ok(Db {
            pool: Pool::Sqlite(pool),
        })
    }

    /// The engine this database runs on.
    pub fn engine(&self) -> Engine {
        match self.pool {
            Pool::Sqlite(_) => Engine::Sqlite,
            Pool::Postgres(_) => Engine::Postgres,
        }
    }

    /// Closes every connection (waits for those in use).
    pub async fn close(&self) {
        with_pool!(self, |pool| pool.close().await)
    }
}

#[cfg(test)]
mod url_tests {
    use super::redacted_url;

    #[test]
    fn a_database_password_never_reaches_a_message() {
        assert_eq!(
            redacted_url("postgres://minsheng:s3cr3t@db.example:5432/minsheng"),
            "postgres://minsheng:***@db.example:5432/minsheng"
        );
        assert_eq!(
            redacted_url("postgres://minsheng@127.0.0.1/minsheng?sslmode=disable"),
            "postgres://minsheng@127.0.0.1/minsheng?sslmode=disable"
        );
        assert_eq!(
            redacted_url("sqlite://data/minsheng.db"),
            "sqlite://data/minsheng.db"
        );
        assert_eq!(
            redacted_url("postgres://u:p%40ss@h/d"),
            "postgres://u:***@h/d"
        );
    }
}

#[cfg(test)]
mod sqlite_build_tests {
    use super::temp_db::TempDb;

    /// `.cargo/config.toml` builds the bundled SQLite without STAT4 (with it, an `ANALYZE`d
    /// database compiles the lookup's statement again on every lookup) and without allocation
    /// statistics (a process-wide mutex on every allocation).
    #[tokio::test]
    async fn lookups_on_an_analyzed_database_reuse_their_compiled_statements() {
        let temp = TempDb::new("compile-options").await;
        let options: Vec<String> = crate::with_pool!(&temp.db, |pool| {
            sqlx::query_scalar("PRAGMA compile_options")
                .fetch_all(pool)
                .await
        })
        .expect("compile options");
        assert!(
            !options.iter().any(|o| o.starts_with("ENABLE_STAT4")),
            "SQLite built with STAT4: {options:?}"
        );
        assert!(
            options.iter().any(|o| o == "DEFAULT_MEMSTATUS=0"),
            "SQLite keeps memory statistics: {options:?}"
        );
    }
}
