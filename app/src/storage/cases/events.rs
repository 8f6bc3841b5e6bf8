//! A case's stored events (table `ticket_events`, append-only): one case's, or several cases'
//! in one read.
use super::Db;
use chrono::{DateTime, Utc};

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

/// A stored event with its case.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TicketEvent {
    pub ticket_id: i64,
    #[sqlx(flatten)]
    pub record: EventRecord,
}

/// The events of several cases in one read, each case's oldest first.
pub async fn events_of(db: &Db, ids: &[i64]) -> Result<Vec<TicketEvent>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    crate::with_pool!(db, |pool| {
        let sql = format!(
            "SELECT ticket_id, kind, data, actor, role, public, note, at FROM ticket_events \
             WHERE ticket_id IN ({}) ORDER BY ticket_id, id",
            crate::storage::in_list(ids.len())
        );
        let mut q = sqlx::query_as(&sql);
        for id in ids {
            q = q.bind(*id);
        }
        q.fetch_all(pool).await
    })
}

pub async fn events(db: &Db, ticket_id: i64) -> Result<Vec<EventRecord>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT kind, data, actor, role, public, note, at FROM ticket_events \
             WHERE ticket_id = $1 ORDER BY id",
        )
        .bind(ticket_id)
        .fetch_all(pool)
        .await
    })
}
