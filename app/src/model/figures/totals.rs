//! The figures of a set of cases in a period: rates, their sums, and their stored columns.
use super::{CaseFigures, Rating};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A period of Beijing dates, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// A deadline that settles a figure as late when it passes unanswered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Deadline {
    Response,
    Reply,
    Supervision,
}

impl Deadline {
    pub const ALL: [Deadline; 3] = [Deadline::Response, Deadline::Reply, Deadline::Supervision];

    pub fn code(self) -> &'static str {
        match self {
            Deadline::Response => "response",
            Deadline::Reply => "reply",
            Deadline::Supervision => "supervision",
        }
    }

    pub fn parse(code: &str) -> Option<Deadline> {
        Deadline::ALL.into_iter().find(|d| d.code() == code)
    }
}

impl Period {
    /// One day.
    pub fn day(day: NaiveDate) -> Period {
        Period {
            first: day,
            last: day,
        }
    }

    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        let day = crate::model::time::beijing_date(at);
        self.first <= day && day <= self.last
    }

    /// The period cut at the ends of months: the whole calendar months inside it (the first
    /// day of the first and of the last, when there is one), and the days outside them (at
    /// most two runs, each shorter than a month). Together they are the period, each day once.
    pub fn by_months(&self) -> (Option<(NaiveDate, NaiveDate)>, Vec<Period>) {
        use chrono::{Datelike, Months};
        let month_of = |d: NaiveDate| d.with_day(1).expect("every month has a first day");
        let whole_first = if self.first.day() == 1 {
            self.first
        } else {
            month_of(self.first) + Months::new(1)
        };
        // The first day of the month after the last whole one.
        let whole_end = month_of(self.last + chrono::Days::new(1));
        if self.first > self.last || whole_first >= whole_end {
            return (None, vec![*self]);
        }
        let mut rest = Vec::new();
        if self.first < whole_first {
            rest.push(Period {
                first: self.first,
                last: whole_first - chrono::Days::new(1),
            });
        }
        if whole_end <= self.last {
            rest.push(Period {
                first: whole_end,
                last: self.last,
            });
        }
        (Some((whole_first, whole_end - Months::new(1))), rest)
    }
}

/// A rate: `num` of `den` cases (`None` as a percentage when nothing is in the denominator).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rate {
    pub num: u64,
    pub den: u64,
}

impl Rate {
    fn count(&mut self, counted: bool, hit: bool) {
        if counted {
            self.den += 1;
            self.num += u64::from(hit);
        }
    }

    /// In tenths of a per cent (927 is 92.7 %), rounded half up; `None` without cases.
    pub fn per_mille(&self) -> Option<u64> {
        (self.den > 0).then(|| (self.num * 2000 + self.den) / (2 * self.den))
    }

    /// The change since `before` in tenths of a percentage point (both as shown, so the
    /// change is the difference of the two figures printed); `None` if either has no cases.
    pub fn change_since(&self, before: Rate) -> Option<i64> {
        Some(self.per_mille()? as i64 - before.per_mille()? as i64)
    }
}

/// The change of a count against an earlier one in tenths of a per cent, rounded half away
/// from zero (`None` when there was nothing before).
pub fn count_change(now: u64, before: u64) -> Option<i64> {
    if before == 0 {
        return None;
    }
    let diff = (now as i128 - before as i128) * 2000;
    let half = before as i128;
    let tenths = if diff >= 0 {
        (diff + half) / (2 * half)
    } else {
        (diff - half) / (2 * half)
    };
    Some(tenths as i64)
}

/// The figures of a set of cases in one period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    /// 受理量
    pub received: u64,
    /// Rejected in the period (invalid and duplicate), by received date.
    pub rejected: u64,
    /// 响应率
    pub response: Rate,
    /// 及时率
    pub on_time: Rate,
    /// 回复率
    pub replied: Rate,
    /// 办结率
    pub closed: Rate,
    /// 一次办结率
    pub first_time: Rate,
    /// 满意率
    pub satisfied: Rate,
    /// 不满意率
    pub unsatisfied: Rate,
    /// 参评率
    pub rated: Rate,
    /// 督办按期整改率
    pub supervision: Rate,
    /// 重复投诉率
    pub repeats: Rate,
}

impl Figures {
    /// Adds one case: its contribution and whether it was confirmed as a repeat (重复投诉,
    /// kept with the repeat links, not in the events).
    pub fn add(&mut self, case: &CaseFigures, repeat: bool, period: &Period) {
        let within = |at: Option<DateTime<Utc>>| at.is_some_and(|at| period.contains(at));
        if within(case.received_at) {
            self.received += u64::from(case.accepted);
            self.rejected += u64::from(case.rejected.is_some());
            self.repeats.count(case.accepted, repeat);
        }
        if let Some(s) = case.response.filter(|s| period.contains(s.at)) {
            self.response.count(true, s.on_time);
        }
        if let Some(s) = case.reply.filter(|s| period.contains(s.at)) {
            self.on_time.count(true, s.on_time);
        }
        if within(case.first_dispatch) {
            self.replied.count(true, case.replied);
            self.closed.count(true, case.closed_at.is_some());
        }
        if within(case.closed_at) {
            let rating = case.closing_rating;
            self.first_time.count(true, !case.reworked);
            self.rated.count(true, rating.is_some());
            self.satisfied.count(
                rating.is_some(),
                matches!(rating, Some(Rating::Satisfied | Rating::Basic)),
            );
            self.unsatisfied
                .count(rating.is_some(), rating == Some(Rating::Unsatisfied));
        }
        for s in &case.supervisions {
            if let Some(o) = s.outcome.filter(|o| period.contains(o.at)) {
                self.supervision.count(true, o.on_time);
            }
        }
    }

    /// Adds `n` running deadlines that passed unanswered: as many more late cases.
    pub fn add_passed(&mut self, deadline: Deadline, n: u64) {
        let rate = match deadline {
            Deadline::Response => &mut self.response,
            Deadline::Reply => &mut self.on_time,
            Deadline::Supervision => &mut self.supervision,
        };
        rate.den += n;
    }

    /// The figures as the stored columns (`COLUMNS`, in that order).
    pub fn columns(&self) -> Columns {
        let r = |r: Rate| [r.num as i64, r.den as i64];
        let [response, on_time, replied, closed, first_time, satisfied, unsatisfied, rated, supervision] =
            [
                self.response,
                self.on_time,
                self.replied,
                self.closed,
                self.first_time,
                self.satisfied,
                self.unsatisfied,
                self.rated,
                self.supervision,
            ]
            .map(r);
        [
            self.received as i64,
            self.rejected as i64,
            response[0],
            response[1],
            on_time[0],
            on_time[1],
            replied[0],
            replied[1],
            closed[0],
            closed[1],
            first_time[0],
            first_time[1],
            satisfied[0],
            satisfied[1],
            unsatisfied[0],
            unsatisfied[1],
            rated[0],
            rated[1],
            supervision[0],
            supervision[1],
            self.repeats.num as i64,
        ]
    }

    /// Figures from stored columns (`COLUMNS`, in that order); a negative count (never
    /// stored) reads as zero. The repeats' denominator is `received`.
    pub fn from_columns(c: Columns) -> Figures {
        let n = |i: usize| u64::try_from(c[i]).unwrap_or(0);
        let rate = |i: usize| Rate {
            num: n(i),
            den: n(i + 1),
        };
        Figures {
            received: n(0),
            rejected: n(1),
            response: rate(2),
            on_time: rate(4),
            replied: rate(6),
            closed: rate(8),
            first_time: rate(10),
            satisfied: rate(12),
            unsatisfied: rate(14),
            rated: rate(16),
            supervision: rate(18),
            repeats: Rate {
                num: n(20),
                den: n(0),
            },
        }
    }

    /// The figures of several sets of cases together.
    pub fn sum<'a>(all: impl IntoIterator<Item = &'a Figures>) -> Figures {
        let mut total = Figures::default();
        for f in all {
            total.merge(f);
        }
        total
    }

    /// Adds the figures of another set of cases (in the same period, or the next).
    pub fn merge(&mut self, other: &Figures) {
        let mut c = self.columns();
        for (a, b) in c.iter_mut().zip(other.columns()) {
            *a += b;
        }
        *self = Figures::from_columns(c);
    }
}

/// The stored columns of `Figures`, in the order of `Figures::columns`.
/// How many columns a day of stored figures has.
pub const COLUMN_COUNT: usize = 21;

/// A day's stored figures, in the order of `COLUMNS`.
pub type Columns = [i64; COLUMN_COUNT];

pub const COLUMNS: [&str; COLUMN_COUNT] = [
    "received",
    "rejected",
    "response_num",
    "response_den",
    "on_time_num",
    "on_time_den",
    "replied_num",
    "replied_den",
    "closed_num",
    "closed_den",
    "first_time_num",
    "first_time_den",
    "satisfied_num",
    "satisfied_den",
    "unsatisfied_num",
    "unsatisfied_den",
    "rated_num",
    "rated_den",
    "supervision_num",
    "supervision_den",
    "repeats_num",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_period_is_cut_into_its_whole_months_and_the_days_around_them_each_day_once() {
        let p = |a: &str, b: &str| Period {
            first: day(a),
            last: day(b),
        };
        // A year: twelve whole months, nothing around them.
        assert_eq!(
            p("2026-01-01", "2026-12-31").by_months(),
            (Some((day("2026-01-01"), day("2026-12-01"))), vec![])
        );
        // A quarter starting mid-month: the days before its first whole month and after its last.
        assert_eq!(
            p("2026-01-15", "2026-04-10").by_months(),
            (
                Some((day("2026-02-01"), day("2026-03-01"))),
                vec![p("2026-01-15", "2026-01-31"), p("2026-04-01", "2026-04-10")]
            )
        );
        // February of a leap year ends on the 29th.
        assert_eq!(
            p("2028-02-01", "2028-02-29").by_months(),
            (Some((day("2028-02-01"), day("2028-02-01"))), vec![])
        );
        assert_eq!(
            p("2028-02-01", "2028-02-28").by_months(),
            (None, vec![p("2028-02-01", "2028-02-28")])
        );
        // No whole month inside: the period as it is (a week, two half months).
        for (a, b) in [("2026-11-23", "2026-11-29"), ("2026-01-15", "2026-02-27")] {
            assert_eq!(p(a, b).by_months(), (None, vec![p(a, b)]));
        }
        // Every day of 400 days, from any first day, lands in exactly one part.
        let mut first = day("2025-12-20");
        while first < day("2026-03-05") {
            let last = first + chrono::Days::new(399);
            let (months, rest) = p(&first.to_string(), &last.to_string()).by_months();
            let mut days: Vec<NaiveDate> = rest
                .iter()
                .flat_map(|r| r.first.iter_days().take_while(|d| d <= &r.last))
                .collect();
            if let Some((a, b)) = months {
                assert!(a <= b);
                let end = b + chrono::Months::new(1);
                days.extend(a.iter_days().take_while(|d| d < &end));
            }
            days.sort();
            let all: Vec<NaiveDate> = first.iter_days().take_while(|d| d <= &last).collect();
            assert_eq!(days, all, "from {first}");
            assert!(rest.iter().all(|r| (r.last - r.first).num_days() < 31));
            first = first + chrono::Days::new(1);
        }
    }
}
