//! The citizen's follow-up functions: rating a reply (a plain form post from `/track`),
//! "me too" and the open cases near a report (from the report form), and the status of the
//! cases a browser keeps ("my cases"). All are rate-limited per client address.
use super::ApiError;
#[cfg(feature = "ssr")]
use super::{answered, app_state, spend_lookup};
use crate::model::public_case::{CaseRef, CaseSummary, Joined, NearbyCase};
use leptos::prelude::*;

/// "My cases" checks at most this many cases per request.
pub const MAX_KEPT_CASES: usize = 30;

#[cfg(feature = "ssr")]
impl From<crate::services::cases::CaseError> for ApiError {
    fn from(e: crate::services::cases::CaseError) -> Self {
        use crate::services::cases::CaseError;
        match e {
            CaseError::NotFound => ApiError::NotFound,
            CaseError::Refused(r) => ApiError::Refused(r),
            CaseError::Changed => ApiError::Changed,
            CaseError::Internal(e) => {
                tracing::error!(error = e, "follow-up service failed");
                ApiError::Internal
            }
        }
    }
}

/// The reporter rates the released reply: 满意 (`satisfied`), 基本满意 (`basic`) or 不满意
/// (`unsatisfied`, which reopens the case one level up). From the `/track` form: redirects
/// back to the case.
#[server(prefix = "/api/fn", endpoint = "rate")]
pub async fn rate_case(
    ticket_no: String,
    code: String,
    rating: String,
    comment: Option<String>,
) -> Result<(), ApiError> {
    use crate::api::answer::finish;
    use crate::model::workflow::Rating;
    use crate::model::{QueryCode, TicketNo};
    let back = crate::routes::track(ticket_no.trim(), code.trim());
    let result = async {
        let state = app_state()?;
        spend_lookup(&state)?;
        let no = TicketNo::parse(&ticket_no).map_err(|_| ApiError::BadTicketNo)?;
        let code = QueryCode::parse(&code).map_err(|_| ApiError::BadQueryCode)?;
        let rating = Rating::from_code(rating.trim()).ok_or(ApiError::BadInput {
            field: crate::api::Input::Rating,
        })?;
        crate::services::followup::rate(
            &state,
            &no,
            &code,
            rating,
            comment.as_deref().unwrap_or(""),
            chrono::Utc::now(),
        )
        .await?;
        Ok(())
    }
    .await;
    let keep: Vec<(&str, &str)> = comment
        .as_deref()
        .filter(|_| result.is_err())
        .map(|c| vec![("comment", c)])
        .unwrap_or_default();
    finish(result, &format!("{back}&rated=1"), &back, &keep)
}

/// Open cases of the same category near the report being written (same street, or within
/// 500 m of its position), for "me too".
#[server(prefix = "/api/fn", endpoint = "nearby")]
pub async fn nearby_cases(
    category: String,
    district: String,
    street: String,
    latitude: String,
    longitude: String,
) -> Result<Vec<NearbyCase>, ApiError> {
    answered(
        async move {
            use crate::model::position::Position;
            let state = app_state()?;
            spend_lookup(&state)?;
            if state.city.category(category.trim()).is_none() {
                return Err(ApiError::BadInput {
                    field: crate::api::Input::Category,
                });
            }
            let position =
                Position::parse(&latitude, &longitude).map_err(|_| ApiError::BadInput {
                    field: crate::api::Input::Position,
                })?;
            Ok(crate::services::followup::nearby(
                &state,
                category.trim(),
                district.trim(),
                street.trim(),
                position,
                chrono::Utc::now(),
            )
            .await?)
        }
        .await,
    )
}

/// "Me too" (附议): join an open case instead of reporting it again, by the handle the nearby
/// list gave (a ticket number joins nothing).
#[server(prefix = "/api/fn", endpoint = "join")]
pub async fn join_case(handle: String) -> Result<Joined, ApiError> {
    answered(
        async move {
            let state = app_state()?;
            // Joining adds to a public count: limited like submitting a report; a wrong
            // handle also draws on the lookup allowance, like a wrong query code.
            if state
                .submit_limiter
                .check_key(&super::client_ip(&state))
                .is_err()
            {
                return Err(ApiError::RateLimited);
            }
            spend_lookup(&state)?;
            let handle =
                crate::services::followup::parse_handle(&handle).ok_or(ApiError::NotFound)?;
            Ok(crate::services::followup::join(&state, handle, chrono::Utc::now()).await?)
        }
        .await,
    )
}

/// The current status of the cases a browser keeps. The request counts as one lookup against
/// the client's allowance and each wrong number or code as one more; a wrong one gives
/// `None`, like a lookup.
#[server(prefix = "/api/fn", endpoint = "my-cases", input = server_fn::codec::Json)]
pub async fn my_cases(cases: Vec<CaseRef>) -> Result<Vec<Option<CaseSummary>>, ApiError> {
    answered(
        async move {
            let state = app_state()?;
            if cases.len() > MAX_KEPT_CASES {
                return Err(ApiError::BadInput {
                    field: crate::api::Input::Cases,
                });
            }
            // One lookup for the request, and one more for each number and code that does
            // not match: a household checking its own cases behind a shared (carrier NAT)
            // address costs its neighbours one lookup a refresh, while guessing still pays
            // per guess.
            spend_lookup(&state)?;
            let parsed = crate::services::followup::parse_refs(&cases);
            let mut out = Vec::with_capacity(parsed.len());
            for r in parsed {
                let found = match r {
                    Some((no, code)) => {
                        crate::services::followup::summary(&state, &no, &code).await?
                    }
                    None => None,
                };
                if found.is_none() {
                    spend_lookup(&state)?;
                }
                out.push(found);
            }
            Ok(out)
        }
        .await,
    )
}
