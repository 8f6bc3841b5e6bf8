//! What the public may see of the figures (`/figures`, 公开): monthly counts and rates per
//! department and district, and nothing computed from fewer than `MIN_PUBLIC_CASES` cases, so
//! that no figure can single out one reporter (one rating moving a rate, one case in a small
//! district). The one rule every public figure goes through.
use super::{Figures, Rate};
use serde::{Deserialize, Serialize};

/// The fewest cases behind a published figure (a count or a rate's denominator).
pub const MIN_PUBLIC_CASES: u64 = 10;

/// A published row: each figure, or `None` where too few cases stand behind it. Rates are
/// published in tenths of a per cent, never as numerator and denominator: with those, the
/// city's total minus the published rows would give back a suppressed row exactly.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicRow {
    pub key: String,
    pub label: String,
    pub received: Option<u64>,
    pub on_time: Option<u64>,
    pub replied: Option<u64>,
    pub closed: Option<u64>,
    pub first_time: Option<u64>,
    pub satisfied: Option<u64>,
}

impl PublicRow {
    /// The row the public may see of these figures.
    pub fn of(key: String, label: String, f: &Figures) -> PublicRow {
        let rate = |r: Rate| r.per_mille().filter(|_| r.den >= MIN_PUBLIC_CASES);
        PublicRow {
            key,
            label,
            received: (f.received >= MIN_PUBLIC_CASES).then_some(f.received),
            on_time: rate(f.on_time),
            replied: rate(f.replied),
            closed: rate(f.closed),
            first_time: rate(f.first_time),
            satisfied: rate(f.satisfied),
        }
    }

    /// Whether anything at all is published.
    pub fn any(&self) -> bool {
        self.received.is_some()
            || [
                self.on_time,
                self.replied,
                self.closed,
                self.first_time,
                self.satisfied,
            ]
            .iter()
            .any(Option::is_some)
    }
}

/// The public figures of a month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicFigures {
    /// `YYYY-MM`.
    pub month: String,
    pub total: PublicRow,
    pub departments: Vec<PublicRow>,
    pub districts: Vec<PublicRow>,
    /// 满意率 of the departments that publish one, as bars (SVG drawn by the server).
    pub ranking_chart: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_from_fewer_than_ten_cases_is_not_published() {
        let f = Figures {
            received: 9,
            on_time: Rate { num: 9, den: 10 },
            satisfied: Rate { num: 2, den: 3 },
            ..Figures::default()
        };
        let row = PublicRow::of("d".into(), "D".into(), &f);
        assert_eq!(row.received, None);
        assert_eq!(row.on_time, Some(900));
        assert_eq!(row.satisfied, None);
        assert!(row.any());
        assert!(!PublicRow::of("e".into(), "E".into(), &Figures::default()).any());
    }
}
