//! The sheets staff download (served here, not as pages): a payout batch's CSV or .xlsx for
//! the finance office, a 周通报's or 月排名's .xlsx. Each checks the session first, then the
//! role in its service; never cached.
use crate::ServerState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// `GET /staff/payouts/{id}.csv` or `.xlsx`: a payout batch's sheet for the finance office
/// (administrators only).
pub async fn payout_sheet(
    State(state): State<ServerState>,
    Path(file): Path<String>,
    headers: axum::http::HeaderMap,
) -> Response {
    let Some((id, ext)) = file
        .rsplit_once('.')
        .and_then(|(id, ext)| Some((id.parse::<i64>().ok()?, ext.to_string())))
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let app = &state.app;
    let Some(staff) = signed_in(app, &headers).await else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    use app::services::payouts::PayoutError;
    let sheet = match app::services::payouts::sheet(app, &staff, id).await {
        Ok(sheet) => sheet,
        Err(PayoutError::NotAdmin) => return StatusCode::FORBIDDEN.into_response(),
        Err(PayoutError::NoSuchBatch) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "payout sheet");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let (bytes, content_type) = match ext.as_str() {
        "csv" => (sheet.csv(), "text/csv; charset=utf-8"),
        "xlsx" => (sheet.xlsx(), XLSX),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    match bytes {
        Ok(bytes) => attachment(bytes, content_type, &format!("minsheng-payout-{id}.{ext}")),
        Err(e) => {
            tracing::error!(error = %e, "payout sheet");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The staff member whose session cookie came with the request.
async fn signed_in(
    app: &app::services::AppState,
    headers: &axum::http::HeaderMap,
) -> Option<app::services::staff::Staff> {
    let token = app::services::staff::token_from_headers(headers)?;
    app::services::staff::current(app, &token, chrono::Utc::now())
        .await
        .ok()
        .flatten()
}

/// A download that is never cached.
fn attachment(bytes: Vec<u8>, content_type: &str, file_name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// `GET /staff/reports/{kind}-{period}.xlsx`: a generated 周通报 or 月排名 as a sheet
/// (supervisors and administrators).
pub async fn report_sheet(
    State(state): State<ServerState>,
    Path(file): Path<String>,
    headers: axum::http::HeaderMap,
) -> Response {
    // Signed in first: a stranger learns nothing, not even which names are well formed.
    let app = &state.app;
    let Some(staff) = signed_in(app, &headers).await else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let Some((kind, period)) = file
        .strip_suffix(".xlsx")
        .and_then(|name| name.split_once('-'))
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    use app::services::reports::{self, ReportError};
    let report = match reports::read(app, &staff, kind, period).await {
        Ok(report) => report,
        Err(ReportError::WrongRole) => return StatusCode::FORBIDDEN.into_response(),
        Err(ReportError::NotGenerated { .. } | ReportError::Kind(_) | ReportError::Period(_)) => {
            return StatusCode::NOT_FOUND.into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, "report sheet");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let locale = app::i18n::Locale::from_headers(&headers);
    match reports::xlsx(&report, locale) {
        Ok(bytes) => attachment(
            bytes,
            XLSX,
            &report.kind.file_name(&report.period.code(), "xlsx"),
        ),
        Err(e) => {
            tracing::error!(error = %e, "report sheet");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
