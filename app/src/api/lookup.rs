//! The public lookup: ticket number and query code, nothing less.
use super::ApiError;
#[cfg(feature = "ssr")]
use super::{answered, app_state, spend_lookup};
use crate::model::public_case::PublicCase;
use leptos::prelude::*;

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
