//! The installable portal: the service worker at `/sw.js` (the site root's `sw.js` with this
//! build's version in its first line and the shell's pages in its second, so that a new build is a new worker and the page can say
//! "refresh to update"), and the mark on the app-shell pages the worker may keep for offline
//! use (`X-Minsheng-Shell: public`): only the citizen pages that show nobody's data, asked
//! for without a query and without a session.
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::path::Path;
use std::sync::Arc;

/// The pages of the app shell (written into `/sw.js` for the worker).
pub const SHELL_PAGES: &[&str] = &["/", "/report", "/snap", "/track", "/mine", "/help"];

/// The worker's script, read once at start.
#[derive(Clone)]
pub struct Worker(Arc<str>);

impl Worker {
    /// `version`: the build's output name, which carries the hash of its WASM and JS.
    pub fn load(site_root: &Path, version: &str) -> Worker {
        let script = std::fs::read_to_string(site_root.join("sw.js")).unwrap_or_else(|e| {
            tracing::warn!(error = %e, "no sw.js in the site root: build with cargo leptos");
            String::new()
        });
        // The shell's pages come from here too: one list, for the mark and for the worker.
        let pages = serde_json::to_string(SHELL_PAGES).expect("a list of strings");
        Worker(
            format!(
                "self.MINSHENG_VERSION = {version:?};\nself.MINSHENG_PAGES = {pages};\n{script}"
            )
            .into(),
        )
    }

    pub fn response(&self) -> Response {
        (
            [
                (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                // Browsers check the worker at most once a day anyway; always ask.
                (header::CACHE_CONTROL, "no-cache"),
            ],
            self.0.to_string(),
        )
            .into_response()
    }
}

/// Marks the app-shell pages the service worker may keep. A request with a session cookie
/// (staff, reporter) or a query (a case on /track, a search) is never marked: its page may
/// hold someone's data.
pub async fn mark_shell(request: Request, next: Next) -> Response {
    let shell = request.method() == Method::GET
        && SHELL_PAGES.contains(&request.uri().path())
        && request.uri().query().is_none()
        && !has_session(request.headers());
    let mut response = next.run(request).await;
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if shell && html && response.status().is_success() {
        response
            .headers_mut()
            .insert("x-minsheng-shell", HeaderValue::from_static("public"));
    }
    response
}

fn has_session(headers: &axum::http::HeaderMap) -> bool {
    use app::services::{accounts::cookie_value, reporters, staff};
    [staff::SESSION_COOKIE, reporters::SESSION_COOKIE]
        .iter()
        .any(|name| cookie_value(headers, name).is_some())
}
