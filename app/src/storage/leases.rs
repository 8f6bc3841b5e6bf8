//! Job leases: which instance of a deployment runs a periodic job (table `job_leases`).
use super::Db;
use chrono::{DateTime, Utc};

/// Takes or renews the lease of job `name` for `holder` until `until`: `true` when `holder`
/// now holds it (it was free, had lapsed at `now`, or was already `holder`'s). One statement,
/// so two instances asking at once cannot both get it.
pub async fn take(
    db: &Db,
    name: &str,
    holder: &str,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let held: Option<String> = sqlx::query_scalar(
            "INSERT INTO job_leases (name, holder, expires_at) VALUES ($1, $2, $3) \
             ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, \
             expires_at = excluded.expires_at \
             WHERE job_leases.expires_at <= $4 OR job_leases.holder = excluded.holder \
             RETURNING holder",
        )
        .bind(name)
        .bind(holder)
        .bind(until)
        .bind(now)
        .fetch_optional(pool)
        .await?;
        Ok(held.is_some())
    })
}

#[cfg(test)]
mod tests {
    use super::take;
    use crate::storage::temp_db::TempDb;
    use chrono::{Duration, TimeZone, Utc};

    #[tokio::test]
    async fn a_lease_has_one_holder_until_it_lapses() {
        let t = TempDb::new("leases").await;
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap();
        let until = now + Duration::minutes(5);
        assert!(take(&t.db, "sweep", "a", now, until).await.unwrap());
        // Another instance does not get it while it runs, the holder renews it.
        assert!(
            !take(&t.db, "sweep", "b", now + Duration::minutes(1), until)
                .await
                .unwrap()
        );
        assert!(take(&t.db, "sweep", "a", now + Duration::minutes(1), until)
            .await
            .unwrap());
        // Another job is another lease.
        assert!(take(&t.db, "other", "b", now, until).await.unwrap());
        // Once lapsed (its holder stopped), the next instance takes it.
        assert!(
            take(&t.db, "sweep", "b", until, until + Duration::minutes(5))
                .await
                .unwrap()
        );
        assert!(
            !take(&t.db, "sweep", "a", until, until + Duration::minutes(5))
                .await
                .unwrap()
        );
    }
}
