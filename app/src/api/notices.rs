//! Notices (公告): the public list, the notices that cover a report being written (and the
//! count of their showings), and the staff page with publishing and withdrawing.
#[cfg(feature = "ssr")]
use super::{answered, app_state, spend_lookup};
use super::{ApiError, StaffError};
use crate::model::notice::{NoticeLine, NoticesPage};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
impl From<crate::services::notices::NoticeError> for StaffError {
    fn from(e: crate::services::notices::NoticeError) -> Self {
        use crate::services::notices::NoticeError;
        match e {
            NoticeError::Invalid(problems) => StaffError::Notice { problems },
            NoticeError::WrongRole => crate::model::workflow::Refusal::WrongRole.into(),
            NoticeError::NotFound => StaffError::NotFound,
            NoticeError::Internal(e) => {
                tracing::error!(error = e, "notice service failed");
                StaffError::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
fn citizen_error(e: crate::services::notices::NoticeError) -> ApiError {
    tracing::error!(error = %e, "notice service failed");
    ApiError::Internal
}

/// Notices in force and to come (`/notices`, the home page).
#[server(prefix = "/api/fn", endpoint = "notices")]
pub async fn public_notices() -> Result<Vec<NoticeLine>, ApiError> {
    answered(
        async move {
            let state = app_state()?;
            crate::services::notices::public(&state, crate::current_locale(), chrono::Utc::now())
                .await
                .map_err(citizen_error)
        }
        .await,
    )
}

/// The notices in force that cover the report being written (the report form and `/snap`):
/// any input answers, an empty list when nothing is known or nothing matches.
#[server(prefix = "/api/fn", endpoint = "notices_here")]
pub async fn matching_notices(
    category: String,
    district: String,
    street: String,
    latitude: String,
    longitude: String,
) -> Result<Vec<NoticeLine>, ApiError> {
    answered(
        async move {
            let state = app_state()?;
            spend_lookup(&state)?;
            let place = crate::services::notices::Whereabouts {
                district: &district,
                street: &street,
                latitude: &latitude,
                longitude: &longitude,
            };
            crate::services::notices::matching(
                &state,
                &category,
                place,
                crate::current_locale(),
                chrono::Utc::now(),
            )
            .await
            .map_err(citizen_error)
        }
        .await,
    )
}

/// The form showed these notices (`ids`: `12,15`): each showing is counted once.
#[server(prefix = "/api/fn", endpoint = "notice_seen")]
pub async fn notice_seen(ids: String) -> Result<(), ApiError> {
    answered(
        async move {
            let state = app_state()?;
            spend_lookup(&state)?;
            crate::services::notices::seen(&state, &ids, chrono::Utc::now())
                .await
                .map_err(citizen_error)
        }
        .await,
    )
}

/// The staff page of notices.
#[server(prefix = "/api/fn/staff", endpoint = "notices")]
pub async fn staff_notices() -> Result<NoticesPage, StaffError> {
    use super::staff::guard;
    let state = guard::state()?;
    let result = async {
        let staff = guard::signed_in(&state).await?;
        Ok(crate::services::notices::staff_page(
            &state,
            &staff,
            guard::locale(),
            chrono::Utc::now(),
        )
        .await?)
    }
    .await;
    super::answer::page(result)
}

/// Publishes a notice (hotline staff). `places[]` and `categories[]` are the ticked boxes.
#[server(prefix = "/api/fn/staff", endpoint = "publish_notice")]
pub async fn staff_publish_notice(
    kind: String,
    places: Option<Vec<String>>,
    categories: Option<Vec<String>>,
    starts: String,
    ends: String,
    text: String,
) -> Result<(), StaffError> {
    use super::staff::guard;
    use crate::routes::Page;
    let state = guard::state()?;
    let draft = crate::model::notice::NoticeDraft {
        kind,
        places: places.unwrap_or_default(),
        categories: categories.unwrap_or_default(),
        starts,
        ends,
        text,
    };
    let result = async {
        let staff = guard::signed_in(&state).await?;
        crate::services::notices::publish(&state, &staff, &draft, chrono::Utc::now()).await?;
        Ok(())
    }
    .await;
    super::answer::finish(
        result,
        &Page::StaffNotices.with(&[("done", "published")]),
        Page::StaffNotices.path(),
        &[
            ("kind", &draft.kind),
            ("starts", &draft.starts),
            ("ends", &draft.ends),
            ("text", &draft.text),
        ],
    )
}

/// Withdraws a notice before its end (hotline staff).
#[server(prefix = "/api/fn/staff", endpoint = "withdraw_notice")]
pub async fn staff_withdraw_notice(id: i64) -> Result<(), StaffError> {
    use super::staff::guard;
    use crate::routes::Page;
    let state = guard::state()?;
    let result = async {
        let staff = guard::signed_in(&state).await?;
        crate::services::notices::withdraw(&state, &staff, id, chrono::Utc::now()).await?;
        Ok(())
    }
    .await;
    super::answer::finish(
        result,
        &Page::StaffNotices.with(&[("done", "withdrawn")]),
        Page::StaffNotices.path(),
        &[],
    )
}
