//! The public lookup's reads of a case (`services::lookup`): what a citizen holding a ticket
//! number may be shown of it, the code hash to check, and its events and photos. On SQLite in
//! one query: at a million cases a lookup's time went mostly to handing each query to a
//! connection's thread and its rows back (three queries, a row at a time), so the events and
//! photos come back as two JSON arrays in the case's one row. On PostgreSQL as three queries,
//! which measured faster there.
use super::board::ON_BOARD;
use super::case_photos::PhotoRow;
use super::cases::EventRecord;
use super::{Db, Engine};
use crate::model::visibility::CaseFacts;
use crate::model::TicketNo;
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Deserialize;
use sqlx::FromRow;
use std::sync::LazyLock;

/// The fields of a case that a public lookup may show, plus the code hash to check.
#[derive(Debug, Clone, FromRow)]
pub struct PublicCaseRow {
    pub id: i64,
    pub ticket_no: String,
    pub code_hash: String,
    pub kind: String,
    pub category: String,
    pub district: String,
    pub created_at: DateTime<Utc>,
    pub supporters: i64,
    /// What the visibility rule needs (`model::visibility::CaseFacts`).
    #[sqlx(flatten)]
    pub facts: CaseFacts,
}

/// The columns of `PublicCaseRow`, of `tickets t LEFT JOIN publications p`.
fn public_columns() -> String {
    format!(
        "t.id, t.ticket_no, t.code_hash, t.kind, t.category, t.district, t.created_at, \
         t.supporters, t.confidential, t.publish_consent, {ON_BOARD} AS on_board"
    )
}

/// The case with ticket number `ticket_no` as a lookup starts from (without its history).
pub async fn find_public(
    db: &Db,
    ticket_no: &TicketNo,
) -> Result<Option<PublicCaseRow>, sqlx::Error> {
    static SQL: LazyLock<String> = LazyLock::new(|| {
        format!(
            "SELECT {} FROM tickets t LEFT JOIN publications p ON p.ticket_id = t.id \
             WHERE t.ticket_no = $1",
            public_columns()
        )
    });
    let sql = SQL.as_str();
    crate::with_pool!(db, |pool| {
        sqlx::query_as(sql)
            .bind(ticket_no.as_str())
            .fetch_optional(pool)
            .await
    })
}

/// A case as the public lookup reads it.
#[derive(Debug, Clone)]
pub struct PublicCaseRecord {
    pub row: PublicCaseRow,
    /// Oldest first.
    pub events: Vec<EventRecord>,
    /// In the citizen's order.
    pub photos: Vec<PhotoRow>,
}

#[derive(FromRow)]
struct Found {
    #[sqlx(flatten)]
    row: PublicCaseRow,
    events: String,
    photos: String,
}

/// SQLite's JSON array of `columns` as arrays, in `order`; `[]` when there is no row.
fn json_rows(columns: &str, order: &str) -> String {
    format!("COALESCE(json_group_array(json_array({columns}) ORDER BY {order}), '[]')")
}

/// The case with ticket number `ticket_no`, its events and its photos. On PostgreSQL as
/// three queries: there the one query measured slower (1 660 against 2 400 lookups/s at a
/// million cases; README, Performance).
pub async fn find_public_case(
    db: &Db,
    ticket_no: &TicketNo,
) -> Result<Option<PublicCaseRecord>, sqlx::Error> {
    if db.engine() == Engine::Postgres {
        let Some(row) = find_public(db, ticket_no).await? else {
            return Ok(None);
        };
        let events = super::cases::events(db, row.id).await?;
        let photos = super::case_photos::photos(db, row.id).await?;
        return Ok(Some(PublicCaseRecord {
            row,
            events,
            photos,
        }));
    }
    static SQL: LazyLock<String> = LazyLock::new(|| {
        let events = json_rows(
            "e.kind, e.data, e.actor, e.role, e.public, e.note, e.at",
            "e.id",
        );
        let photos = json_rows(
            "ph.display_key, ph.thumb_key, ph.width, ph.height",
            "ph.position",
        );
        format!(
            "SELECT {}, \
             (SELECT {events} FROM ticket_events e WHERE e.ticket_id = t.id) AS events, \
             (SELECT {photos} FROM ticket_photos ph WHERE ph.ticket_id = t.id) AS photos \
             FROM tickets t LEFT JOIN publications p ON p.ticket_id = t.id WHERE t.ticket_no = $1",
            public_columns()
        )
    });
    let sql = SQL.as_str();
    let found: Option<Found> = crate::with_pool!(db, |pool| {
        sqlx::query_as(sql)
            .bind(ticket_no.as_str())
            .fetch_optional(pool)
            .await
    })?;
    let Some(found) = found else {
        return Ok(None);
    };
    let decode = |e: serde_json::Error| sqlx::Error::Decode(Box::new(e));
    let events: Vec<JsonEvent> = serde_json::from_str(&found.events).map_err(decode)?;
    let photos: Vec<(String, String, i64, i64)> =
        serde_json::from_str(&found.photos).map_err(decode)?;
    Ok(Some(PublicCaseRecord {
        row: found.row,
        events: events
            .into_iter()
            .map(|(kind, data, actor, role, public, note, at)| EventRecord {
                kind,
                data,
                actor,
                role,
                public: public != 0,
                note,
                at: at.0,
            })
            .collect(),
        photos: photos
            .into_iter()
            .map(|(display_key, thumb_key, width, height)| PhotoRow {
                display_key,
                thumb_key,
                width,
                height,
            })
            .collect(),
    }))
}

/// An event row as the query's JSON array holds it: kind, data, actor, role, public (SQLite's
/// 0 or 1), note, at.
type JsonEvent = (String, String, String, Option<String>, i64, String, Time);

/// A time column in JSON: RFC 3339 text with an offset (`T` or a space between date and
/// time), or a time without offset, read as UTC (what SQLite's own functions write).
struct Time(DateTime<Utc>);

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        parse_time(&text)
            .map(Time)
            .ok_or_else(|| serde::de::Error::custom(format!("not a time: {text:?}")))
    }
}

fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = text.parse::<DateTime<Utc>>() {
        return Some(t);
    }
    ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .map(|t| t.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_as_either_engine_writes_them() {
        let expected: DateTime<Utc> = "2026-11-30T04:05:06.123456Z".parse().unwrap();
        for text in [
            "2026-11-30T04:05:06.123456+00:00",
            "2026-11-30 04:05:06.123456+00:00",
            "2026-11-30T12:05:06.123456+08:00",
            "2026-11-30 04:05:06.123456",
        ] {
            assert_eq!(parse_time(text), Some(expected), "{text}");
        }
        assert_eq!(parse_time("yesterday"), None);
    }
}
