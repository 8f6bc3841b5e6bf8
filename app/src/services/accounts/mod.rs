//! One account stack for both kinds of account, staff (`staff`, username) and reporters
//! (`reporters`, mobile): argon2id password hashes, server-side sessions behind an HttpOnly
//! cookie (one per kind), the sign-in throttle, one-time codes sent to mobiles with their
//! daily caps, and the periodic sweep of what has expired. `services::staff` and
//! `services::reporters` keep only what differs: their accounts and forms.
use super::AppState;
use crate::storage::{codes as code_store, sessions as session_store};
use chrono::{DateTime, Duration, Utc};

mod codes;
mod sessions;
mod signin;

pub use codes::{check_code, count_code_request, new_code, send};
pub use sessions::{
    close_session, cookie_value, hash_off_thread, hash_password, open_session, session_account,
    session_cookie, verify_password, HashError, NewSession,
};
pub use signin::{check_password, remember_address, SignInRefusal};

pub use crate::storage::sessions::{Kind, ThrottleRule};

/// The limits of the account stack. Defaults below; a city changes the code limits with
/// `MINSHENG_CODES_PER_DAY`, `MINSHENG_CODE_FAILURES_PER_DAY` and
/// `MINSHENG_CODE_RESEND_SECONDS`.
#[derive(Clone, Copy, Debug)]
pub struct Policy {
    /// A one-time code works this long, once.
    pub code_minutes: i64,
    /// A new code for the same mobile only after this long.
    pub code_resend_seconds: i64,
    /// Code requests per mobile per Beijing day (each sends at most one SMS).
    pub codes_per_day: i64,
    /// Wrong code entries per mobile per Beijing day, over all its codes.
    pub code_failures_per_day: i64,
    /// Entries one code takes before it stops working.
    pub code_attempts: i64,
    /// Failed sign-ins per account from addresses it never signed in from.
    pub throttle: ThrottleRule,
    /// An address that signed in to an account passes its throttle for this many days.
    pub known_address_days: i64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            code_minutes: crate::model::accounts::CODE_MINUTES,
            code_resend_seconds: 60,
            codes_per_day: 5,
            code_failures_per_day: 10,
            code_attempts: 5,
            throttle: ThrottleRule {
                free_failures: 5,
                first_delay_ms: 1_000,
                max_delay_ms: 300_000,
                forget_after_ms: 3_600_000,
            },
            known_address_days: 30,
        }
    }
}

/// The name of the session cookie of a kind of account.
pub const fn cookie_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Staff => "minsheng_staff",
        Kind::Reporter => "minsheng_reporter",
    }
}

/// How long a session lasts: a working day for staff, a month for reporters.
pub fn session_lifetime(kind: Kind) -> Duration {
    match kind {
        Kind::Staff => Duration::hours(12),
        Kind::Reporter => Duration::days(30),
    }
}

/// A keyed hash (HMAC-SHA256 with the deployment's secret) of `parts`: what the database keeps
/// instead of names, addresses and codes.
fn keyed(state: &AppState, parts: &[&str]) -> String {
    state.codes.keyed(parts)
}

/// What one sweep deleted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub staff_sessions: u64,
    pub reporter_sessions: u64,
    pub codes: u64,
    /// Daily code counters of days before yesterday (Beijing).
    pub counters: u64,
    /// Idle throttle counts and addresses not used for `known_address_days`.
    pub throttle: u64,
}

impl Swept {
    pub fn total(&self) -> u64 {
        self.staff_sessions + self.reporter_sessions + self.codes + self.counters + self.throttle
    }
}

/// Deletes expired staff sessions, reporter sessions and one-time codes, and counters and
/// throttle rows that no longer count. The server runs it every 10 minutes.
pub async fn sweep_expired(state: &AppState, now: DateTime<Utc>) -> Result<Swept, sqlx::Error> {
    let policy = state.accounts;
    let now_ms = now.timestamp_millis();
    let yesterday = codes::day_of(now - Duration::days(1));
    let (codes, counters) = code_store::delete_expired(&state.db, now, &yesterday).await?;
    Ok(Swept {
        staff_sessions: session_store::delete_expired(&state.db, Kind::Staff, now).await?,
        reporter_sessions: session_store::delete_expired(&state.db, Kind::Reporter, now).await?,
        codes,
        counters,
        throttle: session_store::sweep_throttle(
            &state.db,
            now_ms - policy.throttle.forget_after_ms,
            now_ms - policy.known_address_days * 86_400_000,
        )
        .await?,
    })
}
