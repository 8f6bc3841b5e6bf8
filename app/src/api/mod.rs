//! Server functions: thin. Parse, check, call a service, map errors to `ApiError`.
//! The report intake itself is an HTTP endpoint (`POST /api/v1/reports`, see the server crate)
//! because it carries photos with upload progress; it calls the same intake service.
pub mod error;
pub mod follow;
pub mod intake;
pub mod rewards;
pub mod staff;

use crate::model::case::PublicCase;
use crate::model::City;
pub use error::{ApiError, FormError, Input, StaffError};
use leptos::prelude::*;

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

/// A server function's answer, with the HTTP status of its error (404, 422, 429, …) so
/// clients and proxies see a refusal as one, not as a 500.
#[cfg(feature = "ssr")]
pub(crate) fn answered<T>(result: Result<T, ApiError>) -> Result<T, ApiError> {
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
