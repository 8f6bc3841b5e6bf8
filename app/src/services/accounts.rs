//! One account stack for both kinds of account, staff (`staff`, username) and reporters
//! (`reporters`, mobile): argon2id password hashes, server-side sessions behind an HttpOnly
//! cookie (one per kind), the sign-in throttle, one-time codes sent to mobiles with their
//! daily caps, and the periodic sweep of what has expired. `services::staff` and
//! `services::reporters` keep only what differs: their accounts and forms.
use super::sms::{CodeFor, Message};
use super::AppState;
use crate::model::time::beijing_date;
use crate::model::MobilePhone;
use crate::storage::codes;
use crate::storage::sessions::{self, ThrottleRule};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

pub use crate::storage::sessions::Kind;

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
            code_minutes: 10,
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

// ---- passwords ---------------------------------------------------------------------------

pub fn hash_password(password: &str) -> Result<String, String> {
    let salt: [u8; 16] = rand::random();
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Hashes on a blocking thread (argon2id takes tens of milliseconds).
pub async fn hash_off_thread(password: &str) -> Result<String, String> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| e.to_string())?
}

// ---- sessions ----------------------------------------------------------------------------

/// A new session: the token for the cookie (only its SHA-256 is stored) and its end.
#[derive(Clone, Debug)]
pub struct NewSession {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub async fn open_session(
    state: &AppState,
    kind: Kind,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<NewSession, sqlx::Error> {
    let token = hex::encode(rand::random::<[u8; 32]>());
    let expires_at = now + session_lifetime(kind);
    sessions::create(
        &state.db,
        kind,
        &token_hash(&token),
        account_id,
        now,
        expires_at,
    )
    .await?;
    Ok(NewSession { token, expires_at })
}

/// The account behind a session cookie's token, if the session is valid.
pub async fn session_account(
    state: &AppState,
    kind: Kind,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, sqlx::Error> {
    if token.len() != 64 {
        return Ok(None);
    }
    sessions::account_of(&state.db, kind, &token_hash(token), now).await
}

pub async fn close_session(state: &AppState, kind: Kind, token: &str) -> Result<(), sqlx::Error> {
    sessions::delete(&state.db, kind, &token_hash(token)).await
}

/// The value of the cookie `name` in the `Cookie` headers.
pub fn cookie_value(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|kv| {
            kv.trim()
                .strip_prefix(name)?
                .strip_prefix('=')
                .map(String::from)
        })
}

/// The `Set-Cookie` value for a session token (or, with `None`, one that removes it).
/// Staff cookies are `SameSite=Strict`; reporters' `Lax`, so a reporter who follows a link to
/// `/snap` arrives signed in.
pub fn session_cookie(kind: Kind, token: Option<&str>, secure: bool) -> String {
    let name = cookie_name(kind);
    let same_site = match kind {
        Kind::Staff => "Strict",
        Kind::Reporter => "Lax",
    };
    let secure = if secure { "; Secure" } else { "" };
    match token {
        Some(token) => format!(
            "{name}={token}; Path=/; HttpOnly; SameSite={same_site}; Max-Age={}{secure}",
            session_lifetime(kind).num_seconds()
        ),
        None => format!("{name}=; Path=/; HttpOnly; SameSite={same_site}; Max-Age=0{secure}"),
    }
}

// ---- sign-in -----------------------------------------------------------------------------

/// Why a sign-in was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignInRefusal {
    /// Unknown account, wrong password and disabled account look the same.
    BadCredentials,
    /// Too many attempts from this address, or on this account from new addresses.
    RateLimited,
    Internal,
}

fn keyed(state: &AppState, parts: &[&str]) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(state.codes.key()).expect("HMAC takes any key length");
    for part in parts {
        mac.update(part.as_bytes());
        mac.update(b"\0");
    }
    hex::encode(mac.finalize().into_bytes())
}

fn account_key(state: &AppState, kind: Kind, name: &str) -> String {
    keyed(state, &["signin-account", kind.code(), name])
}

fn address_key(state: &AppState, kind: Kind, name: &str, client: std::net::IpAddr) -> String {
    keyed(
        state,
        &["signin-address", kind.code(), name, &client.to_string()],
    )
}

fn db_refusal(e: sqlx::Error) -> SignInRefusal {
    tracing::error!(error = %e, "sign-in storage");
    SignInRefusal::Internal
}

/// Checks a password for signing in to the account `name` of `kind`. `stored_hash` is the
/// account's hash when it may sign in (`None`: unknown or disabled; a dummy hash is checked so
/// the time spent is the same).
///
/// Limits, in order: the client address (`signin_limiter`, per minute); then, unless this
/// address signed in to this account before, the account's throttle: a few free failures,
/// then each attempt from a new address waits for a slot that moves away exponentially. The
/// real user on a known address is never held up by someone guessing elsewhere.
pub async fn check_password(
    state: &AppState,
    kind: Kind,
    name: &str,
    client: std::net::IpAddr,
    stored_hash: Option<String>,
    password: &str,
    now: DateTime<Utc>,
) -> Result<(), SignInRefusal> {
    if state.signin_limiter.check_key(&client).is_err() {
        tracing::warn!(%client, kind = kind.code(), "sign-in rate limited for the address");
        return Err(SignInRefusal::RateLimited);
    }
    let now_ms = now.timestamp_millis();
    let policy = state.accounts;
    let address = address_key(state, kind, name, client);
    let since = now_ms - policy.known_address_days * 86_400_000;
    let known = sessions::known_address(&state.db, &address, since)
        .await
        .map_err(db_refusal)?;
    let account = account_key(state, kind, name);
    if !known
        && sessions::take_slot(&state.db, &account, now_ms, policy.throttle)
            .await
            .map_err(db_refusal)?
            .is_none()
    {
        tracing::warn!(%client, kind = kind.code(), "sign-in throttled for the account");
        return Err(SignInRefusal::RateLimited);
    }
    let exists = stored_hash.is_some();
    let hash = stored_hash.unwrap_or_else(|| state.dummy_password_hash.to_string());
    let password = password.to_string();
    let ok = tokio::task::spawn_blocking(move || verify_password(&password, &hash))
        .await
        .map_err(|_| SignInRefusal::Internal)?;
    if !(ok && exists) {
        return Err(SignInRefusal::BadCredentials);
    }
    if !known {
        // Whoever passed the throttle with the right password is the account's holder.
        sessions::clear_failures(&state.db, &account)
            .await
            .map_err(db_refusal)?;
    }
    remember_address(state, kind, name, client, now).await
}

/// Records that the account signed in from `client` (after a password, a registration or a
/// reset with a code): that address passes the account's throttle from now on.
pub async fn remember_address(
    state: &AppState,
    kind: Kind,
    name: &str,
    client: std::net::IpAddr,
    now: DateTime<Utc>,
) -> Result<(), SignInRefusal> {
    sessions::remember_address(
        &state.db,
        &address_key(state, kind, name, client),
        now.timestamp_millis(),
    )
    .await
    .map_err(db_refusal)
}

// ---- one-time codes ----------------------------------------------------------------------

/// Why a one-time code was not sent or not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("wait a minute before asking for another code")]
    TooSoon,
    #[error("no more codes for this mobile today")]
    TooManyCodes,
    #[error("too many wrong codes for this mobile today")]
    TooManyFailures,
    #[error("the code is wrong or expired")]
    BadCode,
    #[error("internal error")]
    Internal,
}

fn code_internal(e: impl std::fmt::Display) -> CodeError {
    tracing::error!(error = %e, "one-time codes");
    CodeError::Internal
}

fn day_of(now: DateTime<Utc>) -> String {
    beijing_date(now).format("%Y-%m-%d").to_string()
}

/// The stored form of a code: keyed (the database alone does not give codes away) and bound
/// to its mobile and purpose.
fn code_hash(state: &AppState, mobile: &MobilePhone, purpose: CodeFor, code: &str) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(state.codes.key()).expect("HMAC takes any key length");
    mac.update(b"mobile-code:");
    mac.update(mobile.as_str().as_bytes());
    mac.update(b":");
    mac.update(purpose.code().as_bytes());
    mac.update(b":");
    mac.update(code.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Counts a request for a code to `mobile`: at most `codes_per_day` a Beijing day and one per
/// `code_resend_seconds`. Counted whatever is then sent (or not), so the answer never depends
/// on whether the mobile has an account.
pub async fn count_code_request(
    state: &AppState,
    mobile: &MobilePhone,
    now: DateTime<Utc>,
) -> Result<(), CodeError> {
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
        Err(CodeError::TooManyCodes)
    } else {
        Err(CodeError::TooSoon)
    }
}

/// A fresh code for `purpose`, stored (replacing the mobile's live code) and returned for the
/// message. Call `count_code_request` first.
pub async fn new_code(
    state: &AppState,
    mobile: &MobilePhone,
    purpose: CodeFor,
    now: DateTime<Utc>,
) -> Result<String, CodeError> {
    let code = format!("{:06}", rand::random_range(0..1_000_000u32));
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
pub fn send(state: &AppState, mobile: &MobilePhone, message: &Message<'_>) -> Result<(), String> {
    state.sender.send(mobile, message)
}

/// Checks a code typed for `purpose` against the mobile's live code. Each entry first takes
/// one of the mobile's failures for today and one of the code's attempts (both atomically, so
/// parallel entries cannot exceed either cap); a matching code gives the day's failure back.
/// Returns the stored hash, which the caller's transaction uses up (`codes::use_up`).
pub async fn check_code(
    state: &AppState,
    mobile: &MobilePhone,
    purpose: CodeFor,
    code: &str,
    now: DateTime<Utc>,
) -> Result<String, CodeError> {
    use subtle::ConstantTimeEq;
    let code = code.trim();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        // Not a code at all (an empty field): no guess to count.
        return Err(CodeError::BadCode);
    }
    let policy = state.accounts;
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
        return Err(CodeError::TooManyFailures);
    }
    let stored = codes::take_attempt(
        &state.db,
        mobile.as_str(),
        purpose.code(),
        now,
        policy.code_attempts,
    )
    .await
    .map_err(code_internal)?
    .ok_or(CodeError::BadCode)?;
    let hash = code_hash(state, mobile, purpose, code);
    if bool::from(hash.as_bytes().ct_eq(stored.as_bytes())) {
        codes::return_failure(&state.db, mobile.as_str(), &day)
            .await
            .map_err(code_internal)?;
        Ok(hash)
    } else {
        Err(CodeError::BadCode)
    }
}

// ---- the sweep ---------------------------------------------------------------------------

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
    let yesterday = day_of(now - Duration::days(1));
    let (codes, counters) = codes::delete_expired(&state.db, now, &yesterday).await?;
    Ok(Swept {
        staff_sessions: sessions::delete_expired(&state.db, Kind::Staff, now).await?,
        reporter_sessions: sessions::delete_expired(&state.db, Kind::Reporter, now).await?,
        codes,
        counters,
        throttle: sessions::sweep_throttle(
            &state.db,
            now_ms - policy.throttle.forget_after_ms,
            now_ms - policy.known_address_days * 86_400_000,
        )
        .await?,
    })
}
