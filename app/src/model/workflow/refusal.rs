//! Why an action is refused.
use super::Status;
use serde::{Deserialize, Serialize};

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
    #[error("the rating window is still open")]
    RatingWindowOpen,
    #[error("comment too long")]
    CommentTooLong,
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
            Refusal::SupervisionLimit => "supervision_limit",
            Refusal::SupervisionDue => "supervision_due",
            Refusal::InstructionRequired => "instruction_required",
            Refusal::SameDepartment => "same_department",
            Refusal::ReassignLimit => "reassign_limit",
            Refusal::RatingWindowOpen => "rating_window_open",
            Refusal::CommentTooLong => "comment_too_long",
        }
    }

    /// Whether the refusal is about who asks (403) rather than what is asked (409/422).
    pub fn is_forbidden(&self) -> bool {
        matches!(self, Refusal::WrongRole | Refusal::OtherDepartment)
    }
}
