//! The sign-in check: per-address limit, the throttle, the password.
use super::{keyed, verify_password, Kind};
use crate::services::AppState;
use crate::storage::sessions;
use chrono::{DateTime, Utc};

/// Why a sign-in was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignInRefusal {
    /// Unknown account, wrong password and disabled account look the same.
    BadCredentials,
    /// Too many attempts from this address, or on this account from new addresses.
    RateLimited,
    Internal,
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
/// Limits, in order: the client address (`signin_limiter`, per minute); then a throttle: a
/// few free failures, then each attempt waits for a slot that moves away exponentially. New
/// addresses share the account's throttle; an address that signed in to the account before
/// has its own, so the real user there is never held up by someone guessing elsewhere.
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
    // An address the account signed in from has a throttle of its own: guessing from
    // elsewhere never holds it up, while others sharing it (a carrier NAT, an office) are
    // throttled like anyone.
    let throttle = if known {
        address.clone()
    } else {
        account_key(state, kind, name)
    };
    if sessions::take_slot(&state.db, &throttle, now_ms, policy.throttle)
        .await
        .map_err(db_refusal)?
        .is_none()
    {
        tracing::warn!(%client, kind = kind.code(), known, "sign-in throttled for the account");
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
    // Whoever passed the throttle with the right password is the account's holder.
    sessions::clear_failures(&state.db, &throttle)
        .await
        .map_err(db_refusal)?;
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
