//! A submission under a client's Idempotency-Key: one ticket however often it is sent.
use super::Channel;
use super::{internal, SubmitError, Submitted};
use crate::model::idempotency::IdempotencyKey;
use crate::model::report::ReportDraft;
use crate::model::{Field, FieldError, QueryCode};
use crate::services::photos::Upload;
use crate::services::AppState;
use crate::storage::intake_keys;
use chrono::{DateTime, Utc};

/// How long a submission's Idempotency-Key answers its repeats: a draft kept on a phone for
/// longer than this, then sent, makes a new ticket.
pub const KEYS_KEPT_DAYS: i64 = 90;

/// A submission under a client's Idempotency-Key: the key's keyed hash, a hash of what was
/// sent, and the query code, derived from the key so that a repeat answers the same code
/// although only the code's hash is stored.
pub struct Once {
    pub(super) key_hash: String,
    pub(super) fingerprint: String,
    pub(super) query_code: QueryCode,
}

impl Once {
    /// `what` names the form (`report`, or the snap category); `draft` is the form's fields.
    pub fn new(
        state: &AppState,
        key: &IdempotencyKey,
        channel: &Channel,
        what: &str,
        draft: &ReportDraft,
        uploads: &[Upload],
    ) -> Self {
        use sha2::{Digest, Sha256};
        let mut sent = Sha256::new();
        for part in [
            channel.code(),
            what,
            &serde_json::to_string(draft).unwrap_or_default(),
        ] {
            sent.update(part.as_bytes());
            sent.update([0]);
        }
        for upload in uploads {
            sent.update(Sha256::digest(&upload.bytes));
        }
        let code = state
            .codes
            .keyed(&["idempotency-key:query-code", key.as_str()]);
        let n = crate::model::ticket::QUERY_CODE_ALPHABET.len();
        let bytes = hex::decode(&code).unwrap_or_default();
        Self {
            key_hash: state.codes.keyed(&["idempotency-key", key.as_str()]),
            fingerprint: hex::encode(sent.finalize()),
            query_code: QueryCode::from_indices(std::array::from_fn(|i| {
                // 256 is no multiple of the alphabet's size: a bias of under 1 in 8 per
                // character, on a code whose 8 characters come from a 256-bit secret hash.
                (usize::from(bytes.get(i).copied().unwrap_or(0)) % n) as u8
            })),
        }
    }
}

/// The ticket an earlier submission under the same key made; the same key with other content
/// is refused (`IdempotencyKeyReused`).
pub(super) async fn earlier(
    state: &AppState,
    once: &Once,
) -> Result<Option<Submitted>, SubmitError> {
    let Some(stored) = intake_keys::find(&state.db, &once.key_hash)
        .await
        .map_err(internal)?
    else {
        return Ok(None);
    };
    if stored.fingerprint != once.fingerprint {
        return Err(SubmitError::Invalid(vec![FieldError::new(
            Field::Form,
            crate::model::Problem::IdempotencyKeyReused,
        )]));
    }
    Ok(Some(Submitted {
        ticket_no: stored.ticket_no,
        query_code: once.query_code.clone(),
        repeated: true,
    }))
}

/// Forgets the keys of submissions older than `KEYS_KEPT_DAYS`; returns how many.
pub async fn sweep_keys(state: &AppState, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    intake_keys::delete_before(&state.db, now - chrono::Duration::days(KEYS_KEPT_DAYS)).await
}

/// What storing a valid submission came to.
pub(super) enum Stored {
    Filed(Submitted),
    /// A concurrent submission under the same Idempotency-Key was stored first; this one
    /// stored nothing.
    KeyTaken,
}

/// A submission under a key that lost the race to a concurrent one under the same key
/// answers what the winner made (or is refused if the winner sent other content).
pub(super) async fn repeated_if_taken(
    state: &AppState,
    once: Option<&Once>,
    stored: Result<Stored, SubmitError>,
) -> Result<Submitted, SubmitError> {
    let taken = match (stored?, once) {
        (Stored::Filed(submitted), _) => return Ok(submitted),
        (Stored::KeyTaken, Some(once)) => earlier(state, once).await?,
        (Stored::KeyTaken, None) => None,
    };
    taken.ok_or_else(|| internal("a taken key without its ticket"))
}
