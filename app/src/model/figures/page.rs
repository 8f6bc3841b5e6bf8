//! What the staff figures page shows (`/staff/figures`), and the ranking rule.
use super::{Figures, NamedPeriod, Slice};
use crate::model::console::Me;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A department (or district…) needs this many rated closings in the period to be ranked:
/// below it one citizen's rating would swing the rank.
pub const MIN_RANKED_CASES: u64 = 10;

/// One row of the figures table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureRow {
    pub key: String,
    pub label: String,
    pub figures: Figures,
    /// Rank by 满意率 (1 is best; equal rates share a rank); `None` below `MIN_RANKED_CASES`.
    pub rank: Option<u32>,
}

/// The staff figures page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FiguresPage {
    pub me: Me,
    pub period: NamedPeriod,
    pub slice: Slice,
    /// The one key of the slice asked for (`key=`): its row alone, its weeks, 环比 and 同比.
    pub focus: Option<String>,
    pub rows: Vec<FigureRow>,
    /// How many keys were ranked (a department head sees only their own row).
    pub ranked: u32,
    /// Every case in the period (absent for a department head).
    pub total: Option<Figures>,
    /// The same figures for the period before (环比) and a year before (同比).
    pub previous: Figures,
    pub year_before: Figures,
    /// Weekly figures across the period (weeks starting on Monday).
    pub weeks: Vec<(NaiveDate, Figures)>,
    /// The weeks as a chart (SVG markup drawn by the server; empty when there is nothing).
    pub weeks_chart: String,
    /// The ranked rows as bars (SVG markup; empty for a department head or without ranks).
    pub ranking_chart: String,
    /// Where cases gather (category × street) against the period before; empty for a
    /// department head.
    pub hotspots: Vec<super::hotspot::Hotspot>,
}

/// Ranks rows by 满意率, best first: equal rates (to a tenth of a per cent) share a rank and
/// the next rank skips (1, 2, 2, 4); rows with fewer than `min` rated closings are not ranked.
/// Returns the rank of each row, in the rows' order, and how many were ranked.
pub fn rank(rows: &[Figures], min: u64) -> (Vec<Option<u32>>, u32) {
    let score = |f: &Figures| {
        (f.satisfied.den >= min)
            .then(|| f.satisfied.per_mille())
            .flatten()
    };
    let scores: Vec<Option<u64>> = rows.iter().map(score).collect();
    let ranks = scores
        .iter()
        .map(|s| s.map(|s| 1 + scores.iter().filter(|o| o.is_some_and(|o| o > s)).count() as u32))
        .collect();
    (ranks, scores.iter().flatten().count() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::figures::Rate;

    fn rated(num: u64, den: u64) -> Figures {
        Figures {
            satisfied: Rate { num, den },
            ..Figures::default()
        }
    }

    #[test]
    fn equal_rates_share_a_rank_and_small_departments_are_not_ranked() {
        let rows = [
            rated(9, 10),
            rated(18, 20),
            rated(10, 10),
            rated(3, 3),
            rated(5, 10),
        ];
        let (ranks, ranked) = rank(&rows, 10);
        assert_eq!(ranks, vec![Some(2), Some(2), Some(1), None, Some(4)]);
        assert_eq!(ranked, 4);
    }
}
