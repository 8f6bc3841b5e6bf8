//! Time: stored in UTC, shown and counted in Beijing time (UTC+8; China has no daylight saving).
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

pub fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("valid offset")
}

/// The calendar day in Beijing at this instant.
pub fn beijing_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&beijing()).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

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
