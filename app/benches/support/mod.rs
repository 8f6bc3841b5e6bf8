//! What the load benchmarks share: the seeded reports.
use app::model::{City, ReportDraft};

/// The `i`-th seeded report: kinds, categories, districts and streets taken in turn.
pub fn seed_draft(city: &City, i: usize) -> ReportDraft {
    let district = &city.districts[i % city.districts.len()];
    let group = &city.categories[(i / 3) % city.categories.len()];
    ReportDraft {
        kind: ["complaint", "help", "inquiry", "suggestion"][i % 4].into(),
        category: group.children[i % group.children.len()].code.clone(),
        district: district.code.clone(),
        street: district.streets[i % district.streets.len()].code.clone(),
        address: format!("测试路 {} 号", i % 500),
        description: format!("第 {i} 号测试诉求：路灯不亮，晚上通行不便，请尽快维修。"),
        contact_name: "测试".into(),
        contact_phone: format!("138{:08}", i),
        // A grid of about 30 × 30 km, one point every ~30 m.
        latitude: format!("{:.5}", 35.30 + (i % 1000) as f64 * 0.0003),
        longitude: format!("{:.5}", 116.45 + ((i / 1000) % 1000) as f64 * 0.0003),
        // One in three reporters agrees to publication (the public board).
        publish_consent: i.is_multiple_of(3),
        ..ReportDraft::default()
    }
}

/// Inserts the `i`-th seeded report as a new case created at `created` on `day` (Beijing),
/// with `code` as its query code; returns its number and the validated report.
pub async fn insert_seed(
    db: &app::storage::Db,
    city: &City,
    codes: &app::services::CodeHasher,
    code: &app::model::QueryCode,
    i: usize,
    created: chrono::DateTime<chrono::Utc>,
    day: chrono::NaiveDate,
) -> (app::model::TicketNo, app::model::report::ValidReport) {
    let report =
        app::model::report::validate(&seed_draft(city, i), city).expect("valid seed report");
    let no = app::storage::cases::insert(
        db,
        app::storage::cases::NewCase {
            report: &report,
            day,
            created_at: created,
            channel: "demo",
            photos: &[],
            snap: None,
        },
        |no| codes.hash(no, code),
    )
    .await
    .expect("seeded case");
    (no, report)
}

/// The SQLite pool of a benchmark database (the benchmarks seed embedded files).
pub fn sqlite(db: &app::storage::Db) -> &sqlx::SqlitePool {
    match &db.pool {
        app::storage::Pool::Sqlite(pool) => pool,
        app::storage::Pool::Postgres(_) => panic!("this benchmark seeds an SQLite file"),
    }
}
