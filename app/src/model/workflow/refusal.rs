//! Why an action is refused.
use super::Status;
use serde::{Deserialize, Serialize};

/// Why an action is refused, with the numbers the message needs. Each has a message in both
/// languages (`i18n::errors`); serde's `code` tag is its stable name in API answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Refusal {
    #[error("this role may not do that")]
    WrongRole,
    #[error("the case belongs to another department")]
    OtherDepartment,
    #[error("not possible while the case is {status:?}")]
    NotNow { status: Option<Status> },
    #[error("the hand-back window of {working_days} working days has closed")]
    HandBackWindowClosed { working_days: u32 },
    #[error("the case has been handed back {max} times")]
    HandBackLimit { max: u32 },
    #[error("no more than {max} extension requests")]
    ExtensionLimit { max: u32 },
    #[error("an extension request is already waiting")]
    ExtensionPending,
    #[error("no extension request is waiting")]
    NoExtensionPending,
    #[error("the promised date must be after the current deadline and within {max_days} days")]
    ExtensionDate { max_days: i64 },
    #[error("the reply has been sent back {max} times")]
    ReworkLimit { max: u32 },
    #[error("a reason is required")]
    NoteRequired,
    #[error("note longer than {max} characters")]
    NoteTooLong { max: usize },
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
    #[error("supervised {max} times already")]
    SupervisionLimit { max: u32 },
    #[error("the supervision due date is in the past")]
    SupervisionDue,
    #[error("the instruction is required")]
    InstructionRequired,
    #[error("the case is already at that department")]
    SameDepartment,
    #[error("re-assigned {max} times already")]
    ReassignLimit { max: u32 },
    #[error("the rating window is still open")]
    RatingWindowOpen,
    #[error("comment longer than {max} characters")]
    CommentTooLong { max: usize },
}

impl Refusal {
    /// Whether the refusal is about who asks (403) rather than what is asked (409/422).
    pub fn is_forbidden(&self) -> bool {
        matches!(self, Refusal::WrongRole | Refusal::OtherDepartment)
    }
}
