//! The case workflow: a state machine over the events of a case's history.
//!
//! created → accepted (受理) or rejected (invalid / duplicate) → dispatched (转办) to a
//! department → first contact (第一次联系) → [handed back (回退) to the operator for
//! re-dispatch] → [extension (延期) requested, decided by a supervisor] → reply drafted (答复)
//! → approved and released by the department head, or sent back for rework → second contact
//! (第二次联系) → closed (办结). A supervisor may put any open case on the 督办 list. An operator or
//! supervisor may re-assign (改派) a case a department holds (before its reply is drafted) to
//! another department, which starts afresh: the path for a misrouted case found after the
//! hand-back window.
//!
//! `CaseState::apply` refuses every illegal transition, whoever asks; `authorize` decides who
//! may ask. The state is never stored on its own: it is the fold of the event log (the
//! database keeps a copy for its queue indexes, rebuilt from the fold at every change).
mod access;
mod event;
mod limits;
mod refusal;
mod reply;
#[cfg(test)]
mod tests;

pub use access::{authorize, available_actions};
pub use event::{Event, EventKind, Rating, RejectReason, Reply, Status, Supervision, MAX_LEVEL};
pub use limits::*;
pub use refusal::Refusal;
pub use reply::{check_reply, work_phone};

use super::calendar::{end_of_day, Limits, WorkCalendar};
use super::time::beijing_date;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Which rules a step checks: all of them for a new event, only the structural ones when a
/// stored history is replayed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Check {
    Everything,
    Structure,
}

/// What a transition needs to know besides the state: the working-day calendar and limits,
/// and the case's category (water, power, gas and heating have shorter limits).
#[derive(Clone, Copy, Debug)]
pub struct Rules<'a> {
    pub calendar: &'a WorkCalendar,
    pub limits: Limits,
    pub category: &'a str,
}

/// The state of a case: the fold of its events.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseState {
    /// `None` before the `created` event.
    pub status: Option<Status>,
    pub department: Option<String>,
    pub dispatched_at: Option<DateTime<Utc>>,
    /// A misrouted case must be handed back before this.
    pub hand_back_due: Option<DateTime<Utc>>,
    /// The reply is due before this (moved by an approved extension).
    pub reply_due: Option<DateTime<Utc>>,
    pub replied_at: Option<DateTime<Utc>>,
    /// The last hand-back is waiting for re-dispatch.
    pub handed_back: bool,
    pub hand_backs: u32,
    pub extension_requests: u32,
    pub pending_extension: Option<NaiveDate>,
    pub extended_until: Option<NaiveDate>,
    pub reworks: u32,
    pub draft: Option<Reply>,
    pub reply: Option<Reply>,
    pub supervision: Option<Supervision>,
    pub supervisions: u32,
    pub reassignments: u32,
    pub rejection: Option<RejectReason>,
    /// 三级处置: how many times an unsatisfied rating reopened the case (0..=MAX_LEVEL).
    pub level: u8,
    /// The released reply must be rated before this, or the case closes as "not rated".
    pub rating_due: Option<DateTime<Utc>>,
    /// The last rating, and whether it was given by phone.
    pub rating: Option<Rating>,
    pub rated_by_phone: bool,
    /// Closed because nobody rated the reply in time.
    pub closed_unrated: bool,
}

impl CaseState {
    /// Folds a log; a log that breaks the rules is refused at the first bad event.
    pub fn from_events<'e>(
        events: impl IntoIterator<Item = (&'e Event, &'e str, DateTime<Utc>)>,
        rules: &Rules,
    ) -> Result<CaseState, Refusal> {
        events
            .into_iter()
            .try_fold(CaseState::default(), |s, (e, note, at)| {
                s.replay(e, note, at, rules)
            })
    }

    /// Whether the reply deadline has passed at `now` while a department holds the case.
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        self.status.is_some_and(Status::reply_clock_runs)
            && self.reply_due.is_some_and(|d| now >= d)
    }

    /// Whether `kind` may happen now as far as the status goes (payload aside).
    pub fn status_allows(&self, kind: EventKind) -> bool {
        use EventKind as K;
        use Status as S;
        let Some(status) = self.status else {
            return kind == K::Created;
        };
        match kind {
            K::Created => false,
            K::Accepted | K::Rejected => status == S::Submitted,
            K::Dispatched => status == S::Accepted,
            K::FirstContact => status == S::Dispatched,
            // A reopened case is the department's own: no hand-back.
            K::HandedBack => matches!(status, S::Dispatched | S::Handling) && self.level == 0,
            K::ExtensionRequested => matches!(status, S::Dispatched | S::Handling),
            K::ExtensionApproved | K::ExtensionRefused => {
                self.pending_extension.is_some() && status.reply_clock_runs()
            }
            K::ReplyDrafted => status == S::Handling,
            K::ReplySentBack | K::ReplyApproved => status == S::ReplyDrafted,
            K::SecondContact => status == S::Replied,
            K::Rated | K::ClosedUnrated => status.awaits_rating(),
            K::Closed => status == S::Unresolved,
            K::SupervisionAdded => !status.is_final() && self.supervision.is_none(),
            K::SupervisionLifted => self.supervision.is_some(),
            K::Reassigned => matches!(status, S::Dispatched | S::Handling),
        }
    }

    /// The next state after `event` at `at`, or why it cannot happen. `note` is the actor's
    /// reason or remark, required for some events.
    pub fn apply(
        &self,
        event: &Event,
        note: &str,
        at: DateTime<Utc>,
        rules: &Rules,
    ) -> Result<CaseState, Refusal> {
        self.step(event, note, at, rules, Check::Everything)
    }

    /// Replays an event of a stored history. The checks that depend on the clock and on the
    /// configuration of the day (hand-back window, extension and supervision dates) were made
    /// when the event was recorded; a city that changes its limits or calendar later must not
    /// make old cases unreadable, so they are not repeated. The structural rules still hold.
    pub fn replay(
        &self,
        event: &Event,
        note: &str,
        at: DateTime<Utc>,
        rules: &Rules,
    ) -> Result<CaseState, Refusal> {
        self.step(event, note, at, rules, Check::Structure)
    }

    fn step(
        &self,
        event: &Event,
        note: &str,
        at: DateTime<Utc>,
        rules: &Rules,
        check: Check,
    ) -> Result<CaseState, Refusal> {
        let timely = check == Check::Everything;
        let kind = event.kind();
        if !self.status_allows(kind) {
            return Err(Refusal::NotNow {
                status: self.status,
            });
        }
        if note.chars().count() > NOTE_MAX_CHARS {
            return Err(Refusal::NoteTooLong {
                max: NOTE_MAX_CHARS,
            });
        }
        let mut next = self.clone();
        match event {
            Event::Created => next.status = Some(Status::Submitted),
            Event::Accepted => next.status = Some(Status::Accepted),
            Event::Rejected { reason } => {
                if let RejectReason::Duplicate { of } = reason {
                    if of.trim().is_empty() {
                        return Err(Refusal::DuplicateTarget);
                    }
                }
                next.status = Some(Status::Rejected);
                next.rejection = Some(reason.clone());
                next.supervision = None;
            }
            Event::Dispatched { department } => next.dispatch(department, at, rules)?,
            Event::Reassigned { department } => {
                if self.department.as_deref() == Some(department.trim()) {
                    return Err(Refusal::SameDepartment);
                }
                if self.reassignments >= MAX_REASSIGNMENTS {
                    return Err(Refusal::ReassignLimit {
                        max: MAX_REASSIGNMENTS,
                    });
                }
                next.dispatch(department, at, rules)?;
                next.reassignments += 1;
            }
            Event::FirstContact => next.status = Some(Status::Handling),
            Event::HandedBack => {
                if self.hand_backs >= MAX_HAND_BACKS {
                    return Err(Refusal::HandBackLimit {
                        max: MAX_HAND_BACKS,
                    });
                }
                if timely && self.hand_back_due.is_some_and(|due| at >= due) {
                    return Err(Refusal::HandBackWindowClosed {
                        working_days: rules.limits.hand_back,
                    });
                }
                next.status = Some(Status::Accepted);
                next.department = None;
                next.dispatched_at = None;
                next.hand_back_due = None;
                next.reply_due = None;
                next.pending_extension = None;
                next.extended_until = None;
                next.handed_back = true;
                next.hand_backs += 1;
            }
            Event::ExtensionRequested { until } => {
                if self.pending_extension.is_some() {
                    return Err(Refusal::ExtensionPending);
                }
                if self.extension_requests >= MAX_EXTENSION_REQUESTS {
                    return Err(Refusal::ExtensionLimit {
                        max: MAX_EXTENSION_REQUESTS,
                    });
                }
                let today = beijing_date(at);
                let later_than_due = self.reply_due.is_none_or(|due| end_of_day(*until) > due);
                let too_far = (*until - today).num_days() > MAX_EXTENSION_DAYS;
                if timely && (!later_than_due || too_far) {
                    return Err(Refusal::ExtensionDate {
                        max_days: MAX_EXTENSION_DAYS,
                    });
                }
                next.pending_extension = Some(*until);
                next.extension_requests += 1;
            }
            Event::ExtensionApproved => {
                let until = self.pending_extension.ok_or(Refusal::NoExtensionPending)?;
                // Approving a promise whose day has already passed would make it overdue at once.
                if timely && end_of_day(until) <= at {
                    return Err(Refusal::ExtensionDate {
                        max_days: MAX_EXTENSION_DAYS,
                    });
                }
                next.pending_extension = None;
                next.extended_until = Some(until);
                next.reply_due = Some(end_of_day(until));
            }
            Event::ExtensionRefused => next.pending_extension = None,
            Event::ReplyDrafted { reply } => {
                check_reply(reply)?;
                next.status = Some(Status::ReplyDrafted);
                next.draft = Some(reply.clone());
            }
            Event::ReplySentBack => {
                if self.reworks >= MAX_REWORKS {
                    return Err(Refusal::ReworkLimit { max: MAX_REWORKS });
                }
                next.status = Some(Status::Handling);
                next.draft = None;
                next.reworks += 1;
            }
            Event::ReplyApproved => {
                next.status = Some(Status::Replied);
                next.reply = next.draft.take();
                next.replied_at = Some(at);
                next.pending_extension = None;
                next.rating = None;
                next.rating_due =
                    Some(at + chrono::Duration::days(i64::from(rules.limits.rating_days)));
            }
            Event::SecondContact => next.status = Some(Status::FollowedUp),
            Event::Rated {
                rating,
                comment,
                by_phone,
            } => {
                if comment.chars().count() > COMMENT_MAX_CHARS {
                    return Err(Refusal::CommentTooLong {
                        max: COMMENT_MAX_CHARS,
                    });
                }
                next.rating = Some(*rating);
                next.rated_by_phone = *by_phone;
                next.rating_due = None;
                match rating {
                    Rating::Satisfied | Rating::Basic => {
                        next.status = Some(Status::Closed);
                        next.supervision = None;
                    }
                    Rating::Unsatisfied if self.level < MAX_LEVEL => {
                        // 重办 one level up, in the same department, with a fresh deadline.
                        next.level += 1;
                        next.redo(
                            rules
                                .calendar
                                .due_at(at, rules.limits.reply_days(rules.category)),
                            at,
                        );
                    }
                    Rating::Unsatisfied => next.status = Some(Status::Unresolved),
                }
            }
            Event::ClosedUnrated => {
                if timely && self.rating_due.is_some_and(|due| at < due) {
                    return Err(Refusal::RatingWindowOpen);
                }
                next.status = Some(Status::Closed);
                next.closed_unrated = true;
                next.rating_due = None;
                next.supervision = None;
            }
            Event::Closed => {
                next.status = Some(Status::Closed);
                next.supervision = None;
            }
            Event::SupervisionAdded { supervision } => {
                if self.supervisions >= MAX_SUPERVISIONS {
                    return Err(Refusal::SupervisionLimit {
                        max: MAX_SUPERVISIONS,
                    });
                }
                if supervision.instruction.trim().is_empty() {
                    return Err(Refusal::InstructionRequired);
                }
                if supervision.instruction.chars().count() > NOTE_MAX_CHARS {
                    return Err(Refusal::NoteTooLong {
                        max: NOTE_MAX_CHARS,
                    });
                }
                if timely && supervision.due < beijing_date(at) {
                    return Err(Refusal::SupervisionDue);
                }
                next.supervision = Some(supervision.clone());
                next.supervisions += 1;
                if self.status == Some(Status::Unresolved) {
                    // Back to the department, due when the supervision is.
                    next.redo(end_of_day(supervision.due), at);
                }
            }
            Event::SupervisionLifted => next.supervision = None,
        }
        if kind.needs_note() && note.trim().is_empty() {
            return Err(Refusal::NoteRequired);
        }
        Ok(next)
    }
}

impl CaseState {
    /// The department handles the case again (重办), with a new reply deadline; no hand-back.
    fn redo(&mut self, reply_due: DateTime<Utc>, at: DateTime<Utc>) {
        self.status = Some(Status::Dispatched);
        self.dispatched_at = Some(at);
        self.hand_back_due = None;
        self.reply_due = Some(reply_due);
        self.pending_extension = None;
        self.extended_until = None;
        self.draft = None;
        self.rating_due = None;
    }

    /// The case goes to `department` at `at`: the deadlines start again there.
    fn dispatch(
        &mut self,
        department: &str,
        at: DateTime<Utc>,
        rules: &Rules,
    ) -> Result<(), Refusal> {
        if department.trim().is_empty() {
            return Err(Refusal::UnknownDepartment);
        }
        self.status = Some(Status::Dispatched);
        self.department = Some(department.trim().to_string());
        self.dispatched_at = Some(at);
        self.handed_back = false;
        self.hand_back_due = Some(rules.calendar.due_at(at, rules.limits.hand_back));
        self.reply_due = Some(
            rules
                .calendar
                .due_at(at, rules.limits.reply_days(rules.category)),
        );
        self.pending_extension = None;
        self.extended_until = None;
        Ok(())
    }
}
