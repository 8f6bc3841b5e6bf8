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
        .route("/staff/payouts/{file}", get(payout_sheet))
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

/// `GET /staff/payouts/{id}.csv` or `.xlsx`: a payout batch's sheet for the finance office
/// (administrators only).
async fn payout_sheet(
    State(state): State<ServerState>,
    Path(file): Path<String>,
    headers: axum::http::HeaderMap,
) -> Response {
    let Some((id, ext)) = file
        .rsplit_once('.')
        .and_then(|(id, ext)| Some((id.parse::<i64>().ok()?, ext.to_string())))
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let app = &state.app;
    let staff = match app::services::staff::token_from_headers(&headers) {
        Some(token) => app::services::staff::current(app, &token, chrono::Utc::now())
            .await
            .ok()
            .flatten(),
        None => None,
    };
    let Some(staff) = staff else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    use app::services::cases::CaseError;
    let sheet = match app::services::payouts::sheet(app, &staff, id).await {
        Ok(sheet) => sheet,
        Err(CaseError::Refused(_)) => return StatusCode::FORBIDDEN.into_response(),
        Err(CaseError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "payout sheet");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let (bytes, content_type) = match ext.as_str() {
        "csv" => (sheet.csv(), "text/csv; charset=utf-8"),
        "xlsx" => (
            sheet.xlsx(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    match bytes {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, content_type.to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"minsheng-payout-{id}.{ext}\""),
                ),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = e, "payout sheet");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
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
