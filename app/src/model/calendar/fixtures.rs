//! Test fixtures shared by the workflow and figures tests.
use super::{CalendarFile, WorkCalendar};
use chrono::{DateTime, Utc};

/// 2026 with the National Day week off and Saturday 10 October worked (调休).
pub(crate) fn national_day_2026() -> WorkCalendar {
    let file: CalendarFile = serde_json::from_value(serde_json::json!({"year": [{
        "year": 2026,
        "holidays": ["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04",
                     "2026-10-05", "2026-10-06", "2026-10-07"],
        "workdays": ["2026-10-10"]
    }]}))
    .unwrap();
    WorkCalendar::from_years(&file.years).unwrap()
}

/// A Beijing time written without its offset, `2026-11-20T10:00:00`.
pub(crate) fn beijing(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&format!("{s}+08:00"))
        .unwrap()
        .to_utc()
}
