//! The supervisor's totals (ratings, unrated closings, confirmed repeats per department) are
//! running totals kept by database triggers (migration 0010). Whatever is written to the rows
//! they count, in any order, they equal a count of those rows: checked after every one of
//! hundreds of random writes, on the suite's engine (SQLite, and PostgreSQL in its pass).
use crate::common;

use app::storage::Db;
use common::staff::*;
use common::*;
use rand::{Rng, SeedableRng};

/// (figure, subject, n) as the triggers keep them, sorted.
async fn kept(db: &Db) -> Vec<(String, String, i64)> {
    app::with_pool!(db, |pool| sqlx::query_as(
        "SELECT figure, subject, n FROM case_totals ORDER BY figure, subject"
    )
    .fetch_all(pool)
    .await
    .expect("totals"))
}

/// The same figures counted from the rows.
async fn recounted(db: &Db) -> Vec<(String, String, i64)> {
    app::with_pool!(db, |pool| sqlx::query_as(
        "SELECT figure, subject, n FROM ( \
           SELECT 'rating' AS figure, rating AS subject, COUNT(*) AS n FROM tickets \
             WHERE rating IS NOT NULL GROUP BY rating \
           UNION ALL SELECT 'closed_unrated', '', COUNT(*) FROM tickets WHERE closed_unrated \
             HAVING COUNT(*) > 0 \
           UNION ALL SELECT 'confirmed_repeat', COALESCE(department, ''), COUNT(*) \
             FROM repeat_links WHERE status = 'confirmed' GROUP BY COALESCE(department, '') \
         ) counted ORDER BY figure, subject"
    )
    .fetch_all(pool)
    .await
    .expect("recount"))
}

async fn run(db: &Db, sql: &str, binds: &[Option<String>]) {
    app::with_pool!(db, |pool| {
        let mut q = sqlx::query(sql);
        for b in binds {
            q = q.bind(b.clone());
        }
        q.execute(pool).await.expect(sql);
    });
}

#[tokio::test]
async fn the_supervisors_totals_equal_a_recount_after_any_sequence_of_writes() {
    let server = demo_server(&[]);
    for _ in 0..6 {
        let (status, body) = submit(&server, form(fields(), vec![])).await;
        created(status, &body);
    }
    let db = server.writable_database().await;
    let ids: Vec<i64> = app::with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT id FROM tickets ORDER BY id"
    )
    .fetch_all(pool)
    .await
    .unwrap());
    assert!(ids.len() >= 6);
    let ratings = [None, Some("satisfied"), Some("basic"), Some("unsatisfied")];
    let departments = [None, Some("dept-water"), Some("dept-urban")];
    let statuses = ["pending", "confirmed", "dismissed"];
    let mut rng = rand::rngs::StdRng::seed_from_u64(13);
    // The demo data and the same mobile six times: possible repeats linked already.
    let mut links: Vec<(i64, i64)> = app::with_pool!(db, |pool| sqlx::query_as(
        "SELECT ticket_id, earlier_id FROM repeat_links"
    )
    .fetch_all(pool)
    .await
    .unwrap());
    assert!(!links.is_empty());
    let (mut confirmed_seen, mut rated_seen) = (0, 0);
    for step in 0..300 {
        let ticket = ids[rng.random_range(0..ids.len())].to_string();
        let what = rng.random_range(0..4);
        match what {
            // The projection update every append makes (same columns, any values).
            0 => {
                let rating = ratings[rng.random_range(0..ratings.len())].map(String::from);
                let unrated = rating.is_none() && rng.random_bool(0.5);
                rated_seen += usize::from(rating.is_some());
                run(
                    &db,
                    &format!(
                        "UPDATE tickets SET rating = $1, closed_unrated = {unrated} \
                         WHERE id = CAST($2 AS BIGINT)"
                    ),
                    &[rating, Some(ticket)],
                )
                .await;
            }
            // A new possible repeat, in any state and of any department.
            1 => {
                let earlier = ids[rng.random_range(0..ids.len())];
                let key = (ticket.parse().unwrap(), earlier);
                if key.0 == earlier || links.contains(&key) {
                    continue;
                }
                links.push(key);
                let status = statuses[rng.random_range(0..statuses.len())];
                let department = departments[rng.random_range(0..departments.len())];
                run(
                    &db,
                    "INSERT INTO repeat_links (ticket_id, earlier_id, reasons, department, status) \
                     VALUES (CAST($1 AS BIGINT), CAST($2 AS BIGINT), 'mobile', $3, $4)",
                    &[
                        Some(ticket),
                        Some(earlier.to_string()),
                        department.map(String::from),
                        Some(status.into()),
                    ],
                )
                .await;
            }
            // A decision on a link, or its department changed.
            2 if !links.is_empty() => {
                let (t, e) = links[rng.random_range(0..links.len())];
                let status = statuses[rng.random_range(0..statuses.len())];
                confirmed_seen += usize::from(status == "confirmed");
                let department = departments[rng.random_range(0..departments.len())];
                run(
                    &db,
                    "UPDATE repeat_links SET status = $1, department = $2 \
                     WHERE ticket_id = CAST($3 AS BIGINT) AND earlier_id = CAST($4 AS BIGINT)",
                    &[
                        Some(status.into()),
                        department.map(String::from),
                        Some(t.to_string()),
                        Some(e.to_string()),
                    ],
                )
                .await;
            }
            3 if !links.is_empty() => {
                let (t, e) = links.swap_remove(rng.random_range(0..links.len()));
                run(
                    &db,
                    "DELETE FROM repeat_links \
                     WHERE ticket_id = CAST($1 AS BIGINT) AND earlier_id = CAST($2 AS BIGINT)",
                    &[Some(t.to_string()), Some(e.to_string())],
                )
                .await;
            }
            _ => continue,
        }
        assert_eq!(kept(&db).await, recounted(&db).await, "after step {step}");
    }
    assert!(
        rated_seen > 20 && confirmed_seen > 10,
        "the walk exercised the totals"
    );

    let totals = recounted(&db).await;
    assert_eq!(kept(&db).await, totals);

    // What the supervisor's page shows is those totals.
    let supervisor = sign_in(&server, "supervisor").await;
    let stats = supervisor_stats(&server, &supervisor).await;
    let count = |figure: &str| -> i64 {
        totals
            .iter()
            .filter(|(f, ..)| f == figure)
            .map(|(.., n)| n)
            .sum()
    };
    assert_eq!(
        stats.ratings.iter().map(|(_, n)| n).sum::<i64>(),
        count("rating")
    );
    assert_eq!(stats.not_rated, count("closed_unrated"));
    assert_eq!(
        stats
            .repeats_by_department
            .iter()
            .map(|(_, n)| n)
            .sum::<i64>(),
        count("confirmed_repeat")
    );
    db.close().await;
}
