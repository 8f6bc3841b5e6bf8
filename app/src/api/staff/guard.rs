//! Who is asking a staff function: the app state, the session, the signed-in staff member and
//! whether they are an administrator (server side).
use crate::api::StaffError;
use crate::services::cases::CaseError;
use crate::services::staff::{self as staff_service, Staff};
use crate::services::AppState;
use leptos::prelude::*;

pub fn state() -> Result<AppState, StaffError> {
    use_context::<AppState>().ok_or(StaffError::Internal)
}

fn parts() -> Option<http::request::Parts> {
    use_context::<http::request::Parts>()
}

pub fn session_token() -> Option<String> {
    parts().and_then(|p| staff_service::token_from_headers(&p.headers))
}

/// The signed-in staff member, or `SignedOut`.
pub async fn signed_in(state: &AppState) -> Result<Staff, StaffError> {
    let token = session_token().ok_or(StaffError::SignedOut)?;
    staff_service::current(state, &token, chrono::Utc::now())
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "session lookup failed");
            StaffError::Internal
        })?
        .ok_or(StaffError::SignedOut)
}

pub fn locale() -> crate::i18n::Locale {
    crate::current_locale()
}

pub(crate) use crate::api::client_ip;

/// The signed-in staff member if they are an administrator; otherwise a refusal.
pub async fn admin(state: &AppState) -> Result<Staff, StaffError> {
    let staff = signed_in(state).await?;
    if staff.role == crate::model::staff::Role::Admin {
        Ok(staff)
    } else {
        Err(crate::model::workflow::Refusal::WrongRole.into())
    }
}

impl From<CaseError> for StaffError {
    fn from(e: CaseError) -> Self {
        match e {
            CaseError::NotFound => StaffError::NotFound,
            CaseError::Refused(r) => r.into(),
            CaseError::Changed => StaffError::Changed,
            CaseError::Internal(e) => {
                tracing::error!(error = e, "case service failed");
                StaffError::Internal
            }
        }
    }
}
