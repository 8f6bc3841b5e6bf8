//! Storage of possible repeat complaints (重复投诉) and the operator's decisions.
use super::Db;
use chrono::{DateTime, Utc};

/// An earlier case that may be repeated by a new one.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Candidate {
    pub id: i64,
    pub contact_phone: String,
    pub category: String,
    pub district: String,
    pub street: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub description: String,
    pub department: Option<String>,
}

/// What the candidate query looks for.
pub struct Probe<'a> {
    pub ticket_id: i64,
    pub phone: &'a str,
    pub category: &'a str,
    pub district: &'a str,
    pub street: &'a str,
    /// (lat min, lat max, lon min, lon max) around the new case, if it has a position.
    pub bounds: Option<(f64, f64, f64, f64)>,
    pub since: DateTime<Utc>,
}

/// Earlier cases since `since` with the same mobile, of the same category in the box, or on
/// the same street: newest first. Each branch is served by its own index (migration 0003).
pub async fn candidates(db: &Db, p: &Probe<'_>, limit: i64) -> Result<Vec<Candidate>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let (la0, la1, lo0, lo1) = p.bounds.unwrap_or(super::NO_BOX);
        sqlx::query_as(
            "SELECT id, contact_phone, category, district, street, latitude, longitude, description, \
             department FROM tickets WHERE id < $1 AND created_at >= $2 \
             AND (contact_phone = $3 \
                  OR (category = $4 AND latitude BETWEEN $5 AND $6 AND longitude BETWEEN $7 AND $8) \
                  OR (district = $9 AND street = $10)) \
             ORDER BY id DESC LIMIT $11",
        )
        .bind(p.ticket_id)
        .bind(p.since)
        .bind(p.phone)
        .bind(p.category)
        .bind(la0)
        .bind(la1)
        .bind(lo0)
        .bind(lo1)
        .bind(p.district)
        .bind(p.street)
        .bind(limit)
        .fetch_all(pool)
        .await
    })
}

/// A new link: the earlier case, the reason codes and its department at the time.
pub struct NewLink {
    pub earlier_id: i64,
    pub reasons: String,
    pub department: Option<String>,
}

pub async fn insert_links(db: &Db, ticket_id: i64, links: &[NewLink]) -> Result<(), sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        for l in links {
            sqlx::query(
                "INSERT INTO repeat_links (ticket_id, earlier_id, reasons, department) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (ticket_id, earlier_id) DO NOTHING",
            )
            .bind(ticket_id)
            .bind(l.earlier_id)
            .bind(&l.reasons)
            .bind(&l.department)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await
    })
}

/// A link as the console shows it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LinkRow {
    pub earlier_no: String,
    pub earlier_summary: String,
    pub earlier_created_at: DateTime<Utc>,
    pub reasons: String,
    pub department: Option<String>,
    pub status: String,
    pub decided_by: Option<String>,
}

pub async fn links_of(db: &Db, ticket_id: i64) -> Result<Vec<LinkRow>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT t.ticket_no AS earlier_no, substr(t.description, 1, 60) AS earlier_summary, \
             t.created_at AS earlier_created_at, l.reasons, l.department, l.status, l.decided_by \
             FROM repeat_links l JOIN tickets t ON t.id = l.earlier_id WHERE l.ticket_id = $1 \
             ORDER BY l.earlier_id DESC",
        )
        .bind(ticket_id)
        .fetch_all(pool)
        .await
    })
}

/// Whether the case is confirmed as a repeat of an earlier case (other than `except`, a
/// ticket number).
pub async fn is_repeat(db: &Db, ticket_id: i64, except: Option<&str>) -> Result<bool, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let mut conn = pool.acquire().await?;
        confirmed_in(crate::storage::Conn::from(&mut *conn), ticket_id, except).await
    })
}

/// Whether the case is confirmed as a repeat of an earlier case (other than `except`), read
/// inside the caller's transaction.
pub async fn confirmed_in(
    conn: crate::storage::Conn<'_>,
    ticket_id: i64,
    except: Option<&str>,
) -> Result<bool, sqlx::Error> {
    crate::with_conn!(conn, |conn| {
        sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM repeat_links WHERE ticket_id = $1 AND status = 'confirmed' \
             AND ($2 IS NULL OR earlier_id <> (SELECT id FROM tickets WHERE ticket_no = $2)))",
        )
        .bind(ticket_id)
        .bind(except)
        .fetch_one(&mut *conn)
        .await
    })
}

/// What became of a repeat decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decided {
    Done,
    /// No link between the two cases.
    NoLink,
    /// An event or another decision on the case came first: read it again and decide again.
    Changed,
}

/// What a decision was worked out from: the case's version (its events) and its repeat
/// confirmations, all of them and all but the link decided.
#[derive(Clone, Copy, Debug)]
pub struct DecidedOn {
    pub version: i64,
    pub repeat: bool,
    pub repeat_otherwise: bool,
}

/// An operator's decision on the link between a case and an earlier one.
pub struct Decision<'a> {
    pub earlier_no: &'a str,
    pub status: &'a str,
    pub by: &'a str,
    pub at: DateTime<Utc>,
}

/// Records the operator's decision on the link between two cases, and the change of the
/// case's stored figures it makes, in one transaction, provided the case is still as `on`
/// says: the ticket's row is locked first (as an event's append does), so a decision and an
/// event on one case never interleave and neither writes figures worked out from what the
/// other has changed.
pub async fn decide(
    db: &Db,
    ticket_id: i64,
    decision: &Decision<'_>,
    on: DecidedOn,
    figures: Option<&crate::storage::figures::FigureWrite<'_>>,
) -> Result<Decided, sqlx::Error> {
    use crate::storage::Conn;
    crate::with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let same =
            sqlx::query("UPDATE tickets SET version = version WHERE id = $1 AND version = $2")
                .bind(ticket_id)
                .bind(on.version)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if same != 1
            || confirmed_in(Conn::from(&mut *tx), ticket_id, None).await? != on.repeat
            || confirmed_in(Conn::from(&mut *tx), ticket_id, Some(decision.earlier_no)).await?
                != on.repeat_otherwise
        {
            return Ok(Decided::Changed);
        }
        let n = sqlx::query(
            "UPDATE repeat_links SET status = $1, decided_by = $2, decided_at = $3 \
             WHERE ticket_id = $4 AND earlier_id = (SELECT id FROM tickets WHERE ticket_no = $5)",
        )
        .bind(decision.status)
        .bind(decision.by)
        .bind(decision.at)
        .bind(ticket_id)
        .bind(decision.earlier_no)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n != 1 {
            return Ok(Decided::NoLink);
        }
        if let Some(w) = figures {
            crate::storage::figures::write(Conn::from(&mut *tx), ticket_id, w).await?;
        }
        tx.commit().await?;
        Ok(Decided::Done)
    })
}

/// Confirmed repeats per department of the earlier case, most first.
pub async fn confirmed_by_department(db: &Db) -> Result<Vec<(Option<String>, i64)>, sqlx::Error> {
    // Running totals kept by triggers (migration 0010): '' stands for no department.
    let rows: Vec<(String, i64)> = crate::with_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT subject, n FROM case_totals WHERE figure = 'confirmed_repeat' \
             ORDER BY n DESC, subject",
        )
        .fetch_all(pool)
        .await
    })?;
    Ok(rows
        .into_iter()
        .map(|(department, n)| (Some(department).filter(|d| !d.is_empty()), n))
        .collect())
}
