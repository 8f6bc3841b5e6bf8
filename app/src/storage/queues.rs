//! The work queues of the staff console: one SQL filter and order per queue over the
//! projection columns that `cases::append` keeps current.
use super::Db;
use chrono::{DateTime, NaiveDate, Utc};

/// One line of a queue.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct QueueRow {
    pub ticket_no: String,
    pub kind: String,
    pub category: String,
    pub district: String,
    pub summary: String,
    pub status: String,
    pub department: Option<String>,
    pub created_at: DateTime<Utc>,
    pub reply_due: Option<DateTime<Utc>>,
    pub handed_back: bool,
    pub extension_pending: bool,
    pub supervised: bool,
    pub supervision_due: Option<NaiveDate>,
    pub level: i64,
}

// An order on a column that can be NULL names the NULLs' place (`… IS NULL, …`): SQLite puts
// NULLs first, PostgreSQL last; both sort FALSE before TRUE.

/// Every queue query binds the department as `$1` and the time as `$2`, whether its filter
/// needs them or not; this always-true term mentions both so the binds always match.
const BOTH_PARAMS: &str = "($1 IS NULL OR $1 IS NOT NULL) AND ($2 IS NULL OR $2 IS NOT NULL)";

/// The SQL of one queue: `WHERE` and `ORDER BY`, with `$1` the department and `$2` now.
/// Each is served by an index of migration 0002 (see `bench/` for the timings).
pub fn queue_sql(queue: crate::model::queue::Queue) -> (&'static str, &'static str) {
    use crate::model::queue::Queue as Q;
    match queue {
        Q::New => ("status = 'submitted'", "created_at, id"),
        Q::ToDispatch => ("status = 'accepted'", "created_at, id"),
        Q::ToHandle => (
            "department = $1 AND clock_runs = TRUE AND status <> 'reply_drafted'",
            "reply_due, id",
        ),
        Q::AwaitingApproval => (
            "department = $1 AND status = 'reply_drafted'",
            "reply_due, id",
        ),
        Q::FollowUp => (
            "department = $1 AND status IN ('replied', 'followed_up')",
            "updated_at, id",
        ),
        Q::DepartmentOverdue => (
            "department = $1 AND clock_runs = TRUE AND reply_due <= $2",
            "reply_due, id",
        ),
        Q::DepartmentSupervised => (
            "department = $1 AND supervised = TRUE",
            "supervision_due, id",
        ),
        Q::Overdue => ("clock_runs = TRUE AND reply_due <= $2", "reply_due, id"),
        Q::Extensions => ("extension_pending = TRUE", "reply_due, id"),
        // The 督办 list: supervised cases and those still unsatisfied after the last level.
        Q::Supervised => (
            "(supervised = TRUE OR status = 'unresolved')",
            "supervision_due IS NULL, supervision_due, id",
        ),
        Q::Reopened => ("level > 0 AND clock_runs = TRUE", "reply_due, id"),
        Q::Rating => ("rating_due IS NOT NULL", "rating_due, id"),
        Q::Repeats => (
            "id IN (SELECT ticket_id FROM repeat_links WHERE status = 'pending')",
            "created_at, id",
        ),
        Q::Snaps => (
            "id IN (SELECT ticket_id FROM snaps WHERE verdict IS NULL)",
            "created_at, id",
        ),
    }
}

pub async fn queue(
    db: &Db,
    queue: crate::model::queue::Queue,
    department: Option<&str>,
    now: DateTime<Utc>,
    limit: i64,
    offset: i64,
) -> Result<Vec<QueueRow>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let (filter, order) = queue_sql(queue);
        let sql = format!(
            "SELECT ticket_no, kind, category, district, substr(description, 1, 60) AS summary, \
             status, department, created_at, reply_due, handed_back, extension_pending, supervised, \
             supervision_due, level FROM tickets WHERE {BOTH_PARAMS} AND {filter} ORDER BY {order} LIMIT $3 OFFSET $4"
        );
        sqlx::query_as(&sql)
            .bind(department)
            .bind(now)
            .bind(limit)
            .bind(offset)
            .fetch_all(pool)
            .await
    })
}

pub async fn queue_count(
    db: &Db,
    queue: crate::model::queue::Queue,
    department: Option<&str>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let (filter, _) = queue_sql(queue);
        let sql = format!("SELECT COUNT(*) FROM tickets WHERE {BOTH_PARAMS} AND {filter}");
        sqlx::query_scalar(&sql)
            .bind(department)
            .bind(now)
            .fetch_one(pool)
            .await
    })
}
