//! Working days and deadlines. Cases are due in **working days** (工作日): weekends and public
//! holidays do not count, make-up working days (调休上班, often a Saturday) do. The national
//! calendar is published each year by the State Council; a city may add its own days.
//!
//! Counting rule: the day a case reaches someone is day 0, whatever the hour; the deadline is
//! the end (24:00 Beijing time) of the n-th working day after it. A case dispatched at 23:59 on
//! the eve of a holiday therefore gets the same due time as one dispatched at 09:00 that day.
use super::time::{beijing, beijing_date};
use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Utc, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// One published calendar year (or a city's additions to it), as written in a data file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarYear {
    pub year: i32,
    /// Days off, weekend days of a holiday block included.
    #[serde(default)]
    pub holidays: Vec<NaiveDate>,
    /// Weekend days that are working days (调休上班).
    #[serde(default)]
    pub workdays: Vec<NaiveDate>,
}

/// A calendar data file: `[[year]]` tables (`app/calendar/cn-2026.toml`, or a city's file).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarFile {
    #[serde(rename = "year", default)]
    pub years: Vec<CalendarYear>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("{date} is not in the calendar's year {year}")]
    OutsideYear { date: NaiveDate, year: i32 },
    #[error("{0} is listed both as a holiday and as a working day")]
    BothHolidayAndWorkday(NaiveDate),
}

/// Which days are worked. Years without a published calendar fall back to Monday–Friday.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkCalendar {
    holidays: BTreeSet<NaiveDate>,
    workdays: BTreeSet<NaiveDate>,
    years: BTreeSet<i32>,
}

impl WorkCalendar {
    /// Builds the calendar from national years; later entries (a city's additions) override
    /// earlier ones for the same day.
    pub fn from_years<'a>(
        years: impl IntoIterator<Item = &'a CalendarYear>,
    ) -> Result<Self, CalendarError> {
        let mut calendar = WorkCalendar::default();
        for year in years {
            calendar.add_year(year)?;
        }
        Ok(calendar)
    }

    /// Adds one year's days; they override what earlier years said about the same day.
    pub fn add_year(&mut self, year: &CalendarYear) -> Result<(), CalendarError> {
        for &date in year.holidays.iter().chain(&year.workdays) {
            if date.year() != year.year {
                return Err(CalendarError::OutsideYear {
                    date,
                    year: year.year,
                });
            }
        }
        if let Some(&date) = year.holidays.iter().find(|d| year.workdays.contains(d)) {
            return Err(CalendarError::BothHolidayAndWorkday(date));
        }
        for &date in &year.holidays {
            self.workdays.remove(&date);
            self.holidays.insert(date);
        }
        for &date in &year.workdays {
            self.holidays.remove(&date);
            self.workdays.insert(date);
        }
        self.years.insert(year.year);
        Ok(())
    }

    /// Whether a published calendar covers this year (otherwise only weekends are known).
    pub fn covers(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.workdays.contains(&date) {
            return true;
        }
        if self.holidays.contains(&date) {
            return false;
        }
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// The `n`-th working day after `day` (`n = 0` is `day` itself).
    pub fn nth_working_day_after(&self, day: NaiveDate, n: u32) -> NaiveDate {
        let mut date = day;
        let mut left = n;
        while left > 0 {
            date = date + Days::new(1);
            if self.is_working_day(date) {
                left -= 1;
            }
        }
        date
    }

    /// When something that started at `start` is due, `working_days` later (see the module
    /// documentation for the counting rule).
    pub fn due_at(&self, start: DateTime<Utc>, working_days: u32) -> DateTime<Utc> {
        let last = self.nth_working_day_after(beijing_date(start), working_days);
        end_of_day(last)
    }

    /// Working days from `now` until `due`: 0 on the last day, negative once overdue (−1 on
    /// the first working day after the deadline).
    pub fn working_days_left(&self, now: DateTime<Utc>, due: DateTime<Utc>) -> i64 {
        let today = beijing_date(now);
        let last = beijing_date(due - chrono::Duration::seconds(1));
        let (from, to, sign) = if today <= last {
            (today, last, 1)
        } else {
            (last, today, -1)
        };
        let mut count = 0i64;
        let mut date = from;
        while date < to {
            date = date + Days::new(1);
            if self.is_working_day(date) {
                count += 1;
            }
        }
        sign * count
    }
}

/// 24:00 Beijing time at the end of `day`, in UTC.
pub fn end_of_day(day: NaiveDate) -> DateTime<Utc> {
    // The last representable day has no next one: its end is its own start then.
    let next = day.checked_add_days(Days::new(1)).unwrap_or(day);
    next.and_time(NaiveTime::MIN)
        .and_local_timezone(beijing())
        .single()
        .expect("a fixed offset has no gaps")
        .to_utc()
}

/// The working-day limits of the 12345 handling rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// A department that finds a case is not its own hands it back within this many days.
    pub hand_back: u32,
    /// The reply is due within this many days of dispatch.
    pub reply: u32,
    /// … and within this many for water, power, gas and heating.
    pub reply_utility: u32,
    /// A released reply not rated within this many calendar days is closed as "not rated".
    pub rating_days: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            hand_back: 1,
            reply: 4,
            reply_utility: 2,
            rating_days: 7,
        }
    }
}

impl Limits {
    /// Working days for the reply on a case of this category (`utility.*` are 水电气暖).
    pub fn reply_days(&self, category: &str) -> u32 {
        if category.starts_with("utility.") {
            self.reply_utility
        } else {
            self.reply
        }
    }
}

/// Test fixtures shared by the workflow and figures tests.
#[cfg(test)]
pub(crate) mod fixtures {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The national 2026 calendar as shipped with the server.
    fn cn_2026() -> CalendarYear {
        CalendarYear {
            year: 2026,
            holidays: [
                (1, 1..=3),
                (2, 15..=23),
                (4, 4..=6),
                (5, 1..=5),
                (6, 19..=21),
                (9, 25..=27),
                (10, 1..=7),
            ]
            .into_iter()
            .flat_map(|(m, days)| days.map(move |d| date(m, d)))
            .collect(),
            workdays: vec![
                date(1, 4),
                date(2, 14),
                date(2, 28),
                date(5, 9),
                date(9, 20),
                date(10, 10),
            ],
        }
    }

    fn date(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn beijing_time(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(&format!("{s}+08:00"))
            .unwrap()
            .to_utc()
    }

    fn calendar() -> WorkCalendar {
        WorkCalendar::from_years([&cn_2026()]).unwrap()
    }

    /// The data file the server ships (TOML is read on the server only).
    #[cfg(feature = "ssr")]
    #[test]
    fn the_shipped_2026_calendar_file_is_the_state_council_notice() {
        let file: CalendarFile =
            toml::from_str(include_str!("../../calendar/cn-2026.toml")).unwrap();
        assert_eq!(file.years, vec![cn_2026()]);
        assert_eq!(file.years[0].holidays.len(), 33);
    }

    #[test]
    fn weekends_and_holidays_do_not_count_and_make_up_saturdays_do() {
        let c = calendar();
        assert!(!c.is_working_day(date(11, 21)), "an ordinary Saturday");
        assert!(c.is_working_day(date(11, 23)), "an ordinary Monday");
        assert!(!c.is_working_day(date(10, 5)), "National Day, a Monday");
        assert!(c.is_working_day(date(10, 10)), "make-up Saturday");
        assert!(c.is_working_day(date(9, 20)), "make-up Sunday");
        // Friday 20 Nov + 4 working days: Mon 23 … Thu 26.
        let due = c.due_at(beijing_time("2026-11-20T10:00:00"), 4);
        assert_eq!(due, beijing_time("2026-11-27T00:00:00"));
    }

    #[test]
    fn a_case_dispatched_at_2359_on_the_eve_of_labour_day_is_due_after_the_make_up_saturday() {
        let c = calendar();
        // 1–5 May off; Wed 6, Thu 7, Fri 8 and the make-up Saturday 9 May are the 4 days.
        let eve = c.due_at(beijing_time("2026-04-30T23:59:00"), 4);
        assert_eq!(eve, beijing_time("2026-05-10T00:00:00"));
        assert_eq!(c.due_at(beijing_time("2026-04-30T09:00:00"), 4), eve);
        // One minute later it is a holiday: day 0 is 1 May and the count is the same.
        assert_eq!(c.due_at(beijing_time("2026-05-01T00:00:00"), 4), eve);
        // Counted in Beijing time: 16:30 UTC on 30 April is already 1 May there.
        let utc = DateTime::parse_from_rfc3339("2026-04-30T16:30:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(c.due_at(utc, 4), eve);
    }

    #[test]
    fn spring_festival_hand_back_and_reply_deadlines() {
        let c = calendar();
        let dispatched = beijing_time("2026-02-13T10:00:00"); // Friday before the festival
        let limits = Limits::default();
        // Hand back within 1 working day: the make-up Saturday 14 Feb.
        assert_eq!(
            c.due_at(dispatched, limits.hand_back),
            beijing_time("2026-02-15T00:00:00")
        );
        // Reply within 4: Sat 14, then 15–23 off, Tue 24, Wed 25, Thu 26.
        assert_eq!(
            c.due_at(dispatched, limits.reply_days("city.road-occupation")),
            beijing_time("2026-02-27T00:00:00")
        );
        // Water, power, gas and heating within 2: Sat 14 and Tue 24.
        assert_eq!(
            c.due_at(dispatched, limits.reply_days("utility.water")),
            beijing_time("2026-02-25T00:00:00")
        );
    }

    #[test]
    fn a_city_can_add_its_own_holiday_and_working_day() {
        let city = CalendarYear {
            year: 2026,
            holidays: vec![date(11, 23)], // a local festival, Monday
            workdays: vec![date(10, 7)],  // a local working day inside National Day
        };
        let c = WorkCalendar::from_years([&cn_2026(), &city]).unwrap();
        assert!(!c.is_working_day(date(11, 23)));
        assert!(c.is_working_day(date(10, 7)));
        assert_eq!(
            c.due_at(beijing_time("2026-11-20T10:00:00"), 1),
            beijing_time("2026-11-25T00:00:00")
        );
    }

    #[test]
    fn a_calendar_file_with_contradictions_or_dates_of_another_year_is_refused() {
        let mut both = cn_2026();
        both.workdays.push(date(1, 2));
        assert_eq!(
            WorkCalendar::from_years([&both]),
            Err(CalendarError::BothHolidayAndWorkday(date(1, 2)))
        );
        let mut wrong_year = cn_2026();
        wrong_year.year = 2027;
        assert!(matches!(
            WorkCalendar::from_years([&wrong_year]),
            Err(CalendarError::OutsideYear { .. })
        ));
    }

    #[test]
    fn years_without_a_published_calendar_count_monday_to_friday() {
        let c = calendar();
        assert!(c.covers(2026) && !c.covers(2027));
        let due = c.due_at(beijing_time("2027-01-01T12:00:00"), 1); // a Friday
        assert_eq!(due, beijing_time("2027-01-05T00:00:00"));
    }

    #[test]
    fn countdown_is_in_working_days_and_negative_when_overdue() {
        let c = calendar();
        let due = c.due_at(beijing_time("2026-04-30T15:00:00"), 4); // end of Sat 9 May
        assert_eq!(
            c.working_days_left(beijing_time("2026-04-30T15:00:00"), due),
            4
        );
        assert_eq!(
            c.working_days_left(beijing_time("2026-05-03T12:00:00"), due),
            4
        );
        assert_eq!(
            c.working_days_left(beijing_time("2026-05-09T23:59:00"), due),
            0
        );
        assert_eq!(
            c.working_days_left(beijing_time("2026-05-10T09:00:00"), due),
            0
        );
        assert_eq!(
            c.working_days_left(beijing_time("2026-05-11T09:00:00"), due),
            -1
        );
    }

    proptest::proptest! {
        #[test]
        fn a_deadline_is_the_end_of_a_working_day_exactly_n_working_days_later(
            day in 0u32..730, minute in 0u32..1440, n in 1u32..15,
        ) {
            let c = calendar();
            let start = beijing_time("2026-01-01T00:00:00")
                + chrono::Duration::days(day.into())
                + chrono::Duration::minutes(minute.into());
            let due = c.due_at(start, n);
            proptest::prop_assert!(due > start);
            let last = beijing_date(due - chrono::Duration::seconds(1));
            proptest::prop_assert!(c.is_working_day(last));
            proptest::prop_assert_eq!(c.working_days_left(start, due), i64::from(n));
            proptest::prop_assert_eq!(due.with_timezone(&beijing()).time(), NaiveTime::MIN);
        }
    }
}
