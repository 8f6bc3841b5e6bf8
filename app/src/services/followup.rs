//! The citizen follow-up: rating a released reply (the reporter with the query code),
//! closing replies nobody rated in time, joining an open case ("me too", 附议), the open cases
//! near a report being written, and the summaries of "my cases".
use super::cases::{self, record, Author, CaseError};
use super::lookup::Viewer;
use super::AppState;
use crate::model::city::Name;
use crate::model::position::Position;
use crate::model::public_case::{signature, CaseRef, CaseSummary, Joined, NearbyCase};
use crate::model::redact::{redact_public, Known};
use crate::model::repeat::{bounds, distance_m};
use crate::model::report::clean_text;
use crate::model::visibility::{visible, Audience, Distance, DistanceBand, Text};
use crate::model::workflow::{Event, Rating, Refusal, Status};
use crate::model::{QueryCode, TicketNo};
use crate::storage::cases as case_store;
use crate::storage::followup::{self as store, Area};
use chrono::{DateTime, Utc};

/// Open cases this far away count as "near" a new report.
pub const NEARBY_METERS: f64 = 500.0;
/// … and at most this old.
pub const NEARBY_DAYS: i64 = 60;
/// The list shows this many.
pub const NEARBY_SHOWN: usize = 5;
/// Rating-sweep batch size.
const SWEEP_BATCH: i64 = 200;
/// Characters of a nearby case's request text shown.
const SUMMARY_CHARS: usize = 60;

/// The citizen (reporter) rates the released reply of their case. A supporter's code or a
/// wrong code finds nothing.
pub async fn rate(
    state: &AppState,
    ticket_no: &TicketNo,
    code: &QueryCode,
    rating: Rating,
    comment: &str,
    now: DateTime<Utc>,
) -> Result<Status, CaseError> {
    // A supporter's code follows the case but does not rate it: as if there were no case.
    if !matches!(
        super::lookup::open(state, ticket_no, code).await?,
        Some((_, Viewer::Reporter))
    ) {
        return Err(CaseError::NotFound);
    }
    let loaded = cases::load(state, ticket_no)
        .await?
        .ok_or(CaseError::NotFound)?;
    let event = Event::Rated {
        rating,
        comment: clean_text(comment),
        by_phone: false,
    };
    let version = loaded.row.version;
    let next = record(state, &loaded, version, event, "", Author::CITIZEN, now).await?;
    Ok(next.status.unwrap_or(Status::Submitted))
}

/// Closes, as "not rated", every released reply whose rating window ended by `now`.
/// Returns how many were closed.
pub async fn close_unrated(state: &AppState, now: DateTime<Utc>) -> Result<usize, CaseError> {
    let mut closed = 0;
    loop {
        let due = store::rating_overdue(&state.db, now, SWEEP_BATCH)
            .await
            .map_err(cases::internal)?;
        let batch = due.len();
        let mut progressed = false;
        for no in due {
            let Ok(no) = TicketNo::parse(&no) else {
                continue;
            };
            let Some(loaded) = cases::load(state, &no).await? else {
                continue;
            };
            let version = loaded.row.version;
            match record(
                state,
                &loaded,
                version,
                Event::ClosedUnrated,
                "",
                Author::SYSTEM,
                now,
            )
            .await
            {
                Ok(_) => {
                    closed += 1;
                    progressed = true;
                }
                // Rated (or changed) meanwhile: the next round sees the new state.
                Err(CaseError::Changed) => progressed = true,
                Err(e) => {
                    tracing::warn!(ticket_no = %no, error = %e, "could not close unrated case")
                }
            }
        }
        if (batch as i64) < SWEEP_BATCH || !progressed {
            return Ok(closed);
        }
    }
}

/// A "me too" handle as the nearby list hands it out: 32 lowercase hex digits.
pub fn parse_handle(handle: &str) -> Option<&str> {
    let h = handle.trim();
    (h.len() == 32
        && h.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
    .then_some(h)
}

/// "Me too": the citizen joins an open case, by the handle the nearby list gave, instead of
/// reporting it again, and gets a code of their own to follow it. A case the public may not
/// see cannot be joined, whatever handle is sent.
pub async fn join(state: &AppState, handle: &str, now: DateTime<Utc>) -> Result<Joined, CaseError> {
    let (ticket_no, facts) = case_store::by_join_handle(&state.db, handle)
        .await
        .map_err(cases::internal)?
        .ok_or(CaseError::NotFound)?;
    if !visible(Audience::Public, facts).join_handle {
        return Err(CaseError::NotFound);
    }
    let ticket_no = TicketNo::parse(&ticket_no).map_err(|_| CaseError::NotFound)?;
    let loaded = cases::load(state, &ticket_no)
        .await?
        .ok_or(CaseError::NotFound)?;
    let status = loaded.state.status.unwrap_or(Status::Submitted);
    if status.is_final() {
        // Whoever holds a handle learns only that the case is no longer open, not how it
        // ended (closed, rejected, unresolved).
        return Err(CaseError::Refused(Refusal::NotNow { status: None }));
    }
    let code = super::intake::new_query_code();
    let supporters = store::add_supporter(
        &state.db,
        loaded.row.id,
        &state.codes.hash(&ticket_no, &code),
        now,
    )
    .await
    .map_err(cases::internal)?;
    let steps =
        crate::model::public_case::public_timeline(loaded.history.entries(), Name::same).len();
    tracing::info!(%ticket_no, supporters, "citizen joined a case");
    Ok(Joined {
        ticket_no: ticket_no.to_string(),
        code: code.as_str().to_string(),
        supporters: u32::try_from(supporters).unwrap_or(u32::MAX),
        signature: signature(crate::model::public_case::public_status(status), steps),
    })
}

/// Open cases of `category` near a report being written: within `NEARBY_METERS` of its
/// position, or on its street. The request text shows only for cases whose reporters
/// agreed to publication, redacted.
pub async fn nearby(
    state: &AppState,
    category: &str,
    district: &str,
    street: &str,
    position: Option<Position>,
    now: DateTime<Utc>,
) -> Result<Vec<NearbyCase>, CaseError> {
    let area = Area {
        district,
        street,
        bounds: position.map(|p| bounds(p, NEARBY_METERS)),
    };
    let since = now - chrono::Duration::days(NEARBY_DAYS);
    let rows = store::open_cases_near(&state.db, category, &area, since, 50)
        .await
        .map_err(cases::internal)?;
    let city = &state.city;
    let mut found: Vec<(NearbyCase, f64)> = rows
        .into_iter()
        .filter_map(|r| {
            let distance = match (position, r.latitude, r.longitude) {
                (Some(p), Some(latitude), Some(longitude)) => Some(distance_m(
                    p,
                    Position {
                        latitude,
                        longitude,
                    },
                )),
                _ => None,
            };
            let same_street = r.district == district && r.street == street;
            if !same_street && distance.is_none_or(|d| d > NEARBY_METERS) {
                return None;
            }
            let seen = visible(Audience::Public, r.facts);
            if !seen.case {
                return None;
            }
            // The public reads a case's own words only as the board publishes them; before
            // that, a redacted opening with the reporter's name and number masked.
            let summary = match seen.request {
                Text::Hidden => String::new(),
                _ => redact_public(
                    &r.description,
                    &Known {
                        names: &[r.contact_name.as_str()],
                        numbers: &[r.contact_phone.as_str()],
                    },
                )
                .chars()
                .take(SUMMARY_CHARS)
                .collect(),
            };
            Some((
                NearbyCase {
                    category: city.category_name(&r.category),
                    street: city.street_name(&r.district, &r.street),
                    summary,
                    submitted_at: r.created_at,
                    status: crate::model::public_case::public_status(
                        Status::from_code(&r.status).unwrap_or(Status::Submitted),
                    ),
                    supporters: u32::try_from(r.supporters).unwrap_or(0),
                    distance: distance
                        .filter(|_| seen.distance == Distance::Band)
                        .map(DistanceBand::of),
                    handle: r.join_handle,
                },
                distance.unwrap_or(f64::MAX),
            ))
        })
        .collect();
    // Nearest first (by the exact distance, which never leaves the server).
    found.sort_by(|a, b| a.1.total_cmp(&b.1));
    Ok(found
        .into_iter()
        .take(NEARBY_SHOWN)
        .map(|(case, _)| case)
        .collect())
}

/// The current state of a case the browser keeps, `None` where the number and code do not
/// match (the same answer as a lookup).
pub async fn summary(
    state: &AppState,
    no: &TicketNo,
    code: &QueryCode,
) -> Result<Option<CaseSummary>, CaseError> {
    let case = super::lookup::find(state, no, code).await?;
    Ok(case.map(|c| CaseSummary {
        signature: c.signature(),
        ticket_no: c.ticket_no,
        status: c.status,
        category: c.category,
    }))
}

/// Parses the browser's kept cases, skipping malformed entries.
pub fn parse_refs(refs: &[CaseRef]) -> Vec<Option<(TicketNo, QueryCode)>> {
    refs.iter()
        .map(|r| {
            Some((
                TicketNo::parse(&r.ticket_no).ok()?,
                QueryCode::parse(&r.code).ok()?,
            ))
        })
        .collect()
}
