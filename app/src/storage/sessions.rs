//! Sessions of both kinds of account (staff, reporters) and the sign-in throttle: one
//! implementation over the two session tables (the accounts themselves stay in their own
//! tables: `staff`, `reporters`).
use super::Db;
use chrono::{DateTime, Utc};

/// Which account table a session belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Staff,
    Reporter,
}

impl Kind {
    /// The table of its sessions and the column naming the account (fixed names, never input).
    fn table(self) -> (&'static str, &'static str) {
        match self {
            Kind::Staff => ("staff_sessions", "staff_id"),
            Kind::Reporter => ("reporter_sessions", "reporter_id"),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Kind::Staff => "staff",
            Kind::Reporter => "reporter",
        }
    }
}

pub async fn create(
    db: &Db,
    kind: Kind,
    token_hash: &str,
    account_id: i64,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let (table, column) = kind.table();
        sqlx::query(&format!(
            "INSERT INTO {table} (token_hash, {column}, created_at, expires_at) VALUES ($1, $2, $3, $4)"
        ))
        .bind(token_hash)
        .bind(account_id)
        .bind(now)
        .bind(expires_at)
        .execute(pool)
        .await?;
        Ok(())
    })
}

/// The account behind a session that has not expired.
pub async fn account_of(
    db: &Db,
    kind: Kind,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let (table, column) = kind.table();
        sqlx::query_scalar(&format!(
            "SELECT {column} FROM {table} WHERE token_hash = $1 AND expires_at > $2"
        ))
        .bind(token_hash)
        .bind(now)
        .fetch_optional(pool)
        .await
    })
}

pub async fn delete(db: &Db, kind: Kind, token_hash: &str) -> Result<(), sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let (table, _) = kind.table();
        sqlx::query(&format!("DELETE FROM {table} WHERE token_hash = $1"))
            .bind(token_hash)
            .execute(pool)
            .await?;
        Ok(())
    })
}

/// Ends every session of an account, inside the caller's transaction (a new password,
/// a disabled account).
pub async fn end_all(
    conn: super::Conn<'_>,
    kind: Kind,
    account_id: i64,
) -> Result<u64, sqlx::Error> {
    let (table, column) = kind.table();
    let sql = format!("DELETE FROM {table} WHERE {column} = $1");
    crate::with_conn!(conn, |c| Ok(sqlx::query(&sql)
        .bind(account_id)
        .execute(c)
        .await?
        .rows_affected()))
}

pub async fn delete_expired(db: &Db, kind: Kind, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let (table, _) = kind.table();
        Ok(
            sqlx::query(&format!("DELETE FROM {table} WHERE expires_at <= $1"))
                .bind(now)
                .execute(pool)
                .await?
                .rows_affected(),
        )
    })
}

/// How the per-account throttle counts (all times in milliseconds).
#[derive(Clone, Copy, Debug)]
pub struct ThrottleRule {
    /// Failures that cost no wait.
    pub free_failures: i64,
    /// The wait after the first failure beyond the free ones; it doubles with each further one.
    pub first_delay_ms: i64,
    pub max_delay_ms: i64,
    /// A count with no attempt for this long starts again from zero.
    pub forget_after_ms: i64,
}

/// Takes the account's next sign-in slot, counting the attempt as a failure in advance (a
/// success clears the count): one conditional upsert, so attempts at the same moment cannot
/// share a slot. `None`: the next slot is not open yet.
pub async fn take_slot(
    db: &Db,
    account_key: &str,
    now_ms: i64,
    rule: ThrottleRule,
) -> Result<Option<i64>, sqlx::Error> {
    // `f` is the failure count including this attempt; the wait before the next one is
    // 0 while f <= free, then first_delay * 2^(f - free - 1), at most max_delay. (Written with
    // CASE and qualified columns: SQL both engines read the same way.)
    let f = "(CASE WHEN signin_throttle.updated_at < $2 - $6 THEN 1 \
             ELSE signin_throttle.failures + 1 END)";
    let shift = format!("(CASE WHEN {f} - $3 - 1 < 30 THEN {f} - $3 - 1 ELSE 30 END)");
    let delay = format!("($4 * (CAST(1 AS BIGINT) << CAST({shift} AS INTEGER)))");
    let sql = format!(
        "INSERT INTO signin_throttle (account_key, failures, next_at, updated_at) \
         VALUES ($1, 1, $2 + CASE WHEN 1 <= $3 THEN 0 ELSE $4 END, $2) \
         ON CONFLICT (account_key) DO UPDATE SET \
           failures = {f}, \
           next_at = $2 + CASE WHEN {f} <= $3 THEN 0 WHEN {delay} < $5 THEN {delay} ELSE $5 END, \
           updated_at = $2 \
         WHERE signin_throttle.next_at <= $2 OR signin_throttle.updated_at < $2 - $6 \
         RETURNING failures"
    );
    crate::with_pool!(db, |pool| {
        sqlx::query_scalar(&sql)
            .bind(account_key)
            .bind(now_ms)
            .bind(rule.free_failures)
            .bind(rule.first_delay_ms)
            .bind(rule.max_delay_ms)
            .bind(rule.forget_after_ms)
            .fetch_optional(pool)
            .await
    })
}

/// A successful sign-in clears the account's failures.
pub async fn clear_failures(db: &Db, account_key: &str) -> Result<(), sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query("DELETE FROM signin_throttle WHERE account_key = $1")
            .bind(account_key)
            .execute(pool)
            .await?;
        Ok(())
    })
}

/// Whether the account signed in from this address since `since_ms`.
pub async fn known_address(db: &Db, address_key: &str, since_ms: i64) -> Result<bool, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM signin_addresses WHERE address_key = $1 AND last_ok_at >= $2)",
        )
        .bind(address_key)
        .bind(since_ms)
        .fetch_one(pool)
        .await
    })
}

pub async fn remember_address(db: &Db, address_key: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query(
            "INSERT INTO signin_addresses (address_key, last_ok_at) VALUES ($1, $2) \
             ON CONFLICT (address_key) DO UPDATE SET last_ok_at = excluded.last_ok_at",
        )
        .bind(address_key)
        .bind(now_ms)
        .execute(pool)
        .await?;
        Ok(())
    })
}

/// Deletes throttle counts idle since `idle_before_ms` and addresses not used since
/// `addresses_before_ms`. Returns how many rows went.
pub async fn sweep_throttle(
    db: &Db,
    idle_before_ms: i64,
    addresses_before_ms: i64,
) -> Result<u64, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let a = sqlx::query("DELETE FROM signin_throttle WHERE updated_at < $1 AND next_at < $1")
            .bind(idle_before_ms)
            .execute(pool)
            .await?
            .rows_affected();
        let b = sqlx::query("DELETE FROM signin_addresses WHERE last_ok_at < $1")
            .bind(addresses_before_ms)
            .execute(pool)
            .await?
            .rows_affected();
        Ok(a + b)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::temp_db::TempDb;

    const RULE: ThrottleRule = ThrottleRule {
        free_failures: 5,
        first_delay_ms: 1_000,
        max_delay_ms: 300_000,
        forget_after_ms: 3_600_000,
    };

    #[tokio::test]
    async fn failures_beyond_the_free_ones_wait_twice_as_long_each_time() {
        let temp = TempDb::new("sessions").await;
        let db = temp.db.clone();
        let slot = |at: i64| {
            let db = db.clone();
            async move { take_slot(&db, "k", at, RULE).await.unwrap() }
        };
        for n in 1..=6 {
            assert_eq!(slot(0).await, Some(n), "free failures, then the 6th");
        }
        // After the 6th failure: 1 s, then 2 s, 4 s, ... at most 300 s.
        assert_eq!(slot(999).await, None);
        assert_eq!(slot(1_000).await, Some(7));
        assert_eq!(slot(2_999).await, None);
        assert_eq!(slot(3_000).await, Some(8));
        assert_eq!(slot(6_999).await, None);
        assert_eq!(slot(7_000).await, Some(9));
        // From then on each wait doubles, up to the 300 s cap.
        let mut at = 7_000;
        let mut waits = Vec::new();
        for _ in 0..9 {
            let (next_at, updated_at): (i64, i64) = crate::with_pool!(db, |pool| {
                sqlx::query_as(
                    "SELECT next_at, updated_at FROM signin_throttle WHERE account_key = 'k'",
                )
                .fetch_one(pool)
                .await
                .unwrap()
            });
            assert_eq!(updated_at, at);
            waits.push((next_at - at) / 1_000);
            assert_eq!(slot(next_at - 1).await, None);
            assert!(slot(next_at).await.is_some());
            at = next_at;
        }
        assert_eq!(waits, vec![8, 16, 32, 64, 128, 256, 300, 300, 300]);
        // Another account is not held up; a success clears the count.
        assert_eq!(take_slot(&db, "other", at, RULE).await.unwrap(), Some(1));
        clear_failures(&db, "k").await.unwrap();
        assert_eq!(slot(at).await, Some(1));
        db.close().await;
    }

    #[tokio::test]
    async fn an_idle_count_is_forgotten() {
        let temp = TempDb::new("sessions").await;
        let db = temp.db.clone();
        for _ in 0..10 {
            take_slot(&db, "k", 0, RULE).await.unwrap();
        }
        assert_eq!(take_slot(&db, "k", 1, RULE).await.unwrap(), None);
        assert_eq!(
            take_slot(&db, "k", 3_600_001 + 300_000, RULE)
                .await
                .unwrap(),
            Some(1)
        );
        db.close().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn parallel_attempts_cannot_share_a_slot() {
        let temp = TempDb::new("sessions").await;
        let db = temp.db.clone();
        let attempts = (0..40).map(|_| {
            let db = db.clone();
            tokio::spawn(async move { take_slot(&db, "k", 5_000, RULE).await.unwrap() })
        });
        let mut passed = 0;
        for a in attempts {
            passed += a.await.unwrap().is_some() as i32;
        }
        assert_eq!(passed, 6, "the free failures and one more");
        db.close().await;
    }
}
