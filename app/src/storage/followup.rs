//! Storage of the citizen follow-up: supporters (附议), the rating sweep's query and the
//! open cases near a new report.
use super::Db;
use chrono::{DateTime, Utc};

/// Whether `code_hash` is the code of one of the case's supporters.
pub async fn is_supporter(db: &Db, ticket_id: i64, code_hash: &str) -> Result<bool, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT id FROM supporters WHERE ticket_id = $1 AND code_hash = $2")
                .bind(ticket_id)
                .bind(code_hash)
                .fetch_optional(pool)
                .await?;
        Ok(found.is_some())
    })
}

/// Adds a supporter and returns the case's new count, in one transaction.
pub async fn add_supporter(
    db: &Db,
    ticket_id: i64,
    code_hash: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "INSERT INTO supporters (ticket_id, code_hash, created_at) VALUES ($1, $2, $3)",
        )
        .bind(ticket_id)
        .bind(code_hash)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let count: i64 = sqlx::query_scalar(
            "UPDATE tickets SET supporters = supporters + 1 WHERE id = $1 RETURNING supporters",
        )
        .bind(ticket_id)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(count)
    })
}

/// Cases whose rating window closed at `now`, oldest first.
pub async fn rating_overdue(
    db: &Db,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<String>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_scalar(
            "SELECT ticket_no FROM tickets WHERE rating_due IS NOT NULL AND rating_due <= $1 \
             ORDER BY rating_due, id LIMIT $2",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(pool)
        .await
    })
}

/// An open case that may be the one a citizen is about to report.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OpenCase {
    pub ticket_no: String,
    pub category: String,
    pub district: String,
    pub street: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub description: String,
    /// The reporter's name and number, masked wherever they appear in the text.
    pub contact_name: String,
    pub contact_phone: String,
    /// Read from `confidential`, `publish_consent` and `on_board` (`FromRow` in `tickets`).
    #[sqlx(flatten)]
    pub facts: crate::model::visibility::CaseFacts,
    pub join_handle: String,
    pub status: String,
    pub supporters: i64,
    pub created_at: DateTime<Utc>,
}

/// Where to look for open cases of a category: inside a box around a position, or on a
/// street.
pub struct Area<'a> {
    pub district: &'a str,
    pub street: &'a str,
    /// (lat min, lat max, lon min, lon max)
    pub bounds: Option<(f64, f64, f64, f64)>,
}

/// Open cases of `category` submitted since `since` in the area that the public may know of
/// (not confidential, publication consent), newest first.
pub async fn open_cases_near(
    db: &Db,
    category: &str,
    area: &Area<'_>,
    since: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<OpenCase>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let (la0, la1, lo0, lo1) = area.bounds.unwrap_or(super::NO_BOX);
        sqlx::query_as(&format!(
            "SELECT t.ticket_no, t.category, t.district, t.street, t.latitude, t.longitude, \
             t.description, t.contact_name, t.contact_phone, t.confidential, t.publish_consent, \
             {} AS on_board, t.join_handle, t.status, t.supporters, t.created_at \
             FROM tickets t LEFT JOIN publications p ON p.ticket_id = t.id \
             WHERE t.category = $1 AND t.created_at >= $2 \
             AND t.confidential = FALSE AND t.publish_consent = TRUE \
             AND t.status NOT IN ('closed', 'rejected') \
             AND ((t.district = $3 AND t.street = $4) \
                  OR (t.latitude BETWEEN $5 AND $6 AND t.longitude BETWEEN $7 AND $8)) \
             ORDER BY t.created_at DESC, t.id DESC LIMIT $9",
            super::board::ON_BOARD
        ))
        .bind(category)
        .bind(since)
        .bind(area.district)
        .bind(area.street)
        .bind(la0)
        .bind(la1)
        .bind(lo0)
        .bind(lo1)
        .bind(limit)
        .fetch_all(pool)
        .await
    })
}

/// Ratings of replies so far: (rating code, cases), and the cases closed as not rated.
pub async fn rating_counts(db: &Db) -> Result<(Vec<(String, i64)>, i64), sqlx::Error> {
    // Running totals kept by triggers (migration 0010): a few rows, not every ticket.
    let totals: Vec<(String, String, i64)> = crate::with_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT figure, subject, n FROM case_totals \
             WHERE figure IN ('rating', 'closed_unrated')",
        )
        .fetch_all(pool)
        .await
    })?;
    let unrated = totals
        .iter()
        .filter(|(figure, ..)| figure == "closed_unrated")
        .map(|(.., n)| n)
        .sum();
    let ratings = totals
        .into_iter()
        .filter(|(figure, ..)| figure == "rating")
        .map(|(_, rating, n)| (rating, n))
        .collect();
    Ok((ratings, unrated))
}
