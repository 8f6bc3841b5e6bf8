//! Staff queue and case-detail timings against 200 000 tickets across departments and states,
//! and the citizen follow-through on the same data: repeat detection for a new case, the open
//! cases near a report, a public board page, the rating sweep.
//! `cargo bench -p app --features ssr --bench staff_queues` (`SEED_COUNT` to change the size,
//! `SEED_DATABASE_URL=postgres://…` for an empty PostgreSQL database instead of an SQLite file).
//! Cases are seeded as in `support` (production insert and append). Then every queue page (with the
//! counts of all of the role's tabs) and the case detail are timed through the services.
use app::i18n::Locale;
use app::model::board::BoardFilter;
use app::model::queue::Queue;
use app::model::staff::Role;
use app::model::TicketNo;
use app::services::{case_detail, queues, AppState};
use app::storage::photos::PhotoStore;
use std::sync::Arc;
use std::time::Instant;

#[path = "support/mod.rs"]
mod support;
use support::Timing;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let count = support::seed_count(200_000);
    let dir = tempfile_dir();
    let (db, url) = support::open(&dir.join("minsheng.db")).await;
    let start = Instant::now();
    // Replies left unrated stay waiting: the rating sweep is timed below.
    let seeder = Arc::new(support::Seeder {
        sweep: false,
        ..support::Seeder::new(b"bench-secret")
    });
    let seeding = support::seed_many(seeder.clone(), &db, count).await;
    let (numbers, events_written) = (seeding.numbers, seeding.events);
    // A replied case (i % 10 == 9) among the seeded ones, and its department.
    let i = seeding.seeded / 20 * 10 + 9;
    let sample = (
        numbers[i].clone(),
        seeder.city.departments[i % seeder.city.departments.len()]
            .code
            .clone(),
    );
    println!(
        "seeded {count} tickets and {} events in {:.1} s ({} departments) into {}",
        count + events_written,
        start.elapsed().as_secs_f64(),
        seeder.city.departments.len(),
        app::storage::redacted_url(&url)
    );
    let city = seeder.city.clone();
    let calendar = seeder.calendar.clone();
    let codes = seeder.codes.clone();
    let limits = seeder.limits;

    let state = AppState::offline(
        db.clone(),
        PhotoStore::open(dir.join("photos")).unwrap(),
        city,
        calendar,
        limits,
        codes,
    );
    let (case_no, department) = sample;
    let staff = support::staff;
    let now = support::now();
    let mut worst: f64 = 0.0;
    println!("queue pages (one page of 50 plus the counts of every tab of the role), 20 runs each after a cold one:");
    for role in [Role::Operator, Role::Handler, Role::Head, Role::Supervisor] {
        let who = staff(role, role.has_department().then_some(department.as_str()));
        for &q in Queue::for_role(role) {
            let label = format!("{} / {}", role.code(), q.code());
            let t = Timing::of(async || {
                queues::queue_page(&state, &who, Some(q), 0, Locale::Zh, now)
                    .await
                    .unwrap()
            })
            .await;
            worst = worst.max(t.report(&label, true));
        }
    }
    println!("single queries (page of 50, and count), 20 runs each:");
    for q in Queue::ALL {
        let dept = q.is_departmental().then_some(department.as_str());
        let t = Timing::of(async || {
            let rows = app::storage::queues::queue(&db, q, dept, now, 51, 0)
                .await
                .unwrap();
            (
                rows,
                app::storage::queues::queue_count(&db, q, dept, now)
                    .await
                    .unwrap(),
            )
        })
        .await;
        t.report(q.code(), false);
    }
    println!("case detail (ticket, events, photos, contact log, fold, actions), 20 runs:");
    let no = TicketNo::parse(case_no.as_str()).unwrap();
    let operator = staff(Role::Operator, None);
    let t = Timing::of(async || {
        case_detail::detail(&state, &operator, &no, false, Locale::Zh, now)
            .await
            .unwrap()
    })
    .await;
    worst = worst.max(t.report(&format!("detail of {no}"), true));
    println!("citizen follow-through, 20 runs each:");
    // A new case from the sample's reporter at its place: repeat detection reads the last
    // 30 days by mobile, by category around the position and by street.
    let row = app::storage::cases::by_ticket_no(&db, no.as_str())
        .await
        .unwrap()
        .unwrap();
    let t = Timing::of(async || app::services::repeats::detect(&state, &row).await.unwrap()).await;
    worst = worst.max(t.report("repeat detection for a case", true));
    let position = row
        .latitude
        .zip(row.longitude)
        .map(|(latitude, longitude)| app::model::position::Position {
            latitude,
            longitude,
        });
    let t = Timing::of(async || {
        app::services::followup::nearby(
            &state,
            &row.category,
            &row.district,
            &row.street,
            position,
            now,
        )
        .await
        .unwrap()
    })
    .await;
    worst = worst.max(t.report("open cases near a report", true));
    for (label, filter) in [
        ("public board, first page", BoardFilter::default()),
        (
            "public board, district + month",
            BoardFilter {
                district: Some(row.district.clone()),
                month: app::model::board::Month::parse("2026-06"),
                ..BoardFilter::default()
            },
        ),
    ] {
        let t = Timing::of(async || {
            app::services::board::page(&state, &filter, 0)
                .await
                .unwrap()
        })
        .await;
        worst = worst.max(t.report(label, true));
    }
    let overdue: i64 = app::with_pool!(&db, |pool| {
        sqlx::query_scalar("SELECT COUNT(*) FROM tickets WHERE rating_due <= $1")
            .bind(now)
            .fetch_one(pool)
            .await
            .unwrap()
    });
    let start = Instant::now();
    let closed = app::services::followup::close_unrated(&state, now)
        .await
        .unwrap();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "  rating sweep: {closed} of {overdue} overdue replies closed as not rated in {secs:.1} s ({:.2} ms each)",
        secs * 1000.0 / closed.max(1) as f64
    );
    println!("worst page: {worst:.2} ms (target < 50 ms)");
    if std::env::var_os("KEEP_BENCH_DB").is_some() {
        println!("database kept: {}", app::storage::redacted_url(&url));
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("minsheng-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
