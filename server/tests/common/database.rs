//! The test servers' databases: a fresh PostgreSQL database per data directory when the suite
//! runs under `.ci/with-postgres` (`MINSHENG_TEST_POSTGRES`), the SQLite file otherwise; and
//! reading them straight, beside the running server.
use super::server::{on_own_runtime, TestServer};
use app::storage::{Db, Pool};
use sqlx::Connection;

impl TestServer {
    /// The database URL of a data directory: on PostgreSQL a fresh database made for it the
    /// first time (its URL kept in the directory), otherwise the SQLite file inside it.
    pub fn database_of(data: &std::path::Path) -> String {
        let Ok(admin) = std::env::var("MINSHENG_TEST_POSTGRES") else {
            return format!("sqlite://{}", data.join("minsheng.db").display());
        };
        let kept = data.join("test-database-url");
        if let Ok(url) = std::fs::read_to_string(&kept) {
            return url;
        }
        let name = format!("minsheng_test_{}", hex::encode(rand::random::<[u8; 8]>()));
        let create = format!("CREATE DATABASE {name}");
        on_own_runtime(move || async move {
            let mut conn = sqlx::PgConnection::connect(&admin)
                .await
                .expect("PostgreSQL");
            sqlx::raw_sql(&create)
                .execute(&mut conn)
                .await
                .expect("create database");
        });
        let admin = std::env::var("MINSHENG_TEST_POSTGRES").unwrap();
        let url = match admin.rfind('/') {
            Some(slash) => format!("{}/{name}", &admin[..slash]),
            None => panic!("MINSHENG_TEST_POSTGRES={admin} names no database"),
        };
        std::fs::write(&kept, &url).expect("keep database url");
        url
    }

    /// The database, read-only where the engine allows (SQLite), beside the running server.
    pub async fn database(&self) -> Db {
        Self::database_in(&self.database_url, true).await
    }

    /// The database, writable, beside the running server (for tests that write rows directly).
    pub async fn writable_database(&self) -> Db {
        Self::database_in(&self.database_url, false).await
    }

    async fn database_in(url: &str, read_only: bool) -> Db {
        let pool = if url.starts_with("postgres") {
            Pool::Postgres(sqlx::PgPool::connect(url).await.expect("open database"))
        } else {
            let url = if read_only {
                format!("{url}?mode=ro")
            } else {
                url.to_string()
            };
            Pool::Sqlite(
                sqlx::SqlitePool::connect(&url)
                    .await
                    .expect("open database"),
            )
        };
        Db { pool }
    }

    /// One time read straight from the database (`None`: no row, or NULL).
    pub async fn time(&self, sql: &str, binds: &[&str]) -> Option<chrono::DateTime<chrono::Utc>> {
        let db = self.database().await;
        let t = app::with_pool!(db, |pool| {
            let mut query = sqlx::query_scalar(sql);
            for b in binds {
                query = query.bind(*b);
            }
            query.fetch_optional(pool).await.expect("query").flatten()
        });
        db.close().await;
        t
    }

    /// Text values read straight from the database (one column).
    pub async fn texts(&self, sql: &str) -> Vec<String> {
        let db = self.database().await;
        let out = app::with_pool!(db, |pool| sqlx::query_scalar(sql)
            .fetch_all(pool)
            .await
            .expect("query"));
        db.close().await;
        out
    }

    /// Changes the database file directly (of a stopped server, or beside a running one).
    pub async fn execute_in(data: &std::path::Path, sql: &str) {
        let db = Self::database_in(&Self::database_of(data), false).await;
        app::with_pool!(db, |pool| {
            sqlx::raw_sql(sql).execute(pool).await.expect("statement");
        });
        db.close().await;
    }

    /// Rows in a table, read straight from the database file.
    pub async fn count(&self, table: &str) -> i64 {
        self.scalar(&format!("SELECT COUNT(*) FROM {table}"), &[])
            .await
    }

    /// The events recorded for one ticket.
    pub async fn events_of(&self, ticket_no: &str) -> i64 {
        self.scalar(
            "SELECT COUNT(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id \
             WHERE t.ticket_no = $1",
            &[ticket_no],
        )
        .await
    }

    /// One number read straight from the database file.
    pub async fn scalar(&self, sql: &str, binds: &[&str]) -> i64 {
        let db = self.database().await;
        let n: i64 = app::with_pool!(db, |pool| {
            let mut query = sqlx::query_scalar(sql);
            for b in binds {
                query = query.bind(*b);
            }
            query.fetch_one(pool).await.expect("query")
        });
        db.close().await;
        n
    }
}
