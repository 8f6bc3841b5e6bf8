//! The public board (公开件): replied cases whose reporters agreed to publication, as the
//! public reads them (redacted or edited by staff).
use super::city::Name;
use super::public_case::PublicPhoto;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Cases per board page.
pub const BOARD_PAGE_SIZE: u32 = 20;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BoardFilter {
    /// A category or a category group code.
    pub category: Option<String>,
    pub district: Option<String>,
    /// The month of submission.
    pub month: Option<Month>,
}

/// A calendar month, `YYYY-MM`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn parse(text: &str) -> Option<Month> {
        let (y, m) = text.trim().split_once('-')?;
        if y.len() != 4 || !(1..=2).contains(&m.len()) {
            return None;
        }
        let (year, month): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
        // Bounded, so the month after and the day before always exist.
        if !(crate::model::time::FIRST_YEAR..=crate::model::time::LAST_YEAR).contains(&year) {
            return None;
        }
        NaiveDate::from_ymd_opt(year, month, 1)?;
        Some(Month { year, month })
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("checked at parse")
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn code(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoardItem {
    /// An anchor for the item (not the ticket number).
    pub id: i64,
    pub category: Name,
    pub district: Name,
    /// The street (never the house number or address).
    pub street: Name,
    pub request: String,
    pub reply: String,
    pub submitted_at: DateTime<Utc>,
    pub replied_at: DateTime<Utc>,
    pub supporters: u32,
    pub photos: Vec<PublicPhoto>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoardPage {
    pub items: Vec<BoardItem>,
    pub total: i64,
    pub page: u32,
    pub has_more: bool,
    /// For the filter form: (code, name) of category groups and leaves, and districts.
    pub categories: Vec<(String, Name)>,
    pub districts: Vec<(String, Name)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_and_roll_over_the_year() {
        let m = Month::parse("2026-12").unwrap();
        assert_eq!(
            m.next(),
            Month {
                year: 2027,
                month: 1
            }
        );
        assert_eq!(m.code(), "2026-12");
        for bad in ["2026-13", "2026", "x-1", ""] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
    }
}
