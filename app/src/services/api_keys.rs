//! The keys of systems that file cases through Open311: made, listed and revoked by
//! `server api-key`, checked on every request that needs one.
use super::fingerprint::sha256_hex;
use super::AppState;
use crate::model::api_key::{KeyName, KeyNameError};
use crate::storage::api_keys as stored;
use chrono::{DateTime, Utc};

#[derive(Debug, thiserror::Error)]
pub enum ApiKeyError {
    #[error(transparent)]
    Name(#[from] KeyNameError),
    #[error(
        "there is already a live key named {0}: revoke it first (its name then passes to the \
         new key), or choose another name"
    )]
    Taken(String),
    #[error("there is no live key named {0}")]
    NoKey(String),
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
}

/// A key that answered: its row and its name (the channel of the cases it files).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    pub id: i64,
    pub name: KeyName,
}

/// A new random secret: 32 bytes, hex.
pub fn new_secret() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}

/// Makes a key named `name`; returns the key, which is shown this once and never stored.
pub async fn create(
    state: &AppState,
    name: &str,
    now: DateTime<Utc>,
) -> Result<String, ApiKeyError> {
    let name = KeyName::parse(name)?;
    let key = new_secret();
    if !stored::create(&state.db, name.as_str(), &sha256_hex(key.as_bytes()), now).await? {
        return Err(ApiKeyError::Taken(name.to_string()));
    }
    tracing::info!(key = %name, "api key created");
    Ok(key)
}

pub async fn list(state: &AppState) -> Result<Vec<stored::KeyRow>, ApiKeyError> {
    Ok(stored::list(&state.db).await?)
}

pub async fn revoke(state: &AppState, name: &str, now: DateTime<Utc>) -> Result<(), ApiKeyError> {
    if stored::revoke(&state.db, name, now).await? {
        tracing::info!(key = name, "api key revoked");
        Ok(())
    } else {
        Err(ApiKeyError::NoKey(name.to_string()))
    }
}

/// The live key `key` is, if any.
pub async fn caller(state: &AppState, key: &str) -> Result<Option<Caller>, sqlx::Error> {
    if key.is_empty() || key.len() > 200 {
        return Ok(None);
    }
    Ok(stored::find(&state.db, &sha256_hex(key.as_bytes()))
        .await?
        .and_then(|(id, name)| {
            Some(Caller {
                id,
                name: KeyName::parse(&name).ok()?,
            })
        }))
}
