//! Inserting a new case: its ticket number, row, `created` event, photos, snap row, figures
//! and notice links in one transaction.
use super::super::figures::{self, StoredCase};
use super::super::{Conn, Db};
use crate::model::figures::CaseSlices;
use crate::model::report::ValidReport;
use crate::model::{EventKind, TicketNo};
use chrono::{DateTime, NaiveDate, Utc};

/// A photo row to insert with its case.
pub struct NewPhoto {
    pub display_key: String,
    pub thumb_key: String,
    pub width: u32,
    pub height: u32,
    /// SHA-256 of the upload as received, hex.
    pub original_sha256: String,
    /// 64-bit perceptual hash of the upright picture.
    pub phash: u64,
}

/// The snap-report row to insert with its case (随手拍).
pub struct NewSnap<'a> {
    pub reporter_id: Option<i64>,
    pub snap_category: &'a str,
    /// An earlier case with a photo of the same upload bytes.
    pub exact_repeat_of: Option<i64>,
    /// Near-duplicate photos: (position of the new photo from 1, earlier photo id, distance).
    pub matches: &'a [(usize, i64, u32)],
}

/// A new case to insert.
pub struct NewCase<'a> {
    pub report: &'a ValidReport,
    /// Submission day in Asia/Shanghai: the ticket number's prefix.
    pub day: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub channel: &'a str,
    pub photos: &'a [NewPhoto],
    pub snap: Option<NewSnap<'a>>,
    /// Notices in force that cover the case (公告), with whether the citizen had seen each.
    pub notices: &'a [(i64, bool)],
    /// The language (BCP 47 tag) of progress messages, when the citizen wants them.
    pub progress_sms: Option<&'a str>,
    /// The client's key for this submission, when it may send it again.
    pub key: Option<NewKey<'a>>,
}

/// The client's key of a submission it may send again (`intake_keys`), inserted with the
/// case: a second submission under the key finds it taken and stores nothing.
pub struct NewKey<'a> {
    /// The keyed hash of the client's Idempotency-Key.
    pub key_hash: &'a str,
    /// A hash of what was sent.
    pub fingerprint: &'a str,
}

#[derive(Debug, thiserror::Error)]
pub enum InsertError {
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error("ticket number space of the day is exhausted")]
    DayFull,
    /// Another submission under the same key was stored first: this one stored nothing.
    #[error("the submission's key is taken")]
    KeyTaken,
}

/// Inserts the case, its `created` event and its photo rows in one transaction, and returns
/// its number. `code_hash` is computed from the number, so it is asked for once the number is
/// known.
pub async fn insert(
    db: &Db,
    new: NewCase<'_>,
    code_hash: impl FnOnce(&TicketNo) -> String,
) -> Result<TicketNo, InsertError> {
    crate::with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let day = new.day.format("%Y%m%d").to_string();
        let sequence: i64 = sqlx::query_scalar(
            "INSERT INTO ticket_counters (day, last) VALUES ($1, 1) \
             ON CONFLICT (day) DO UPDATE SET last = ticket_counters.last + 1 RETURNING last",
        )
        .bind(&day)
        .fetch_one(&mut *tx)
        .await?;
        let ticket_no = u32::try_from(sequence)
            .ok()
            .and_then(|s| TicketNo::new(new.day, s).ok())
            .ok_or(InsertError::DayFull)?;
        let r = new.report;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO tickets (ticket_no, code_hash, kind, category, district, street, address, \
             latitude, longitude, description, contact_name, contact_phone, confidential, \
             publish_consent, channel, created_at, join_handle, progress_sms, locale) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
             $18, $19) RETURNING id",
        )
        .bind(ticket_no.as_str())
        .bind(code_hash(&ticket_no))
        .bind(r.kind.code())
        .bind(&r.category)
        .bind(&r.district)
        .bind(&r.street)
        .bind(&r.address)
        .bind(r.position.map(|p| p.latitude))
        .bind(r.position.map(|p| p.longitude))
        .bind(&r.description)
        .bind(&r.contact_name)
        .bind(r.contact_phone.as_ref().map_or("", |p| p.as_str()))
        .bind(r.confidential)
        .bind(r.publish_consent)
        .bind(new.channel)
        .bind(new.created_at)
        .bind(new_join_handle())
        .bind(new.progress_sms.is_some())
        .bind(new.progress_sms.unwrap_or("zh-CN"))
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO ticket_events (ticket_id, kind, actor, public, note, at) \
             VALUES ($1, $2, 'citizen', $3, '', $4)",
        )
        .bind(id)
        .bind(EventKind::Created.code())
        .bind(EventKind::Created.is_public())
        .bind(new.created_at)
        .execute(&mut *tx)
        .await?;
        for (i, p) in new.photos.iter().enumerate() {
            sqlx::query(
                "INSERT INTO ticket_photos (ticket_id, position, display_key, thumb_key, width, height, \
                 original_sha256, phash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(id)
            .bind(i as i64 + 1)
            .bind(&p.display_key)
            .bind(&p.thumb_key)
            .bind(p.width as i64)
            .bind(p.height as i64)
            .bind(&p.original_sha256)
            .bind(p.phash as i64)
            .execute(&mut *tx)
            .await?;
        }
        let figures_row = StoredCase {
            slices: CaseSlices {
                department: String::new(),
                district: r.district.clone(),
                category: r.category.clone(),
                channel: new.channel.to_string(),
            },
            street: r.street.clone(),
            received_day: crate::model::time::beijing_date(new.created_at),
            accepted: false,
        };
        figures::new_case(Conn::from(&mut *tx), id, &figures_row).await?;
        if let Some(snap) = new.snap {
            sqlx::query(
                "INSERT INTO snaps (ticket_id, reporter_id, snap_category, exact_repeat_of, created_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(snap.reporter_id)
            .bind(snap.snap_category)
            .bind(snap.exact_repeat_of)
            .bind(new.created_at)
            .execute(&mut *tx)
            .await?;
            for (position, earlier, distance) in snap.matches {
                sqlx::query(
                    "INSERT INTO snap_matches (ticket_id, position, earlier_photo, distance) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                )
                .bind(id)
                .bind(*position as i64)
                .bind(earlier)
                .bind(i64::from(*distance))
                .execute(&mut *tx)
                .await?;
            }
        }
        for (notice, seen) in new.notices {
            sqlx::query(
                "INSERT INTO notice_cases (notice_id, ticket_id, seen) VALUES ($1, $2, $3) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(notice)
            .bind(id)
            .bind(seen)
            .execute(&mut *tx)
            .await?;
        }
        if let Some(key) = new.key {
            // Last, so that the ticket's id is known; a concurrent submission under the same
            // key waits here for the first one's commit and then finds the key taken.
            let inserted = sqlx::query(
                "INSERT INTO intake_keys (key_hash, fingerprint, ticket_id, created_at) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (key_hash) DO NOTHING",
            )
            .bind(key.key_hash)
            .bind(key.fingerprint)
            .bind(id)
            .bind(new.created_at)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if inserted == 0 {
                return Err(InsertError::KeyTaken);
            }
        }
        tx.commit().await?;
        Ok(ticket_no)
    })
}

/// An unguessable handle (128 random bits) that joins a case ("me too").
fn new_join_handle() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}
