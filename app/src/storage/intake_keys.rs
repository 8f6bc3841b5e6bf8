//! The keys of submissions a client may send again (table `intake_keys`, written with the case
//! by `cases::insert`): finding the ticket a key made, and forgetting old keys.
use super::Db;
use crate::model::TicketNo;
use chrono::{DateTime, Utc};

/// The submission stored under a key: what was sent (its hash) and the ticket it made.
pub struct Stored {
    pub fingerprint: String,
    pub ticket_no: TicketNo,
}

pub async fn find(db: &Db, key_hash: &str) -> Result<Option<Stored>, sqlx::Error> {
    let row: Option<(String, String)> = crate::with_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT k.fingerprint, t.ticket_no FROM intake_keys k \
             JOIN tickets t ON t.id = k.ticket_id WHERE k.key_hash = $1",
        )
        .bind(key_hash)
        .fetch_optional(pool)
        .await
    })?;
    row.map(|(fingerprint, no)| {
        let ticket_no = TicketNo::parse(&no)
            .map_err(|_| sqlx::Error::Decode(format!("stored ticket number {no}").into()))?;
        Ok(Stored {
            fingerprint,
            ticket_no,
        })
    })
    .transpose()
}

/// Deletes the keys stored before `before`; returns how many.
pub async fn delete_before(db: &Db, before: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        Ok(sqlx::query("DELETE FROM intake_keys WHERE created_at < $1")
            .bind(before)
            .execute(pool)
            .await?
            .rows_affected())
    })
}
