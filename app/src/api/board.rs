//! The public board (公开件): published cases, without anyone's personal data.
use super::ApiError;
#[cfg(feature = "ssr")]
use super::{answered, app_state};
use leptos::prelude::*;

/// One page of the public board (公开件), filtered by category (or group), district and month
/// of submission (`YYYY-MM`); empty filters mean all.
#[server(prefix = "/api/fn", endpoint = "board")]
pub async fn public_board(
    category: String,
    district: String,
    month: String,
    page: u32,
) -> Result<crate::model::board::BoardPage, ApiError> {
    answered(
        async move {
            use crate::model::board::{BoardFilter, Month};
            let state = app_state()?;
            let some = |s: String| Some(s.trim().to_string()).filter(|s| !s.is_empty());
            let month = match some(month) {
                Some(m) => Some(Month::parse(&m).ok_or(ApiError::BadInput {
                    field: crate::api::Input::Month,
                })?),
                None => None,
            };
            let filter = BoardFilter {
                category: some(category),
                district: some(district),
                month,
            };
            Ok(crate::services::board::page(&state, &filter, page.min(10_000)).await?)
        }
        .await,
    )
}

/// The public service-quality figures of a month (`YYYY-MM`; empty: the last complete
/// month), per department and district, nothing from fewer than ten cases.
#[server(prefix = "/api/fn", endpoint = "figures")]
pub async fn public_figures(
    month: String,
) -> Result<crate::model::figures::public::PublicFigures, ApiError> {
    answered(
        async move {
            use crate::model::board::Month;
            let state = app_state()?;
            let month = match Some(month.trim()).filter(|m| !m.is_empty()) {
                Some(m) => Some(Month::parse(m).ok_or(ApiError::BadInput {
                    field: crate::api::Input::Month,
                })?),
                None => None,
            };
            crate::services::figures::public(
                &state,
                month,
                crate::current_locale(),
                chrono::Utc::now(),
            )
            .await
            .map_err(|e| {
                tracing::error!(error = %e, "public figures failed");
                ApiError::Internal
            })
        }
        .await,
    )
}
