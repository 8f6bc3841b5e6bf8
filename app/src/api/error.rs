//! The two errors of the server functions: `ApiError` for citizens and reporters,
//! `StaffError` for the console. Each travels to the browser as a serde value with its fields
//! (`{"error": "refused", "code": "reply_too_short", "min": 20, "actual": 5}`), maps to its
//! HTTP status here and only here (`status`), and renders its message from the value in the
//! user's language (`i18n::errors`, an exhaustive match).
//!
//! A plain form post (no JavaScript) that fails comes back to its page with the error in
//! `?error=`, as the same JSON (`to_param`), read back typed by `from_param`: the page shows
//! exactly the message a script would have shown, numbers included.
use crate::model::accounts::{AccountError, ReporterError};
use crate::model::reward::PayoutRefusal;
use crate::model::workflow::Refusal;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// A form field a server function could not parse (beyond the report form's own `Field`s).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Input {
    Action,
    Cases,
    Category,
    Date,
    Decision,
    Month,
    Position,
    Queue,
    Rating,
    Reason,
    /// Which report (`bulletin` or `ranking`).
    Report,
    Role,
    /// How figures are sliced (`by=`).
    Slice,
    /// One department, district, category or channel of the figures (`key=`).
    FigureKey,
    Verdict,
}

/// Errors of the citizens' and reporters' server functions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum ApiError {
    /// Unknown ticket and wrong code are deliberately the same error.
    #[error("no case matches")]
    NotFound,
    #[error("malformed ticket number")]
    BadTicketNo,
    #[error("malformed query code")]
    BadQueryCode,
    #[error("too many requests")]
    RateLimited,
    /// The workflow refuses, e.g. the case is no longer waiting for a rating.
    #[error("refused: {0}")]
    Refused(Refusal),
    /// The case changed while the citizen was looking at it.
    #[error("the case changed meanwhile")]
    Changed,
    #[error("bad input: {field:?}")]
    BadInput { field: Input },
    /// A reporter account request was refused.
    #[error("reporter: {0}")]
    Reporter(ReporterError),
    #[error("internal error")]
    Internal,
    #[error("request failed: {message}")]
    Transport { message: String },
}

/// Errors of the staff console's server functions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum StaffError {
    #[error("not signed in")]
    SignedOut,
    #[error("wrong username or password")]
    BadCredentials,
    #[error("too many attempts")]
    RateLimited,
    #[error("no such case")]
    NotFound,
    #[error("the case changed meanwhile")]
    Changed,
    /// The workflow or the role rules refuse.
    #[error("refused: {0}")]
    Refused(Refusal),
    #[error("bad input: {field:?}")]
    BadInput { field: Input },
    /// An account could not be created or changed.
    #[error("account: {0}")]
    Account(AccountError),
    /// A payout batch could not be made or paid.
    #[error("payout: {0}")]
    Payout(PayoutRefusal),
    /// A period of figures that cannot be read.
    #[error("period: {0}")]
    Period(crate::model::figures::PeriodError),
    /// A notice (公告) that cannot be published: every problem at once.
    #[error("notice: {problems:?}")]
    Notice {
        problems: Vec<crate::model::notice::NoticeProblem>,
    },
    /// A knowledge-base article that cannot be saved: every problem at once.
    #[error("article: {problems:?}")]
    Article {
        problems: Vec<crate::model::help::ArticleProblem>,
    },
    #[error("internal error")]
    Internal,
    #[error("request failed: {message}")]
    Transport { message: String },
}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        ApiError::Transport {
            message: value.to_string(),
        }
    }
}

impl FromServerFnError for StaffError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        StaffError::Transport {
            message: value.to_string(),
        }
    }
}

impl From<Refusal> for StaffError {
    fn from(r: Refusal) -> Self {
        StaffError::Refused(r)
    }
}

/// What both errors share: the `?error=` form of a failed form post, a short code for the
/// page's `data-code` (derived from the serde tags, never parsed back), the HTTP status.
pub trait FormError: Serialize + for<'de> Deserialize<'de> {
    #[cfg(feature = "ssr")]
    fn status(&self) -> http::StatusCode;

    /// The error as `?error=` carries it.
    fn to_param(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The error a form post came back with; `None` for an empty or foreign value.
    fn from_param(param: &str) -> Option<Self> {
        serde_json::from_str(param).ok()
    }

    /// `refused.reply_too_short`, `not_found`: the error's tag and its inner code.
    fn code(&self) -> String {
        let value = serde_json::to_value(self).unwrap_or_default();
        let tag = value["error"].as_str().unwrap_or("internal");
        match value["code"].as_str() {
            Some(code) => format!("{tag}.{code}"),
            None => tag.to_string(),
        }
    }
}

impl FormError for ApiError {
    #[cfg(feature = "ssr")]
    fn status(&self) -> http::StatusCode {
        use http::StatusCode as S;
        use ReporterError as R;
        match self {
            ApiError::NotFound => S::NOT_FOUND,
            ApiError::BadTicketNo | ApiError::BadQueryCode | ApiError::BadInput { .. } => {
                S::UNPROCESSABLE_ENTITY
            }
            ApiError::RateLimited => S::TOO_MANY_REQUESTS,
            ApiError::Refused(_) | ApiError::Changed => S::CONFLICT,
            ApiError::Reporter(e) => match e {
                R::BadCredentials | R::SignedOut => S::UNAUTHORIZED,
                R::RateLimited | R::TooManyCodes | R::TooManyFailures => S::TOO_MANY_REQUESTS,
                R::NicknameTaken | R::TooSoon { .. } => S::CONFLICT,
                R::Internal | R::SendFailed => S::INTERNAL_SERVER_ERROR,
                R::BadMobile
                | R::BadCode
                | R::RegistrationFailed
                | R::BadNickname
                | R::WeakPassword { .. }
                | R::BadRealName
                | R::BadAccount => S::UNPROCESSABLE_ENTITY,
            },
            ApiError::Internal | ApiError::Transport { .. } => S::INTERNAL_SERVER_ERROR,
        }
    }
}

impl FormError for StaffError {
    #[cfg(feature = "ssr")]
    fn status(&self) -> http::StatusCode {
        use http::StatusCode as S;
        match self {
            StaffError::SignedOut | StaffError::BadCredentials => S::UNAUTHORIZED,
            StaffError::RateLimited => S::TOO_MANY_REQUESTS,
            StaffError::NotFound => S::NOT_FOUND,
            StaffError::Changed | StaffError::Payout(_) => S::CONFLICT,
            StaffError::Refused(r) if r.is_forbidden() => S::FORBIDDEN,
            StaffError::Refused(_) => S::CONFLICT,
            StaffError::BadInput { .. }
            | StaffError::Account(_)
            | StaffError::Period(_)
            | StaffError::Notice { .. }
            | StaffError::Article { .. } => S::UNPROCESSABLE_ENTITY,
            StaffError::Internal | StaffError::Transport { .. } => S::INTERNAL_SERVER_ERROR,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_keeps_its_numbers_through_a_form_post() {
        let e = StaffError::Refused(Refusal::ReplyTooShort { min: 20, actual: 5 });
        let param = e.to_param();
        assert_eq!(StaffError::from_param(&param), Some(e.clone()));
        assert_eq!(e.code(), "refused.reply_too_short");
        let json: serde_json::Value = serde_json::from_str(&param).unwrap();
        assert_eq!(json["min"], 20);
        assert_eq!(json["actual"], 5);
    }

    #[test]
    fn every_error_shape_round_trips() {
        let api = [
            ApiError::NotFound,
            ApiError::Refused(Refusal::NotNow { status: None }),
            ApiError::BadInput {
                field: Input::Rating,
            },
            ApiError::Reporter(ReporterError::TooSoon { seconds: 60 }),
            ApiError::Transport {
                message: "x".into(),
            },
        ];
        for e in api {
            assert_eq!(
                ApiError::from_param(&e.to_param()),
                Some(e.clone()),
                "{e:?}"
            );
        }
        let staff = [
            StaffError::Account(AccountError::WeakPassword { min: 10 }),
            StaffError::Payout(PayoutRefusal::NothingToPay),
            StaffError::Refused(Refusal::HandBackWindowClosed { working_days: 1 }),
            StaffError::Notice {
                problems: vec![
                    crate::model::notice::NoticeProblem::EndBeforeStart,
                    crate::model::notice::NoticeProblem::Text { max: 300 },
                ],
            },
            StaffError::Article {
                problems: vec![
                    crate::model::help::ArticleProblem::Question { max: 100 },
                    crate::model::help::ArticleProblem::ValidUntilPast,
                ],
            },
        ];
        for e in staff {
            assert_eq!(
                StaffError::from_param(&e.to_param()),
                Some(e.clone()),
                "{e:?}"
            );
        }
        assert_eq!(
            StaffError::Payout(PayoutRefusal::NothingToPay).code(),
            "payout.nothing_to_pay"
        );
        assert_eq!(ApiError::from_param("refused.not_now"), None);
    }
}
