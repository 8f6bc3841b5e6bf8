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
use super::calendar::{end_of_day, Limits, WorkCalendar};
use super::phone::MobilePhone;
use super::staff::{Actor, Role};
use super::time::beijing_date;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A department may hand the same case back at most this many times in all; after that the
/// operator escalates to a supervisor instead of bouncing it again.
pub const MAX_HAND_BACKS: u32 = 3;
/// Extension requests per case.
pub const MAX_EXTENSION_REQUESTS: u32 = 2;
/// Times a head may send a reply back; after that it is approved or supervised.
pub const MAX_REWORKS: u32 = 5;
/// Times a case may be put on the 督办 list.
pub const MAX_SUPERVISIONS: u32 = 5;
/// Times the hotline may re-assign a case from one department to another.
pub const MAX_REASSIGNMENTS: u32 = 3;
/// An extension promises a date at most this many calendar days after the request.
pub const MAX_EXTENSION_DAYS: i64 = 90;
/// Reply text: long enough to answer the actual request.
pub const REPLY_MIN_CHARS: usize = 20;
pub const REPLY_MAX_CHARS: usize = 3000;
pub const NOTE_MAX_CHARS: usize = 1000;

/// Where a case stands. Derived from its events.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Received, waiting for an operator.
    Submitted,
    /// Accepted (or handed back), waiting to be dispatched.
    Accepted,
    /// Not accepted: invalid or a duplicate. Final.
    Rejected,
    /// At a department, no contact with the citizen yet.
    Dispatched,
    /// The department contacted the citizen and is handling the case.
    Handling,
    /// A reply waits for the department head's approval.
    ReplyDrafted,
    /// The approved reply is released to the citizen.
    Replied,
    /// The department contacted the citizen again after the reply.
    FollowedUp,
    /// 办结. Final.
    Closed,
}

impl Status {
    pub const ALL: [Status; 9] = [
        Status::Submitted,
        Status::Accepted,
        Status::Rejected,
        Status::Dispatched,
        Status::Handling,
        Status::ReplyDrafted,
        Status::Replied,
        Status::FollowedUp,
        Status::Closed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::Submitted => "submitted",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
            Status::Dispatched => "dispatched",
            Status::Handling => "handling",
            Status::ReplyDrafted => "reply_drafted",
            Status::Replied => "replied",
            Status::FollowedUp => "followed_up",
            Status::Closed => "closed",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn is_final(self) -> bool {
        matches!(self, Status::Rejected | Status::Closed)
    }

    /// A department holds the case and its reply deadline runs.
    pub fn reply_clock_runs(self) -> bool {
        matches!(
            self,
            Status::Dispatched | Status::Handling | Status::ReplyDrafted
        )
    }

    /// A department is (or was last) responsible for the case.
    pub fn has_department(self) -> bool {
        matches!(
            self,
            Status::Dispatched
                | Status::Handling
                | Status::ReplyDrafted
                | Status::Replied
                | Status::FollowedUp
                | Status::Closed
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RejectReason {
    /// Not a matter for the hotline, unintelligible, abusive, or a test.
    Invalid,
    /// The same matter is already a case.
    Duplicate { of: String },
}

/// A reply as the department drafts it and the citizen receives it once approved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    pub text: String,
    /// The person who handled the case (答复人).
    pub responder: String,
    /// Their work phone (答复电话), mobile or landline.
    pub phone: String,
}

/// An active 督办: the supervisor's instruction and the date it is due.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Supervision {
    pub instruction: String,
    pub due: NaiveDate,
}

/// Everything that can happen to a case. Stored as JSON beside its `code()`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    Created,
    Accepted,
    Rejected {
        reason: RejectReason,
    },
    Dispatched {
        department: String,
    },
    FirstContact,
    HandedBack,
    ExtensionRequested {
        until: NaiveDate,
    },
    ExtensionApproved,
    ExtensionRefused,
    ReplyDrafted {
        reply: Reply,
    },
    ReplySentBack,
    ReplyApproved,
    SecondContact,
    Closed,
    SupervisionAdded {
        supervision: Supervision,
    },
    SupervisionLifted,
    /// 改派: the hotline moves the case from its department to another.
    Reassigned {
        department: String,
    },
}

/// The kinds of events, without their data: codes in the database, labels in the UI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Created,
    Accepted,
    Rejected,
    Dispatched,
    FirstContact,
    HandedBack,
    ExtensionRequested,
    ExtensionApproved,
    ExtensionRefused,
    ReplyDrafted,
    ReplySentBack,
    ReplyApproved,
    SecondContact,
    Closed,
    SupervisionAdded,
    SupervisionLifted,
    Reassigned,
}

impl EventKind {
    pub const ALL: [EventKind; 17] = [
        EventKind::Created,
        EventKind::Accepted,
        EventKind::Rejected,
        EventKind::Dispatched,
        EventKind::FirstContact,
        EventKind::HandedBack,
        EventKind::ExtensionRequested,
        EventKind::ExtensionApproved,
        EventKind::ExtensionRefused,
        EventKind::ReplyDrafted,
        EventKind::ReplySentBack,
        EventKind::ReplyApproved,
        EventKind::SecondContact,
        EventKind::Closed,
        EventKind::SupervisionAdded,
        EventKind::SupervisionLifted,
        EventKind::Reassigned,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EventKind::Created => "created",
            EventKind::Accepted => "accepted",
            EventKind::Rejected => "rejected",
            EventKind::Dispatched => "dispatched",
            EventKind::FirstContact => "first_contact",
            EventKind::HandedBack => "handed_back",
            EventKind::ExtensionRequested => "extension_requested",
            EventKind::ExtensionApproved => "extension_approved",
            EventKind::ExtensionRefused => "extension_refused",
            EventKind::ReplyDrafted => "reply_drafted",
            EventKind::ReplySentBack => "reply_sent_back",
            EventKind::ReplyApproved => "reply_approved",
            EventKind::SecondContact => "second_contact",
            EventKind::Closed => "closed",
            EventKind::SupervisionAdded => "supervision_added",
            EventKind::SupervisionLifted => "supervision_lifted",
            EventKind::Reassigned => "reassigned",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        EventKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Whether citizens see this event on their public timeline. Hand-backs, drafts, rework,
    /// extension requests and supervision are the administration's internal business.
    pub fn is_public(self) -> bool {
        matches!(
            self,
            EventKind::Created
                | EventKind::Accepted
                | EventKind::Rejected
                | EventKind::Dispatched
                | EventKind::Reassigned
                | EventKind::FirstContact
                | EventKind::ExtensionApproved
                | EventKind::ReplyApproved
                | EventKind::SecondContact
                | EventKind::Closed
        )
    }

    /// Whether the actor must give a note (reason, instruction) with this event.
    pub fn needs_note(self) -> bool {
        matches!(
            self,
            EventKind::Rejected
                | EventKind::HandedBack
                | EventKind::ExtensionRequested
                | EventKind::ExtensionRefused
                | EventKind::ReplySentBack
                | EventKind::Reassigned
        )
    }

    /// Who may record this event (department roles only on their own department's cases).
    pub fn roles(self) -> &'static [Role] {
        match self {
            EventKind::Created => &[],
            EventKind::Accepted | EventKind::Rejected | EventKind::Dispatched => &[Role::Operator],
            EventKind::FirstContact
            | EventKind::HandedBack
            | EventKind::ExtensionRequested
            | EventKind::ReplyDrafted
            | EventKind::SecondContact
            | EventKind::Closed => &[Role::Handler, Role::Head],
            EventKind::ReplySentBack | EventKind::ReplyApproved => &[Role::Head],
            EventKind::ExtensionApproved
            | EventKind::ExtensionRefused
            | EventKind::SupervisionAdded
            | EventKind::SupervisionLifted => &[Role::Supervisor],
            EventKind::Reassigned => &[Role::Operator, Role::Supervisor],
        }
    }

    /// Whether the department roles may record it only on their own department's cases.
    fn department_bound(self) -> bool {
        self.roles().iter().any(|r| r.has_department())
    }
}

impl Event {
    pub fn kind(&self) -> EventKind {
        match self {
            Event::Created => EventKind::Created,
            Event::Accepted => EventKind::Accepted,
            Event::Rejected { .. } => EventKind::Rejected,
            Event::Dispatched { .. } => EventKind::Dispatched,
            Event::FirstContact => EventKind::FirstContact,
            Event::HandedBack => EventKind::HandedBack,
            Event::ExtensionRequested { .. } => EventKind::ExtensionRequested,
            Event::ExtensionApproved => EventKind::ExtensionApproved,
            Event::ExtensionRefused => EventKind::ExtensionRefused,
            Event::ReplyDrafted { .. } => EventKind::ReplyDrafted,
            Event::ReplySentBack => EventKind::ReplySentBack,
            Event::ReplyApproved => EventKind::ReplyApproved,
            Event::SecondContact => EventKind::SecondContact,
            Event::Closed => EventKind::Closed,
            Event::SupervisionAdded { .. } => EventKind::SupervisionAdded,
            Event::SupervisionLifted => EventKind::SupervisionLifted,
            Event::Reassigned { .. } => EventKind::Reassigned,
        }
    }
}

/// Why an action is refused. Each has a message in both languages (i18n).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Refusal {
    #[error("this role may not do that")]
    WrongRole,
    #[error("the case belongs to another department")]
    OtherDepartment,
    #[error("not possible while the case is {status:?}")]
    NotNow { status: Option<Status> },
    #[error("the hand-back window has closed")]
    HandBackWindowClosed,
    #[error("the case has been handed back too often")]
    HandBackLimit,
    #[error("no more extensions")]
    ExtensionLimit,
    #[error("an extension request is already waiting")]
    ExtensionPending,
    #[error("no extension request is waiting")]
    NoExtensionPending,
    #[error("the promised date must be after the current deadline and within 90 days")]
    ExtensionDate,
    #[error("the reply has been sent back too often")]
    ReworkLimit,
    #[error("a reason is required")]
    NoteRequired,
    #[error("note too long")]
    NoteTooLong,
    #[error("reply too short")]
    ReplyTooShort { min: usize, actual: usize },
    #[error("reply too long")]
    ReplyTooLong { max: usize, actual: usize },
    #[error("the reply still contains a template placeholder")]
    ReplyPlaceholder,
    #[error("the responder's name is required")]
    ResponderRequired,
    #[error("the responder's phone is not a phone number")]
    ResponderPhone,
    #[error("unknown department")]
    UnknownDepartment,
    #[error("a duplicate must name another existing case")]
    DuplicateTarget,
    #[error("the case is already on the supervision list")]
    AlreadySupervised,
    #[error("the case is not on the supervision list")]
    NotSupervised,
    #[error("supervision limit reached")]
    SupervisionLimit,
    #[error("the supervision due date is in the past")]
    SupervisionDue,
    #[error("the instruction is required")]
    InstructionRequired,
    #[error("the case is already at that department")]
    SameDepartment,
    #[error("the case has been re-assigned too often")]
    ReassignLimit,
}

impl Refusal {
    /// A stable code for URLs and API answers.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::WrongRole => "wrong_role",
            Refusal::OtherDepartment => "other_department",
            Refusal::NotNow { .. } => "not_now",
            Refusal::HandBackWindowClosed => "hand_back_window_closed",
            Refusal::HandBackLimit => "hand_back_limit",
            Refusal::ExtensionLimit => "extension_limit",
            Refusal::ExtensionPending => "extension_pending",
            Refusal::NoExtensionPending => "no_extension_pending",
            Refusal::ExtensionDate => "extension_date",
            Refusal::ReworkLimit => "rework_limit",
            Refusal::NoteRequired => "note_required",
            Refusal::NoteTooLong => "note_too_long",
            Refusal::ReplyTooShort { .. } => "reply_too_short",
            Refusal::ReplyTooLong { .. } => "reply_too_long",
            Refusal::ReplyPlaceholder => "reply_placeholder",
            Refusal::ResponderRequired => "responder_required",
            Refusal::ResponderPhone => "responder_phone",
            Refusal::UnknownDepartment => "unknown_department",
            Refusal::DuplicateTarget => "duplicate_target",
            Refusal::AlreadySupervised => "already_supervised",
            Refusal::NotSupervised => "not_supervised",
            Refusal::SupervisionLimit => "supervision_limit",
            Refusal::SupervisionDue => "supervision_due",
            Refusal::InstructionRequired => "instruction_required",
            Refusal::SameDepartment => "same_department",
            Refusal::ReassignLimit => "reassign_limit",
        }
    }

    /// Whether the refusal is about who asks (403) rather than what is asked (409/422).
    pub fn is_forbidden(&self) -> bool {
        matches!(self, Refusal::WrongRole | Refusal::OtherDepartment)
    }
}

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
            K::HandedBack => matches!(status, S::Dispatched | S::Handling),
            K::ExtensionRequested => matches!(status, S::Dispatched | S::Handling),
            K::ExtensionApproved | K::ExtensionRefused => {
                self.pending_extension.is_some() && status.reply_clock_runs()
            }
            K::ReplyDrafted => status == S::Handling,
            K::ReplySentBack | K::ReplyApproved => status == S::ReplyDrafted,
            K::SecondContact => status == S::Replied,
            K::Closed => status == S::FollowedUp,
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
            return Err(Refusal::NoteTooLong);
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
                    return Err(Refusal::ReassignLimit);
                }
                next.dispatch(department, at, rules)?;
                next.reassignments += 1;
            }
            Event::FirstContact => next.status = Some(Status::Handling),
            Event::HandedBack => {
                if self.hand_backs >= MAX_HAND_BACKS {
                    return Err(Refusal::HandBackLimit);
                }
                if timely && self.hand_back_due.is_some_and(|due| at >= due) {
                    return Err(Refusal::HandBackWindowClosed);
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
                    return Err(Refusal::ExtensionLimit);
                }
                let today = beijing_date(at);
                let later_than_due = self.reply_due.is_none_or(|due| end_of_day(*until) > due);
                let too_far = (*until - today).num_days() > MAX_EXTENSION_DAYS;
                if timely && (!later_than_due || too_far) {
                    return Err(Refusal::ExtensionDate);
                }
                next.pending_extension = Some(*until);
                next.extension_requests += 1;
            }
            Event::ExtensionApproved => {
                let until = self.pending_extension.ok_or(Refusal::NoExtensionPending)?;
                // Approving a promise whose day has already passed would make it overdue at once.
                if timely && end_of_day(until) <= at {
                    return Err(Refusal::ExtensionDate);
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
                    return Err(Refusal::ReworkLimit);
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
            }
            Event::SecondContact => next.status = Some(Status::FollowedUp),
            Event::Closed => {
                next.status = Some(Status::Closed);
                next.supervision = None;
            }
            Event::SupervisionAdded { supervision } => {
                if self.supervisions >= MAX_SUPERVISIONS {
                    return Err(Refusal::SupervisionLimit);
                }
                if supervision.instruction.trim().is_empty() {
                    return Err(Refusal::InstructionRequired);
                }
                if supervision.instruction.chars().count() > NOTE_MAX_CHARS {
                    return Err(Refusal::NoteTooLong);
                }
                if timely && supervision.due < beijing_date(at) {
                    return Err(Refusal::SupervisionDue);
                }
                next.supervision = Some(supervision.clone());
                next.supervisions += 1;
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

/// Whether `actor` may record `kind` on a case in `state` (role and department; whether the
/// case's status allows it is `CaseState::apply`'s business).
pub fn authorize(actor: &Actor, state: &CaseState, kind: EventKind) -> Result<(), Refusal> {
    if !kind.roles().contains(&actor.role) {
        return Err(Refusal::WrongRole);
    }
    if kind.department_bound() && !actor.in_department(state.department.as_deref()) {
        return Err(Refusal::OtherDepartment);
    }
    Ok(())
}

/// The actions `actor` may take on the case now: what the console offers.
pub fn available_actions(actor: &Actor, state: &CaseState) -> Vec<EventKind> {
    EventKind::ALL
        .into_iter()
        .filter(|&k| state.status_allows(k) && authorize(actor, state, k).is_ok())
        .filter(|&k| match k {
            EventKind::HandedBack => state.hand_backs < MAX_HAND_BACKS,
            EventKind::ExtensionRequested => {
                state.extension_requests < MAX_EXTENSION_REQUESTS
                    && state.pending_extension.is_none()
            }
            EventKind::ReplySentBack => state.reworks < MAX_REWORKS,
            EventKind::SupervisionAdded => state.supervisions < MAX_SUPERVISIONS,
            EventKind::Reassigned => state.reassignments < MAX_REASSIGNMENTS,
            _ => true,
        })
        .collect()
}

/// Checks a reply draft: a real answer (not a template left unfilled), a named responder and
/// a phone number the citizen can call.
pub fn check_reply(reply: &Reply) -> Result<(), Refusal> {
    let text = reply.text.trim();
    let n = text.chars().count();
    if n < REPLY_MIN_CHARS {
        return Err(Refusal::ReplyTooShort {
            min: REPLY_MIN_CHARS,
            actual: n,
        });
    }
    if n > REPLY_MAX_CHARS {
        return Err(Refusal::ReplyTooLong {
            max: REPLY_MAX_CHARS,
            actual: n,
        });
    }
    if text.contains('【') || text.contains('】') {
        return Err(Refusal::ReplyPlaceholder);
    }
    let responder = reply.responder.trim().chars().count();
    if !(2..=30).contains(&responder) {
        return Err(Refusal::ResponderRequired);
    }
    if work_phone(&reply.phone).is_none() {
        return Err(Refusal::ResponderPhone);
    }
    Ok(())
}

/// A work phone: a mobile number, or a landline with or without its area code
/// (`0537-2345678`, `2345678`, with an optional extension `0537-2345678-801`).
pub fn work_phone(input: &str) -> Option<String> {
    if let Some(mobile) = MobilePhone::parse(input) {
        return Some(mobile.as_str().to_string());
    }
    let cleaned: String = input
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '－' | '—' => '-',
            _ => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect();
    let parts: Vec<&str> = cleaned.split('-').collect();
    let digits = |s: &str, lens: std::ops::RangeInclusive<usize>| {
        lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let ok = match parts.as_slice() {
        [local] if local.starts_with('0') => {
            digits(local, 10..=12) // area code and number written together
        }
        [local] => digits(local, 7..=8) && !local.starts_with('0'),
        [area, local] => area.starts_with('0') && digits(area, 3..=4) && digits(local, 7..=8),
        [area, local, ext] => {
            area.starts_with('0')
                && digits(area, 3..=4)
                && digits(local, 7..=8)
                && digits(ext, 1..=6)
        }
        _ => false,
    };
    ok.then_some(cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn calendar() -> WorkCalendar {
        let year: super::super::calendar::CalendarFile =
            serde_json::from_value(serde_json::json!({"year": [{
                "year": 2026,
                "holidays": ["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04",
                             "2026-10-05", "2026-10-06", "2026-10-07"],
                "workdays": ["2026-10-10"]
            }]}))
            .unwrap();
        WorkCalendar::from_years(&year.years).unwrap()
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(&format!("{s}+08:00"))
            .unwrap()
            .to_utc()
    }

    fn reply() -> Reply {
        Reply {
            text: "经现场核查，占道摊贩已于11月24日清理，城管中队每日早晚巡查两次，防止反弹。"
                .into(),
            responder: "王明".into(),
            phone: "0537-2345678".into(),
        }
    }

    fn actor(role: Role, department: Option<&str>) -> Actor {
        Actor {
            username: role.code().into(),
            role,
            department: department.map(String::from),
        }
    }

    struct Run {
        cal: WorkCalendar,
        state: CaseState,
        now: DateTime<Utc>,
    }

    impl Run {
        fn new() -> Run {
            Run {
                cal: calendar(),
                state: CaseState::default(),
                now: at("2026-11-20T10:00:00"),
            }
        }
        fn rules(&self) -> Rules<'_> {
            Rules {
                calendar: &self.cal,
                limits: Limits::default(),
                category: "city.road-occupation",
            }
        }
        fn go(&mut self, e: Event, note: &str) -> Result<(), Refusal> {
            let next = self.state.apply(&e, note, self.now, &self.rules())?;
            self.state = next;
            Ok(())
        }
    }

    #[test]
    fn a_case_goes_from_submission_to_closed_with_a_reworked_reply() {
        let mut r = Run::new();
        r.go(Event::Created, "").unwrap();
        r.go(Event::Accepted, "").unwrap();
        r.go(
            Event::Dispatched {
                department: "cgj".into(),
            },
            "",
        )
        .unwrap();
        // Friday 20 Nov: reply due at the end of Thursday 26 Nov, hand back by Monday 23.
        assert_eq!(r.state.reply_due, Some(at("2026-11-27T00:00:00")));
        assert_eq!(r.state.hand_back_due, Some(at("2026-11-24T00:00:00")));
        r.go(Event::FirstContact, "").unwrap();
        r.go(Event::ReplyDrafted { reply: reply() }, "").unwrap();
        assert_eq!(r.go(Event::ReplySentBack, ""), Err(Refusal::NoteRequired));
        r.go(Event::ReplySentBack, "写明巡查频次").unwrap();
        assert_eq!(r.state.status, Some(Status::Handling));
        r.go(Event::ReplyDrafted { reply: reply() }, "").unwrap();
        r.go(Event::ReplyApproved, "").unwrap();
        assert_eq!(r.state.reply, Some(reply()));
        r.go(Event::SecondContact, "").unwrap();
        r.go(Event::Closed, "").unwrap();
        assert_eq!(r.state.status, Some(Status::Closed));
        assert_eq!(
            r.go(Event::Accepted, ""),
            Err(Refusal::NotNow {
                status: Some(Status::Closed)
            })
        );
    }

    #[test]
    fn a_handed_back_case_returns_to_the_operator_and_is_redispatched_with_new_deadlines() {
        let mut r = Run::new();
        for e in [
            Event::Created,
            Event::Accepted,
            Event::Dispatched {
                department: "a".into(),
            },
        ] {
            r.go(e, "").unwrap();
        }
        assert_eq!(r.go(Event::HandedBack, ""), Err(Refusal::NoteRequired));
        r.go(Event::HandedBack, "不属于本单位职责").unwrap();
        assert_eq!(r.state.status, Some(Status::Accepted));
        assert!(r.state.handed_back && r.state.department.is_none() && r.state.reply_due.is_none());
        r.now = at("2026-11-23T09:00:00");
        r.go(
            Event::Dispatched {
                department: "b".into(),
            },
            "",
        )
        .unwrap();
        assert_eq!(r.state.reply_due, Some(at("2026-11-28T00:00:00")));
        assert!(!r.state.handed_back);
    }

    #[test]
    fn hand_back_after_one_working_day_is_refused() {
        let mut r = Run::new();
        for e in [
            Event::Created,
            Event::Accepted,
            Event::Dispatched {
                department: "a".into(),
            },
        ] {
            r.go(e, "").unwrap();
        }
        // Dispatched Friday: Monday is the one working day; Tuesday is too late.
        r.now = at("2026-11-23T23:59:00");
        assert!(r
            .state
            .clone()
            .apply(&Event::HandedBack, "不属于", r.now, &r.rules())
            .is_ok());
        r.now = at("2026-11-24T00:00:00");
        assert_eq!(
            r.go(Event::HandedBack, "不属于"),
            Err(Refusal::HandBackWindowClosed)
        );
    }

    #[test]
    fn after_the_hand_back_window_the_hotline_reassigns_and_the_new_department_starts_afresh() {
        let mut r = Run::new();
        for e in [
            Event::Created,
            Event::Accepted,
            Event::Dispatched {
                department: "a".into(),
            },
            Event::FirstContact,
        ] {
            r.go(e, "").unwrap();
        }
        r.now = at("2026-11-25T10:00:00"); // Wednesday: too late to hand back
        assert_eq!(
            r.go(Event::HandedBack, "不属于"),
            Err(Refusal::HandBackWindowClosed)
        );
        let to_a = Event::Reassigned {
            department: "a".into(),
        };
        assert_eq!(r.go(to_a, "改派"), Err(Refusal::SameDepartment));
        let to_b = Event::Reassigned {
            department: "b".into(),
        };
        assert_eq!(r.go(to_b.clone(), ""), Err(Refusal::NoteRequired));
        r.go(to_b, "应由 b 办理").unwrap();
        assert_eq!(r.state.status, Some(Status::Dispatched));
        assert_eq!(r.state.department.as_deref(), Some("b"));
        // Four working days from Wednesday 25 Nov: Thu, Fri, Mon, Tue → end of 1 Dec.
        assert_eq!(r.state.reply_due, Some(at("2026-12-02T00:00:00")));
        let operator = actor(Role::Operator, None);
        assert!(!available_actions(&operator, &r.state).contains(&EventKind::Dispatched));
        assert!(available_actions(&operator, &r.state).contains(&EventKind::Reassigned));
        assert_eq!(
            authorize(
                &actor(Role::Handler, Some("b")),
                &r.state,
                EventKind::Reassigned
            ),
            Err(Refusal::WrongRole)
        );
    }

    #[test]
    fn a_stored_history_still_reads_after_the_city_shortens_its_hand_back_window() {
        let cal = calendar();
        let two_days = Limits {
            hand_back: 2,
            ..Limits::default()
        };
        let rules = Rules {
            calendar: &cal,
            limits: two_days,
            category: "city.noise",
        };
        let events = [
            (Event::Created, "", at("2026-11-20T09:00:00")),
            (Event::Accepted, "", at("2026-11-20T09:10:00")),
            (
                Event::Dispatched {
                    department: "a".into(),
                },
                "",
                at("2026-11-20T09:20:00"),
            ),
            (Event::HandedBack, "不属于", at("2026-11-24T10:00:00")), // day 2: allowed then
        ];
        let log = || events.iter().map(|(e, n, t)| (e, *n, *t));
        assert!(CaseState::from_events(log(), &rules).is_ok());
        // The city now allows one day only: the new event would be refused, the old one reads.
        let one_day = Rules {
            limits: Limits::default(),
            ..rules
        };
        let state = CaseState::from_events(log(), &one_day).unwrap();
        assert_eq!(state.status, Some(Status::Accepted));
        let mut fresh = CaseState::default();
        for (e, n, t) in events.iter().take(3) {
            fresh = fresh.apply(e, n, *t, &one_day).unwrap();
        }
        assert_eq!(
            fresh.apply(&events[3].0, "不属于", events[3].2, &one_day),
            Err(Refusal::HandBackWindowClosed)
        );
    }

    #[test]
    fn an_extension_whose_day_has_passed_cannot_be_approved() {
        let mut r = Run::new();
        for e in [
            Event::Created,
            Event::Accepted,
            Event::Dispatched {
                department: "a".into(),
            },
        ] {
            r.go(e, "").unwrap();
        }
        let until = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        r.go(Event::ExtensionRequested { until }, "需协调").unwrap();
        r.now = at("2026-12-01T09:00:00");
        assert_eq!(
            r.go(Event::ExtensionApproved, ""),
            Err(Refusal::ExtensionDate)
        );
        r.go(Event::ExtensionRefused, "日期已过，请重新申请")
            .unwrap();
    }

    #[test]
    fn an_approved_extension_moves_the_reply_deadline_to_the_promised_date() {
        let mut r = Run::new();
        for e in [
            Event::Created,
            Event::Accepted,
            Event::Dispatched {
                department: "a".into(),
            },
        ] {
            r.go(e, "").unwrap();
        }
        let until = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(
            r.go(Event::ExtensionRequested { until }, "需协调"),
            Err(Refusal::ExtensionDate),
            "earlier than the current deadline"
        );
        let until = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
        r.go(Event::ExtensionRequested { until }, "需协调施工单位")
            .unwrap();
        assert_eq!(
            r.go(Event::ExtensionRequested { until }, "again"),
            Err(Refusal::ExtensionPending)
        );
        r.go(Event::ExtensionApproved, "").unwrap();
        assert_eq!(r.state.reply_due, Some(at("2026-12-11T00:00:00")));
        assert!(r.state.is_overdue(at("2026-12-11T08:00:00")));
        assert!(!r.state.is_overdue(at("2026-12-10T23:00:00")));
    }

    #[test]
    fn only_the_right_role_of_the_right_department_may_act() {
        let mut r = Run::new();
        for e in [
            Event::Created,
            Event::Accepted,
            Event::Dispatched {
                department: "water".into(),
            },
        ] {
            r.go(e, "").unwrap();
        }
        let s = &r.state;
        assert_eq!(
            authorize(
                &actor(Role::Handler, Some("water")),
                s,
                EventKind::FirstContact
            ),
            Ok(())
        );
        assert_eq!(
            authorize(
                &actor(Role::Handler, Some("power")),
                s,
                EventKind::FirstContact
            ),
            Err(Refusal::OtherDepartment)
        );
        assert_eq!(
            authorize(&actor(Role::Operator, None), s, EventKind::FirstContact),
            Err(Refusal::WrongRole)
        );
        assert_eq!(
            authorize(
                &actor(Role::Handler, Some("water")),
                s,
                EventKind::ReplyApproved
            ),
            Err(Refusal::WrongRole)
        );
        assert_eq!(
            authorize(&actor(Role::Admin, None), s, EventKind::Accepted),
            Err(Refusal::WrongRole)
        );
        let offered = available_actions(&actor(Role::Handler, Some("water")), s);
        assert!(offered.contains(&EventKind::FirstContact));
        assert!(offered.contains(&EventKind::HandedBack));
        assert!(!offered.contains(&EventKind::ReplyDrafted), "contact first");
        assert!(available_actions(&actor(Role::Handler, Some("power")), s).is_empty());
    }

    #[test]
    fn a_reply_must_answer_with_a_name_and_a_phone() {
        assert_eq!(check_reply(&reply()), Ok(()));
        let short = Reply {
            text: "已处理。".into(),
            ..reply()
        };
        assert!(matches!(
            check_reply(&short),
            Err(Refusal::ReplyTooShort { .. })
        ));
        let template = Reply {
            text: "您反映的问题，经核查【办理情况】，现已处理完毕，感谢您对我们工作的支持。".into(),
            ..reply()
        };
        assert_eq!(check_reply(&template), Err(Refusal::ReplyPlaceholder));
        let nameless = Reply {
            responder: " ".into(),
            ..reply()
        };
        assert_eq!(check_reply(&nameless), Err(Refusal::ResponderRequired));
        let no_phone = Reply {
            phone: "12345".into(),
            ..reply()
        };
        assert_eq!(check_reply(&no_phone), Err(Refusal::ResponderPhone));
    }

    #[test]
    fn work_phones_may_be_mobile_or_landline() {
        for ok in [
            "0537-2345678",
            "05372345678",
            "2345678",
            "0537-2345678-801",
            "138 0537 1234",
            "０５３７－２３４５６７８",
        ] {
            assert!(work_phone(ok).is_some(), "{ok}");
        }
        for bad in [
            "",
            "12345",
            "0537-23",
            "abc-2345678",
            "1-2-3-4",
            "0123456789012",
        ] {
            assert!(work_phone(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn events_round_trip_through_json_and_their_codes() {
        for k in EventKind::ALL {
            assert_eq!(EventKind::from_code(k.code()), Some(k));
        }
        let e = Event::ReplyDrafted { reply: reply() };
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), e);
        for s in Status::ALL {
            assert_eq!(Status::from_code(s.code()), Some(s));
        }
    }

    // ---- Property tests over arbitrary sequences of events -------------------------------

    fn any_event() -> impl Strategy<Value = Event> {
        let dept = prop_oneof![Just("a".to_string()), Just("b".to_string())];
        prop_oneof![
            Just(Event::Created),
            Just(Event::Accepted),
            Just(Event::Rejected {
                reason: RejectReason::Invalid
            }),
            Just(Event::Rejected {
                reason: RejectReason::Duplicate {
                    of: "20261101-000001".into()
                }
            }),
            dept.prop_map(|department| Event::Dispatched { department }),
            Just(Event::FirstContact),
            Just(Event::HandedBack),
            (0i64..40).prop_map(|d| Event::ExtensionRequested {
                until: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap() + chrono::Days::new(d as u64)
            }),
            Just(Event::ExtensionApproved),
            Just(Event::ExtensionRefused),
            Just(Event::ReplyDrafted { reply: reply() }),
            Just(Event::ReplyDrafted {
                reply: Reply {
                    text: "短".into(),
                    ..reply()
                }
            }),
            Just(Event::ReplySentBack),
            Just(Event::ReplyApproved),
            Just(Event::SecondContact),
            Just(Event::Closed),
            Just(Event::SupervisionAdded {
                supervision: Supervision {
                    instruction: "三日内反馈".into(),
                    due: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
                }
            }),
            Just(Event::SupervisionLifted),
            prop_oneof![Just("a".to_string()), Just("b".to_string())]
                .prop_map(|department| Event::Reassigned { department }),
        ]
    }

    /// The structural invariants every reachable state keeps.
    fn check_invariants(s: &CaseState) -> Result<(), TestCaseError> {
        let Some(status) = s.status else {
            prop_assert_eq!(s, &CaseState::default());
            return Ok(());
        };
        prop_assert_eq!(s.department.is_some(), status.has_department(), "{:?}", s);
        prop_assert_eq!(s.draft.is_some(), status == Status::ReplyDrafted);
        prop_assert_eq!(
            s.reply.is_some(),
            matches!(
                status,
                Status::Replied | Status::FollowedUp | Status::Closed
            )
        );
        prop_assert_eq!(s.rejection.is_some(), status == Status::Rejected);
        if status.reply_clock_runs() {
            prop_assert!(s.reply_due.is_some() && s.hand_back_due.is_some());
        }
        if s.pending_extension.is_some() {
            prop_assert!(status.reply_clock_runs());
        }
        if status.is_final() {
            prop_assert!(s.supervision.is_none());
        }
        prop_assert_eq!(
            s.handed_back,
            status == Status::Accepted && s.hand_backs > 0
        );
        prop_assert!(s.hand_backs <= MAX_HAND_BACKS);
        prop_assert!(s.extension_requests <= MAX_EXTENSION_REQUESTS);
        prop_assert!(s.reworks <= MAX_REWORKS);
        prop_assert!(s.supervisions <= MAX_SUPERVISIONS);
        prop_assert!(s.reassignments <= MAX_REASSIGNMENTS);
        Ok(())
    }

    /// The steps that move a case forward from any state to closed.
    fn forward(s: &CaseState) -> Vec<(Event, &'static str)> {
        match s.status {
            None => vec![(Event::Created, "")],
            Some(Status::Submitted) => vec![(Event::Accepted, "")],
            Some(Status::Accepted) => vec![(
                Event::Dispatched {
                    department: "a".into(),
                },
                "",
            )],
            Some(Status::Dispatched) => vec![(Event::FirstContact, "")],
            Some(Status::Handling) => vec![(Event::ReplyDrafted { reply: reply() }, "")],
            Some(Status::ReplyDrafted) => vec![(Event::ReplyApproved, "")],
            Some(Status::Replied) => vec![(Event::SecondContact, "")],
            Some(Status::FollowedUp) => vec![(Event::Closed, "")],
            Some(Status::Rejected | Status::Closed) => vec![],
        }
    }

    proptest! {
        #[test]
        fn no_sequence_of_events_reaches_an_illegal_state_and_every_state_can_still_close(
            events in proptest::collection::vec((any_event(), 0i64..3, any::<bool>()), 0..80)
        ) {
            let cal = calendar();
            let rules = Rules { calendar: &cal, limits: Limits::default(), category: "utility.water" };
            let mut state = CaseState::default();
            let mut now = at("2026-11-20T09:00:00");
            let mut loops = 0u32;
            for (event, days, with_note) in events {
                now += chrono::Duration::hours(days * 9);
                let note = if with_note { "原因说明" } else { "" };
                // A refused event leaves the state as it was.
                if let Ok(next) = state.apply(&event, note, now, &rules) {
                    if matches!(event.kind(), EventKind::HandedBack | EventKind::ExtensionRequested
                        | EventKind::ReplySentBack | EventKind::SupervisionAdded | EventKind::Reassigned) {
                        loops += 1;
                    }
                    state = next;
                }
                check_invariants(&state)?;
            }
            // The loops are bounded whatever happens.
            prop_assert!(loops <= MAX_HAND_BACKS + MAX_EXTENSION_REQUESTS + MAX_REWORKS + MAX_SUPERVISIONS + MAX_REASSIGNMENTS);
            // From wherever we are, the forward steps reach closed (or it was rejected).
            let mut steps = 0;
            while let Some((event, note)) = forward(&state).into_iter().next() {
                state = state.apply(&event, note, now, &rules).map_err(|e| TestCaseError::fail(format!("{e:?} in {state:?}")))?;
                check_invariants(&state)?;
                steps += 1;
                prop_assert!(steps <= 8);
            }
            prop_assert!(matches!(state.status, Some(Status::Closed | Status::Rejected)));
        }

        #[test]
        fn a_refused_event_never_changes_the_state_and_the_fold_equals_step_by_step(
            events in proptest::collection::vec(any_event(), 0..40)
        ) {
            let cal = calendar();
            let rules = Rules { calendar: &cal, limits: Limits::default(), category: "city.noise" };
            let now = at("2026-11-20T09:00:00");
            let mut state = CaseState::default();
            let mut log = Vec::new();
            for event in events {
                if let Ok(next) = state.apply(&event, "说明", now, &rules) {
                    state = next;
                    log.push(event);
                }
            }
            let folded = CaseState::from_events(log.iter().map(|e| (e, "说明", now)), &rules);
            prop_assert_eq!(folded, Ok(state));
        }
    }
}
