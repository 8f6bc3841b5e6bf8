//! The payout details: changed only with a code sent to the account's own mobile.
use super::{internal, Reporter, ReporterError};
use crate::model::reward::{parse_payout_account, parse_real_name};
use crate::services::accounts::{self};
use crate::services::sms::{CodeFor, Message};
use crate::services::AppState;
use crate::storage::reporters::{self as store};
use chrono::{DateTime, Utc};

/// Sends a code to the signed-in reporter's own mobile for changing the payout details.
/// Same per-mobile limits as every code.
pub async fn request_payout_code(
    state: &AppState,
    reporter: &Reporter,
    now: DateTime<Utc>,
) -> Result<(), ReporterError> {
    let mobile = &reporter.mobile;
    accounts::count_code_request(state, mobile, now).await?;
    let code = accounts::new_code(state, mobile, CodeFor::PayoutDetails, now).await?;
    let message = Message::Code {
        purpose: CodeFor::PayoutDetails,
        code: &code,
        minutes: state.accounts.code_minutes,
    };
    accounts::send(state, mobile, &message).map_err(|e| {
        tracing::error!(error = %e, "sending a one-time code failed");
        ReporterError::SendFailed
    })
}

/// Gives or changes the real name and payout account a payout needs (asked only then). Every
/// save, the first one included, needs a fresh code sent to the account's mobile: a stolen
/// session alone cannot send the reporter's money elsewhere.
pub async fn claim(
    state: &AppState,
    reporter: &Reporter,
    real_name: &str,
    account: &str,
    code: &str,
    now: DateTime<Utc>,
) -> Result<(), ReporterError> {
    let real_name = parse_real_name(real_name).ok_or(ReporterError::BadRealName)?;
    let account = parse_payout_account(account).ok_or(ReporterError::BadAccount)?;
    let hash =
        accounts::check_code(state, &reporter.mobile, CodeFor::PayoutDetails, code, now).await?;
    let saved = store::set_payout(
        &state.db,
        reporter.id,
        reporter.mobile.as_str(),
        &hash,
        &real_name,
        &account,
        now,
    )
    .await
    .map_err(internal)?;
    if !saved {
        return Err(ReporterError::BadCode);
    }
    tracing::info!(reporter = reporter.id, "payout details changed");
    Ok(())
}
