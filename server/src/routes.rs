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
    // Room for the multipart framing around the largest allowed content.
    let body_limit = config.limits.max_upload_bytes as usize + (64 << 10);
    Router::new()
        .route(
            "/api/v1/reports",
            post(crate::intake::submit).layer(DefaultBodyLimit::max(body_limit)),
        )
        .route("/photos/{key}", get(photo))
        .route("/lang/{tag}", get(switch_language))
        .route("/healthz", get(|| async { "ok" }))
}

pub fn with_layers(
    router: Router<ServerState>,
    site_root: &std::path::Path,
) -> Router<ServerState> {
    let pkg = crate::assets::service(&site_root.join("pkg"));
    router
        .nest_service("/pkg", pkg)
        .layer(axum::middleware::from_fn(no_store_for_staff))
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

/// `GET /photos/{key}`: a stored photo, with a fixed content type.
async fn photo(State(state): State<ServerState>, Path(key): Path<String>) -> Response {
    let Some(key) = PhotoKey::parse(&key) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match tokio::fs::read(state.app.photos.path(&key)).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "image/jpeg"),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
                (header::CONTENT_SECURITY_POLICY, "default-src 'none'"),
            ],
            bytes,
        )
            .into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
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
    // Only same-site paths: never an open redirect.
    let back = q
        .back
        .filter(|b| b.starts_with('/') && !b.starts_with("//") && !b.contains('\\'))
        .unwrap_or_else(|| "/".into());
    let cookie = format!(
        "{LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        locale.tag()
    );
    let mut response = Redirect::to(&back).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
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
