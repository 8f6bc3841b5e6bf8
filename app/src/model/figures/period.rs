//! The periods figures are read for: an ISO week (`2026-W48`), a month (`2026-11`), a quarter
//! (`2026-Q4`), a year (`2026`) or a range of days (`2026-11-01..2026-11-15`), with the
//! period before it (环比) and the same period a year earlier (同比).
use super::Period;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// The longest period figures are read for, in days (a range longer is refused).
pub const MAX_PERIOD_DAYS: u64 = 400;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PeriodKind {
    Week,
    Month,
    Quarter,
    Year,
    Range,
}

/// A period as people name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedPeriod {
    pub kind: PeriodKind,
    pub period: Period,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum PeriodError {
    #[error(
        "{0:?} is not a period: write 2026-W48, 2026-11, 2026-Q4, 2026 or 2026-11-01..2026-11-15"
    )]
    Unknown(String),
    #[error("the period ends before it starts")]
    Reversed,
    #[error("the period has {days} days; at most {max} can be read at once")]
    TooLong { days: u64, max: u64 },
    /// A report that belongs to one kind of period (a bulletin to a week) asked for another.
    #[error("this report is for a {} such as {}", .0.code(), .0.example())]
    NotA(PeriodKind),
}

impl PeriodKind {
    pub fn code(self) -> &'static str {
        match self {
            PeriodKind::Week => "week",
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Year => "year",
            PeriodKind::Range => "range",
        }
    }

    /// How a period of this kind is written.
    pub fn example(self) -> &'static str {
        match self {
            PeriodKind::Week => "2026-W48",
            PeriodKind::Month => "2026-11",
            PeriodKind::Quarter => "2026-Q4",
            PeriodKind::Year => "2026",
            PeriodKind::Range => "2026-11-01..2026-11-15",
        }
    }
}

impl NamedPeriod {
    pub fn parse(text: &str) -> Result<NamedPeriod, PeriodError> {
        let text = text.trim();
        let unknown = || PeriodError::Unknown(text.chars().take(40).collect());
        let number = |s: &str| -> Result<u32, PeriodError> {
            if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(unknown());
            }
            s.parse().map_err(|_| unknown())
        };
        let year = |s: &str| -> Result<i32, PeriodError> {
            let y = number(s)?;
            if s.len() == 4 && (2000..=2999).contains(&y) {
                Ok(y as i32)
            } else {
                Err(unknown())
            }
        };
        let named = if let Some((a, b)) = text.split_once("..") {
            // Days of the years the other forms take (no `+262142-12-31`).
            let day = |s: &str| {
                s.trim()
                    .parse::<NaiveDate>()
                    .ok()
                    .filter(|d| (2000..=2999).contains(&d.year()))
                    .ok_or_else(unknown)
            };
            let (first, last) = (day(a)?, day(b)?);
            if last < first {
                return Err(PeriodError::Reversed);
            }
            NamedPeriod::range(first, last)
        } else if let Some((y, w)) = text.split_once("-W") {
            let (y, w) = (year(y)?, number(w)?);
            let first = NaiveDate::from_isoywd_opt(y, w, Weekday::Mon).ok_or_else(unknown)?;
            NamedPeriod::week_of(first)
        } else if let Some((y, q)) = text.split_once("-Q") {
            let (y, q) = (year(y)?, number(q)?);
            if !(1..=4).contains(&q) || q_len(text) != 1 {
                return Err(unknown());
            }
            NamedPeriod::quarter_of(
                NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1).ok_or_else(unknown)?,
            )
        } else if let Some((y, m)) = text.split_once('-') {
            let (y, m) = (year(y)?, number(m)?);
            if m_len(text) != 2 {
                return Err(unknown());
            }
            NamedPeriod::month_of(NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(unknown)?)
        } else {
            let y = year(text)?;
            NamedPeriod::year_of(NaiveDate::from_ymd_opt(y, 1, 1).ok_or_else(unknown)?)
        };
        let days = named.days();
        if days > MAX_PERIOD_DAYS {
            return Err(PeriodError::TooLong {
                days,
                max: MAX_PERIOD_DAYS,
            });
        }
        Ok(named)
    }

    pub fn range(first: NaiveDate, last: NaiveDate) -> NamedPeriod {
        NamedPeriod {
            kind: PeriodKind::Range,
            period: Period { first, last },
        }
    }

    /// The ISO week (Monday to Sunday) of `day`.
    pub fn week_of(day: NaiveDate) -> NamedPeriod {
        let first = day - Days::new(u64::from(day.weekday().num_days_from_monday()));
        NamedPeriod {
            kind: PeriodKind::Week,
            period: Period {
                first,
                last: first + Days::new(6),
            },
        }
    }

    pub fn month_of(day: NaiveDate) -> NamedPeriod {
        let first = day.with_day(1).unwrap_or(day);
        NamedPeriod {
            kind: PeriodKind::Month,
            period: Period {
                first,
                last: first + Months::new(1) - Days::new(1),
            },
        }
    }

    pub fn quarter_of(day: NaiveDate) -> NamedPeriod {
        let first = NaiveDate::from_ymd_opt(day.year(), day.month0() / 3 * 3 + 1, 1).unwrap_or(day);
        NamedPeriod {
            kind: PeriodKind::Quarter,
            period: Period {
                first,
                last: first + Months::new(3) - Days::new(1),
            },
        }
    }

    pub fn year_of(day: NaiveDate) -> NamedPeriod {
        let first = NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day);
        NamedPeriod {
            kind: PeriodKind::Year,
            period: Period {
                first,
                last: first + Months::new(12) - Days::new(1),
            },
        }
    }

    /// Days in the period, both ends counted.
    pub fn days(&self) -> u64 {
        (self.period.last - self.period.first)
            .num_days()
            .unsigned_abs()
            + 1
    }

    /// The period's name, as `parse` reads it.
    pub fn code(&self) -> String {
        let Period { first, last } = self.period;
        match self.kind {
            PeriodKind::Week => {
                let w = first.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            PeriodKind::Month => first.format("%Y-%m").to_string(),
            PeriodKind::Quarter => format!("{}-Q{}", first.year(), first.month0() / 3 + 1),
            PeriodKind::Year => first.year().to_string(),
            PeriodKind::Range => format!("{first}..{last}"),
        }
    }

    /// The period just before (环比): the previous week, month, quarter or year, or as many
    /// days just before a range.
    pub fn previous(&self) -> NamedPeriod {
        let first = self.period.first;
        match self.kind {
            PeriodKind::Week => NamedPeriod::week_of(first - Days::new(7)),
            PeriodKind::Month => NamedPeriod::month_of(first - Months::new(1)),
            PeriodKind::Quarter => NamedPeriod::quarter_of(first - Months::new(3)),
            PeriodKind::Year => NamedPeriod::year_of(first - Months::new(12)),
            PeriodKind::Range => {
                let last = first - Days::new(1);
                NamedPeriod::range(last - Days::new(self.days() - 1), last)
            }
        }
    }

    /// The same period a year earlier (同比): the same ISO week number (week 52 for a week
    /// 53 the earlier year lacks), month, quarter or year, or the range's dates a year back.
    pub fn year_before(&self) -> NamedPeriod {
        let Period { first, last } = self.period;
        match self.kind {
            PeriodKind::Week => {
                let w = first.iso_week();
                let day = NaiveDate::from_isoywd_opt(w.year() - 1, w.week(), Weekday::Mon)
                    .or_else(|| NaiveDate::from_isoywd_opt(w.year() - 1, 52, Weekday::Mon))
                    .unwrap_or(first);
                NamedPeriod::week_of(day)
            }
            PeriodKind::Month => NamedPeriod::month_of(first - Months::new(12)),
            PeriodKind::Quarter => NamedPeriod::quarter_of(first - Months::new(12)),
            PeriodKind::Year => NamedPeriod::year_of(first - Months::new(12)),
            PeriodKind::Range => {
                NamedPeriod::range(first - Months::new(12), last - Months::new(12))
            }
        }
    }
}

/// Digits after "-Q" (one is expected).
fn q_len(text: &str) -> usize {
    text.split_once("-Q").map_or(0, |(_, q)| q.len())
}

/// Digits after the year's "-" (a month is written with two).
fn m_len(text: &str) -> usize {
    text.split_once('-').map_or(0, |(_, m)| m.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn periods_are_read_as_people_name_them_and_named_back_the_same() {
        for (text, first, last) in [
            ("2026-W48", "2026-11-23", "2026-11-29"),
            ("2026-W01", "2025-12-29", "2026-01-04"),
            ("2026-11", "2026-11-01", "2026-11-30"),
            ("2026-Q4", "2026-10-01", "2026-12-31"),
            ("2026", "2026-01-01", "2026-12-31"),
            ("2026-09-28..2026-10-08", "2026-09-28", "2026-10-08"),
        ] {
            let p = NamedPeriod::parse(text).unwrap();
            assert_eq!(
                p.period,
                Period {
                    first: day(first),
                    last: day(last)
                },
                "{text}"
            );
            assert_eq!(p.code(), text);
        }
    }

    #[test]
    fn the_period_before_and_the_year_before() {
        let p = |s: &str| NamedPeriod::parse(s).unwrap();
        assert_eq!(p("2026-W01").previous().code(), "2025-W52");
        assert_eq!(p("2026-03").previous().code(), "2026-02");
        assert_eq!(p("2026-Q1").previous().code(), "2025-Q4");
        assert_eq!(p("2026-11").year_before().code(), "2025-11");
        assert_eq!(p("2026-W48").year_before().code(), "2025-W48");
        // 2026 has a week 53; 2025 does not.
        assert_eq!(p("2026-W53").year_before().code(), "2025-W52");
        assert_eq!(
            p("2026-11-10..2026-11-19").previous().code(),
            "2026-10-31..2026-11-09"
        );
        assert_eq!(
            p("2024-02-29..2024-03-01").year_before().code(),
            "2023-02-28..2023-03-01"
        );
    }

    #[test]
    fn an_unknown_or_too_long_period_is_refused_with_the_reason() {
        for bad in [
            "",
            "2026-13",
            "2026-W54",
            "2026-Q5",
            "26-11",
            "2026-1",
            "x",
            "2026-11-31..2026-12-01",
            "1999",
            "+262142-12-31..+262142-12-31",
            "1999-12-31..2000-01-01",
        ] {
            assert!(
                matches!(NamedPeriod::parse(bad), Err(PeriodError::Unknown(_))),
                "{bad:?}"
            );
        }
        assert_eq!(
            NamedPeriod::parse("2026-11-30..2026-11-01"),
            Err(PeriodError::Reversed)
        );
        assert_eq!(
            NamedPeriod::parse("2025-01-01..2026-12-31"),
            Err(PeriodError::TooLong {
                days: 730,
                max: MAX_PERIOD_DAYS
            })
        );
        assert!(NamedPeriod::parse("2025-11-01..2026-12-04").is_ok());
    }
}
