//! Issue 14, item 6: sixty cases written by hand across 中秋, the National Day week and the
//! 调休 working Saturday of 2026 (10 October), with hand-backs, a re-assignment, extensions (one
//! approved in time, one too late), 重办 at every level, unrated replies, rejections and 督办;
//! the figures each department must show, typed by hand with the arithmetic in comments.
//!
//! Every case goes through the production path: `storage::cases::insert`, then each event
//! through `services::cases::record` (`record_as_usual`) (the workflow's checks, the events, the stored figures in
//! the same transaction); the figures are read as the pages read them
//! (`services::figures::by_key`: stored days, deadlines passed since, repeats). SQLite file in
//! a temporary directory; the shipped calendar `calendar/cn-2026.toml` and demo city.
//!
//! The calendar around the cases (W = working day, H = holiday, - = weekend):
//!   Sep 28 Mo W · 29 Tu W · 30 We W · Oct 1–7 H (国庆) · 8 Th W · 9 Fr W · 10 Sa W (调休)
//!   · 11 Su - · 12 Mo W … 16 Fr W · 17–18 - · 19 Mo W … 23 Fr W · 24–25 - · 26 Mo W … 30 Fr W
//! Deadlines: first contact by the end of the 1st working day after dispatch (响应); reply by
//! the end of the 4th (城管 and 任城区 cases, city.road-occupation) or the 2nd (水务,
//! utility.water) working day after dispatch.
#![cfg(feature = "ssr")]

#[path = "figures_by_hand/histories.rs"]
mod histories;
#[path = "figures_by_hand/rencheng.rs"]
mod rencheng;
#[path = "figures_by_hand/urban.rs"]
mod urban;
#[path = "figures_by_hand/water.rs"]
mod water;

use app::model::figures::{Figures, Period, Rate, Slice};
use app::model::workflow::{Event, RejectReason};
use app::model::{ReportDraft, TicketNo};
use app::services::cases::record_as_usual;
use app::services::AppState;
use histories::{day, t, Case, R, U, W};
use std::collections::BTreeMap;

/// The sixty cases: the comments in each file say what each adds to October's figures of its
/// department.
fn fixture() -> Vec<Case> {
    [urban::cases(), water::cases(), rencheng::cases()]
        .into_iter()
        .flatten()
        .collect()
}

async fn state(dir: &std::path::Path) -> AppState {
    let db = app::storage::Db::open(&format!("sqlite://{}", dir.join("fixture.db").display()))
        .await
        .unwrap();
    let calendar: app::model::calendar::CalendarFile =
        toml::from_str(include_str!("../calendar/cn-2026.toml")).unwrap();
    AppState::offline(
        db,
        app::storage::photos::PhotoStore::open(dir.join("photos")).unwrap(),
        toml::from_str(include_str!("../city/demo-city.toml")).unwrap(),
        app::model::calendar::WorkCalendar::from_years(&calendar.years).unwrap(),
        Default::default(),
        app::services::CodeHasher::new(b"fixture-secret"),
    )
}

fn rate(num: u64, den: u64) -> Rate {
    Rate { num, den }
}

/// Writes the fixture through the production path; returns the ticket numbers.
async fn write(state: &AppState, cases: Vec<Case>) -> Vec<TicketNo> {
    let mut numbers: Vec<TicketNo> = Vec::new();
    for (i, case) in cases.into_iter().enumerate() {
        let (Event::Created, created) = &case.events[0] else {
            panic!("case {i} starts with Created")
        };
        let draft = ReportDraft {
            kind: "complaint".into(),
            category: case.category.into(),
            district: "rencheng".into(),
            street: "rencheng-guhuai".into(),
            address: "古槐路 1 号".into(),
            description: format!("第 {i} 件：人行道被占用，行人只能走机动车道。"),
            contact_name: "市民".into(),
            contact_phone: "13805370000".into(),
            ..ReportDraft::default()
        };
        let report = app::model::report::validate(&draft, &state.city).unwrap();
        let no = app::storage::cases::insert(
            &state.db,
            app::storage::cases::NewCase {
                report: &report,
                day: app::model::time::beijing_date(*created),
                created_at: *created,
                channel: "phone",
                photos: &[],
                snap: None,
                notices: &[],
                progress_sms: None,
                key: None,
            },
            |no| no.as_str().to_string(),
        )
        .await
        .unwrap();
        for (event, at) in case.events.into_iter().skip(1) {
            let event = match event {
                Event::Rejected {
                    reason: RejectReason::Duplicate { .. },
                } => Event::Rejected {
                    reason: RejectReason::Duplicate {
                        of: numbers[0].as_str().into(),
                    },
                },
                e => e,
            };
            if let Err(e) = record_as_usual(state, &no, event.clone(), "说明", at).await {
                panic!("case {i} ({no}): {event:?} at {at} refused: {e}");
            }
        }
        numbers.push(no);
    }
    numbers
}

#[tokio::test]
async fn sixty_cases_across_the_national_day_week_give_the_figures_counted_by_hand() {
    let dir = std::env::temp_dir().join(format!("minsheng-fixture-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let state = state(&dir).await;
    let cases = fixture();
    assert_eq!(cases.len(), 60);
    write(&state, cases).await;
    let now = t("11-30 12:00");
    let october = Period {
        first: day("2026-10-01"),
        last: day("2026-10-31"),
    };
    let read = |period: Period, slice: Slice| {
        let state = state.clone();
        async move {
            app::services::figures::by_key(&state, slice, period, now)
                .await
                .unwrap()
        }
    };
    let by_department: BTreeMap<String, Figures> = read(october, Slice::Department).await;

    // 市城市管理局, October: U-a 6, U-b 2, U-c, U-d, U-e 2, U-f, U-g, U-h, U-i, U-j, U-k 6, W-f.
    let urban = Figures {
        // 24 cases less U-f (received 30 Sep) = 23.
        received: 23,
        rejected: 0,
        // All 24 settle their contact in October; late: U-e ×2 (after the 调休 Saturday),
        // U-g (none) → 21 / 24.
        response: rate(21, 24),
        // All 24 settle their first reply in October (U-f on the 12th, U-g late on the 31st,
        // U-k on the 29th); late: U-e ×2, U-g → 21 / 24.
        on_time: rate(21, 24),
        // Dispatched in October: 24 − U-f = 23; replied: all but U-g → 22 / 23.
        replied: rate(22, 23),
        // Closed (as of now; U-k closed on 2 Nov): all but U-g → 22 / 23.
        closed: rate(22, 23),
        // Closed in October: U-a 6 + U-b 2 + U-c + U-d + U-e 2 + U-f + U-h + U-i + U-j + W-f = 17
        // (U-k close in November); reworked: U-c, U-h (改派), U-j, W-f (回退) → 13 / 17.
        first_time: rate(13, 17),
        // Rated among the 17: all but U-d → 16; all 满意 or 基本满意.
        satisfied: rate(16, 16),
        unsatisfied: rate(0, 16),
        rated: rate(16, 17),
        // U-i in time, U-j late → 1 / 2.
        supervision: rate(1, 2),
        // No confirmed repeats among the 23 received.
        repeats: rate(0, 23),
    };
    assert_eq!(by_department[U], urban, "市城市管理局");

    // 市水务集团, October: W-a 5, W-b 3, W-c, W-d, W-g 4 (14; W-f ended at U).
    let water = Figures {
        // 14 − W-g 4 (received 30 Sep) = 10.
        received: 10,
        rejected: 0,
        // W-g's contacts were September's: 10 / 10 on time.
        response: rate(10, 10),
        // 10 + W-g 4 = 14 settled in October; late: W-b ×3, W-d (extension too late) → 10 / 14.
        on_time: rate(10, 14),
        // Dispatched in October: 10, all replied and closed.
        replied: rate(10, 10),
        closed: rate(10, 10),
        // All 14 closed in October; reworked: W-b2 (重办) → 13 / 14.
        first_time: rate(13, 14),
        // Rated: 14 − W-b2, W-b3 (closed unrated) = 12, all 满意 or 基本满意.
        satisfied: rate(12, 12),
        unsatisfied: rate(0, 12),
        rated: rate(12, 14),
        supervision: rate(0, 0),
        repeats: rate(0, 10),
    };
    assert_eq!(by_department[W], water, "市水务集团");

    // 任城区人民政府, October: R-a 8, R-b 4, R-c 3, R-d, R-e 4 (20; U-h ended at U).
    let rencheng = Figures {
        // Received in October: R-c 3 + R-d = 4.
        received: 4,
        rejected: 0,
        // Contacts settled in October: R-c 3, R-d, R-e 4 = 8; late: R-c2 → 7 / 8.
        response: rate(7, 8),
        // Replies settled in October: R-a 8, R-b 4, R-d (late, the 24th), R-e 4 = 17 (R-c's
        // deadline is November's); late: R-b 4, R-d → 12 / 17.
        on_time: rate(12, 17),
        // Dispatched in October: R-c 3, R-d = 4; none replied or closed.
        replied: rate(0, 4),
        closed: rate(0, 4),
        // Closed in October: R-a 8, R-b 4, R-e 4 = 16; reworked: R-b3 → 15 / 16.
        first_time: rate(15, 16),
        // Rated: 16 − R-b4 = 15; 满意: R-a 8 + R-b1, R-b2 + R-e 4 = 14; 不满意: R-b3.
        satisfied: rate(14, 15),
        unsatisfied: rate(1, 15),
        rated: rate(15, 16),
        // R-d's 督办 passed unanswered → 0 / 1.
        supervision: rate(0, 1),
        repeats: rate(0, 4),
    };
    assert_eq!(by_department[R], rencheng, "任城区人民政府");

    // The two rejected cases: under no department, counted as rejections only.
    let rejected = Figures {
        rejected: 2,
        ..Figures::default()
    };
    assert_eq!(by_department[""], rejected, "rejected");
    assert_eq!(by_department.len(), 4, "{:?}", by_department.keys());

    // The whole city in October is the sum of the rows.
    let all = read(october, Slice::All).await.remove("").unwrap();
    assert_eq!(
        all,
        Figures {
            received: 23 + 10 + 4, // 37
            rejected: 2,
            response: rate(21 + 10 + 7, 24 + 10 + 8), // 38 / 42
            on_time: rate(21 + 10 + 12, 24 + 14 + 17), // 43 / 55
            replied: rate(22 + 10, 23 + 10 + 4),      // 32 / 37
            closed: rate(22 + 10, 23 + 10 + 4),       // 32 / 37
            first_time: rate(13 + 13 + 15, 17 + 14 + 16), // 41 / 47
            satisfied: rate(16 + 12 + 14, 16 + 12 + 15), // 42 / 43
            unsatisfied: rate(1, 43),
            rated: rate(16 + 12 + 15, 47), // 43 / 47
            supervision: rate(1, 2 + 1),   // 1 / 3
            repeats: rate(0, 37),
        }
    );
    // 满意率 to 0.1 %: 100.0 %, 100.0 %, 93.3 % (14 / 15); the first two share rank 1.
    let (ranks, ranked) = app::model::figures::rank(
        &[urban.clone(), water.clone(), rencheng.clone()],
        app::model::figures::MIN_RANKED_CASES,
    );
    assert_eq!((ranks, ranked), (vec![Some(1), Some(1), Some(3)], 3));
    assert_eq!(rencheng.satisfied.per_mille(), Some(933));

    // The holiday week, ISO week 40 (Mon 28 Sep – Sun 4 Oct): what was received and
    // dispatched before the holiday — U-f, R-a 8, R-b 4, W-g 4, R-e 4 = 21 — all replied and
    // closed by now; the contacts made by the 30th (R-a 8, R-b 4, W-g 4 = 16) on time; no
    // reply and no closing falls in the week.
    let week_40 = Period {
        first: day("2026-09-28"),
        last: day("2026-10-04"),
    };
    assert_eq!(
        read(week_40, Slice::All).await.remove("").unwrap(),
        Figures {
            received: 21,
            response: rate(16, 16),
            replied: rate(21, 21),
            closed: rate(21, 21),
            repeats: rate(0, 21),
            ..Figures::default()
        }
    );
    // By channel: every case came by phone.
    let channels = read(october, Slice::Channel).await;
    assert_eq!(channels.keys().collect::<Vec<_>>(), ["phone"]);
    assert_eq!(channels["phone"], all);
    let _ = std::fs::remove_dir_all(&dir);
}
