//! The stored service-quality figures as text, for comparing them with a rebuild.
use app::storage::Db;

/// Every stored figure row (cells that sum to zero left out: a rebuild does not write them),
/// as text, sorted.
pub async fn stored_figures(db: &Db) -> Vec<String> {
    use sqlx::Row;
    let columns = app::model::figures::COLUMNS.join(", ");
    let mut out: Vec<String> = app::with_pool!(db, |pool| {
        // Each running deadline carries its case's slices (migration 0015), whoever wrote it.
        let drifted: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM figure_deadlines d \
             LEFT JOIN figure_cases c ON c.ticket_id = d.ticket_id \
             WHERE c.ticket_id IS NULL OR d.department <> c.department \
             OR d.district <> c.district OR d.category <> c.category OR d.channel <> c.channel",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        assert_eq!(drifted, 0, "deadlines whose slices are not their case's");
        let mut out = Vec::new();
        for row in sqlx::query(&format!(
            "SELECT slice, key, day, {columns} FROM figure_days"
        ))
        .fetch_all(pool)
        .await
        .unwrap()
        {
            let counts: Vec<i64> = (3..3 + app::model::figures::COLUMN_COUNT)
                .map(|i| row.get::<i64, _>(i))
                .collect();
            if counts.iter().any(|n| *n != 0) {
                out.push(format!(
                    "day {} {} {} {counts:?}",
                    row.get::<String, _>(0),
                    row.get::<String, _>(1),
                    row.get::<String, _>(2)
                ));
            }
        }
        for row in sqlx::query(
            "SELECT ticket_id, department, district, street, category, channel, received_day, \
             accepted FROM figure_cases",
        )
        .fetch_all(pool)
        .await
        .unwrap()
        {
            out.push(format!(
                "case {} {} {} {} {} {} {} {}",
                row.get::<i64, _>(0),
                row.get::<String, _>(1),
                row.get::<String, _>(2),
                row.get::<String, _>(3),
                row.get::<String, _>(4),
                row.get::<String, _>(5),
                row.get::<String, _>(6),
                row.get::<bool, _>(7)
            ));
        }
        // The monthly counts per place (migration 0016), those moved to zero left out.
        for row in sqlx::query(
            "SELECT month, category, district, street, cases FROM figure_places WHERE cases <> 0",
        )
        .fetch_all(pool)
        .await
        .unwrap()
        {
            out.push(format!(
                "place {} {} {} {} {}",
                row.get::<String, _>(0),
                row.get::<String, _>(1),
                row.get::<String, _>(2),
                row.get::<String, _>(3),
                row.get::<i64, _>(4)
            ));
        }
        for row in sqlx::query(
            "SELECT ticket_id, deadline, due, day, department, district, category, channel \
             FROM figure_deadlines",
        )
        .fetch_all(pool)
        .await
        .unwrap()
        {
            out.push(format!(
                "deadline {} {} {} {} {} {} {} {}",
                row.get::<i64, _>(0),
                row.get::<String, _>(1),
                row.get::<chrono::DateTime<chrono::Utc>, _>(2).to_rfc3339(),
                row.get::<String, _>(3),
                row.get::<String, _>(4),
                row.get::<String, _>(5),
                row.get::<String, _>(6),
                row.get::<String, _>(7)
            ));
        }
        out
    });
    out.sort();
    out
}
