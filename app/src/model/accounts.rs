//! Why a request about an account is refused: a reporter's (市民通) and a staff member's.
//! They travel to the browser as they are, with their numbers, and each has a message in
//! both languages (`i18n::errors`, an exhaustive match: a new variant without a message does
//! not compile).
use super::reward::{
    NICKNAME_MAX_CHARS, NICKNAME_MIN_CHARS, PAYOUT_ACCOUNT_MAX_CHARS, PAYOUT_ACCOUNT_MIN_CHARS,
    REAL_NAME_MAX_CHARS, REAL_NAME_MIN_CHARS,
};
use super::staff::{DISPLAY_NAME_MAX_CHARS, USERNAME_MAX_CHARS, USERNAME_MIN_CHARS};
use serde::{Deserialize, Serialize};

/// A one-time code sent to a mobile works this many minutes, once.
pub const CODE_MINUTES: i64 = 10;

/// Digits in a one-time code.
pub const CODE_DIGITS: usize = 6;

/// Why a reporter's request was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ReporterError {
    #[error("not a mobile number")]
    BadMobile,
    #[error("wait {seconds} s before asking for another code")]
    TooSoon { seconds: i64 },
    #[error("no more codes for this mobile today")]
    TooManyCodes,
    #[error("too many wrong codes for this mobile today")]
    TooManyFailures,
    #[error("the code is wrong or expired")]
    BadCode,
    /// The last step of registering failed for a reason that must not be told (the mobile got
    /// an account meanwhile): the same answer for every such case.
    #[error("registration did not complete")]
    RegistrationFailed,
    #[error("nickname: {NICKNAME_MIN_CHARS}–{NICKNAME_MAX_CHARS} letters or digits")]
    BadNickname,
    #[error("the nickname is taken")]
    NicknameTaken,
    #[error("password shorter than {min} characters")]
    WeakPassword { min: usize },
    #[error("wrong mobile or password")]
    BadCredentials,
    #[error("too many attempts")]
    RateLimited,
    #[error("not signed in")]
    SignedOut,
    #[error("real name: {REAL_NAME_MIN_CHARS}–{REAL_NAME_MAX_CHARS} characters")]
    BadRealName,
    #[error(
        "payout account: {PAYOUT_ACCOUNT_MIN_CHARS}–{PAYOUT_ACCOUNT_MAX_CHARS} letters and digits"
    )]
    BadAccount,
    #[error("the message could not be sent")]
    SendFailed,
    #[error("internal error")]
    Internal,
}

/// Why a staff account could not be created or changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum AccountError {
    #[error("username must be {USERNAME_MIN_CHARS}–{USERNAME_MAX_CHARS} characters of a-z, 0-9, '.', '_' or '-'")]
    BadUsername,
    #[error("the name is required (at most {DISPLAY_NAME_MAX_CHARS} characters)")]
    BadDisplayName,
    #[error("password must have at least {min} characters")]
    WeakPassword { min: usize },
    #[error("handlers and heads need a department of the city file; other roles have none")]
    BadDepartment,
    #[error("the username is taken")]
    Taken,
    #[error("an administrator cannot disable their own account")]
    OwnAccount,
    #[error("internal error")]
    Internal,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_messages_state_the_rules_numbers() {
        assert_eq!(
            ReporterError::BadNickname.to_string(),
            format!("nickname: {NICKNAME_MIN_CHARS}–{NICKNAME_MAX_CHARS} letters or digits")
        );
        assert!(AccountError::BadDisplayName
            .to_string()
            .contains(&DISPLAY_NAME_MAX_CHARS.to_string()));
    }
}
