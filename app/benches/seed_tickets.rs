//! Fills a database with N tickets through the production insert path, for load tests.
//! `SEED_DB=path SEED_COUNT=100000 SEED_SECRET=... cargo bench -p app --features ssr --bench seed_tickets`
//! Writes the ticket numbers (one per line) to `$SEED_DB.tickets`; every ticket's code is TRACKME2.
use app::model::{City, QueryCode};
use app::services::CodeHasher;
use app::storage::Db;
use chrono::{Duration, NaiveDate, Utc};

#[path = "support/mod.rs"]
mod support;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let path = std::env::var("SEED_DB").unwrap_or_else(|_| "bench/out/lookup.db".into());
    let count: usize = std::env::var("SEED_COUNT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let secret = std::env::var("SEED_SECRET").expect("SEED_SECRET");
    let city: City = toml::from_str(include_str!("../city/demo-city.toml")).unwrap();
    let _ = std::fs::remove_file(&path);
    let db = Db::open(&format!("sqlite://{path}")).await.unwrap();
    // Seeding speed only: the server reopens the file with synchronous=FULL.
    sqlx::query("PRAGMA synchronous=OFF")
        .execute(support::sqlite(&db))
        .await
        .unwrap();
    let codes = CodeHasher::new(secret.as_bytes());
    let code = QueryCode::parse("TRACKME2").unwrap();
    let start = std::time::Instant::now();
    let mut numbers = String::new();
    let first_day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    for i in 0..count {
        let day = first_day + Duration::days((i / 1000) as i64);
        let (no, _) = support::insert_seed(&db, &city, &codes, &code, i, Utc::now(), day).await;
        numbers.push_str(no.as_str());
        numbers.push('\n');
    }
    std::fs::write(format!("{path}.tickets"), numbers).unwrap();
    println!(
        "seeded {count} tickets in {:.1} s",
        start.elapsed().as_secs_f64()
    );
}
