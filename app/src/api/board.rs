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
