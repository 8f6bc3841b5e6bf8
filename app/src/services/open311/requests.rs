//! `GET requests` and `GET requests/{id}`: exactly the public board's cases, as the board
//! shows them.
use super::Open311Error;
use crate::i18n::Locale;
use crate::model::open311::{self as o, Value};
use crate::services::AppState;
use crate::storage::board::{self as board_store, Open311Query};
use chrono::{DateTime, Duration, Utc};

/// The query of `GET requests`, as sent.
#[derive(Clone, Debug, Default)]
pub struct RequestsQuery {
    pub service_request_id: String,
    pub service_code: String,
    pub start_date: String,
    pub end_date: String,
    pub status: String,
}

/// A W3C date-time, or a date alone (Beijing): its first moment, or with `end` its last. Only
/// the years 2000–2999 (no arithmetic at the ends of chrono's range).
fn w3_time(s: &str, end: bool) -> Option<DateTime<Utc>> {
    use chrono::Datelike;
    let at = match DateTime::parse_from_rfc3339(s) {
        Ok(t) => t.to_utc(),
        Err(_) => {
            let day: chrono::NaiveDate = s.parse().ok()?;
            let day = if end { day.succ_opt()? } else { day };
            let start = day.and_hms_opt(0, 0, 0)?.and_utc() - Duration::hours(8);
            if end {
                start - Duration::seconds(1)
            } else {
                start
            }
        }
    };
    (2000..=2999).contains(&at.year()).then_some(at)
}

/// `GET requests`: the board's cases the query selects (90 days at most, 1 000 at most).
pub async fn requests(
    state: &AppState,
    q: &RequestsQuery,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<Value, Open311Error> {
    let query = select(state, q, locale, now)?;
    Ok(Value::list("request", read(state, &query, locale).await?))
}

/// `GET requests/{id}`: one board case, or 404 (unknown, not published, confidential alike).
pub async fn request(state: &AppState, id: &str, locale: Locale) -> Result<Value, Open311Error> {
    let not_found = || Open311Error::new(404, locale.open311().not_found);
    let id = id.parse::<i64>().map_err(|_| not_found())?;
    let query = Open311Query {
        ids: vec![id],
        ..Default::default()
    };
    let found = read(state, &query, locale).await?;
    if found.is_empty() {
        return Err(not_found());
    }
    Ok(Value::list("request", found))
}

/// The board's cases a query as sent selects: its ids alone, or its service codes, dates and
/// statuses (the last 90 days by default).
fn select(
    state: &AppState,
    q: &RequestsQuery,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<Open311Query, Open311Error> {
    let t = locale.open311();
    let list = |s: &str| -> Vec<String> {
        s.split(',')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(String::from)
            .collect()
    };
    let mut query = Open311Query::default();
    for id in list(&q.service_request_id) {
        match id.parse::<i64>() {
            Ok(n) if query.ids.len() < o::MAX_RESULTS => query.ids.push(n),
            Ok(_) => {}
            Err(_) => return Err(Open311Error::new(400, t.bad_id)),
        }
    }
    if query.ids.is_empty() {
        for code in list(&q.service_code) {
            if state.city.category(&code).is_none() {
                return Err(Open311Error::new(404, t.unknown_service(&code)));
            }
            query.categories.push(code);
        }
        let time = |s: &str, end: bool| -> Result<Option<DateTime<Utc>>, Open311Error> {
            match s.trim() {
                "" => Ok(None),
                s => w3_time(s, end)
                    .map(Some)
                    .ok_or_else(|| Open311Error::new(400, t.bad_date)),
            }
        };
        let (start, end) = (time(&q.start_date, false)?, time(&q.end_date, true)?);
        let span = Duration::days(o::MAX_SPAN_DAYS);
        let (from, until) = match (start, end) {
            (Some(a), Some(b)) => (a, b),
            (Some(a), None) => (a, a + span),
            (None, Some(b)) => (b - span, b),
            (None, None) => (now - span, now),
        };
        if until - from > span {
            return Err(Open311Error::new(400, t.span_too_long(o::MAX_SPAN_DAYS)));
        }
        query.from = Some(from);
        query.until = Some(until);
        let statuses = list(&q.status);
        let open = statuses.iter().any(|s| s == "open");
        let closed = statuses.iter().any(|s| s == "closed");
        if statuses.iter().any(|s| s != "open" && s != "closed") {
            return Err(Open311Error::new(400, t.bad_status));
        }
        query.closed = match (open, closed) {
            (true, false) => Some(false),
            (false, true) => Some(true),
            _ => None,
        };
    }
    Ok(query)
}

/// The selected board cases as the board shows them, newest first.
async fn read(
    state: &AppState,
    query: &Open311Query,
    locale: Locale,
) -> Result<Vec<Value>, Open311Error> {
    let rows = board_store::open311(&state.db, query, o::MAX_RESULTS as i64)
        .await
        .map_err(|e| Open311Error::internal(locale, e))?;
    let items = crate::services::board::items(state, &rows)
        .await
        .map_err(|e| Open311Error::internal(locale, format!("{e:?}")))?;
    let city = &state.city;
    Ok(rows
        .iter()
        .zip(items)
        .map(|(row, item)| {
            let closed = row.status == "closed";
            Value::Record(vec![
                ("service_request_id", Value::Text(row.id.to_string())),
                (
                    "status",
                    Value::text(if closed { "closed" } else { "open" }),
                ),
                ("status_notes", Value::opt(item.reply)),
                (
                    "service_name",
                    Value::text(city.category_label(&row.category, locale)),
                ),
                ("service_code", Value::text(&row.category)),
                ("description", Value::opt(item.request)),
                // Not on the board: which department handles a case is not published.
                ("agency_responsible", Value::Null),
                ("service_notice", Value::Null),
                ("requested_datetime", Value::Text(w3(row.created_at))),
                ("updated_datetime", Value::Text(w3(row.replied_at))),
                ("expected_datetime", Value::Null),
                (
                    "address",
                    Value::text(format!(
                        "{} {}",
                        item.district.get(locale),
                        item.street.get(locale)
                    )),
                ),
                ("address_id", Value::Null),
                ("zipcode", Value::Null),
                ("lat", Value::Null),
                ("long", Value::Null),
                (
                    "media_url",
                    item.photos.first().map_or(Value::Null, |p| {
                        Value::Text(format!("{}{}", state.public_url, p.display_url))
                    }),
                ),
            ])
        })
        .collect())
}

/// To the minute, as the board shows times.
fn w3(at: DateTime<Utc>) -> String {
    use chrono::Timelike;
    let minute = at
        .with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(at);
    minute.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
