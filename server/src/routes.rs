//! HTTP routes that are not Leptos pages, and the layers around everything.
use crate::config::Config;
use crate::ServerState;
use app::i18n::{Locale, LOCALE_COOKIE};
use app::storage::photos::PhotoKey;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

pub fn api_routes(config: &Config) -> Router<ServerState> {
    // The intake refuses content over the upload cap itself (`intake::form`); the connection
    // is cut at twice the cap (and room for the multipart framing), so that a body a little
    // over is read to its end and its sender reads the 413 instead of a reset.
    let body_limit = 2 * (config.limits.max_upload_bytes as usize + (64 << 10));
    Router::new()
        .route(
            app::routes::INTAKE,
            post(crate::intake::submit).layer(DefaultBodyLimit::max(body_limit)),
        )
        // The report form without JavaScript: the same intake, answered with the page (the
        // page itself, `GET`, is Leptos's).
        .route(
            app::routes::Page::Report.path(),
            post(crate::intake::submit_page).layer(DefaultBodyLimit::max(body_limit)),
        )
        .merge(crate::open311::routes())
        .route(app::routes::PHOTO, get(photo))
        .route(app::routes::PAYOUT_SHEET, get(crate::sheets::payout_sheet))
        .route(app::routes::REPORT_SHEET, get(crate::sheets::report_sheet))
        .route(app::routes::SWITCH_LANGUAGE, get(switch_language))
        .route(app::routes::SWITCH_VIEW, get(switch_view))
        .route(app::routes::NOTICES_FEED, get(crate::notices_feed::feed))
        .route("/healthz", get(|| async { "ok" }))
}

pub fn with_layers(
    router: Router<ServerState>,
    site_root: &std::path::Path,
    fingerprints: crate::assets::Fingerprints,
    config: &Config,
) -> Router<ServerState> {
    let pkg = crate::assets::service(&site_root.join("pkg"));
    let security = std::sync::Arc::new(Security::of(config));
    router
        .nest_service("/pkg", pkg)
        .layer(axum::middleware::from_fn_with_state(
            fingerprints,
            crate::assets::serve_fingerprinted,
        ))
        .layer(axum::middleware::from_fn(no_store_for_staff))
        .layer(axum::middleware::from_fn(crate::pwa::mark_shell))
        .layer(axum::middleware::from_fn(move |req, next| {
            secure(security.clone(), req, next)
        }))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::if_not_present(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(
            // Path only: query strings carry query codes and must not reach the logs.
            TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
                tracing::info_span!("http", method = %req.method(), path = %req.uri().path())
            }),
        )
}

#[derive(serde::Deserialize)]
struct Signed {
    e: Option<i64>,
    s: Option<String>,
}

/// `GET /photos/{key}`: a stored photo, with a fixed content type, to those the visibility
/// rule lets see it (`app::services::photo_access`): anyone for a board case (cacheable by
/// shared caches), the reporter through a signed expiring link (their browser only), staff
/// with their session (never cached). Everyone else gets the same 404 as for a photo that
/// does not exist.
async fn photo(
    State(state): State<ServerState>,
    Path(key): Path<String>,
    Query(signed): Query<Signed>,
    headers: axum::http::HeaderMap,
) -> Response {
    use app::services::photo_access::{decide, Serve};
    let Some(key) = PhotoKey::parse(&key) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let signed = match (signed.e, signed.s.as_deref()) {
        (Some(e), Some(s)) => Some((e, s)),
        _ => None,
    };
    let token = app::services::staff::token_from_headers(&headers);
    let cache = match decide(
        &state.app,
        key.as_str(),
        signed,
        token.as_deref(),
        chrono::Utc::now(),
    )
    .await
    {
        Serve::Shared => "public, max-age=86400".to_string(),
        Serve::Private { max_age } => format!("private, max-age={max_age}"),
        Serve::NoStore => "no-store".to_string(),
        Serve::Refused => return StatusCode::NOT_FOUND.into_response(),
    };
    match state.app.photos.get(&key).await {
        Ok(Some(bytes)) => (
            [
                (header::CONTENT_TYPE, "image/jpeg".to_string()),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
                (header::CACHE_CONTROL, cache),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'".to_string(),
                ),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "photo store");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

#[derive(serde::Deserialize)]
struct Back {
    back: Option<String>,
}

/// `GET /lang/{tag}?back=/path`: remembers the language in a cookie and goes back. A plain
/// link, so it works without JavaScript.
async fn switch_language(Path(tag): Path<String>, Query(q): Query<Back>) -> Response {
    let locale = Locale::from_tag(&tag).unwrap_or_default();
    let cookie = format!(
        "{LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        locale.tag()
    );
    back_with_cookie(&q, &cookie)
}

/// `GET /view/{large|standard}?back=/path`: turns the large-text view (长辈版) on or off in a
/// cookie and goes back. A plain link, so it works without JavaScript.
async fn switch_view(Path(mode): Path<String>, Query(q): Query<Back>) -> Response {
    use app::i18n::VIEW_COOKIE;
    let cookie = if mode == "large" {
        format!("{VIEW_COOKIE}=large; Path=/; Max-Age=31536000; SameSite=Lax")
    } else {
        format!("{VIEW_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax")
    };
    back_with_cookie(&q, &cookie)
}

/// Sets `cookie` and goes back to `back`: only a same-site path, never an open redirect.
fn back_with_cookie(q: &Back, cookie: &str) -> Response {
    let back = q
        .back
        .as_deref()
        .and_then(app::model::url::same_site_path)
        .unwrap_or("/")
        .to_string();
    let mut response = Redirect::to(&back).into_response();
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// Staff pages and answers can carry a reporter's revealed name and phone: never cached, by the
/// browser or anything in between.
async fn no_store_for_staff(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let path = request.uri().path();
    let staff =
        path == "/staff" || path.starts_with("/staff/") || path.starts_with("/api/fn/staff/");
    let mut response = next.run(request).await;
    if staff {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// The web-hardening rules every request and response goes through.
pub struct Security {
    /// `scheme://host[:port]` of the configured public address.
    public_origin: String,
    /// Strict-Transport-Security, when the public address is https.
    hsts: bool,
}

impl Security {
    pub fn of(config: &Config) -> Security {
        let origin = crate::public_url::origin(&config.public_url);
        Security {
            hsts: origin.starts_with("https://"),
            public_origin: origin,
        }
    }

    /// Whether a state-changing request comes from this site's own pages (or from a client
    /// that is not a browser: browsers always send `Sec-Fetch-Site` or `Origin` on a POST,
    /// so a cross-site form or script cannot pass). Answers what login CSRF and every other
    /// cross-site request forgery would need.
    pub fn same_origin(&self, headers: &axum::http::HeaderMap) -> bool {
        let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        if let Some(site) = text("sec-fetch-site") {
            return matches!(site, "same-origin" | "none");
        }
        let Some(origin) = text("origin") else {
            return true;
        };
        let origin = origin.to_ascii_lowercase();
        if origin == self.public_origin {
            return true;
        }
        let host = text("host").unwrap_or("").to_ascii_lowercase();
        !host.is_empty()
            && origin.split_once("://").is_some_and(|(scheme, authority)| {
                matches!(scheme, "http" | "https") && authority == host
            })
    }
}

/// The Content-Security-Policy of every page: scripts only from this site or inline with this
/// response's nonce (the islands' hydration script), WASM compiled from this site, no
/// plugins, no framing, forms only to this site.
fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
}

/// Refuses cross-site state-changing requests; gives each response its CSP (with a fresh
/// nonce for inline scripts) and, on https, HSTS.
async fn secure(
    security: std::sync::Arc<Security>,
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    use axum::http::Method;
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe && !security.same_origin(request.headers()) {
        tracing::warn!(path = %request.uri().path(), "cross-site request refused");
        return (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "跨站请求已拒绝。请从本站页面提交。\nCross-site request refused: submit from this site's own pages.\n",
        )
            .into_response();
    }
    let nonce = leptos::nonce::Nonce::new().to_string();
    request
        .extensions_mut()
        .insert(app::CspNonce(nonce.as_str().into()));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        if let Ok(v) = HeaderValue::from_str(&content_security_policy(&nonce)) {
            headers.insert(header::CONTENT_SECURITY_POLICY, v);
        }
    }
    if security.hsts {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderMap;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn only_this_sites_pages_may_post() {
        let s = Security {
            public_origin: "https://12345.example.gov.cn".into(),
            hsts: true,
        };
        assert!(s.same_origin(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(!s.same_origin(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(!s.same_origin(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(s.same_origin(&headers(&[("origin", "https://12345.example.gov.cn")])));
        assert!(s.same_origin(&headers(&[
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(!s.same_origin(&headers(&[
            ("origin", "http://evil.example"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(!s.same_origin(&headers(&[("origin", "null"), ("host", "127.0.0.1:3000")])));
        // Not a browser (curl, an intake client): nothing to forge.
        assert!(s.same_origin(&headers(&[])));
    }
}
