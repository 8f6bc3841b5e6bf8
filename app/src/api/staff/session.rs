//! Signing in and out.
#[cfg(feature = "ssr")]
use super::server;
use super::StaffError;
use leptos::prelude::*;

/// Signs in with username and password; sets the session cookie.
#[server(prefix = "/api/fn/staff", endpoint = "sign_in")]
pub async fn staff_sign_in(
    username: String,
    password: String,
    next: Option<String>,
) -> Result<(), StaffError> {
    use crate::services::staff::{self as svc, SignInError};
    let state = server::state()?;
    let ip = server::client_ip(&state);
    let result = match svc::sign_in(&state, ip, &username, &password, chrono::Utc::now()).await {
        Ok(session) => {
            server::set_cookie(&svc::session_cookie(Some(&session), state.secure_cookies));
            Ok(())
        }
        Err(SignInError::BadCredentials) => Err(StaffError::BadCredentials),
        Err(SignInError::RateLimited) => Err(StaffError::RateLimited),
        Err(SignInError::Internal) => Err(StaffError::Internal),
    };
    let next = next
        .filter(|n| n.starts_with("/staff") && crate::model::url::same_site_path(n).is_some())
        .unwrap_or_else(|| "/staff".into());
    server::finish(result, &next, "/staff", &[])
}

/// Ends the session.
#[server(prefix = "/api/fn/staff", endpoint = "sign_out")]
pub async fn staff_sign_out() -> Result<(), StaffError> {
    let state = server::state()?;
    if let Some(token) = server::session_token() {
        crate::services::staff::sign_out(&state, &token)
            .await
            .map_err(|_| StaffError::Internal)?;
    }
    server::set_cookie(&crate::services::staff::session_cookie(
        None,
        state.secure_cookies,
    ));
    server::finish(Ok(()), "/staff", "/staff", &[])
}
