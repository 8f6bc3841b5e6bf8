//! Fills a database with N cases that look real, for the load tests: through the production
//! insert and append, one in ten new, the others accepted, dispatched, handed back, replied,
//! rated…; one in three with photo rows. From 100 000 cases up, one in a hundred is written that
//! way and copied (`SEED_FACTOR`).
//! `SEED_DATABASE_URL=sqlite://path|postgres://… SEED_COUNT=1000000 SEED_SECRET=…
//!  cargo bench -p app --features ssr --bench seed_tickets`
//! Writes the ticket numbers (one per line) to `SEED_TICKETS`; every case's code is TRACKME2.
use std::sync::Arc;

#[path = "support/mod.rs"]
mod support;

#[tokio::main]
async fn main() {
    let count = support::seed_count(100_000);
    let secret = std::env::var("SEED_SECRET").expect("SEED_SECRET");
    let tickets = std::env::var("SEED_TICKETS").unwrap_or_else(|_| "bench/out/tickets".into());
    let (db, url) = support::open(std::path::Path::new("bench/out/lookup.db")).await;
    let start = std::time::Instant::now();
    let seeder = Arc::new(support::Seeder::new(secret.as_bytes()));
    let seeding = support::seed_many(seeder, &db, count).await;
    let mut text = String::with_capacity(count * 16);
    for no in &seeding.numbers {
        text.push_str(no.as_str());
        text.push('\n');
    }
    std::fs::write(&tickets, text).unwrap();
    println!(
        "seeded {count} cases ({} through the production path, the others copied) and {} later \
         events in {:.0} s into {}",
        seeding.seeded,
        seeding.events,
        start.elapsed().as_secs_f64(),
        app::storage::redacted_url(&url)
    );
}
