//! The photo rows of cases (table `ticket_photos`): which photos a case has, which cases a
//! stored photo file belongs to, and whether a file is still referenced.
use super::board::ON_BOARD;
use super::Db;
use crate::model::visibility::CaseFacts;
use sqlx::FromRow;

/// The facts of every case that holds a stored photo (a display copy or thumbnail key): the
/// same bytes may belong to several cases.
pub async fn photo_cases(db: &Db, key: &str) -> Result<Vec<CaseFacts>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(&format!(
            "SELECT t.confidential, t.publish_consent, {ON_BOARD} AS on_board \
             FROM ticket_photos ph JOIN tickets t ON t.id = ph.ticket_id \
             LEFT JOIN publications p ON p.ticket_id = t.id \
             WHERE ph.display_key = $1 OR ph.thumb_key = $1"
        ))
        .bind(key)
        .fetch_all(pool)
        .await
    })
}

#[derive(Debug, Clone, FromRow)]
pub struct PhotoRow {
    pub display_key: String,
    pub thumb_key: String,
    pub width: i64,
    pub height: i64,
}

/// A photo row with its case.
#[derive(Debug, Clone, FromRow)]
pub struct CasePhoto {
    pub ticket_id: i64,
    #[sqlx(flatten)]
    pub photo: PhotoRow,
}

/// The photos of several cases in one read, each case's in order.
pub async fn photos_of(db: &Db, ids: &[i64]) -> Result<Vec<CasePhoto>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    crate::with_pool!(db, |pool| {
        let sql = format!(
            "SELECT ticket_id, display_key, thumb_key, width, height FROM ticket_photos \
             WHERE ticket_id IN ({}) ORDER BY ticket_id, position",
            super::in_list(ids.len())
        );
        let mut q = sqlx::query_as(&sql);
        for id in ids {
            q = q.bind(*id);
        }
        q.fetch_all(pool).await
    })
}

pub async fn photos(db: &Db, ticket_id: i64) -> Result<Vec<PhotoRow>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT display_key, thumb_key, width, height FROM ticket_photos \
             WHERE ticket_id = $1 ORDER BY position",
        )
        .bind(ticket_id)
        .fetch_all(pool)
        .await
    })
}

/// Whether any committed ticket refers to this photo file.
pub async fn photo_in_use(db: &Db, key: &str) -> Result<bool, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM ticket_photos WHERE display_key = $1 OR thumb_key = $1",
        )
        .bind(key)
        .fetch_one(pool)
        .await?;
        Ok(n > 0)
    })
}

/// Every photo file some case refers to (display copies and thumbnails), each once.
pub async fn referenced_keys(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_scalar(
            "SELECT display_key FROM ticket_photos UNION SELECT thumb_key FROM ticket_photos",
        )
        .fetch_all(pool)
        .await
    })
}
