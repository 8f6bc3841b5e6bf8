//! One-time codes sent to mobiles (one live code per mobile, bound to its purpose) and the
//! per-mobile daily counters of requests and failed entries, which outlive the codes.
//! Every count is one conditional statement, so requests at the same moment cannot pass a
//! cap between a read and a write.
use super::Db;
use chrono::{DateTime, Utc};

/// Counts a request for a code if the mobile is under `max_per_day` today and its last
/// request is at least `resend_ms` old. `Ok(true)`: counted. Requests at the same moment may
/// arrive with their times out of order: the last request time only moves forward, and with
/// no resend wait (`resend_ms` 0) an earlier time is not "too soon".
pub async fn count_request(
    db: &Db,
    mobile: &str,
    day: &str,
    now_ms: i64,
    resend_ms: i64,
    max_per_day: i64,
) -> Result<bool, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let counted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO code_counters (mobile, day, requests, failures, last_request) \
             SELECT $1, $2, 1, 0, $3 WHERE $5 > 0 \
             ON CONFLICT (mobile, day) DO UPDATE SET requests = code_counters.requests + 1, \
             last_request = CASE WHEN code_counters.last_request > $3 \
               THEN code_counters.last_request ELSE $3 END \
             WHERE code_counters.requests < $5 \
             AND ($4 <= 0 OR code_counters.last_request <= $3 - $4) \
             RETURNING requests",
        )
        .bind(mobile)
        .bind(day)
        .bind(now_ms)
        .bind(resend_ms)
        .bind(max_per_day)
        .fetch_optional(pool)
        .await?;
        Ok(counted.is_some())
    })
}

/// Today's counts of a mobile: (requests, failures, last request in unix ms).
pub async fn counts(db: &Db, mobile: &str, day: &str) -> Result<(i64, i64, i64), sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let row: Option<(i64, i64, i64)> = sqlx::query_as(
            "SELECT requests, failures, last_request FROM code_counters WHERE mobile = $1 AND day = $2",
        )
        .bind(mobile)
        .bind(day)
        .fetch_optional(pool)
        .await?;
        Ok(row.unwrap_or((0, 0, 0)))
    })
}

/// Takes one of the mobile's failed entries for today in advance (`false`: none left); a
/// matching code gives it back with `return_failure`.
pub async fn take_failure(
    db: &Db,
    mobile: &str,
    day: &str,
    max_per_day: i64,
) -> Result<bool, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let taken: Option<i64> = sqlx::query_scalar(
            "INSERT INTO code_counters (mobile, day, requests, failures, last_request) \
             SELECT $1, $2, 0, 1, 0 WHERE $3 > 0 \
             ON CONFLICT (mobile, day) DO UPDATE SET failures = code_counters.failures + 1 \
             WHERE code_counters.failures < $3 \
             RETURNING failures",
        )
        .bind(mobile)
        .bind(day)
        .bind(max_per_day)
        .fetch_optional(pool)
        .await?;
        Ok(taken.is_some())
    })
}

pub async fn return_failure(db: &Db, mobile: &str, day: &str) -> Result<(), sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query(
            "UPDATE code_counters SET failures = failures - 1 \
             WHERE mobile = $1 AND day = $2 AND failures > 0",
        )
        .bind(mobile)
        .bind(day)
        .execute(pool)
        .await?;
        Ok(())
    })
}

/// Stores a new code for a mobile, replacing any earlier one.
pub async fn put(
    db: &Db,
    mobile: &str,
    purpose: &str,
    code_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query(
            "INSERT INTO mobile_codes (mobile, purpose, code_hash, attempts, sent_at, expires_at) \
             VALUES ($1, $2, $3, 0, $4, $5) ON CONFLICT (mobile) DO UPDATE SET \
             purpose = excluded.purpose, code_hash = excluded.code_hash, attempts = 0, \
             sent_at = excluded.sent_at, expires_at = excluded.expires_at",
        )
        .bind(mobile)
        .bind(purpose)
        .bind(code_hash)
        .bind(now)
        .bind(expires_at)
        .execute(pool)
        .await?;
        Ok(())
    })
}

/// Takes one of the live code's attempts (for `purpose`, unexpired, fewer than `max_attempts`
/// taken) and returns its stored hash to compare with; `None`: no attempt left.
pub async fn take_attempt(
    db: &Db,
    mobile: &str,
    purpose: &str,
    now: DateTime<Utc>,
    max_attempts: i64,
) -> Result<Option<String>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_scalar(
            "UPDATE mobile_codes SET attempts = attempts + 1 \
             WHERE mobile = $1 AND purpose = $2 AND expires_at > $3 AND attempts < $4 \
             RETURNING code_hash",
        )
        .bind(mobile)
        .bind(purpose)
        .bind(now)
        .bind(max_attempts)
        .fetch_optional(pool)
        .await
    })
}

/// Uses the code up inside the caller's transaction: `false` if it was used or expired
/// meanwhile (the caller then changes nothing). A used code lifts the wait before the next
/// request (registering, then giving payout details at once); only the code's holder can.
pub async fn use_up(
    conn: super::Conn<'_>,
    mobile: &str,
    code_hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    crate::with_conn!(conn, |c| {
        let used = sqlx::query(
            "DELETE FROM mobile_codes WHERE mobile = $1 AND code_hash = $2 AND expires_at > $3",
        )
        .bind(mobile)
        .bind(code_hash)
        .bind(now)
        .execute(&mut *c)
        .await?
        .rows_affected()
            == 1;
        if used {
            sqlx::query("UPDATE code_counters SET last_request = 0 WHERE mobile = $1")
                .bind(mobile)
                .execute(&mut *c)
                .await?;
        }
        Ok(used)
    })
}

/// Deletes expired codes and the counters of days before `oldest_day`.
pub async fn delete_expired(
    db: &Db,
    now: DateTime<Utc>,
    oldest_day: &str,
) -> Result<(u64, u64), sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let codes = sqlx::query("DELETE FROM mobile_codes WHERE expires_at <= $1")
            .bind(now)
            .execute(pool)
            .await?
            .rows_affected();
        let counters = sqlx::query("DELETE FROM code_counters WHERE day < $1")
            .bind(oldest_day)
            .execute(pool)
            .await?
            .rows_affected();
        Ok((codes, counters))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::temp_db::TempDb;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn parallel_requests_and_failures_never_pass_the_daily_caps() {
        let temp = TempDb::new("codes").await;
        let db = temp.db.clone();
        let requests = (0..30).map(|_| {
            let db = db.clone();
            tokio::spawn(async move {
                count_request(&db, "13800000001", "2026-11-30", 1_000, 0, 5)
                    .await
                    .unwrap()
            })
        });
        let failures = (0..30).map(|_| {
            let db = db.clone();
            tokio::spawn(async move {
                take_failure(&db, "13800000001", "2026-11-30", 10)
                    .await
                    .unwrap()
            })
        });
        let (mut counted, mut taken) = (0, 0);
        for r in requests {
            counted += r.await.unwrap() as i64;
        }
        for f in failures {
            taken += f.await.unwrap() as i64;
        }
        assert_eq!((counted, taken), (5, 10));
        assert_eq!(counts(&db, "13800000001", "2026-11-30").await.unwrap().0, 5);
        // Another day and another mobile count on their own.
        assert!(count_request(&db, "13800000001", "2026-12-01", 2_000, 0, 5)
            .await
            .unwrap());
        assert!(take_failure(&db, "13800000002", "2026-11-30", 10)
            .await
            .unwrap());
        db.close().await;
    }

    #[tokio::test]
    async fn a_new_request_waits_for_the_resend_interval() {
        let temp = TempDb::new("codes").await;
        let db = temp.db.clone();
        let m = "13800000003";
        assert!(count_request(&db, m, "d", 10_000, 60_000, 5).await.unwrap());
        assert!(!count_request(&db, m, "d", 69_999, 60_000, 5).await.unwrap());
        assert!(count_request(&db, m, "d", 70_000, 60_000, 5).await.unwrap());
        assert_eq!(counts(&db, m, "d").await.unwrap().0, 2);
        // A cap of 0 sends nothing.
        assert!(!count_request(&db, "13800000004", "d", 1, 0, 0)
            .await
            .unwrap());
        db.close().await;
    }
}
