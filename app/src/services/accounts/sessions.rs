//! Password hashes (argon2id) and server-side sessions behind an HttpOnly cookie.
use super::{cookie_name, session_lifetime, Kind};
use crate::services::AppState;
use crate::storage::sessions;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Utc};

/// Why a password could not be hashed.
#[derive(Debug, thiserror::Error)]
pub enum HashError {
    /// argon2 refused the salt or its parameters (the crate's error is kept, though without
    /// its `std` feature it is no `std::error::Error`).
    #[error("hashing a password: {0}")]
    Argon2(argon2::password_hash::Error),
    /// The blocking thread that hashes panicked or was cancelled.
    #[error("the password hashing thread failed: {0}")]
    Thread(#[from] tokio::task::JoinError),
}

pub fn hash_password(password: &str) -> Result<String, HashError> {
    let salt: [u8; 16] = rand::random();
    let salt = SaltString::encode_b64(&salt).map_err(HashError::Argon2)?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(HashError::Argon2)
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
pub async fn hash_off_thread(password: &str) -> Result<String, HashError> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || hash_password(&password)).await?
}

/// A new session: the token for the cookie (only its SHA-256 is stored) and its end.
#[derive(Clone, Debug)]
pub struct NewSession {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

fn token_hash(token: &str) -> String {
    crate::services::fingerprint::sha256_hex(token.as_bytes())
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
