//! The 周通报 (weekly bulletin) and the 月排名 (monthly ranking): the departments' figures of
//! a week or a month with 环比 and 同比, the ranking, the 红黑榜 (best and worst ranked), and
//! the overdue and 督办 cases at the time it was generated. A report is kept as generated
//! (`reports` table): what was circulated can be read again unchanged.
use super::{rank, Figures, NamedPeriod, PeriodError, PeriodKind, MIN_RANKED_CASES};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// How many ranks the 红榜 and the 黑榜 take each (ties at the edge included).
pub const HONOUR_RANKS: usize = 3;

/// At most this many overdue and 督办 cases are listed (the count says how many there are).
pub const LISTED_CASES: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportKind {
    /// 周通报: a week's figures.
    Bulletin,
    /// 月排名: a month's ranking.
    Ranking,
}

impl ReportKind {
    pub const ALL: [ReportKind; 2] = [ReportKind::Bulletin, ReportKind::Ranking];

    pub fn code(self) -> &'static str {
        match self {
            ReportKind::Bulletin => "bulletin",
            ReportKind::Ranking => "ranking",
        }
    }

    pub fn parse(code: &str) -> Option<ReportKind> {
        ReportKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kind of period it covers.
    pub fn period_kind(self) -> PeriodKind {
        match self {
            ReportKind::Bulletin => PeriodKind::Week,
            ReportKind::Ranking => PeriodKind::Month,
        }
    }

    /// The period `text` names, which must be of this report's kind.
    pub fn period(self, text: &str) -> Result<NamedPeriod, PeriodError> {
        let period = NamedPeriod::parse(text)?;
        if period.kind != self.period_kind() {
            return Err(PeriodError::NotA(self.period_kind()));
        }
        Ok(period)
    }

    /// The last period of this kind that has ended by `today` (last week, last month).
    pub fn last_ended(self, today: NaiveDate) -> NamedPeriod {
        match self {
            ReportKind::Bulletin => NamedPeriod::week_of(today).previous(),
            ReportKind::Ranking => NamedPeriod::month_of(today).previous(),
        }
    }

    /// The file name of its sheet: `minsheng-bulletin-2026-W48.xlsx`.
    pub fn file_name(self, period: &str, extension: &str) -> String {
        format!("minsheng-{}-{period}.{extension}", self.code())
    }
}

/// A department's line: the period, the period before (环比) and a year before (同比).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportRow {
    pub key: String,
    pub label: String,
    pub figures: Figures,
    pub previous: Figures,
    pub year_before: Figures,
    /// Rank by 满意率 (`model::figures::rank`); `None` below `MIN_RANKED_CASES`.
    pub rank: Option<u32>,
}

/// A case on the overdue or the 督办 list: where it is and how late, never who reported it or
/// what they wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedCase {
    pub ticket_no: String,
    pub department: String,
    pub category: String,
    pub district: String,
    /// The reply deadline (overdue list) or the 督办 due date.
    pub due: Option<NaiveDate>,
    /// Days past `due` on the day the report was generated (0 when not yet due).
    pub days_late: i64,
    /// 重办 level (0 for a case never reopened).
    pub level: i64,
}

/// A list of cases, the first `LISTED_CASES` of `total`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseList {
    pub cases: Vec<ListedCase>,
    pub total: u64,
}

/// A generated 周通报 or 月排名.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub kind: ReportKind,
    pub period: NamedPeriod,
    pub generated_at: DateTime<Utc>,
    /// Every department with a case in the period, ranked ones first by rank, then by name.
    pub rows: Vec<ReportRow>,
    pub ranked: u32,
    /// Every case of the period, the period before and a year before.
    pub total: Figures,
    pub previous: Figures,
    pub year_before: Figures,
    /// 红榜 and 黑榜: keys of `rows`.
    pub red: Vec<String>,
    pub black: Vec<String>,
    /// Cases past their reply deadline when the report was generated.
    pub overdue: CaseList,
    /// Cases on the 督办 list when the report was generated.
    pub supervised: CaseList,
}

/// A stored report in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportEntry {
    pub kind: ReportKind,
    pub period: String,
    pub generated_at: DateTime<Utc>,
}

/// The reports page (`/staff/reports`): the stored reports, and the one asked for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportsView {
    pub me: crate::model::console::Me,
    pub reports: Vec<ReportEntry>,
    pub shown: Option<Report>,
    /// A report asked for that has not been generated (its kind and period).
    pub missing: Option<(ReportKind, String)>,
    /// The periods the generate form proposes: the last week and month that have ended.
    pub last_week: String,
    pub last_month: String,
}

/// What went into a report, before ranking.
pub struct ReportParts {
    pub kind: ReportKind,
    pub period: NamedPeriod,
    pub generated_at: DateTime<Utc>,
    /// Every department with a case in the period (`rank` is set by `Report::of`).
    pub rows: Vec<ReportRow>,
    /// Every case of the period before and of a year before (departments that had cases
    /// then but none now included).
    pub previous: Figures,
    pub year_before: Figures,
    pub overdue: CaseList,
    pub supervised: CaseList,
}

impl Report {
    /// Ranks the departments (ties share a rank, fewer than `MIN_RANKED_CASES` rated closings
    /// are not ranked), draws the 红黑榜 and sums the city's figures for the period (every
    /// case is in one department's row, `''` before any dispatch).
    pub fn of(parts: ReportParts) -> Report {
        let mut rows = parts.rows;
        let figures: Vec<Figures> = rows.iter().map(|r| r.figures.clone()).collect();
        let (ranks, ranked) = rank(&figures, MIN_RANKED_CASES);
        for (row, rank) in rows.iter_mut().zip(ranks) {
            row.rank = rank;
        }
        rows.sort_by(|a, b| {
            (a.rank.is_none(), a.rank, &a.label).cmp(&(b.rank.is_none(), b.rank, &b.label))
        });
        let (red, black) = honour_lists(&rows, HONOUR_RANKS);
        let total = Figures::sum(rows.iter().map(|r| &r.figures));
        Report {
            kind: parts.kind,
            period: parts.period,
            generated_at: parts.generated_at,
            rows,
            ranked,
            total,
            previous: parts.previous,
            year_before: parts.year_before,
            red,
            black,
            overdue: parts.overdue,
            supervised: parts.supervised,
        }
    }
}

/// The 红榜 (the ranked rows within the best `n` ranks) and the 黑榜 (the ranked rows with
/// fewer than `n` rows ranked below them), as keys. Ties at either edge are all in; a row on
/// the 红榜 is never also on the 黑榜, so with few ranked rows the 黑榜 is shorter or empty,
/// and with every rate equal everyone is on the 红榜.
pub fn honour_lists(rows: &[ReportRow], n: usize) -> (Vec<String>, Vec<String>) {
    let ranked: Vec<(&ReportRow, u32)> =
        rows.iter().filter_map(|r| r.rank.map(|k| (r, k))).collect();
    let red: Vec<String> = ranked
        .iter()
        .filter(|(_, k)| *k as usize <= n)
        .map(|(r, _)| r.key.clone())
        .collect();
    let black: Vec<String> = ranked
        .iter()
        .filter(|(r, k)| {
            let below = ranked.iter().filter(|(_, other)| other > k).count();
            below < n && !red.contains(&r.key)
        })
        .map(|(r, _)| r.key.clone())
        .collect();
    (red, black)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::figures::Rate;

    fn rated(key: &str, num: u64, den: u64) -> ReportRow {
        ReportRow {
            key: key.into(),
            label: key.to_uppercase(),
            figures: Figures {
                satisfied: Rate { num, den },
                ..Figures::default()
            },
            previous: Figures::default(),
            year_before: Figures::default(),
            rank: None,
        }
    }

    fn report(rows: Vec<ReportRow>) -> Report {
        Report::of(ReportParts {
            kind: ReportKind::Ranking,
            period: NamedPeriod::parse("2026-11").unwrap(),
            generated_at: DateTime::UNIX_EPOCH,
            rows,
            previous: Figures::default(),
            year_before: Figures::default(),
            overdue: CaseList::default(),
            supervised: CaseList::default(),
        })
    }

    #[test]
    fn the_red_and_black_lists_take_the_best_and_worst_three_ranks_with_ties() {
        let r = report(vec![
            rated("a", 19, 20), // 95.0 %: rank 2
            rated("b", 20, 20), // 100 %: rank 1
            rated("c", 38, 40), // 95.0 %: rank 2 (tie)
            rated("d", 9, 10),  // 90.0 %: rank 4
            rated("e", 8, 10),  // 80.0 %: rank 5
            rated("f", 7, 10),  // 70.0 %: rank 6
            rated("g", 7, 10),  // 70.0 %: rank 6 (tie)
            rated("h", 3, 3),   // too few rated: not ranked
        ]);
        let order: Vec<(&str, Option<u32>)> = r
            .rows
            .iter()
            .map(|row| (row.key.as_str(), row.rank))
            .collect();
        assert_eq!(
            order,
            [
                ("b", Some(1)),
                ("a", Some(2)),
                ("c", Some(2)),
                ("d", Some(4)),
                ("e", Some(5)),
                ("f", Some(6)),
                ("g", Some(6)),
                ("h", None),
            ]
        );
        assert_eq!(r.ranked, 7);
        // Ranks 1–3: b, and a and c sharing 2.
        assert_eq!(r.red, ["b", "a", "c"]);
        // Fewer than 3 ranked below: f and g (none below), e (two below); d has three below.
        assert_eq!(r.black, ["e", "f", "g"]);
    }

    #[test]
    fn with_few_ranked_departments_nobody_is_on_both_lists() {
        let r = report(vec![rated("a", 9, 10), rated("b", 8, 10)]);
        assert_eq!(r.red, ["a", "b"]);
        assert!(r.black.is_empty());
        let r = report(vec![
            rated("a", 9, 10),
            rated("b", 9, 10),
            rated("c", 9, 10),
        ]);
        assert_eq!(r.red, ["a", "b", "c"]);
        assert!(r.black.is_empty());
        let r = report(vec![rated("a", 3, 3)]);
        assert!(r.red.is_empty() && r.black.is_empty() && r.ranked == 0);
    }

    #[test]
    fn a_bulletin_is_for_a_week_and_a_ranking_for_a_month() {
        assert_eq!(
            ReportKind::Bulletin.period("2026-W48").unwrap().code(),
            "2026-W48"
        );
        assert_eq!(
            ReportKind::Bulletin.period("2026-11"),
            Err(PeriodError::NotA(PeriodKind::Week))
        );
        assert_eq!(
            ReportKind::Ranking.period("2026-Q4"),
            Err(PeriodError::NotA(PeriodKind::Month))
        );
        assert!(matches!(
            ReportKind::Ranking.period("2026-13"),
            Err(PeriodError::Unknown(_))
        ));
        let monday = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(ReportKind::Bulletin.last_ended(monday).code(), "2026-W48");
        assert_eq!(ReportKind::Ranking.last_ended(monday).code(), "2026-10");
        let first = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        assert_eq!(ReportKind::Bulletin.last_ended(first).code(), "2025-W52");
        assert_eq!(ReportKind::Ranking.last_ended(first).code(), "2025-12");
    }
}
