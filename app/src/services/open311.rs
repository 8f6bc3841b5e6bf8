//! Open311 GeoReport v2: the services (the city's category leaves), their definitions (the
//! attributes every case needs: kind, district, street, confidentiality, consent), filing a
//! request through a key (the same intake as the web form; the channel is the key's name),
//! and the requests the public may read — exactly the public board's cases, as the board
//! shows them: no name, number, address or position, nothing confidential.
use super::api_keys::{self, Caller};
use super::AppState;
use crate::i18n::Locale;
use crate::model::open311::{self as o, Value};
use crate::model::ticket::TicketKind;
use crate::storage::board::{self as board_store, Open311Query};
use chrono::{DateTime, Duration, Utc};
use subtle::ConstantTimeEq;

/// An answer the spec calls an error: its HTTP status and its descriptions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Open311Error {
    pub status: u16,
    pub descriptions: Vec<String>,
}

impl Open311Error {
    pub fn new(status: u16, description: impl Into<String>) -> Open311Error {
        Open311Error {
            status,
            descriptions: vec![description.into()],
        }
    }

    fn internal(locale: Locale, e: impl std::fmt::Display) -> Open311Error {
        tracing::error!(error = %e, "open311");
        Open311Error::new(500, locale.open311().failed)
    }
}

/// `GET services`: one service per category leaf.
pub fn services(state: &AppState, locale: Locale) -> Value {
    let city = &state.city;
    let mut list = Vec::new();
    for group in &city.categories {
        for leaf in &group.children {
            list.push(Value::Record(vec![
                ("service_code", Value::text(&leaf.code)),
                ("service_name", Value::text(leaf.name.get(locale))),
                (
                    "description",
                    Value::text(city.category_label(&leaf.code, locale)),
                ),
                ("metadata", Value::Bool(true)),
                ("type", Value::text("batch")),
                ("keywords", Value::Null),
                ("group", Value::text(group.name.get(locale))),
            ]));
        }
    }
    Value::list("service", list)
}

/// `GET services/{code}`: the attributes a request of the service carries.
pub fn definition(state: &AppState, code: &str, locale: Locale) -> Result<Value, Open311Error> {
    let city = &state.city;
    let t = locale.open311();
    if city.category(code).is_none() {
        return Err(Open311Error::new(404, t.unknown_service(code)));
    }
    let values = |pairs: Vec<(String, String)>| {
        Value::list(
            "value",
            pairs
                .into_iter()
                .map(|(k, n)| {
                    Value::Record(vec![("key", Value::Text(k)), ("name", Value::Text(n))])
                })
                .collect(),
        )
    };
    let yes_no = || {
        values(vec![
            ("true".into(), t.yes.to_string()),
            ("false".into(), t.no.to_string()),
        ])
    };
    let attribute = |order: i64, code: &str, required: bool, description: &str, list: Value| {
        Value::Record(vec![
            ("variable", Value::Bool(true)),
            ("code", Value::text(code)),
            ("datatype", Value::text("singlevaluelist")),
            ("required", Value::Bool(required)),
            ("datatype_description", Value::Null),
            ("order", Value::Int(order)),
            ("description", Value::text(description)),
            ("values", list),
        ])
    };
    let kinds = TicketKind::ALL
        .iter()
        .map(|k| (k.code().to_string(), locale.kind(*k).to_string()))
        .collect();
    let districts = city
        .districts
        .iter()
        .map(|d| (d.code.clone(), d.name.get(locale).to_string()))
        .collect();
    let streets = city
        .districts
        .iter()
        .flat_map(|d| {
            d.streets.iter().map(move |s| {
                (
                    s.code.clone(),
                    format!("{} · {}", d.name.get(locale), s.name.get(locale)),
                )
            })
        })
        .collect();
    Ok(Value::Record(vec![
        ("service_code", Value::text(code)),
        (
            "attributes",
            Value::list(
                "attribute",
                vec![
                    attribute(1, o::ATTR_KIND, true, t.attr_kind, values(kinds)),
                    attribute(
                        2,
                        o::ATTR_DISTRICT,
                        false,
                        t.attr_district,
                        values(districts),
                    ),
                    attribute(3, o::ATTR_STREET, true, t.attr_street, values(streets)),
                    attribute(
                        4,
                        o::ATTR_CONFIDENTIAL,
                        false,
                        t.attr_confidential,
                        yes_no(),
                    ),
                    attribute(5, o::ATTR_PUBLISH, false, t.attr_publish_consent, yes_no()),
                ],
            ),
        ),
    ]))
}

/// `discovery`: where the API is and in which formats.
pub fn discovery(state: &AppState, locale: Locale) -> Value {
    let t = locale.open311();
    let changeset = Value::text("2026-12-02T00:00:00Z");
    Value::Record(vec![
        ("changeset", changeset.clone()),
        (
            "contact",
            Value::text(format!("{} · {}", t.contact, state.public_url)),
        ),
        ("key_service", Value::text(t.key_service)),
        (
            "endpoints",
            Value::list(
                "endpoint",
                vec![Value::Record(vec![
                    ("specification", Value::text(o::SPECIFICATION)),
                    (
                        "url",
                        Value::text(format!("{}/open311/v2/", state.public_url)),
                    ),
                    ("changeset", changeset),
                    ("type", Value::text("production")),
                    (
                        "formats",
                        Value::list(
                            "format",
                            vec![Value::text("text/xml"), Value::text("application/json")],
                        ),
                    ),
                ])],
            ),
        ),
    ])
}

/// The key a request names, or 403.
pub async fn caller(state: &AppState, key: &str, locale: Locale) -> Result<Caller, Open311Error> {
    api_keys::caller(state, key)
        .await
        .map_err(|e| Open311Error::internal(locale, e))?
        .ok_or_else(|| Open311Error::new(403, locale.open311().no_key))
}

/// `POST requests`: files the request as a case through the web form's intake; answers the
/// token the key's system exchanges for the public id once the case is published, and the
/// ticket number and query code for the citizen.
pub async fn submit(
    state: &AppState,
    caller: &Caller,
    posted: o::PostedRequest,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<Value, Open311Error> {
    let t = locale.open311();
    if state.city.category(&posted.service_code).is_none() {
        return Err(Open311Error::new(
            404,
            t.unknown_service(&posted.service_code),
        ));
    }
    let mut problems = Vec::new();
    if !posted.located {
        problems.push(t.no_location.to_string());
    }
    if posted.half_position {
        problems.push(t.half_position.to_string());
    }
    for (code, value) in &posted.bad_values {
        problems.push(t.unknown_attribute_value(code, value));
    }
    if !problems.is_empty() {
        return Err(Open311Error {
            status: 400,
            descriptions: problems,
        });
    }
    let channel = super::intake::Channel::Partner(caller.name.clone());
    let submitted = super::intake::submit(state, posted.draft, Vec::new(), channel, now)
        .await
        .map_err(|e| match e {
            super::intake::SubmitError::Invalid(errors) => Open311Error {
                status: 400,
                descriptions: o::field_errors(&errors, |e| locale.texts().problem(&e.problem)),
            },
            other => Open311Error::internal(locale, other),
        })?;
    let token = token_of(state, submitted.ticket_no.as_str());
    let track = format!("{}/track", state.public_url);
    Ok(Value::list(
        "request",
        vec![Value::Record(vec![
            ("token", Value::Text(token)),
            (
                "service_notice",
                Value::text(t.filed(
                    submitted.ticket_no.as_str(),
                    submitted.query_code.as_str(),
                    &track,
                )),
            ),
            ("account_id", Value::Null),
        ])],
    ))
}

/// The token a filed request is answered with: its ticket number and a keyed hash of it (the
/// deployment's secret), so that it is checked without storing anything, cannot be made up,
/// and exists the moment the case does.
fn token_of(state: &AppState, ticket_no: &str) -> String {
    use hmac::{Hmac, Mac};
    let mut mac =
        Hmac::<sha2::Sha256>::new_from_slice(state.codes.key()).expect("HMAC takes any key length");
    mac.update(b"open311-token:");
    mac.update(ticket_no.as_bytes());
    format!(
        "{ticket_no}.{}",
        hex::encode(&mac.finalize().into_bytes()[..16])
    )
}

/// `GET tokens/{token}`: the public id of the case once it is on the board, the token alone
/// before.
pub async fn token(state: &AppState, token: &str, locale: Locale) -> Result<Value, Open311Error> {
    let t = locale.open311();
    let found = match token.split_once('.') {
        Some((no, _))
            if no.len() <= 40
                && token_of(state, no)
                    .as_bytes()
                    .ct_eq(token.as_bytes())
                    .into() =>
        {
            board_store::public_id(&state.db, no)
                .await
                .map_err(|e| Open311Error::internal(locale, e))?
        }
        _ => None,
    };
    let Some((id, on_board)) = found else {
        return Err(Open311Error::new(404, t.no_token));
    };
    let mut record = Vec::new();
    if on_board {
        record.push(("service_request_id", Value::Text(id.to_string())));
    }
    record.push(("token", Value::text(token)));
    Ok(Value::list("request", vec![Value::Record(record)]))
}

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
    let rows = board_store::open311(&state.db, &query, o::MAX_RESULTS as i64)
        .await
        .map_err(|e| Open311Error::internal(locale, e))?;
    let items = super::board::items(state, &rows)
        .await
        .map_err(|e| Open311Error::internal(locale, format!("{e:?}")))?;
    let city = &state.city;
    let requests = rows
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
        .collect();
    Ok(Value::list("request", requests))
}

/// `GET requests/{id}`: one board case, or 404 (unknown, not published, confidential alike).
pub async fn request(
    state: &AppState,
    id: &str,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<Value, Open311Error> {
    let t = locale.open311();
    let Ok(n) = id.parse::<i64>() else {
        return Err(Open311Error::new(404, t.not_found));
    };
    let q = RequestsQuery {
        service_request_id: n.to_string(),
        ..Default::default()
    };
    let found = requests(state, &q, locale, now).await?;
    match &found {
        Value::List { items, .. } if !items.is_empty() => Ok(found),
        _ => Err(Open311Error::new(404, t.not_found)),
    }
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
