//! The service-quality figures in the console (`/staff/figures`): supervisors and
//! administrators read every department, a department head their own and its rank.
#[cfg(feature = "ssr")]
use super::guard;
use super::StaffError;
#[cfg(feature = "ssr")]
use crate::api::answer;
use crate::model::figures::FiguresPage;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
impl From<crate::services::figures::FiguresError> for StaffError {
    fn from(e: crate::services::figures::FiguresError) -> Self {
        use crate::services::figures::FiguresError;
        match e {
            FiguresError::WrongRole => crate::model::workflow::Refusal::WrongRole.into(),
            FiguresError::Period(p) => StaffError::Period(p),
            FiguresError::Slice(_) => StaffError::BadInput {
                field: crate::api::Input::Slice,
            },
            FiguresError::Key(_) => StaffError::BadInput {
                field: crate::api::Input::FigureKey,
            },
            FiguresError::Db(e) => {
                tracing::error!(error = %e, "figures failed");
                StaffError::Internal
            }
        }
    }
}

/// The figures of `period` (2026-W48, 2026-11, 2026-Q4, 2026 or a range; this month when
/// empty) grouped `by` department, district, group, category or channel, or of one `key` of
/// that slice alone.
#[server(prefix = "/api/fn/staff", endpoint = "figures")]
pub async fn staff_figures(
    period: Option<String>,
    by: Option<String>,
    key: Option<String>,
) -> Result<FiguresPage, StaffError> {
    let state = guard::state()?;
    let result = async {
        let staff = guard::signed_in(&state).await?;
        Ok(crate::services::figures::page(
            &state,
            &staff,
            period.as_deref(),
            by.as_deref(),
            key.as_deref(),
            guard::locale(),
            chrono::Utc::now(),
        )
        .await?)
    }
    .await;
    answer::page(result)
}
