//! Reporter accounts (市民通): registration with a one-time code sent to the mobile, sign-in
//! with mobile and password, password reset, and the payout details (changed only with a
//! code sent to the account's mobile). Passwords, sessions, the sign-in throttle, codes and
//! their caps are the shared account stack (`services::accounts`, kind `Reporter`).
use super::accounts::{self, Kind};
use super::AppState;
use crate::model::snap::SnapContact;
use crate::model::MobilePhone;
use crate::storage::reporters::{self as store, ReporterRow};
use chrono::{DateTime, Utc};

mod error;
mod join;
mod payout;

use error::internal;
pub use error::ReporterError;
pub use join::{register, request_code, reset_password, CodeStep, Registration};
pub use payout::{claim, request_payout_code};

/// The cookie that carries a reporter session token.
pub const SESSION_COOKIE: &str = accounts::cookie_name(Kind::Reporter);

/// A signed-in reporter.
#[derive(Clone, Debug)]
pub struct Reporter {
    pub id: i64,
    pub mobile: MobilePhone,
    pub nickname: String,
    pub real_name: Option<String>,
    pub payout_account: Option<String>,
}

impl Reporter {
    fn from_row(row: ReporterRow) -> Option<Reporter> {
        Some(Reporter {
            id: row.id,
            mobile: MobilePhone::parse(&row.mobile)?,
            nickname: row.nickname,
            real_name: row.real_name,
            payout_account: row.payout_account,
        })
    }

    pub fn contact(&self) -> SnapContact {
        SnapContact {
            nickname: self.nickname.clone(),
            mobile: self.mobile.clone(),
        }
    }
}

/// A new session: the token for the cookie (only its hash is stored).
pub struct Session {
    pub token: String,
    pub reporter: Reporter,
}

/// Opens a session for a reporter who just proved to hold the account (password or code);
/// `client` becomes one of the account's known addresses.
async fn open_session(
    state: &AppState,
    client: std::net::IpAddr,
    reporter: Reporter,
    now: DateTime<Utc>,
) -> Result<Session, ReporterError> {
    accounts::remember_address(state, Kind::Reporter, reporter.mobile.as_str(), client, now)
        .await?;
    new_session(state, reporter, now).await
}

/// A new session for `reporter`.
async fn new_session(
    state: &AppState,
    reporter: Reporter,
    now: DateTime<Utc>,
) -> Result<Session, ReporterError> {
    let session = accounts::open_session(state, Kind::Reporter, reporter.id, now)
        .await
        .map_err(internal)?;
    Ok(Session {
        token: session.token,
        reporter,
    })
}

/// Signs in with mobile and password (the shared throttle: per client address, and per
/// mobile from addresses that never signed in to it).
pub async fn sign_in(
    state: &AppState,
    client: std::net::IpAddr,
    mobile: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<Session, ReporterError> {
    let mobile_text = MobilePhone::parse(mobile)
        .map(|m| m.as_str().to_string())
        .unwrap_or_default();
    let row = store::by_mobile(&state.db, &mobile_text)
        .await
        .map_err(internal)?;
    let stored = row.as_ref().map(|r| r.password_hash.clone());
    accounts::check_password(
        state,
        Kind::Reporter,
        &mobile_text,
        client,
        stored,
        password,
        now,
    )
    .await?;
    let reporter = row
        .and_then(Reporter::from_row)
        .ok_or(ReporterError::Internal)?;
    // `check_password` has remembered the address.
    new_session(state, reporter, now).await
}

/// The reporter behind a session token, if the session is valid.
pub async fn current(
    state: &AppState,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Reporter>, ReporterError> {
    let Some(id) = accounts::session_account(state, Kind::Reporter, token, now)
        .await
        .map_err(internal)?
    else {
        return Ok(None);
    };
    Ok(store::by_id(&state.db, id)
        .await
        .map_err(internal)?
        .and_then(Reporter::from_row))
}

pub async fn sign_out(state: &AppState, token: &str) -> Result<(), ReporterError> {
    accounts::close_session(state, Kind::Reporter, token)
        .await
        .map_err(internal)
}

/// The `Set-Cookie` value for a reporter session (or, with `None`, one that removes it).
pub fn session_cookie(session: Option<&Session>, secure: bool) -> String {
    accounts::session_cookie(Kind::Reporter, session.map(|s| s.token.as_str()), secure)
}
