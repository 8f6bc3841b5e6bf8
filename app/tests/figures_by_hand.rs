//! Issue 14, item 6: sixty cases written by hand across 中秋, the National Day week and the
//! 调休 working Saturday of 2026 (10 October), with hand-backs, a re-assignment, extensions (one
//! approved in time, one too late), 重办 at every level, unrated replies, rejections and 督办;
//! the figures each department must show, typed by hand with the arithmetic in comments.
//!
//! Every case goes through the production path: `storage::cases::insert`, then each event
//! through `services::cases::record` (the workflow's checks, the events, the stored figures in
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

use app::model::figures::{Figures, Period, Rate, Slice};
use app::model::workflow::{Event, Rating, RejectReason, Reply, Supervision};
use app::model::{ReportDraft, TicketNo};
use app::services::cases::{record_now, Author};
use app::services::AppState;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeMap;

const U: &str = "dept-urban"; // 市城市管理局
const W: &str = "dept-water"; // 市水务集团
const R: &str = "dept-rencheng"; // 任城区人民政府
const ROAD: &str = "city.road-occupation";
const WATER: &str = "utility.water";

/// A Beijing time, `"10-12 09:30"` (2026) or `"2026-09-29 09:30"`.
fn t(s: &str) -> DateTime<Utc> {
    let full = if s.len() == 11 {
        format!("2026-{s}")
    } else {
        s.to_string()
    };
    chrono::NaiveDateTime::parse_from_str(&full, "%Y-%m-%d %H:%M")
        .unwrap()
        .and_local_timezone(app::model::time::beijing())
        .unwrap()
        .to_utc()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
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

fn reply() -> Event {
    Event::ReplyDrafted {
        reply: Reply {
            text: "经现场核查，问题已处理完毕，后续加强巡查，防止反弹。".into(),
            responder: "王明".into(),
            phone: "0537-2345678".into(),
        },
    }
}

fn rated(rating: Rating) -> Event {
    Event::Rated {
        rating,
        comment: String::new(),
        by_phone: false,
    }
}

fn to(department: &str) -> Event {
    Event::Dispatched {
        department: department.into(),
    }
}

use Rating::{Basic, Satisfied, Unsatisfied};

/// The fixture: each case is its category and its events, the first `Created` (as written
/// here, so the test reads the whole history).
struct Case {
    category: &'static str,
    events: Vec<(Event, DateTime<Utc>)>,
}

/// Received at `created`, accepted half an hour later, dispatched to `department` at
/// `dispatched`; then `then`.
fn case(
    category: &'static str,
    created: &str,
    department: &str,
    dispatched: &str,
    then: Vec<(Event, &str)>,
) -> Case {
    let mut events = vec![
        (Event::Created, t(created)),
        (Event::Accepted, t(created) + chrono::Duration::minutes(30)),
        (to(department), t(dispatched)),
    ];
    events.extend(then.into_iter().map(|(e, at)| (e, t(at))));
    Case { category, events }
}

/// Contact, reply drafted an hour before its approval, rating: the common path.
fn answered(
    contact: &str,
    approved: &str,
    rating: Option<(Rating, &str)>,
) -> Vec<(Event, &'static str)> {
    with(
        vec![(Event::FirstContact, leak(contact))],
        released(approved, rating),
    )
}

/// A reply drafted an hour before its approval, then the rating if any.
fn released(approved: &str, rating: Option<(Rating, &str)>) -> Vec<(Event, &'static str)> {
    let drafted = (t(approved) - chrono::Duration::hours(1))
        .with_timezone(&app::model::time::beijing())
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let mut v: Vec<(Event, &'static str)> = vec![
        (reply(), leak(&drafted)),
        (Event::ReplyApproved, leak(approved)),
    ];
    if let Some((r, at)) = rating {
        v.push((rated(r), leak(at)));
    }
    v
}

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_string().into_boxed_str())
}

fn with(
    mut a: Vec<(Event, &'static str)>,
    b: Vec<(Event, &'static str)>,
) -> Vec<(Event, &'static str)> {
    a.extend(b);
    a
}

/// The sixty cases. Comments say what each adds to October's figures of its department.
fn fixture() -> Vec<Case> {
    let mut cases = Vec::new();
    // ── 市城市管理局 (U): 24 cases ──────────────────────────────────────────────────────
    // U-a ×6: dispatched Mon 12 Oct 10:00; contact 15:00 (due end of 13th: on time); reply
    // released Wed 14th 16:00 (due end of 16th: on time); 满意 on the 15th, closed.
    for n in 0..6 {
        let created = format!("10-12 09:0{n}");
        cases.push(case(
            ROAD,
            &created,
            U,
            "10-12 10:00",
            answered(
                "10-12 15:00",
                "10-14 16:00",
                Some((Satisfied, "10-15 10:00")),
            ),
        ));
    }
    // U-b ×2: the same, 基本满意.
    for n in 0..2 {
        let created = format!("10-12 09:1{n}");
        cases.push(case(
            ROAD,
            &created,
            U,
            "10-12 10:00",
            answered("10-12 15:00", "10-14 16:00", Some((Basic, "10-15 10:00"))),
        ));
    }
    // U-c: the same, 不满意 → 重办 level 1, answered again, 基本满意 on the 20th: closed then,
    // not first-time.
    cases.push(case(
        ROAD,
        "10-12 09:20",
        U,
        "10-12 10:00",
        with(
            answered(
                "10-12 15:00",
                "10-14 16:00",
                Some((Unsatisfied, "10-15 10:00")),
            ),
            answered("10-16 09:00", "10-19 15:00", Some((Basic, "10-20 09:00"))),
        ),
    ));
    // U-d: the same, never rated: closed unrated by the sweep on the 22nd (window 7 days
    // from the 14th 16:00).
    cases.push(case(
        ROAD,
        "10-12 09:21",
        U,
        "10-12 10:00",
        with(
            answered("10-12 15:00", "10-14 16:00", None),
            vec![(Event::ClosedUnrated, "10-22 09:00")],
        ),
    ));
    // U-e ×2: dispatched Fri 9 Oct 10:00. The 10th is the 调休 Saturday, a working day: the
    // first contact is due by its end, the reply by the end of Wed 14th (10, 12, 13, 14).
    // Contact Mon 12th 09:00: late; reply released the 15th: late. 满意 on the 16th.
    for n in 0..2 {
        let created = format!("10-09 09:0{n}");
        cases.push(case(
            ROAD,
            &created,
            U,
            "10-09 10:00",
            answered(
                "10-12 09:00",
                "10-15 10:00",
                Some((Satisfied, "10-16 10:00")),
            ),
        ));
    }
    // U-f: received and dispatched Wed 30 Sep (September's), contact Thu 8 Oct 09:00 (the
    // first working day after the holiday, due by its end: on time, settled in October),
    // reply by the end of Mon 12th (8, 9, 10, 12) released the 12th 17:00: on time; 满意 on
    // the 13th. In October: response, on time, the closing; not received nor dispatched.
    cases.push(case(
        ROAD,
        "09-30 08:00",
        U,
        "09-30 09:00",
        answered(
            "10-08 09:00",
            "10-12 17:00",
            Some((Satisfied, "10-13 09:00")),
        ),
    ));
    // U-g: dispatched Mon 26 Oct 10:00 and left: the contact was due by the end of the 27th
    // (late, settled the 28th), the reply by the end of Fri 30th (late, settled the 31st).
    // Not replied, not closed.
    cases.push(case(ROAD, "10-26 09:00", U, "10-26 10:00", vec![]));
    // U-h: dispatched to 任城区 Tue 13th, contacted by it on time, re-assigned (改派) to U on
    // the 14th, which answers by the 16th (its own deadline: end of the 20th) and is rated
    // 满意: U's case (the last to hold it), contact on time, not first-time.
    cases.push(case(
        ROAD,
        "10-13 09:00",
        R,
        "10-13 10:00",
        with(
            vec![
                (Event::FirstContact, "10-13 14:00"),
                (
                    Event::Reassigned {
                        department: U.into(),
                    },
                    "10-14 10:00",
                ),
            ],
            answered(
                "10-14 15:00",
                "10-16 16:00",
                Some((Satisfied, "10-19 09:00")),
            ),
        ),
    ));
    // U-i: 督办 on the 13th due the 15th, answered (reply released) the 15th 11:00: in time.
    cases.push(case(
        ROAD,
        "10-12 11:00",
        U,
        "10-12 12:00",
        with(
            vec![
                (Event::FirstContact, "10-12 16:00"),
                (supervise("2026-10-15"), "10-13 09:00"),
            ],
            released("10-15 11:00", Some((Satisfied, "10-16 09:00"))),
        ),
    ));
    // U-j: 督办 on Tue 20th due Wed 21st; the reply comes Thu 22nd (its own deadline, end of
    // the 23rd, is met) so the 督办 is late (settled the 22nd). Then 不满意 twice (重办 levels
    // 1 and 2) and 满意 on the 29th: closed then, not first-time.
    cases.push(case(
        ROAD,
        "10-19 09:00",
        U,
        "10-19 10:00",
        with(
            vec![
                (Event::FirstContact, "10-19 15:00"),
                (supervise("2026-10-21"), "10-20 09:00"),
            ],
            with(
                released("10-22 10:00", Some((Unsatisfied, "10-23 09:00"))),
                with(
                    answered(
                        "10-23 14:00",
                        "10-26 10:00",
                        Some((Unsatisfied, "10-27 09:00")),
                    ),
                    answered(
                        "10-27 14:00",
                        "10-28 10:00",
                        Some((Satisfied, "10-29 09:00")),
                    ),
                ),
            ),
        ),
    ));
    // U-k ×6: dispatched Tue 27th, contact the same day, reply the 29th (due end of Mon 2
    // Nov: on time), rated 满意 on 2 November: closed in November. In October: received,
    // response, on time, replied and closed (by dispatch date; closed as of now).
    for n in 0..6 {
        let created = format!("10-27 09:0{n}");
        cases.push(case(
            ROAD,
            &created,
            U,
            "10-27 10:00",
            answered(
                "10-27 14:00",
                "10-29 10:00",
                Some((Satisfied, "11-02 09:00")),
            ),
        ));
    }
    // W-f (U's in the end): a water case dispatched to 水务 on the 13th, handed back (回退)
    // the same afternoon, dispatched to U on the 14th 09:00: U's contact is the one that
    // counts (due end of the 15th: on time), its reply (utility: 2 working days, end of the
    // 16th) released the 16th 10:00: on time; 满意 on the 19th; not first-time.
    cases.push(case(
        WATER,
        "10-13 09:00",
        W,
        "10-13 10:00",
        with(
            vec![(Event::HandedBack, "10-13 15:00"), (to(U), "10-14 09:00")],
            answered(
                "10-14 10:00",
                "10-16 10:00",
                Some((Satisfied, "10-19 09:00")),
            ),
        ),
    ));

    // ── 市水务集团 (W): 14 cases (reply within 2 working days) ─────────────────────────
    // W-a ×5: dispatched Fri 9th 09:00, contact 14:00, reply released on the 调休 Saturday
    // 10th 15:00 (due end of Mon 12th: 10, 12); 满意 on Sunday 11th.
    for n in 0..5 {
        let created = format!("10-09 08:0{n}");
        cases.push(case(
            WATER,
            &created,
            W,
            "10-09 09:00",
            answered(
                "10-09 14:00",
                "10-10 15:00",
                Some((Satisfied, "10-11 10:00")),
            ),
        ));
    }
    // W-b1..3: dispatched Mon 12th 10:00, contact 11:00 (on time), reply due end of Wed 14th,
    // released Thu 15th 10:00: late.
    // W-b1: 满意 on the 16th.
    cases.push(case(
        WATER,
        "10-12 09:00",
        W,
        "10-12 10:00",
        answered(
            "10-12 11:00",
            "10-15 10:00",
            Some((Satisfied, "10-16 09:00")),
        ),
    ));
    // W-b2: 不满意 on the 16th (重办), answered again the 19th, never rated: closed unrated on
    // the 26th (window from the 19th 10:00). A case closed unrated is not rated, whatever
    // it was rated before; not first-time.
    cases.push(case(
        WATER,
        "10-12 09:01",
        W,
        "10-12 10:00",
        with(
            answered(
                "10-12 11:00",
                "10-15 10:00",
                Some((Unsatisfied, "10-16 09:00")),
            ),
            with(
                answered("10-16 10:00", "10-19 10:00", None),
                vec![(Event::ClosedUnrated, "10-26 12:00")],
            ),
        ),
    ));
    // W-b3: never rated: closed unrated on the 22nd.
    cases.push(case(
        WATER,
        "10-12 09:02",
        W,
        "10-12 10:00",
        with(
            answered("10-12 11:00", "10-15 10:00", None),
            vec![(Event::ClosedUnrated, "10-22 12:00")],
        ),
    ));
    // W-c: dispatched Mon 12th 14:00 (reply due end of the 14th); extension to the 20th asked
    // on the 13th and approved the same day, before the deadline: the reply released the 20th
    // 11:00 is on time. 基本满意 on the 21st.
    cases.push(case(
        WATER,
        "10-12 13:00",
        W,
        "10-12 14:00",
        vec![
            (Event::FirstContact, "10-12 16:00"),
            (
                Event::ExtensionRequested {
                    until: day("2026-10-20"),
                },
                "10-13 10:00",
            ),
            (Event::ExtensionApproved, "10-13 15:00"),
            (reply(), "10-20 09:00"),
            (Event::ReplyApproved, "10-20 11:00"),
            (rated(Basic), "10-21 09:00"),
        ],
    ));
    // W-d: dispatched Mon 12th 16:00 (reply due end of the 14th); extension asked on the 14th,
    // approved on the 15th, after the deadline: the reply had already become late (settled
    // at the end of the 14th, dated the 15th). Released the 22nd; 满意 on the 23rd.
    cases.push(case(
        WATER,
        "10-12 15:00",
        W,
        "10-12 16:00",
        vec![
            (Event::FirstContact, "10-13 09:00"),
            (
                Event::ExtensionRequested {
                    until: day("2026-10-23"),
                },
                "10-14 10:00",
            ),
            (Event::ExtensionApproved, "10-15 09:00"),
            (reply(), "10-22 09:00"),
            (Event::ReplyApproved, "10-22 10:00"),
            (rated(Satisfied), "10-23 09:00"),
        ],
    ));
    // W-g ×4: received and dispatched Wed 30 Sep 15:00, contact 16:00 (September's), reply
    // due by the end of Fri 9 Oct (8, 9), released the 9th 10:00: on time; 基本满意 the same
    // evening. In October: on time and the closing.
    for n in 0..4 {
        let created = format!("09-30 14:0{n}");
        cases.push(case(
            WATER,
            &created,
            W,
            "09-30 15:00",
            answered("09-30 16:00", "10-09 10:00", Some((Basic, "10-09 18:00"))),
        ));
    }

    // ── Rejected (no department, key ""): 2 cases ───────────────────────────────────────
    // Received Wed 14th, rejected: in no figure but the count of rejections.
    cases.push(Case {
        category: WATER,
        events: vec![
            (Event::Created, t("10-14 09:00")),
            (
                Event::Rejected {
                    reason: RejectReason::Invalid,
                },
                t("10-14 09:30"),
            ),
        ],
    });
    // (the duplicate names the first case of the fixture: its number is filled in below)
    cases.push(Case {
        category: ROAD,
        events: vec![
            (Event::Created, t("10-14 09:05")),
            (
                Event::Rejected {
                    reason: RejectReason::Duplicate { of: String::new() },
                },
                t("10-14 09:35"),
            ),
        ],
    });

    // ── 任城区人民政府 (R): 20 cases ─────────────────────────────────────────────────────
    // R-a ×8: received and dispatched Tue 29 Sep (September's: received, response, replied,
    // closed), contact the 30th; reply due by the end of the 调休 Saturday 10 Oct (30, 8, 9,
    // 10), released the 10th 16:00: on time; 满意 on Sunday 11th.
    for n in 0..8 {
        let created = format!("09-29 09:0{n}");
        cases.push(case(
            ROAD,
            &created,
            R,
            "09-29 10:00",
            answered(
                "09-30 09:00",
                "10-10 16:00",
                Some((Satisfied, "10-11 10:00")),
            ),
        ));
    }
    // R-b1..4: the same, but the reply is released Mon 12th 09:00: late — the deadline was the
    // end of Saturday the 10th (settled then, dated the 11th; a calendar without the 调休 would
    // have said on time).
    // R-b1, R-b2: 满意 on the 13th.
    for n in 0..2 {
        let created = format!("09-29 09:1{n}");
        cases.push(case(
            ROAD,
            &created,
            R,
            "09-29 10:00",
            answered(
                "09-30 16:00",
                "10-12 09:00",
                Some((Satisfied, "10-13 09:00")),
            ),
        ));
    }
    // R-b3: 不满意 at every level: 13th (level 1), 16th (level 2), 20th (level 3), 22nd
    // (unresolved), closed by the supervisor on the 23rd with its 不满意: not first-time.
    cases.push(case(
        ROAD,
        "09-29 09:12",
        R,
        "09-29 10:00",
        with(
            answered(
                "09-30 16:00",
                "10-12 09:00",
                Some((Unsatisfied, "10-13 09:00")),
            ),
            with(
                answered(
                    "10-13 15:00",
                    "10-15 10:00",
                    Some((Unsatisfied, "10-16 09:00")),
                ),
                with(
                    answered(
                        "10-16 14:00",
                        "10-19 15:00",
                        Some((Unsatisfied, "10-20 09:00")),
                    ),
                    with(
                        answered(
                            "10-20 14:00",
                            "10-21 15:00",
                            Some((Unsatisfied, "10-22 09:00")),
                        ),
                        vec![(Event::Closed, "10-23 10:00")],
                    ),
                ),
            ),
        ),
    ));
    // R-b4: never rated: closed unrated on the 19th (window from the 12th 09:00).
    cases.push(case(
        ROAD,
        "09-29 09:13",
        R,
        "09-29 10:00",
        with(
            answered("09-30 16:00", "10-12 09:00", None),
            vec![(Event::ClosedUnrated, "10-19 12:00")],
        ),
    ));
    // R-c1..3: dispatched Thu 29 Oct 10:00; the reply deadline (end of Wed 4 Nov) is
    // November's. Contact: R-c1 the 29th, R-c3 the 30th (due end of the 30th: both on time),
    // R-c2 none (late at the end of the 30th, dated the 31st). None replied.
    cases.push(case(
        ROAD,
        "10-29 09:00",
        R,
        "10-29 10:00",
        vec![(Event::FirstContact, "10-29 15:00")],
    ));
    cases.push(case(ROAD, "10-29 09:01", R, "10-29 10:00", vec![]));
    cases.push(case(
        ROAD,
        "10-29 09:02",
        R,
        "10-29 10:00",
        vec![(Event::FirstContact, "10-30 09:00")],
    ));
    // R-d: dispatched Mon 19th, contact on time, 督办 on the 20th due the 22nd, then nothing:
    // the 督办 is late (dated the 23rd), the reply too (due end of Fri 23rd, dated the 24th).
    cases.push(case(
        ROAD,
        "10-19 09:00",
        R,
        "10-19 10:00",
        vec![
            (Event::FirstContact, "10-19 14:00"),
            (supervise("2026-10-22"), "10-20 10:00"),
        ],
    ));
    // R-e ×4: received and dispatched Wed 30 Sep 16:00; first contact on Thu 8 Oct 17:00, the
    // first working day after the holiday (due by its end: on time, October's); reply released
    // Mon 12th 11:00 (due end of 12th: on time); 满意 on the 13th.
    for n in 0..4 {
        let created = format!("09-30 15:0{n}");
        cases.push(case(
            ROAD,
            &created,
            R,
            "09-30 16:00",
            answered(
                "10-08 17:00",
                "10-12 11:00",
                Some((Satisfied, "10-13 09:00")),
            ),
        ));
    }
    cases
}

fn supervise(due: &str) -> Event {
    Event::SupervisionAdded {
        supervision: Supervision {
            instruction: "限期整改".into(),
            due: day(due),
        },
    }
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
            let author = match &event {
                Event::Rated { .. } => Author::CITIZEN,
                Event::ClosedUnrated => Author::SYSTEM,
                Event::ExtensionApproved
                | Event::SupervisionAdded { .. }
                | Event::Closed
                | Event::Reassigned { .. } => Author {
                    name: "督办员",
                    role: "supervisor",
                },
                Event::Accepted | Event::Rejected { .. } | Event::Dispatched { .. } => Author {
                    name: "受理员",
                    role: "operator",
                },
                Event::ReplyApproved => Author {
                    name: "审核人",
                    role: "head",
                },
                _ => Author {
                    name: "承办人",
                    role: "handler",
                },
            };
            let note = if event.kind().needs_note() {
                "说明"
            } else {
                ""
            };
            if let Err(e) = record_now(state, &no, event.clone(), note, author, at).await {
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
