//! 周通报 and 月排名 in the console (`/staff/reports`): supervisors and administrators read
//! the stored reports and generate one on demand.
#[cfg(feature = "ssr")]
use super::guard;
use super::StaffError;
#[cfg(feature = "ssr")]
use crate::api::answer;
use crate::model::figures::report::ReportsView;
#[cfg(feature = "ssr")]
use crate::routes::Page;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
impl From<crate::services::reports::ReportError> for StaffError {
    fn from(e: crate::services::reports::ReportError) -> Self {
        use crate::services::reports::ReportError;
        match e {
            ReportError::WrongRole => crate::model::workflow::Refusal::WrongRole.into(),
            ReportError::Kind(_) => StaffError::BadInput {
                field: crate::api::Input::Report,
            },
            ReportError::Period(p) => StaffError::Period(p),
            ReportError::NotGenerated { .. } => StaffError::NotFound,
            e => {
                tracing::error!(error = %e, "report failed");
                StaffError::Internal
            }
        }
    }
}

/// The stored reports, and the one of `kind` (`bulletin`, `ranking`) and `period` when both
/// are given.
#[server(prefix = "/api/fn/staff", endpoint = "reports")]
pub async fn staff_reports(
    kind: Option<String>,
    period: Option<String>,
) -> Result<ReportsView, StaffError> {
    let state = guard::state()?;
    let result = async {
        use crate::model::figures::report::ReportKind;
        use crate::services::reports::{self, ReportError};
        let staff = guard::signed_in(&state).await?;
        let reports = reports::list(&state, &staff).await?;
        let (shown, missing) = match (kind.as_deref(), period.as_deref()) {
            (Some(kind), Some(period)) => match reports::read(&state, &staff, kind, period).await {
                Ok(report) => (Some(report), None),
                Err(ReportError::NotGenerated { .. }) => {
                    let (kind, period) = reports::named(kind, period)?;
                    (None, Some((kind, period.code())))
                }
                Err(e) => return Err(e.into()),
            },
            _ => (None, None),
        };
        let today = crate::model::time::beijing_date(chrono::Utc::now());
        Ok(ReportsView {
            me: crate::services::cases::me(&state, &staff, guard::locale()),
            reports,
            shown,
            missing,
            last_week: ReportKind::Bulletin.last_ended(today).code(),
            last_month: ReportKind::Ranking.last_ended(today).code(),
        })
    }
    .await;
    answer::page(result)
}

/// Generates (or generates again) the report of `kind` for `period` and shows it.
#[server(prefix = "/api/fn/staff", endpoint = "generate_report")]
pub async fn staff_generate_report(kind: String, period: String) -> Result<(), StaffError> {
    let state = guard::state()?;
    let result: Result<String, StaffError> = async {
        let staff = guard::signed_in(&state).await?;
        let report = crate::services::reports::generate_as(
            &state,
            &staff,
            &kind,
            &period,
            chrono::Utc::now(),
        )
        .await?;
        Ok(report.period.code())
    }
    .await;
    let next = match &result {
        Ok(code) => Page::StaffReports.with(&[("kind", kind.trim()), ("period", code)]),
        Err(_) => String::new(),
    };
    answer::finish(result.map(|_| ()), &next, Page::StaffReports.path(), &[])
}
