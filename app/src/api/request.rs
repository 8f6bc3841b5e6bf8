//! What every server function reads from its request (server side): the app state, the
//! client's address and its lookup allowance, the city for a page being rendered.
use super::ApiError;
use crate::model::City;
#[cfg(feature = "ssr")]
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
