//! The staff side of tickets: the full case with its history, appending events together with
//! the queue projection of the new state, and the queue queries.
use super::Db;
use chrono::{DateTime, NaiveDate, Utc};

/// A ticket as staff see it (contact details included: the service decides who gets them).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CaseRow {
    pub id: i64,
    pub ticket_no: String,
    pub kind: String,
    pub category: String,
    pub district: String,
    pub street: String,
    pub address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub description: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub confidential: bool,
    pub publish_consent: bool,
    /// Citizens who joined the case (附议).
    pub supporters: i64,
    pub channel: String,
    pub created_at: DateTime<Utc>,
    pub version: i64,
}

/// One stored event.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EventRecord {
    pub kind: String,
    /// JSON of `model::workflow::Event`.
    pub data: String,
    pub actor: String,
    pub role: Option<String>,
    pub public: bool,
    pub note: String,
    pub at: DateTime<Utc>,
}

pub async fn by_ticket_no(db: &Db, ticket_no: &str) -> Result<Option<CaseRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, ticket_no, kind, category, district, street, address, latitude, longitude, \
         description, contact_name, contact_phone, confidential, publish_consent, supporters, \
         channel, created_at, version FROM tickets WHERE ticket_no = $1",
    )
    .bind(ticket_no)
    .fetch_optional(&db.pool)
    .await
}

/// The ticket's events, oldest first.
pub async fn events(db: &Db, ticket_id: i64) -> Result<Vec<EventRecord>, sqlx::Error> {
    sqlx::query_as(
        "SELECT kind, data, actor, role, public, note, at FROM ticket_events \
         WHERE ticket_id = $1 ORDER BY id",
    )
    .bind(ticket_id)
    .fetch_all(&db.pool)
    .await
}

/// The queue columns of a ticket: a copy of its folded state.
#[derive(Clone, Debug, PartialEq)]
pub struct Projection {
    pub status: &'static str,
    pub department: Option<String>,
    pub reply_due: Option<DateTime<Utc>>,
    pub hand_back_due: Option<DateTime<Utc>>,
    pub clock_runs: bool,
    pub handed_back: bool,
    pub extension_pending: bool,
    pub supervised: bool,
    pub supervision_due: Option<NaiveDate>,
    pub level: u8,
    pub rating_due: Option<DateTime<Utc>>,
    pub rating: Option<&'static str>,
    pub closed_unrated: bool,
    pub replied_at: Option<DateTime<Utc>>,
}

#[derive(Debug, thiserror::Error)]
pub enum AppendError {
    /// Someone else changed the case since it was read.
    #[error("the case changed meanwhile")]
    Conflict,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Appends an event and updates the projection in one transaction, provided the case still
/// has `expected_version` events.
pub async fn append(
    db: &Db,
    ticket_id: i64,
    expected_version: i64,
    event: &EventRecord,
    projection: &Projection,
) -> Result<(), AppendError> {
    let mut tx = db.pool.begin().await?;
    let updated = sqlx::query(
        "UPDATE tickets SET status = $1, department = $2, reply_due = $3, hand_back_due = $4, \
         clock_runs = $5, handed_back = $6, extension_pending = $7, supervised = $8, \
         supervision_due = $9, version = version + 1, updated_at = $10, level = $13, \
         rating_due = $14, rating = $15, closed_unrated = $16, replied_at = $17 \
         WHERE id = $11 AND version = $12",
    )
    .bind(projection.status)
    .bind(&projection.department)
    .bind(projection.reply_due)
    .bind(projection.hand_back_due)
    .bind(projection.clock_runs)
    .bind(projection.handed_back)
    .bind(projection.extension_pending)
    .bind(projection.supervised)
    .bind(projection.supervision_due)
    .bind(event.at)
    .bind(ticket_id)
    .bind(expected_version)
    .bind(i64::from(projection.level))
    .bind(projection.rating_due)
    .bind(projection.rating)
    .bind(projection.closed_unrated)
    .bind(projection.replied_at)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated != 1 {
        return Err(AppendError::Conflict);
    }
    sqlx::query(
        "INSERT INTO ticket_events (ticket_id, kind, data, actor, role, public, note, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(ticket_id)
    .bind(&event.kind)
    .bind(&event.data)
    .bind(&event.actor)
    .bind(&event.role)
    .bind(event.public)
    .bind(&event.note)
    .bind(event.at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

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
            "supervision_due, id",
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
        .fetch_all(&db.pool)
        .await
}

pub async fn queue_count(
    db: &Db,
    queue: crate::model::queue::Queue,
    department: Option<&str>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let (filter, _) = queue_sql(queue);
    let sql = format!("SELECT COUNT(*) FROM tickets WHERE {BOTH_PARAMS} AND {filter}");
    sqlx::query_scalar(&sql)
        .bind(department)
        .bind(now)
        .fetch_one(&db.pool)
        .await
}
