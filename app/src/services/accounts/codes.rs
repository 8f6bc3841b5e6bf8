//! One-time codes sent to mobiles: their daily caps, sending, checking.
use super::keyed;
use crate::model::time::beijing_date;
use crate::model::MobilePhone;
use crate::services::sms::{CodeFor, Message, SmsError};
use crate::services::AppState;
use crate::storage::codes;
use chrono::{DateTime, Duration, Utc};
// Codes serve reporters' accounts: they are refused for the reasons a reporter is told.
use crate::model::accounts::{ReporterError, CODE_DIGITS};

fn code_internal(e: impl std::fmt::Display) -> ReporterError {
    tracing::error!(error = %e, "one-time codes");
    ReporterError::Internal
}

pub(super) fn day_of(now: DateTime<Utc>) -> String {
    beijing_date(now).format("%Y-%m-%d").to_string()
}

/// The stored form of a code: keyed (the database alone does not give codes away) and bound
/// to its mobile and purpose.
fn code_hash(state: &AppState, mobile: &MobilePhone, purpose: CodeFor, code: &str) -> String {
    keyed(
        state,
        &["mobile-code", mobile.as_str(), purpose.code(), code],
    )
}

/// Counts a request for a code to `mobile`: at most `codes_per_day` a Beijing day and one per
/// `code_resend_seconds`. Counted whatever is then sent (or not), so the answer never depends
/// on whether the mobile has an account.
pub async fn count_code_request(
    state: &AppState,
    mobile: &MobilePhone,
    now: DateTime<Utc>,
) -> Result<(), ReporterError> {
    let policy = state.accounts;
    let day = day_of(now);
    let counted = codes::count_request(
        &state.db,
        mobile.as_str(),
        &day,
        now.timestamp_millis(),
        policy.code_resend_seconds * 1000,
        policy.codes_per_day,
    )
    .await
    .map_err(code_internal)?;
    if counted {
        return Ok(());
    }
    let (requests, _, _) = codes::counts(&state.db, mobile.as_str(), &day)
        .await
        .map_err(code_internal)?;
    if requests >= policy.codes_per_day {
        tracing::warn!(mobile = mobile.masked(), "daily code cap reached");
        Err(ReporterError::TooManyCodes)
    } else {
        Err(ReporterError::TooSoon {
            seconds: policy.code_resend_seconds,
        })
    }
}

/// A fresh code for `purpose`, stored (replacing the mobile's live code) and returned for the
/// message. Call `count_code_request` first.
pub async fn new_code(
    state: &AppState,
    mobile: &MobilePhone,
    purpose: CodeFor,
    now: DateTime<Utc>,
) -> Result<String, ReporterError> {
    let code = format!(
        "{:0width$}",
        rand::random_range(0..10u32.pow(CODE_DIGITS as u32)),
        width = CODE_DIGITS
    );
    codes::put(
        &state.db,
        mobile.as_str(),
        purpose.code(),
        &code_hash(state, mobile, purpose, &code),
        now,
        now + Duration::minutes(state.accounts.code_minutes),
    )
    .await
    .map_err(code_internal)?;
    Ok(code)
}

/// Sends a message through the configured sender.
pub fn send(state: &AppState, mobile: &MobilePhone, message: &Message<'_>) -> Result<(), SmsError> {
    state.sender.send(mobile, message)
}

/// Checks a code typed for `purpose` against the mobile's live code. Each entry first takes
/// one of the code's attempts and then one of the mobile's failures for today (both
/// atomically, so parallel entries cannot exceed either cap); a matching code gives the day's
/// failure back.
/// Returns the stored hash, which the caller's transaction uses up (`codes::use_up`).
pub async fn check_code(
    state: &AppState,
    mobile: &MobilePhone,
    purpose: CodeFor,
    code: &str,
    now: DateTime<Utc>,
) -> Result<String, ReporterError> {
    use subtle::ConstantTimeEq;
    let code = code.trim();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        // Not a code at all (an empty field): no guess to count.
        return Err(ReporterError::BadCode);
    }
    let policy = state.accounts;
    // The code's attempt first: with no live code nothing is counted against the mobile's
    // day (a stranger cannot use up a reporter's allowance without a code being sent).
    let stored = codes::take_attempt(
        &state.db,
        mobile.as_str(),
        purpose.code(),
        now,
        policy.code_attempts,
    )
    .await
    .map_err(code_internal)?
    .ok_or(ReporterError::BadCode)?;
    let day = day_of(now);
    if !codes::take_failure(
        &state.db,
        mobile.as_str(),
        &day,
        policy.code_failures_per_day,
    )
    .await
    .map_err(code_internal)?
    {
        tracing::warn!(mobile = mobile.masked(), "daily wrong-code cap reached");
        return Err(ReporterError::TooManyFailures);
    }
    let hash = code_hash(state, mobile, purpose, code);
    if bool::from(hash.as_bytes().ct_eq(stored.as_bytes())) {
        codes::return_failure(&state.db, mobile.as_str(), &day)
            .await
            .map_err(code_internal)?;
        Ok(hash)
    } else {
        Err(ReporterError::BadCode)
    }
}
