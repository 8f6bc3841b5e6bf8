//! Why a reporter's request was refused, in words forms and i18n use.
use crate::services::accounts::{CodeError, SignInRefusal};

/// Why a reporter's request was refused; `code()` is what forms and i18n use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReporterError {
    #[error("not a mobile number")]
    BadMobile,
    #[error("wait a minute before asking for another code")]
    TooSoon,
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
    #[error("nickname: 2–16 letters or digits")]
    BadNickname,
    #[error("the nickname is taken")]
    NicknameTaken,
    #[error("password too short")]
    WeakPassword,
    #[error("wrong mobile or password")]
    BadCredentials,
    #[error("too many attempts")]
    RateLimited,
    #[error("not signed in")]
    SignedOut,
    #[error("real name: 2–30 characters")]
    BadRealName,
    #[error("payout account: 6–40 letters and digits")]
    BadAccount,
    #[error("the message could not be sent")]
    SendFailed,
    #[error("internal error")]
    Internal,
}

impl ReporterError {
    pub fn code(self) -> &'static str {
        match self {
            ReporterError::BadMobile => "bad_mobile",
            ReporterError::TooSoon => "too_soon",
            ReporterError::TooManyCodes => "too_many_codes",
            ReporterError::TooManyFailures => "too_many_failures",
            ReporterError::BadCode => "bad_code",
            ReporterError::RegistrationFailed => "registration_failed",
            ReporterError::BadNickname => "bad_nickname",
            ReporterError::NicknameTaken => "nickname_taken",
            ReporterError::WeakPassword => "weak_password",
            ReporterError::BadCredentials => "bad_credentials",
            ReporterError::RateLimited => "rate_limited",
            ReporterError::SignedOut => "signed_out",
            ReporterError::BadRealName => "bad_real_name",
            ReporterError::BadAccount => "bad_account",
            ReporterError::SendFailed => "send_failed",
            ReporterError::Internal => "internal",
        }
    }

    pub const ALL: [ReporterError; 16] = [
        ReporterError::BadMobile,
        ReporterError::TooSoon,
        ReporterError::TooManyCodes,
        ReporterError::TooManyFailures,
        ReporterError::BadCode,
        ReporterError::RegistrationFailed,
        ReporterError::BadNickname,
        ReporterError::NicknameTaken,
        ReporterError::WeakPassword,
        ReporterError::BadCredentials,
        ReporterError::RateLimited,
        ReporterError::SignedOut,
        ReporterError::BadRealName,
        ReporterError::BadAccount,
        ReporterError::SendFailed,
        ReporterError::Internal,
    ];
}

pub(super) fn internal(e: impl std::fmt::Display) -> ReporterError {
    tracing::error!(error = %e, "reporter accounts");
    ReporterError::Internal
}

impl From<CodeError> for ReporterError {
    fn from(e: CodeError) -> Self {
        match e {
            CodeError::TooSoon => ReporterError::TooSoon,
            CodeError::TooManyCodes => ReporterError::TooManyCodes,
            CodeError::TooManyFailures => ReporterError::TooManyFailures,
            CodeError::BadCode => ReporterError::BadCode,
            CodeError::Internal => ReporterError::Internal,
        }
    }
}

impl From<SignInRefusal> for ReporterError {
    fn from(r: SignInRefusal) -> Self {
        match r {
            SignInRefusal::BadCredentials => ReporterError::BadCredentials,
            SignInRefusal::RateLimited => ReporterError::RateLimited,
            SignInRefusal::Internal => ReporterError::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{reporter_error, Locale};

    #[test]
    fn every_refusal_has_its_own_message_in_both_languages() {
        for locale in Locale::ALL {
            let fallback = reporter_error(locale, "internal");
            for e in ReporterError::ALL {
                if e != ReporterError::Internal {
                    assert_ne!(reporter_error(locale, e.code()), fallback, "{e:?}");
                }
            }
        }
    }
}
