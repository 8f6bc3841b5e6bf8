//! Rebuilding every stored figure from the events.
use super::{add_cells, put_cases, put_deadlines, recount_places, StoredCase};
use crate::model::figures::{Cell, Deadline, Slice};
use crate::storage::{Conn, Db};
use chrono::{DateTime, NaiveDate, Utc};

/// A case to rebuild the figures of: its row's slices and its events.
pub struct CaseToRebuild {
    pub id: i64,
    pub category: String,
    pub district: String,
    pub street: String,
    pub channel: String,
    /// Confirmed as a repeat of an earlier case.
    pub repeat: bool,
    pub events: Vec<crate::storage::cases::EventRecord>,
}

#[derive(sqlx::FromRow)]
struct RebuildRow {
    id: i64,
    category: String,
    district: String,
    street: String,
    channel: String,
    repeat: bool,
}

/// Replaces every stored figure: `compute` is given the cases in id order, a page at a time,
/// and returns what to store of each; the day cells are summed in memory and written last.
/// One transaction: readers see the old figures or the new, never a part. Writers of figures
/// (every event) wait until it commits: SQLite has one writer; on PostgreSQL the figure tables
/// are locked against writes first, so that an event can neither deadlock with the rebuild
/// nor slip a change in between its reads.
pub async fn rebuild<F>(db: &Db, page: i64, mut compute: F) -> Result<u64, sqlx::Error>
where
    F: FnMut(&CaseToRebuild) -> (StoredCase, Vec<Cell>, Vec<(Deadline, DateTime<Utc>)>),
{
    let postgres = matches!(db.pool, crate::storage::Pool::Postgres(_));
    crate::with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        if postgres {
            sqlx::query(
                "LOCK TABLE figure_cases, figure_days, figure_deadlines, figure_places \
                 IN SHARE ROW EXCLUSIVE MODE",
            )
            .execute(&mut *tx)
            .await?;
        }
        for table in ["figure_deadlines", "figure_days", "figure_cases"] {
            sqlx::query(&format!("DELETE FROM {table}"))
                .execute(&mut *tx)
                .await?;
        }
        let mut days: std::collections::BTreeMap<
            (Slice, String, NaiveDate),
            crate::model::figures::Columns,
        > = Default::default();
        let (mut after, mut cases) = (i64::MIN, 0u64);
        loop {
            let rows: Vec<RebuildRow> = sqlx::query_as(
                "SELECT id, category, district, street, channel, EXISTS (SELECT 1 FROM \
                 repeat_links l WHERE l.status = 'confirmed' AND l.ticket_id = tickets.id) \
                 AS repeat FROM tickets WHERE id > $1 ORDER BY id LIMIT $2",
            )
            .bind(after)
            .bind(page)
            .fetch_all(&mut *tx)
            .await?;
            let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
                break;
            };
            let events: Vec<crate::storage::cases::TicketEvent> = sqlx::query_as(
                "SELECT ticket_id, kind, data, actor, role, public, note, at FROM ticket_events \
                 WHERE ticket_id >= $1 AND ticket_id <= $2 ORDER BY ticket_id, id",
            )
            .bind(first.id)
            .bind(last.id)
            .fetch_all(&mut *tx)
            .await?;
            after = last.id;
            let mut events = events.into_iter().peekable();
            let mut stored = Vec::with_capacity(rows.len());
            for row in rows {
                let mut case = CaseToRebuild {
                    id: row.id,
                    category: row.category,
                    district: row.district,
                    street: row.street,
                    channel: row.channel,
                    repeat: row.repeat,
                    events: Vec::new(),
                };
                while let Some(e) = events.next_if(|e| e.ticket_id <= case.id) {
                    if e.ticket_id == case.id {
                        case.events.push(e.record);
                    }
                }
                let (row, cells, deadlines) = compute(&case);
                for (key, columns) in cells {
                    let entry = days.entry(key).or_default();
                    for (a, b) in entry.iter_mut().zip(columns) {
                        *a += b;
                    }
                }
                stored.push((case.id, row, deadlines));
            }
            cases += stored.len() as u64;
            let rows: Vec<(i64, &StoredCase)> = stored.iter().map(|(id, c, _)| (*id, c)).collect();
            put_cases(Conn::from(&mut *tx), &rows).await?;
            for (id, case, deadlines) in &stored {
                put_deadlines(Conn::from(&mut *tx), *id, case, deadlines).await?;
            }
        }
        let cells: Vec<Cell> = days
            .into_iter()
            .filter(|(_, c)| c.iter().any(|n| *n != 0))
            .collect();
        add_cells(Conn::from(&mut *tx), &cells).await?;
        recount_places(Conn::from(&mut *tx)).await?;
        tx.commit().await?;
        Ok(cases)
    })
}
