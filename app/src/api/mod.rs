//! Server functions: thin. Parse, check, call a service, map errors to `ApiError`.
//! The report intake itself is an HTTP endpoint (`POST /api/v1/reports`, see the server crate)
//! because it carries photos with upload progress; it calls the same intake service.
pub mod follow;
pub mod intake;
pub mod rewards;
pub mod staff;

use crate::i18n::Locale;
use crate::model::case::PublicCase;
use crate::model::City;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// Errors of the server functions, each with a message the citizen can act on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ApiError {
    /// Unknown ticket and wrong code are deliberately the same error.
    #[error("no case matches")]
    NotFound,
    #[error("malformed ticket number")]
    BadTicketNo,
    #[error("malformed query code")]
    BadQueryCode,
    #[error("too many requests")]
    RateLimited,
    /// The workflow refuses (`Refusal::code`), e.g. the case is no longer waiting for a
    /// rating.
    #[error("refused: {0}")]
    Refused(String),
    /// A form field is missing or malformed.
    #[error("bad input: {0}")]
    BadInput(String),
    /// A reporter account request was refused (`ReporterError::code`).
    #[error("reporter: {0}")]
    Reporter(String),
    #[error("internal error")]
    Internal,
    #[error("request failed: {0}")]
    Transport(String),
}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        ApiError::Transport(value.to_string())
    }
}

impl ApiError {
    pub fn message(&self, locale: Locale) -> &'static str {
        let t = locale.texts();
        match self {
            ApiError::NotFound => t.track_not_found,
            ApiError::BadTicketNo => t.track_bad_ticket_no,
            ApiError::BadQueryCode => t.track_bad_code,
            ApiError::RateLimited => t.track_rate_limited,
            ApiError::Refused(code) => crate::i18n::refusal_message(locale, code),
            ApiError::BadInput(_) => locale.follow().refused,
            ApiError::Reporter(code) => crate::i18n::reporter_error(locale, code),
            ApiError::Internal | ApiError::Transport(_) => t.error_internal,
        }
    }
}

#[cfg(feature = "ssr")]
pub(crate) fn app_state() -> Result<crate::services::AppState, ApiError> {
    use_context::<crate::services::AppState>().ok_or(ApiError::Internal)
}

/// The client's address, for rate limiting.
#[cfg(feature = "ssr")]
pub(crate) fn client_ip(state: &crate::services::AppState) -> std::net::IpAddr {
    let parts = use_context::<http::request::Parts>();
    let peer = parts
        .as_ref()
        .and_then(|p| {
            p.extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        })
        .map(|c| c.0.ip());
    let headers = parts.map(|p| p.headers).unwrap_or_default();
    state.client_ip(peer, &headers)
}

/// The city's districts, streets and categories, for rendering the report form on the server
/// (the form island receives them as its props).
#[cfg(feature = "ssr")]
pub fn page_city() -> Result<City, ApiError> {
    Ok((*app_state()?.city).clone())
}

/// Pages render only on the server in islands mode; this is never called in the browser.
#[cfg(not(feature = "ssr"))]
pub fn page_city() -> Result<City, ApiError> {
    Err(ApiError::Internal)
}

/// Public lookup: ticket number + query code → the public view of the case.
#[server(prefix = "/api/fn", endpoint = "lookup")]
pub async fn lookup_case(ticket_no: String, code: String) -> Result<PublicCase, ApiError> {
    answered(find_case(ticket_no, code).await)
}

#[cfg(feature = "ssr")]
async fn find_case(ticket_no: String, code: String) -> Result<PublicCase, ApiError> {
    use crate::model::{QueryCode, TicketNo};
    let state = app_state()?;
    spend_lookup(&state)?;
    let ticket_no = TicketNo::parse(&ticket_no).map_err(|_| ApiError::BadTicketNo)?;
    let code = QueryCode::parse(&code).map_err(|_| ApiError::BadQueryCode)?;
    crate::services::lookup::find(&state, &ticket_no, &code)
        .await?
        .ok_or(ApiError::NotFound)
}

#[cfg(feature = "ssr")]
impl staff::server::FormError for ApiError {
    fn code(&self) -> String {
        match self {
            ApiError::NotFound => "not_found".into(),
            ApiError::BadTicketNo => "bad_ticket_no".into(),
            ApiError::BadQueryCode => "bad_query_code".into(),
            ApiError::RateLimited => "rate_limited".into(),
            ApiError::Refused(code) => format!("refused.{code}"),
            ApiError::BadInput(field) => format!("bad_input.{field}"),
            ApiError::Reporter(code) => format!("reporter.{code}"),
            ApiError::Internal | ApiError::Transport(_) => "internal".into(),
        }
    }

    fn status(&self) -> http::StatusCode {
        use http::StatusCode as S;
        match self {
            ApiError::NotFound => S::NOT_FOUND,
            ApiError::BadTicketNo | ApiError::BadQueryCode | ApiError::BadInput(_) => {
                S::UNPROCESSABLE_ENTITY
            }
            ApiError::RateLimited => S::TOO_MANY_REQUESTS,
            ApiError::Refused(_) => S::CONFLICT,
            ApiError::Reporter(code) => match code.as_str() {
                "bad_credentials" | "signed_out" => S::UNAUTHORIZED,
                "rate_limited" | "too_many_codes" | "too_many_failures" => S::TOO_MANY_REQUESTS,
                "nickname_taken" | "too_soon" => S::CONFLICT,
                "internal" | "send_failed" => S::INTERNAL_SERVER_ERROR,
                _ => S::UNPROCESSABLE_ENTITY,
            },
            ApiError::Internal | ApiError::Transport(_) => S::INTERNAL_SERVER_ERROR,
        }
    }
}

impl ApiError {
    /// The error behind a `?error=` code a form post came back with.
    pub fn from_code(code: &str) -> Option<ApiError> {
        Some(match code {
            "not_found" => ApiError::NotFound,
            "bad_ticket_no" => ApiError::BadTicketNo,
            "bad_query_code" => ApiError::BadQueryCode,
            "rate_limited" => ApiError::RateLimited,
            "internal" => ApiError::Internal,
            other => other
                .strip_prefix("refused.")
                .map(|r| ApiError::Refused(r.into()))
                .or_else(|| {
                    other
                        .strip_prefix("bad_input.")
                        .map(|f| ApiError::BadInput(f.into()))
                })
                .or_else(|| {
                    other
                        .strip_prefix("reporter.")
                        .map(|c| ApiError::Reporter(c.into()))
                })?,
        })
    }
}

/// A server function's answer, with the HTTP status of its error (404, 422, 429, …) so
/// clients and proxies see a refusal as one, not as a 500.
#[cfg(feature = "ssr")]
pub(crate) fn answered<T>(result: Result<T, ApiError>) -> Result<T, ApiError> {
    use staff::server::FormError;
    // A page that calls the function while rendering keeps its own status (it shows the
    // message); only the function's own endpoint answers with the error's status.
    let endpoint =
        use_context::<http::request::Parts>().is_some_and(|p| p.uri.path().starts_with("/api/"));
    if let (Err(e), true) = (&result, endpoint) {
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(e.status());
        }
    }
    result
}

/// Takes one request from the client's lookup allowance (lookups, polls, my-case checks,
/// ratings and nearby searches all draw on it).
#[cfg(feature = "ssr")]
pub(crate) fn spend_lookup(state: &crate::services::AppState) -> Result<(), ApiError> {
    let ip = client_ip(state);
    state.lookup_limiter.check_key(&ip).map_err(|_| {
        tracing::warn!(%ip, "lookup rate limited");
        ApiError::RateLimited
    })
}
