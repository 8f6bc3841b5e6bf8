//! The fixture's vocabulary: Beijing times, the three departments and two categories, and
//! the events a case goes through, written short.
use app::model::workflow::{Event, Rating, Reply, Supervision};
use chrono::{DateTime, NaiveDate, Utc};

pub const U: &str = "dept-urban"; // 市城市管理局
pub const W: &str = "dept-water"; // 市水务集团
pub const R: &str = "dept-rencheng"; // 任城区人民政府
pub const ROAD: &str = "city.road-occupation";
pub const WATER: &str = "utility.water";

/// A Beijing time, `"10-12 09:30"` (2026) or `"2026-09-29 09:30"`.
pub fn t(s: &str) -> DateTime<Utc> {
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

pub fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn reply() -> Event {
    Event::ReplyDrafted {
        reply: Reply {
            text: "经现场核查，问题已处理完毕，后续加强巡查，防止反弹。".into(),
            responder: "王明".into(),
            phone: "0537-2345678".into(),
        },
    }
}

pub fn rated(rating: Rating) -> Event {
    Event::Rated {
        rating,
        comment: String::new(),
        by_phone: false,
    }
}

pub fn to(department: &str) -> Event {
    Event::Dispatched {
        department: department.into(),
    }
}

pub use Rating::{Basic, Satisfied, Unsatisfied};

/// The fixture: each case is its category and its events, the first `Created` (as written
/// here, so the test reads the whole history).
pub struct Case {
    pub category: &'static str,
    pub events: Vec<(Event, DateTime<Utc>)>,
}

/// Received at `created`, accepted half an hour later, dispatched to `department` at
/// `dispatched`; then `then`.
pub fn case(
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
pub fn answered(
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
pub fn released(approved: &str, rating: Option<(Rating, &str)>) -> Vec<(Event, &'static str)> {
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

pub fn leak(s: &str) -> &'static str {
    Box::leak(s.to_string().into_boxed_str())
}

pub fn with(
    mut a: Vec<(Event, &'static str)>,
    b: Vec<(Event, &'static str)>,
) -> Vec<(Event, &'static str)> {
    a.extend(b);
    a
}

pub fn supervise(due: &str) -> Event {
    Event::SupervisionAdded {
        supervision: Supervision {
            instruction: "限期整改".into(),
            due: day(due),
        },
    }
}
