//! `/open311/v2/…` and `/open311/discovery.{json,xml}`: Open311 GeoReport v2 over HTTP. The
//! format is the extension; `jurisdiction_id` is accepted and ignored (one jurisdiction);
//! errors are the spec's list with 400, 403, 404 (and 429 over a key's rate, 500).
use crate::ServerState;
use app::i18n::Locale;
use app::model::open311::{self as o, Format, Value};
use app::services::open311::{self as service, Open311Error};
use axum::extract::{ConnectInfo, Path, Query, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

/// The largest POSTed request body.
const MAX_BODY: usize = 64 << 10;

pub fn routes() -> Router<ServerState> {
    Router::new()
        .route(
            "/open311/discovery.{format}",
            fixed("discovery", service::discovery),
        )
        .route(
            "/open311/v2/services.{format}",
            fixed("services", service::services),
        )
        .route("/open311/v2/services/{file}", get(definition))
        .route(
            "/open311/v2/requests.{format}",
            // A request is a few fields (photos come through /api/v1/reports).
            get(requests)
                .post(post_request)
                .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY)),
        )
        .route("/open311/v2/requests/{file}", get(request))
        .route("/open311/v2/tokens/{file}", get(token))
}

fn answer(root: &str, result: Result<Value, Open311Error>, format: Format) -> Response {
    let (status, root, value) = match result {
        Ok(v) => (StatusCode::OK, root, v),
        Err(e) => (
            StatusCode::from_u16(e.status).unwrap_or(StatusCode::BAD_REQUEST),
            "errors",
            o::errors(e.status, &e.descriptions),
        ),
    };
    (
        status,
        [(header::CONTENT_TYPE, format.content_type())],
        o::render(root, &value, format),
    )
        .into_response()
}

/// The answer to an extension other than `.json` and `.xml`: 404, in XML (the required
/// format).
fn bad_format(locale: Locale) -> Response {
    answer(
        "errors",
        Err(Open311Error::new(404, locale.open311().bad_format)),
        Format::Xml,
    )
}

/// `services.json`: the route captured `json`.
fn format_named(ext: &str) -> Option<Format> {
    Format::split(&format!("x.{ext}")).map(|(_, f)| f)
}

/// Answers `name.json` / `name.xml` with the document `make` gives for `name` under `root`.
async fn document(
    file: &str,
    headers: &HeaderMap,
    root: &str,
    make: impl AsyncFnOnce(&str, Locale) -> Result<Value, Open311Error>,
) -> Response {
    let locale = Locale::from_headers(headers);
    match Format::split(file) {
        Some((name, f)) => answer(root, make(name, locale).await, f),
        None => bad_format(locale),
    }
}

/// A document that depends on nothing but the language (discovery, the service list), at
/// `root.{json,xml}`.
fn fixed(
    root: &'static str,
    make: fn(&app::services::AppState, Locale) -> Value,
) -> axum::routing::MethodRouter<ServerState> {
    get(
        move |State(state): State<ServerState>, Path(ext): Path<String>, headers: HeaderMap| async move {
            let file = format!("{root}.{ext}");
            document(&file, &headers, root, async |_, locale| {
                Ok(make(&state.app, locale))
            })
            .await
        },
    )
}

async fn definition(
    State(state): State<ServerState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    document(
        &file,
        &headers,
        "service_definition",
        async |code, locale| service::definition(&state.app, code, locale),
    )
    .await
}

/// Pairs of a query string or form body as sent (repeated keys kept).
fn pairs(bytes: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(bytes).into_owned().collect()
}

fn query_value(pairs: &[(String, String)], key: &str) -> String {
    pairs
        .iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// `GET requests`: up to a thousand board cases, each read as the board shows it: counted
/// against the client address's lookups (`MINSHENG_LOOKUPS_PER_MINUTE`), like `/track`.
async fn requests(
    State(state): State<ServerState>,
    Path(ext): Path<String>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let locale = Locale::from_headers(&headers);
    let Some(f) = format_named(&ext) else {
        return bad_format(locale);
    };
    let ip = state.app.client_ip(Some(peer.ip()), &headers);
    if state.app.lookup_limiter.check_key(&ip).is_err() {
        let e = Open311Error::new(429, locale.open311().too_many_reads);
        return answer("service_requests", Err(e), f);
    }
    let q = pairs(raw.as_deref().unwrap_or("").as_bytes());
    let query = service::RequestsQuery {
        service_request_id: query_value(&q, "service_request_id"),
        service_code: query_value(&q, "service_code"),
        start_date: query_value(&q, "start_date"),
        end_date: query_value(&q, "end_date"),
        status: query_value(&q, "status"),
    };
    let result = service::requests(&state.app, &query, locale, chrono::Utc::now()).await;
    answer("service_requests", result, f)
}

async fn request(
    State(state): State<ServerState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    document(&file, &headers, "service_requests", async |id, locale| {
        service::request(&state.app, id, locale).await
    })
    .await
}

async fn token(
    State(state): State<ServerState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    document(
        &file,
        &headers,
        "service_requests",
        async |token, locale| service::token(&state.app, token, locale).await,
    )
    .await
}

/// `POST requests.{format}`: the form-encoded request (`api_key` and `jurisdiction_id` also
/// from the query string, as some clients send them).
async fn post_request(
    State(state): State<ServerState>,
    Path(ext): Path<String>,
    Query(query): Query<Vec<(String, String)>>,
    headers: HeaderMap,
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> Response {
    let locale = Locale::from_headers(&headers);
    let Some(f) = format_named(&ext) else {
        return bad_format(locale);
    };
    let t = locale.open311();
    let body = match body {
        Ok(b) if std::str::from_utf8(&b).is_ok() => b,
        Ok(_) => {
            let e = Open311Error::new(400, t.bad_body);
            return answer("service_requests", Err(e), f);
        }
        Err(_) => {
            let e = Open311Error::new(400, t.body_too_large(MAX_BODY / 1024));
            return answer("service_requests", Err(e), f);
        }
    };
    let mut form = pairs(&body);
    form.extend(query.into_iter().filter(|(k, _)| k == "api_key"));
    let app = &state.app;
    let posted = o::read_post(&form, &app.city);
    let caller = match service::caller(app, &posted.api_key, locale).await {
        Ok(c) => c,
        Err(e) => return answer("service_requests", Err(e), f),
    };
    if app.open311_limiter.check_key(&caller.id).is_err() {
        tracing::warn!(key = %caller.name, "open311 requests rate limited");
        return answer(
            "service_requests",
            Err(Open311Error::new(429, t.too_many)),
            f,
        );
    }
    let result = service::submit(app, &caller, posted, locale, chrono::Utc::now()).await;
    answer("service_requests", result, f)
}
