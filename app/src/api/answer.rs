//! How a server function answers (server side): the HTTP status of an error, and for a plain
//! HTML form post (no JavaScript) a redirect, to the next page on success or back to the form
//! with the error in `?error=` and what was typed in the form cookie (`components::flash`).
use crate::api::FormError;
use crate::services::AppState;
use leptos::prelude::*;

fn parts() -> Option<http::request::Parts> {
    use_context::<http::request::Parts>()
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

/// The HTTP status of the answer: the error's.
fn set_status<E: FormError>(e: &E) {
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(e.status());
    }
}

/// Finishes a mutation: for a plain form post, a redirect to `next` on success or back to
/// the form with the error on failure (`keep`, what the user typed, goes back in a cookie:
/// `components::flash`); for other clients the result itself with its HTTP status.
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
        set_status(e);
    }
    result
}

/// A server function's answer, with the HTTP status of its error (404, 422, 429, …) so
/// clients and proxies see a refusal as one, not as a 500.
pub fn answered<T, E: FormError>(result: Result<T, E>) -> Result<T, E> {
    // A page that calls the function while rendering keeps its own status (it shows the
    // message); only the function's own endpoint answers with the error's status.
    let endpoint =
        use_context::<http::request::Parts>().is_some_and(|p| p.uri.path().starts_with("/api/"));
    if let (Err(e), true) = (&result, endpoint) {
        set_status(e);
    }
    result
}

/// A read for a page: on error also the HTTP status, so a refused page is not a 200.
pub fn page<T, E: FormError>(result: Result<T, E>) -> Result<T, E> {
    if let Err(e) = &result {
        set_status(e);
    }
    result
}
