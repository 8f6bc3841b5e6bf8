//! Statuses, events and their kinds: the vocabulary of the workflow.
use super::super::staff::Role;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

coded_enum! {
    /// Where a case stands. Derived from its events.
    pub enum Status {
    /// Received, waiting for an operator.
    Submitted = "submitted",
    /// Accepted (or handed back), waiting to be dispatched.
    Accepted = "accepted",
    /// Not accepted: invalid or a duplicate. Final.
    Rejected = "rejected",
    /// At a department, no contact with the citizen yet.
    Dispatched = "dispatched",
    /// The department contacted the citizen and is handling the case.
    Handling = "handling",
    /// A reply waits for the department head's approval.
    ReplyDrafted = "reply_drafted",
    /// The approved reply is released to the citizen.
    Replied = "replied",
    /// The department contacted the citizen again after the reply.
    FollowedUp = "followed_up",
    /// 办结. Final.
    Closed = "closed",
    /// The citizen was still unsatisfied after the third escalation level: on the
    /// supervisor's 督办 list, who sends it back under supervision or closes it.
    Unresolved = "unresolved",
    }
}

coded_enum! {
    /// The citizen's judgement of a released reply.
    pub enum Rating {
        Satisfied = "satisfied",
        Basic = "basic",
        Unsatisfied = "unsatisfied",
    }
}

/// The 三级处置 levels a reopened case climbs: 0 is the first handling, 1 section chief (科长),
/// 2 deputy head (分管领导), 3 head (主要领导).
pub const MAX_LEVEL: u8 = 3;

impl Status {
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
                | Status::Unresolved
        )
    }

    /// A released reply waits for the citizen's rating.
    pub fn awaits_rating(self) -> bool {
        matches!(self, Status::Replied | Status::FollowedUp)
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
    /// The citizen's rating of the released reply, on the web or given by phone to an
    /// operator during the follow-up call (回访). Unsatisfied reopens the case (重办).
    Rated {
        rating: Rating,
        comment: String,
        by_phone: bool,
    },
    /// Nobody rated the released reply within the rating window: closed as "not rated".
    ClosedUnrated,
}

coded_enum! {
    /// The kinds of events, without their data: codes in the database, labels in the UI.
    pub enum EventKind {
        Created = "created",
        Accepted = "accepted",
        Rejected = "rejected",
        Dispatched = "dispatched",
        FirstContact = "first_contact",
        HandedBack = "handed_back",
        ExtensionRequested = "extension_requested",
        ExtensionApproved = "extension_approved",
        ExtensionRefused = "extension_refused",
        ReplyDrafted = "reply_drafted",
        ReplySentBack = "reply_sent_back",
        ReplyApproved = "reply_approved",
        SecondContact = "second_contact",
        Closed = "closed",
        SupervisionAdded = "supervision_added",
        SupervisionLifted = "supervision_lifted",
        Reassigned = "reassigned",
        Rated = "rated",
        ClosedUnrated = "closed_unrated",
    }
}

impl EventKind {
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
                | EventKind::Rated
                | EventKind::ClosedUnrated
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
                | EventKind::Closed
        )
    }

    /// Who may record this event (department roles only on their own department's cases).
    pub fn roles(self) -> &'static [Role] {
        match self {
            // The citizen (with the query code) and the rating sweep are not staff.
            EventKind::Created | EventKind::ClosedUnrated => &[],
            // On the web the citizen rates; an operator records a rating given by phone.
            EventKind::Rated => &[Role::Operator],
            EventKind::Accepted | EventKind::Rejected | EventKind::Dispatched => &[Role::Operator],
            EventKind::FirstContact
            | EventKind::HandedBack
            | EventKind::ExtensionRequested
            | EventKind::ReplyDrafted
            | EventKind::SecondContact => &[Role::Handler, Role::Head],
            EventKind::ReplySentBack | EventKind::ReplyApproved => &[Role::Head],
            EventKind::ExtensionApproved
            | EventKind::ExtensionRefused
            | EventKind::SupervisionAdded
            | EventKind::SupervisionLifted
            | EventKind::Closed => &[Role::Supervisor],
            EventKind::Reassigned => &[Role::Operator, Role::Supervisor],
        }
    }

    /// Whether the department roles may record it only on their own department's cases.
    pub(super) fn department_bound(self) -> bool {
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
            Event::Rated { .. } => EventKind::Rated,
            Event::ClosedUnrated => EventKind::ClosedUnrated,
        }
    }
}
