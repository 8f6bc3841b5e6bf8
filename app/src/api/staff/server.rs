//! Server-side helpers of the staff functions: session, form-post answers, statuses.
use crate::api::{FormError, StaffError};
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

pub fn set_cookie(value: &str) {
    if let (Some(res), Ok(v)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(value),
    ) {
        res.append_header(http::header::SET_COOKIE, v);
    }
}

fn accepts_html() -> bool {
    parts()
        .and_then(|p| {
            p.headers
                .get(http::header::ACCEPT)?
                .to_str()
                .ok()
                .map(String::from)
        })
        .is_some_and(|a| a.contains("text/html"))
}

/// Keeps `fields` for the next page whatever the outcome (the mobile between the two steps
/// of registering): in the form cookie, never in the URL.
pub fn keep_for_next_page(fields: &[(&str, &str)]) {
    let secure = use_context::<AppState>().is_some_and(|s| s.secure_cookies);
    set_cookie(&crate::components::flash::keep_cookie(fields, secure));
}

/// `path` with `params` set in its query (replacing `error`, `done` and those keys).
pub fn with_params(path: &str, params: &[(&str, &str)]) -> String {
    let (base, query) = path.split_once('?').unwrap_or((path, ""));
    let mut kept: Vec<String> = query
        .split('&')
        .filter(|kv| !kv.is_empty())
        .filter(|kv| {
            let key = kv.split('=').next().unwrap_or("");
            key != "error" && key != "done" && !params.iter().any(|(k, _)| *k == key)
        })
        .map(String::from)
        .collect();
    for (k, v) in params {
        kept.push(format!("{k}={}", crate::routes::encode(v)));
    }
    if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    }
}

/// Finishes a mutation: for a plain form post, a redirect to `next` on success or back to
/// the form with the error code on failure (`keep`, what the user typed, goes back in a
/// cookie: `components::flash`); for other
/// clients the result itself with its HTTP status.
pub fn finish<E: FormError>(
    result: Result<(), E>,
    next: &str,
    back: &str,
    keep: &[(&str, &str)],
) -> Result<(), E> {
    if accepts_html() {
        match &result {
            Ok(()) => leptos_axum::redirect(next),
            Err(e) => {
                // The pages send no Referer (Referrer-Policy: no-referrer): each form's
                // page is known here instead.
                // What was typed goes back in a short-lived cookie, never in the URL.
                if !keep.is_empty() {
                    keep_for_next_page(keep);
                }
                leptos_axum::redirect(&with_params(back, &[("error", &e.to_param())]));
            }
        }
        return Ok(());
    }
    if let Err(e) = &result {
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(e.status());
        }
    }
    result
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

/// A read for a page: on error also the HTTP status, so a refused page is not a 200.
pub fn answer<T>(result: Result<T, StaffError>) -> Result<T, StaffError> {
    if let Err(e) = &result {
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(e.status());
        }
    }
    result
}
