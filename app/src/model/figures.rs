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
}

/// Why a case was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RejectKind {
    Invalid,
    Duplicate,
}

impl CaseFigures {
    /// The contribution of the case with this history, as of `now`. A history the workflow
    /// refuses yields what was read up to the refused event (stored histories are valid).
    pub fn of<'e>(
        events: impl IntoIterator<Item = (&'e Event, &'e str, DateTime<Utc>)>,
        rules: &Rules,
        now: DateTime<Utc>,
    ) -> CaseFigures {
        let mut state = CaseState::default();
        let mut f = CaseFigures::default();
        // The dispatch whose first contact is awaited, and when that contact is due.
        let mut response_due: Option<DateTime<Utc>> = None;
        for (event, note, at) in events {
            let Ok(next) = state.replay(event, note, at, rules) else {
                break;
            };
            f.settle_deadlines(&state, response_due, at);
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
        }
        f.settle_deadlines(&state, response_due, now);
        f
    }

    /// Deadlines that passed unanswered before `at` settle as late, at the deadline.
    fn settle_deadlines(
        &mut self,
        state: &CaseState,
        response_due: Option<DateTime<Utc>>,
        at: DateTime<Utc>,
    ) {
        if let (None, Some(due)) = (self.response, response_due) {
            if at >= due && state.status == Some(Status::Dispatched) {
                self.response = Some(Settled {
                    on_time: false,
                    at: due,
                });
            }
        }
        if self.reply.is_none() && state.status.is_some_and(Status::reply_clock_runs) {
            if let Some(due) = state.reply_due.filter(|due| at >= *due) {
                self.reply = Some(Settled {
                    on_time: false,
                    at: due,
                });
            }
        }
        for s in self.supervisions.iter_mut().filter(|s| s.outcome.is_none()) {
            let due = end_of_day(s.due);
            if at >= due {
                s.outcome = Some(Settled {
                    on_time: false,
                    at: due,
                });
            }
        }
    }

    /// A released reply or a closing answers every supervision still open.
    fn answer_supervisions(&mut self, at: DateTime<Utc>) {
        for s in self.supervisions.iter_mut().filter(|s| s.outcome.is_none()) {
            s.outcome = Some(Settled { on_time: true, at });
        }
    }
}

/// A period of Beijing dates, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Period {
    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        let day = super::time::beijing_date(at);
        self.first <= day && day <= self.last
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
}

#[cfg(test)]
mod tests;
