//! Staff server functions. Every one reads the session cookie and checks the role (and the
//! department, in the service); a refusal changes nothing.
//!
//! The console's forms are plain HTML forms posting to these functions, so the console
//! works without JavaScript: for such a post (`Accept: text/html`) the answer is a redirect,
//! to the next page on success or back to the form with `?error=<code>` otherwise. Other
//! clients get the JSON answer and an HTTP status (401, 403, 404, 409, 422, 429).
#[cfg(feature = "ssr")]
use crate::model::workflow::Refusal;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
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
    /// The workflow or the role rules refuse; `code` is `Refusal::code`.
    #[error("refused: {code}")]
    Refused { code: String, forbidden: bool },
    /// A form field is missing or malformed.
    #[error("bad input: {field}")]
    BadInput { field: String },
    /// An account could not be created or changed; `code` says why.
    #[error("account: {code}")]
    Account { code: String },
    /// A payout batch could not be made or paid; `code` says why.
    #[error("payout: {code}")]
    Payout { code: String },
    #[error("internal error")]
    Internal,
    #[error("request failed: {0}")]
    Transport(String),
}

impl FromServerFnError for StaffError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        StaffError::Transport(value.to_string())
    }
}

impl StaffError {
    /// The code put in `?error=` for plain form posts, and read back by the pages.
    pub fn code(&self) -> String {
        match self {
            StaffError::SignedOut => "signed_out".into(),
            StaffError::BadCredentials => "bad_credentials".into(),
            StaffError::RateLimited => "rate_limited".into(),
            StaffError::NotFound => "not_found".into(),
            StaffError::Changed => "changed".into(),
            StaffError::Refused { code, .. } => format!("refused.{code}"),
            StaffError::BadInput { field } => format!("bad_input.{field}"),
            StaffError::Account { code } => format!("account.{code}"),
            StaffError::Payout { code } => format!("payout.{code}"),
            StaffError::Internal | StaffError::Transport(_) => "internal".into(),
        }
    }

    #[cfg(feature = "ssr")]
    pub(crate) fn status(&self) -> http::StatusCode {
        use http::StatusCode as S;
        match self {
            StaffError::SignedOut | StaffError::BadCredentials => S::UNAUTHORIZED,
            StaffError::RateLimited => S::TOO_MANY_REQUESTS,
            StaffError::NotFound => S::NOT_FOUND,
            StaffError::Changed | StaffError::Payout { .. } => S::CONFLICT,
            StaffError::Refused {
                forbidden: true, ..
            } => S::FORBIDDEN,
            StaffError::Refused { .. } => S::CONFLICT,
            StaffError::BadInput { .. } | StaffError::Account { .. } => S::UNPROCESSABLE_ENTITY,
            StaffError::Internal | StaffError::Transport(_) => S::INTERNAL_SERVER_ERROR,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<Refusal> for StaffError {
    fn from(r: Refusal) -> Self {
        StaffError::Refused {
            code: r.code().to_string(),
            forbidden: r.is_forbidden(),
        }
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod server;

mod accounts;
mod cases;
mod rewards;
mod session;

pub use accounts::*;
pub use cases::*;
pub use rewards::*;
pub use session::*;
