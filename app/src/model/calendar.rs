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
pub(crate) mod fixtures;

#[cfg(test)]
mod tests;
