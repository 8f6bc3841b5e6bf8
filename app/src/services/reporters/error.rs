//! How the account stack's refusals become a reporter's (`model::accounts::ReporterError`).
pub use crate::model::accounts::ReporterError;
use crate::services::accounts::SignInRefusal;

pub(super) fn internal(e: impl std::fmt::Display) -> ReporterError {
    tracing::error!(error = %e, "reporter accounts");
    ReporterError::Internal
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
