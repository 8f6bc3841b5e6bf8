//! Service-quality figures (服务质量指标), defined once: what a case contributes to each figure,
//! and the figures of a set of cases in a period.
//!
//! A case's contribution (`CaseFigures`) is read from its event log by replaying it through
//! the workflow (`CaseState`), so a figure can never disagree with the case's history. Each
//! figure is a count of cases (受理量) or a rate: a numerator and a denominator of cases, each
//! case counted in the period of the date that settles it (its *anchor*). Deadlines that have
//! not passed yet settle nothing: a case waiting for its reply, still on time, is in no
//! timeliness denominator until it is answered or its deadline passes.
//!
//! | figure | numerator | denominator | anchor |
//! |---|---|---|---|
//! | 受理量 received | cases accepted (受理) | — | received |
//! | 响应率 response | first contact within 1 working day of dispatch | cases whose response settled | first contact, or the end of that day |
//! | 及时率 on time | first reply released by the deadline in force | cases whose reply settled | first reply, or the deadline |
//! | 回复率 reply | cases with a released reply | cases dispatched | first dispatch |
//! | 办结率 closure | cases closed (办结, rated or not) | cases dispatched | first dispatch |
//! | 一次办结率 first time | closed cases never reopened (重办), handed back or re-assigned | cases closed | closing |
//! | 满意率 satisfaction | closing rating 满意 or 基本满意 | cases closed with a rating | closing |
//! | 不满意率 dissatisfaction | closing rating 不满意 | cases closed with a rating | closing |
//! | 参评率 rated share | cases closed with a rating | cases closed | closing |
//! | 督办按期整改率 supervision | supervisions answered by their due date | supervisions whose due date settled | answer, or the due date |
//! | 重复投诉率 repeats | accepted cases confirmed as repeats | cases accepted | received |
//!
//! Whose figure: a case belongs to the department that last held it (the one that answered,
//! or holds it now). A hand-back within its window is the hotline's correction of a misroute
//! and charges nothing to the department that handed back; the case counts against first-time
//! resolution all the same, as does a re-assignment (改派). An extension approved before the
//! deadline passed moves the deadline; one approved after it cannot undo a late reply.
//! Rejected cases (invalid, duplicate) are in no figure but their own count. Confidential
//! cases count like any other: figures carry no personal data.
use super::calendar::end_of_day;
use super::workflow::{CaseState, Event, Rating, RejectReason, Rules, Status};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Working days a department has to make first contact after a dispatch (响应).
pub const RESPONSE_WORKING_DAYS: u32 = 1;

/// How a deadline turned out, and when that became known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settled {
    pub on_time: bool,
    pub at: DateTime<Utc>,
}

/// One 督办 and how it turned out (`None` while its due date has not passed unanswered).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupervisionFigure {
    pub due: NaiveDate,
    pub outcome: Option<Settled>,
}

/// What one case contributes to the figures, as of a moment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFigures {
    pub received_at: Option<DateTime<Utc>>,
    /// 受理: accepted by an operator (not rejected).
    pub accepted: bool,
    pub rejected: Option<RejectKind>,
    /// The department the case's figures belong to: the last that held it.
    pub department: Option<String>,
    pub first_dispatch: Option<DateTime<Utc>>,
    /// First contact within `RESPONSE_WORKING_DAYS` of the dispatch it answered.
    pub response: Option<Settled>,
    /// The first reply released by the deadline in force.
    pub reply: Option<Settled>,
    pub replied: bool,
    pub closed_at: Option<DateTime<Utc>>,
    /// Reopened (重办), handed back or re-assigned at least once.
    pub reworked: bool,
    /// The rating that closed the case (`None`: closed unrated, or not closed).
    pub closing_rating: Option<Rating>,
    pub supervisions: Vec<SupervisionFigure>,
    /// A first contact still awaited: it settles as late if none is made before this.
    pub response_due: Option<DateTime<Utc>>,
    /// A first reply still awaited: it settles as late if none is released before this.
    pub reply_due: Option<DateTime<Utc>>,
    /// Confirmed as a repeat of an earlier case (重复投诉): kept with the repeat links, not in
    /// the events; set by whoever reads the links.
    pub repeat: bool,
}

/// Why a case was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RejectKind {
    Invalid,
    Duplicate,
}

impl CaseFigures {
    /// The contribution of the case with this history, as of `now` (not before its last
    /// event). A history the workflow refuses yields what was read up to the refused event
    /// (stored histories are valid).
    pub fn of<'e>(
        events: impl IntoIterator<Item = (&'e Event, &'e str, DateTime<Utc>)>,
        rules: &Rules,
        now: DateTime<Utc>,
    ) -> CaseFigures {
        CaseFigures::replay(events, rules).as_of(now)
    }

    /// The contribution as of the last event, with the deadlines still running kept in
    /// `response_due`, `reply_due` and unanswered supervisions: what is stored, so that a
    /// deadline passing later needs no write (`as_of` and `deadlines`).
    pub fn replay<'e>(
        events: impl IntoIterator<Item = (&'e Event, &'e str, DateTime<Utc>)>,
        rules: &Rules,
    ) -> CaseFigures {
        let mut state = CaseState::default();
        let mut f = CaseFigures::default();
        // The dispatch whose first contact is awaited, and when that contact is due.
        let mut response_due: Option<DateTime<Utc>> = None;
        for (event, note, at) in events {
            let Ok(next) = state.replay(event, note, at, rules) else {
                break;
            };
            f.settle(at);
            match event {
                Event::Created => f.received_at = Some(at),
                Event::Accepted => f.accepted = true,
                Event::Rejected { reason } => {
                    f.rejected = Some(match reason {
                        RejectReason::Invalid => RejectKind::Invalid,
                        RejectReason::Duplicate { .. } => RejectKind::Duplicate,
                    })
                }
                Event::Dispatched { .. } | Event::Reassigned { .. } => {
                    f.first_dispatch.get_or_insert(at);
                    if f.response.is_none() {
                        response_due = Some(rules.calendar.due_at(at, RESPONSE_WORKING_DAYS));
                    }
                    if matches!(event, Event::Reassigned { .. }) {
                        f.reworked = true;
                    }
                }
                Event::FirstContact => {
                    if let (None, Some(due)) = (f.response, response_due) {
                        f.response = Some(Settled {
                            on_time: at < due,
                            at,
                        });
                    }
                }
                Event::HandedBack => {
                    f.reworked = true;
                    // The next department's contact is the one that counts.
                    if f.response.is_none() {
                        response_due = None;
                    }
                }
                Event::ReplyApproved => {
                    f.replied = true;
                    if f.reply.is_none() {
                        let due = state.reply_due.unwrap_or(at);
                        f.reply = Some(Settled {
                            on_time: at < due,
                            at,
                        });
                    }
                    f.answer_supervisions(at);
                }
                Event::SupervisionAdded { supervision } => f.supervisions.push(SupervisionFigure {
                    due: supervision.due,
                    outcome: None,
                }),
                Event::Rated {
                    rating: Rating::Unsatisfied,
                    ..
                } => f.reworked = true,
                _ => {}
            }
            if next.status == Some(Status::Closed) && f.closed_at.is_none() {
                f.closed_at = Some(at);
                // The last rating of the last reply (an unresolved case closed by a supervisor
                // keeps its 不满意); `None` when the last reply went unrated.
                f.closing_rating = next.rating;
                f.answer_supervisions(at);
            }
            if next.department.is_some() {
                f.department = next.department.clone();
            }
            state = next;
            f.track(&state, response_due);
        }
        f
    }

    /// The deadlines running in `state`: the first contact of the dispatch awaited
    /// (`response_due`) while the case waits at the department, the first reply while its
    /// clock runs.
    fn track(&mut self, state: &CaseState, response_due: Option<DateTime<Utc>>) {
        self.response_due = response_due
            .filter(|_| self.response.is_none() && state.status == Some(Status::Dispatched));
        self.reply_due = state
            .reply_due
            .filter(|_| self.reply.is_none() && state.status.is_some_and(Status::reply_clock_runs));
    }

    /// The contribution as of `now`: running deadlines that have passed settle as late.
    pub fn as_of(mut self, now: DateTime<Utc>) -> CaseFigures {
        self.settle(now);
        self
    }

    /// Running deadlines that passed unanswered by `now` settle as late, at the deadline.
    fn settle(&mut self, now: DateTime<Utc>) {
        if let Some(due) = self.response_due.filter(|due| now >= *due) {
            self.response = Some(Settled {
                on_time: false,
                at: due,
            });
            self.response_due = None;
        }
        if let Some(due) = self.reply_due.filter(|due| now >= *due) {
            self.reply = Some(Settled {
                on_time: false,
                at: due,
            });
            self.reply_due = None;
        }
        for s in self.supervisions.iter_mut().filter(|s| s.outcome.is_none()) {
            let due = end_of_day(s.due);
            if now >= due {
                s.outcome = Some(Settled {
                    on_time: false,
                    at: due,
                });
            }
        }
    }

    /// The deadlines still running, each with the figure it settles when it passes.
    pub fn deadlines(&self) -> Vec<(Deadline, DateTime<Utc>)> {
        let supervisions = self
            .supervisions
            .iter()
            .filter(|s| s.outcome.is_none())
            .map(|s| (Deadline::Supervision, end_of_day(s.due)));
        (self
            .response_due
            .map(|d| (Deadline::Response, d))
            .into_iter())
        .chain(self.reply_due.map(|d| (Deadline::Reply, d)))
        .chain(supervisions)
        .collect()
    }

    /// What the case adds to each day's figures (Beijing dates), deadlines still running
    /// left out (a repeat counts on the day it was received). The figures of a period are
    /// the sum of its days, plus the running deadlines that passed in it
    /// (`Figures::add_passed`).
    pub fn by_day(&self) -> Vec<(NaiveDate, Figures)> {
        let mut days: Vec<NaiveDate> = [
            self.received_at,
            self.response.map(|s| s.at),
            self.reply.map(|s| s.at),
            self.first_dispatch,
            self.closed_at,
        ]
        .into_iter()
        .flatten()
        .chain(
            self.supervisions
                .iter()
                .filter_map(|s| s.outcome.map(|o| o.at)),
        )
        .map(super::time::beijing_date)
        .collect();
        days.sort_unstable();
        days.dedup();
        days.into_iter()
            .filter_map(|day| {
                let mut f = Figures::default();
                f.add(self, self.repeat, &Period::day(day));
                (f != Figures::default()).then_some((day, f))
            })
            .collect()
    }

    /// A released reply or a closing answers every supervision still open.
    fn answer_supervisions(&mut self, at: DateTime<Utc>) {
        for s in self.supervisions.iter_mut().filter(|s| s.outcome.is_none()) {
            s.outcome = Some(Settled { on_time: true, at });
        }
    }
}

mod cells;
pub mod hotspot;
mod page;
mod period;
pub mod public;
pub mod report;
#[cfg(test)]
mod tests;
mod totals;
pub use cells::{cells, change, CaseSlices, Cell, Slice, CHANNELS};
pub use page::{rank, FigureRow, FiguresPage, MIN_RANKED_CASES};
pub use period::{NamedPeriod, PeriodError, PeriodKind, MAX_PERIOD_DAYS};
pub use totals::{count_change, Columns, Deadline, Figures, Period, Rate, COLUMNS, COLUMN_COUNT};
