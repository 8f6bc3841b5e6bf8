//! What the load benchmarks share: the seeded cases, written through the production insert and
//! append, with their stories (accepted, dispatched, replied, rated…), replies and photo rows.
#![allow(dead_code)] // each benchmark uses part of it
use app::model::calendar::{CalendarFile, Limits, WorkCalendar};
use app::model::workflow::{CaseState, Event, Rules};
use app::model::{City, QueryCode, ReportDraft, TicketNo};
use app::services::{cases, CodeHasher};
use app::storage::cases::{append, EventRecord, NewPhoto};
use app::storage::Db;
use chrono::{DateTime, Duration, Utc};

mod copies;
mod stories;
mod timing;
pub use copies::multiply;
use stories::{closed_story, story};
#[allow(unused_imports)] // the benchmarks that time services
pub use timing::Timing;

/// How many tickets to seed: `SEED_COUNT`, or `default`.
pub fn seed_count(default: usize) -> usize {
    std::env::var("SEED_COUNT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A staff member of `role` (in `department`) for the services the benchmarks time.
pub fn staff(
    role: app::model::staff::Role,
    department: Option<&str>,
) -> app::services::staff::Staff {
    app::services::staff::Staff {
        id: 1,
        username: role.code().into(),
        display_name: "bench".into(),
        role,
        department: department.map(String::from),
    }
}

/// The moment the benchmarks read at: after the last seeded case (2026-12-11).
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2026-12-15T02:00:00Z")
        .unwrap()
        .to_utc()
}

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

/// The demo city, its 2026 calendar and the query code every seeded case shares (TRACKME2).
pub struct Seeder {
    pub city: City,
    pub calendar: WorkCalendar,
    pub limits: Limits,
    pub codes: CodeHasher,
    pub code: QueryCode,
    /// Whether a reply left unrated past its rating window is closed as the server's sweep
    /// would have done by now (a live city's database has none waiting); off for the
    /// benchmark that times the sweep itself.
    pub sweep: bool,
}

/// One seeded case.
pub struct Seeded {
    pub no: TicketNo,
    pub department: String,
    /// Events appended after `created`.
    pub events: usize,
}

impl Seeder {
    pub fn new(secret: &[u8]) -> Seeder {
        let calendar_file: CalendarFile =
            toml::from_str(include_str!("../../calendar/cn-2026.toml")).unwrap();
        Seeder {
            city: toml::from_str(include_str!("../../city/demo-city.toml")).unwrap(),
            calendar: WorkCalendar::from_years(&calendar_file.years).unwrap(),
            limits: Limits::default(),
            codes: CodeHasher::new(secret),
            code: QueryCode::parse("TRACKME2").unwrap(),
            sweep: true,
        }
    }

    /// When the `i`-th of `count` cases was filed: spread over 2026 from 5 January, so early
    /// cases are long overdue and recent ones still running.
    pub fn created(i: usize, count: usize) -> DateTime<Utc> {
        let first: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-01-05T01:00:00Z")
            .unwrap()
            .to_utc();
        first + Duration::minutes((i as i64) * 340 * 24 * 60 / count as i64)
    }

    /// Inserts the `i`-th case as new (no events after `created`); returns its number.
    pub async fn insert(&self, db: &Db, i: usize, created: DateTime<Utc>) -> TicketNo {
        let report =
            app::model::report::validate(&seed_draft(&self.city, i), &self.city).expect("valid");
        let photos = photos(i);
        app::storage::cases::insert(
            db,
            app::storage::cases::NewCase {
                report: &report,
                day: app::model::time::beijing_date(created),
                created_at: created,
                channel: "demo",
                photos: &photos,
                snap: None,
                notices: &[],
                progress_sms: None,
                key: None,
            },
            |no| self.codes.hash(no, &self.code),
        )
        .await
        .expect("seeded case")
    }

    /// Inserts the `i`-th of `count` cases and brings it to its state through the production
    /// append, with the projection folded by the model as the service does: one in ten stays
    /// new, the others are accepted, dispatched, handed back, replied, rated…
    pub async fn seed(&self, db: &Db, i: usize, count: usize) -> Seeded {
        let created = Self::created(i, count);
        let no = self.insert(db, i, created).await;
        let department = self.city.departments[i % self.city.departments.len()]
            .code
            .clone();
        let category = seed_draft(&self.city, i).category;
        let rules = Rules {
            calendar: &self.calendar,
            limits: self.limits,
            category: &category,
        };
        let mut state = CaseState::from_events([(&Event::Created, "", created)], &rules).unwrap();
        let id = app::storage::cases::by_ticket_no(db, no.as_str())
            .await
            .unwrap()
            .expect("just inserted")
            .id;
        let mut version = 1i64;
        let mut events = 0;
        // A live city's cases older than a month are closed; the last month's are spread over
        // every state (the staff queues' work).
        let old = created + Duration::days(30) < Utc::now();
        let events_of = if old { closed_story } else { story };
        let mut story: std::collections::VecDeque<(Event, DateTime<Utc>)> =
            events_of(i, &department)
                .into_iter()
                .enumerate()
                .map(|(n, event)| (event, created + Duration::hours(n as i64 + 1)))
                .collect();
        while let Some((event, at)) = story.pop_front() {
            let note = if event.kind().needs_note() {
                "说明"
            } else {
                ""
            };
            let Ok(next) = state.apply(&event, note, at, &rules) else {
                continue;
            };
            let record = EventRecord {
                kind: event.kind().code().into(),
                data: serde_json::to_string(&event).unwrap(),
                actor: "bench".into(),
                role: Some("operator".into()),
                public: event.kind().is_public(),
                note: note.into(),
                at,
            };
            append(
                db,
                id,
                version,
                &record,
                &cases::projection(&next),
                None,
                None,
            )
            .await
            .unwrap();
            version += 1;
            events += 1;
            state = next;
            if let Some(due) = state
                .rating_due
                .filter(|due| self.sweep && *due < Utc::now())
            {
                story.push_back((Event::ClosedUnrated, due));
            }
        }
        Seeded {
            no,
            department,
            events,
        }
    }
}

/// Photo rows of the `i`-th case: one case in three has one to three photos. The keys have the
/// shape of content hashes; the pages that list photos do not read the files.
fn photos(i: usize) -> Vec<NewPhoto> {
    if !i.is_multiple_of(3) {
        return Vec::new();
    }
    (0..1 + (i / 3) % 3)
        .map(|n| {
            let key = format!("{:016x}{:016x}{:032x}", i, n, i.wrapping_mul(2_654_435_761));
            NewPhoto {
                display_key: format!("{key}.jpg"),
                thumb_key: format!("{key}.thumb.jpg"),
                width: 2048,
                height: 1536,
                original_sha256: key,
                phash: (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ n as u64,
            }
        })
        .collect()
}

/// Opens the benchmark database: `SEED_DATABASE_URL` (an SQLite file or a PostgreSQL
/// database, which must be empty) or the SQLite file `default`. SQLite seeds without waiting
/// for the disk; the server reopens the file with synchronous=FULL.
pub async fn open(default: &std::path::Path) -> (Db, String) {
    let url = std::env::var("SEED_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}", default.display()));
    if let Some(path) = url.strip_prefix("sqlite://") {
        let _ = std::fs::remove_file(path);
    }
    let db = Db::open_with(&url, Some(8))
        .await
        .expect("benchmark database");
    if let app::storage::Pool::Sqlite(pool) = &db.pool {
        // Seeding speed only (the server reopens the file with synchronous=FULL). SQLite seeds
        // with one writer, which keeps to the pool's one connection. PostgreSQL gets
        // `?options=-c%20synchronous_commit%3Doff` in its URL (bench/run adds it).
        sqlx::query("PRAGMA synchronous=OFF")
            .execute(pool)
            .await
            .unwrap();
    }
    (db, url)
}

/// Seeds `count` cases: `count / factor` through the production path, then copies
/// (`multiply`); `factor` is `SEED_FACTOR`, by default one seeded case per hundred from
/// 100 000 up.
pub async fn seed_many(seeder: std::sync::Arc<Seeder>, db: &Db, count: usize) -> Seeding {
    let factor: usize = std::env::var("SEED_FACTOR")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if count >= 100_000 { 100 } else { 1 })
        .max(1);
    // PostgreSQL takes writers in parallel; SQLite has one writer at a time.
    let tasks = match db.engine() {
        app::storage::Engine::Sqlite => 1,
        app::storage::Engine::Postgres => 4,
    };
    let (base, events) = seed_all(seeder.clone(), db, count / factor, tasks).await;
    let seeded = base.len();
    let numbers = if factor > 1 {
        multiply(&seeder, db, base, factor).await
    } else {
        base
    };
    // The seeding appended around the figures (and copied cases in SQL): computed once now,
    // as `server figures rebuild` does.
    let start = std::time::Instant::now();
    let rebuilt = app::services::figures::rebuild_db(db, &seeder.calendar, seeder.limits)
        .await
        .expect("figures rebuilt");
    println!(
        "figures rebuilt from the events of {rebuilt} cases in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    Seeding {
        numbers,
        seeded,
        events: events * factor,
    }
}

/// What `seed_many` made.
pub struct Seeding {
    /// Every ticket number, those seeded through the production path first.
    pub numbers: Vec<TicketNo>,
    /// How many went through the production path.
    pub seeded: usize,
    /// Events after `created`, copies included.
    pub events: usize,
}

/// Seeds `count` cases with `tasks` writers at once (each a contiguous range, so on distinct
/// days: the day's ticket counter is not contended), then refreshes the planner's statistics.
/// Returns the ticket numbers in order and the number of events appended.
pub async fn seed_all(
    seeder: std::sync::Arc<Seeder>,
    db: &Db,
    count: usize,
    tasks: usize,
) -> (Vec<TicketNo>, usize) {
    let mut handles = Vec::new();
    for t in 0..tasks {
        let (seeder, db) = (seeder.clone(), db.clone());
        let range = t * count / tasks..(t + 1) * count / tasks;
        handles.push(tokio::spawn(async move {
            let mut out = Vec::with_capacity(range.len());
            let mut events = 0;
            for i in range {
                let seeded = seeder.seed(&db, i, count).await;
                events += seeded.events;
                out.push(seeded.no);
            }
            (out, events)
        }));
    }
    let (mut numbers, mut events) = (Vec::with_capacity(count), 0);
    for handle in handles {
        let (part, n) = handle.await.unwrap();
        numbers.extend(part);
        events += n;
    }
    settle(db).await;
    (numbers, events)
}

/// Brings the freshly written database to the state a live one is in: planner statistics, and
/// on PostgreSQL a vacuum, which sets the visibility map that index-only scans (every queue
/// count) rely on; autovacuum does it in a live database. Without it a count of 11 600 cases
/// took 35 ms instead of 1.3 ms.
pub async fn settle(db: &Db) {
    let sql = match db.engine() {
        app::storage::Engine::Sqlite => "ANALYZE",
        app::storage::Engine::Postgres => "VACUUM (ANALYZE)",
    };
    app::with_pool!(db, |pool| {
        sqlx::query(sql).execute(pool).await.unwrap();
    });
    // Seeding leaves a WAL of hundreds of megabytes; a running portal's checkpoints keep it
    // small, so the benchmarks start from a checkpointed file.
    if db.engine() == app::storage::Engine::Sqlite {
        app::with_pool!(db, |pool| {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(pool)
                .await
                .unwrap();
        });
    }
}
