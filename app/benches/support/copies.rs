//! Copies of the seeded cases, for a database of a million without a million production writes.
use super::{settle, Seeder};
use app::model::TicketNo;
use app::storage::Db;

/// The columns of a ticket a copy takes over unchanged (all but its id, number, code hash and
/// join handle).
const TICKET_COLUMNS: &str = "kind, category, district, street, address, latitude, longitude, \
     description, contact_name, contact_phone, confidential, publish_consent, channel, \
     created_at, status, department, reply_due, hand_back_due, clock_runs, handed_back, \
     extension_pending, supervised, supervision_due, version, updated_at, level, rating_due, \
     rating, closed_unrated, replied_at, supporters";

/// Grows a seeded database `factor` times: every case seeded through the production path is
/// copied `factor - 1` times, with its events and photo rows, under a new number of the same
/// day (sequence + 1000 × copy) and the code hash of that number. The production path writes
/// about 400 cases a second on SQLite; copies go in by the thousand in one statement. (`CROSS
/// JOIN … WHERE`, which both engines read as a join, makes SQLite walk the copy list first
/// whatever its statistics say; left to choose, it scanned every event for every copy.)
/// Returns every ticket number, the seeded ones first.
pub async fn multiply(
    seeder: &Seeder,
    db: &Db,
    base: Vec<TicketNo>,
    factor: usize,
) -> Vec<TicketNo> {
    use sqlx::Row;
    assert!(base.len() / 340 < 1000, "at most 1000 seeded cases a day");
    let ids: std::collections::HashMap<String, i64> = app::with_pool!(db, |pool| {
        sqlx::query("SELECT id, ticket_no FROM tickets")
            .fetch_all(pool)
            .await
            .unwrap()
            .into_iter()
            .map(|row| (row.get::<String, _>(1), row.get::<i64, _>(0)))
            .collect()
    });
    let mut numbers = base.clone();
    app::with_pool!(db, |pool| {
        sqlx::query(
            "CREATE TABLE copy_map (base_id BIGINT NOT NULL, copy_no TEXT NOT NULL, \
             code_hash TEXT NOT NULL, join_handle TEXT NOT NULL)",
        )
        .execute(pool)
        .await
        .unwrap();
    });
    for copy in 1..factor {
        let mut rows = Vec::with_capacity(base.len());
        for no in &base {
            let (day, sequence) = no.as_str().split_once('-').unwrap();
            let sequence: u32 = sequence.parse().unwrap();
            let copied =
                TicketNo::parse(&format!("{day}-{:06}", sequence + 1000 * copy as u32)).unwrap();
            let hash = seeder.codes.hash(&copied, &seeder.code);
            rows.push((ids[no.as_str()], copied.as_str().to_string(), hash));
            numbers.push(copied);
        }
        app::with_pool!(db, |pool| {
            let mut tx = pool.begin().await.unwrap();
            for chunk in rows.chunks(1000) {
                let mut insert = sqlx::QueryBuilder::new(
                    "INSERT INTO copy_map (base_id, copy_no, code_hash, join_handle) ",
                );
                insert.push_values(chunk, |mut b, (id, no, hash)| {
                    b.push_bind(*id)
                        .push_bind(no)
                        .push_bind(hash)
                        .push_bind(format!("{no}.{copy}"));
                });
                insert.build().execute(&mut *tx).await.unwrap();
            }
            for statement in [
                format!(
                    "INSERT INTO tickets (ticket_no, code_hash, join_handle, {TICKET_COLUMNS}) \
                     SELECT m.copy_no, m.code_hash, m.join_handle, {} \
                     FROM copy_map m CROSS JOIN tickets b WHERE b.id = m.base_id \
                     ORDER BY m.base_id",
                    TICKET_COLUMNS
                        .split(", ")
                        .map(|c| format!("b.{}", c.trim()))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                "INSERT INTO ticket_events (ticket_id, kind, actor, public, note, at, role, data) \
                 SELECT c.id, e.kind, e.actor, e.public, e.note, e.at, e.role, e.data \
                 FROM copy_map m CROSS JOIN tickets c CROSS JOIN ticket_events e \
                 WHERE c.ticket_no = m.copy_no AND e.ticket_id = m.base_id ORDER BY c.id, e.id"
                    .to_string(),
                "INSERT INTO ticket_photos (ticket_id, position, display_key, thumb_key, width, \
                 height, original_sha256, phash) \
                 SELECT c.id, p.position, p.display_key, p.thumb_key, p.width, p.height, \
                 p.original_sha256, p.phash \
                 FROM copy_map m CROSS JOIN tickets c CROSS JOIN ticket_photos p \
                 WHERE c.ticket_no = m.copy_no AND p.ticket_id = m.base_id"
                    .to_string(),
                "DELETE FROM copy_map".to_string(),
            ] {
                sqlx::query(&statement).execute(&mut *tx).await.unwrap();
            }
            tx.commit().await.unwrap();
        });
    }
    app::with_pool!(db, |pool| {
        sqlx::query("DROP TABLE copy_map")
            .execute(pool)
            .await
            .unwrap();
        // New cases of a seeded day get numbers after the copies'.
        sqlx::query("UPDATE ticket_counters SET last = last + $1")
            .bind(1000 * (factor as i64 - 1))
            .execute(pool)
            .await
            .unwrap();
    });
    settle(db).await;
    numbers
}
