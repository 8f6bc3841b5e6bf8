//! Time: stored in UTC, shown and counted in Beijing time (UTC+8; China has no daylight saving).
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

pub fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("valid offset")
}

/// The calendar day in Beijing at this instant.
pub fn beijing_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&beijing()).date_naive()
}

/// The years a date typed into a form or a query string may fall in: anything outside is
/// refused at the edge, so no date arithmetic downstream can overflow.
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2100;

/// A day as forms and query strings write it (`2026-12-10`), within the years above.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if text.len() != 10 {
        return None;
    }
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    in_range(day).then_some(day)
}

/// Whether a day is within the years a case can concern.
pub fn in_range(day: NaiveDate) -> bool {
    use chrono::Datelike;
    (FIRST_YEAR..=LAST_YEAR).contains(&day.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_day_outside_the_portals_years_is_refused() {
        assert_eq!(
            parse_day("2026-12-10"),
            NaiveDate::from_ymd_opt(2026, 12, 10)
        );
        for bad in [
            "262142-12-31",
            "+262142-12-31",
            "1999-12-31",
            "2101-01-01",
            "2026-13-01",
            "2026-1-1x",
            "",
        ] {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_case_at_one_in_the_morning_beijing_time_belongs_to_that_day() {
        let at = DateTime::parse_from_rfc3339("2026-11-21T17:00:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(
            beijing_date(at),
            NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
        );
    }
}
