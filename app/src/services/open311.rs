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
use crate::storage::board as board_store;
use chrono::{DateTime, Utc};
use subtle::ConstantTimeEq;

mod requests;
pub use requests::{request, requests, RequestsQuery};

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
    let submitted = super::intake::submit(state, posted.draft, Vec::new(), channel, now, None)
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
    let mac = state.codes.keyed(&["open311-token", ticket_no]);
    format!("{ticket_no}.{}", &mac[..32])
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
