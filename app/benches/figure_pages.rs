//! The service-quality figure pages (issue 14, item 7: any page for any period over 1 000 000
//! tickets in < 1 s) against `SEED_COUNT` tickets (default 200 000) seeded as in `support`
//! over 340 days of 2026, through the services, and the stored reads each page is made of.
//! `cargo bench -p app --features ssr --bench figure_pages` (`SEED_DATABASE_URL=postgres://…`
//! for an empty PostgreSQL database instead of an SQLite file). `FIGURES_DB=path` keeps the
//! seeded SQLite file there and, when it exists, times it again without seeding (ignored with
//! `SEED_DATABASE_URL`).
use app::i18n::Locale;
use app::model::figures::{NamedPeriod, Slice};
use app::model::staff::Role;
use app::services::AppState;
use app::storage::figures as stored;
use app::storage::photos::PhotoStore;
use app::storage::Db;
use std::sync::Arc;
use std::time::Instant;

#[path = "support/mod.rs"]
mod support;
use support::Timing;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let count = support::seed_count(200_000);
    // A kept SQLite file, unless the run is on another database.
    let kept = std::env::var_os("FIGURES_DB")
        .filter(|_| std::env::var_os("SEED_DATABASE_URL").is_none())
        .map(std::path::PathBuf::from);
    let dir = std::env::temp_dir().join(format!("minsheng-figures-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let seeder = Arc::new(support::Seeder::new(b"bench-secret"));
    let db = match &kept {
        Some(path) if path.exists() => {
            let db = Db::open_with(&format!("sqlite://{}", path.display()), Some(8))
                .await
                .expect("kept database");
            println!("timing the kept database {}", path.display());
            db
        }
        _ => {
            let file = kept.clone().unwrap_or_else(|| dir.join("minsheng.db"));
            let (db, url) = support::open(&file).await;
            let start = Instant::now();
            support::seed_many(seeder.clone(), &db, count).await;
            println!(
                "seeded {count} tickets in {:.1} s into {}",
                start.elapsed().as_secs_f64(),
                app::storage::redacted_url(&url)
            );
            db
        }
    };
    let department = seeder.city.departments[0].code.clone();
    let state = AppState::offline(
        db.clone(),
        PhotoStore::open(dir.join("photos")).unwrap(),
        seeder.city.clone(),
        seeder.calendar.clone(),
        seeder.limits,
        seeder.codes.clone(),
    );
    let staff = support::staff;
    let now = support::now();
    println!("figure pages (issue 14; target < 1 s), 20 runs each after a cold one:");
    let supervisor = staff(Role::Supervisor, None);
    let head = staff(Role::Head, Some(department.as_str()));
    let mut worst: f64 = 0.0;
    for (who, label, period, by) in [
        (&supervisor, "supervisor", "2026-W48", "department"),
        (&supervisor, "supervisor", "2026-11", "department"),
        (&supervisor, "supervisor", "2026-11", "group"),
        (&supervisor, "supervisor", "2026-Q4", "category"),
        (&supervisor, "supervisor", "2026", "department"),
        (&supervisor, "supervisor", "2026", "district"),
        (
            &supervisor,
            "supervisor",
            "2025-12-01..2026-12-31",
            "channel",
        ),
        (&head, "department head", "2026-11", "department"),
        (&head, "department head", "2026", "department"),
    ] {
        let t = Timing::of(async || {
            app::services::figures::page(&state, who, Some(period), Some(by), None, Locale::Zh, now)
                .await
                .unwrap()
        })
        .await;
        worst = worst.max(t.report(&format!("{label}, {period} by {by}"), false));
    }
    let month = app::model::board::Month::parse("2026-11");
    let t = Timing::of(async || {
        app::services::figures::public(&state, month, Locale::Zh, now)
            .await
            .unwrap()
    })
    .await;
    worst = worst.max(t.report("public figures, 2026-11", false));
    println!("worst figure page: {worst:.2} ms (target < 1000 ms)");
    println!("the stored reads a page is made of, 20 runs each:");
    let year = NamedPeriod::parse("2026").unwrap().period;
    let november = NamedPeriod::parse("2026-11").unwrap().period;
    for slice in [Slice::All, Slice::Department, Slice::Category] {
        let t = Timing::of(async || {
            stored::days(&db, slice, year.first, year.last)
                .await
                .unwrap()
        })
        .await;
        t.report(&format!("days of 2026, {}", slice.code()), false);
        let t = Timing::of(async || {
            stored::passed_deadlines(&db, slice, year.first, year.last, now)
                .await
                .unwrap()
        })
        .await;
        t.report(
            &format!("passed deadlines of 2026, {}", slice.code()),
            false,
        );
    }
    // Places: whole months from the monthly counts, the days around them from the cases.
    let mid_year = NamedPeriod::parse("2025-12-15..2026-12-14").unwrap().period;
    for (label, p) in [
        ("2026-11", november),
        ("2026", year),
        ("2025-12-15..2026-12-14", mid_year),
    ] {
        let t = Timing::of(async || stored::places(&db, p.first, p.last).await.unwrap()).await;
        t.report(&format!("places of {label}"), false);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
