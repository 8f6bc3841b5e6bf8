//! Signing in and out.
#[cfg(feature = "ssr")]
use super::guard;
use super::StaffError;
#[cfg(feature = "ssr")]
use crate::api::answer;
#[cfg(feature = "ssr")]
use crate::routes::Page;
use leptos::prelude::*;

/// Signs in with username and password; sets the session cookie.
#[server(prefix = "/api/fn/staff", endpoint = "sign_in")]
pub async fn staff_sign_in(
    username: String,
    password: String,
    next: Option<String>,
) -> Result<(), StaffError> {
    use crate::services::staff::{self as svc, SignInError};
    let state = guard::state()?;
    let ip = guard::client_ip(&state);
    let result = match svc::sign_in(&state, ip, &username, &password, chrono::Utc::now()).await {
        Ok(session) => {
            answer::set_cookie(&svc::session_cookie(Some(&session), state.secure_cookies));
            Ok(())
        }
        Err(SignInError::BadCredentials) => Err(StaffError::BadCredentials),
        Err(SignInError::RateLimited) => Err(StaffError::RateLimited),
        Err(SignInError::Internal) => Err(StaffError::Internal),
    };
    let next = next
        .filter(|n| {
            n.starts_with(Page::Staff.path()) && crate::model::url::same_site_path(n).is_some()
        })
        .unwrap_or_else(|| Page::Staff.path().into());
    answer::finish(result, &next, Page::Staff.path(), &[])
}

/// Ends the session.
#[server(prefix = "/api/fn/staff", endpoint = "sign_out")]
pub async fn staff_sign_out() -> Result<(), StaffError> {
    let state = guard::state()?;
    if let Some(token) = guard::session_token() {
        crate::services::staff::sign_out(&state, &token)
            .await
            .map_err(|_| StaffError::Internal)?;
    }
    answer::set_cookie(&crate::services::staff::session_cookie(
        None,
        state.secure_cookies,
    ));
    answer::finish(Ok(()), Page::Staff.path(), Page::Staff.path(), &[])
}
