//! Repeat complaints (重复投诉): linking a new case to earlier ones that it may repeat, the
//! operator's decision, and the count of confirmed repeats per department.
use super::cases::{internal, CaseError};
use super::staff::Staff;
use super::AppState;
use crate::model::position::Position;
use crate::model::repeat::{
    bounds, reasons, CaseFacts, RepeatStatus, MAX_LINKS, NEARBY_METERS, WINDOW_DAYS,
};
use crate::model::workflow::Refusal;
use crate::model::TicketNo;
use crate::storage::cases::{self, CaseRow};
use crate::storage::repeats::{self as store, NewLink, Probe};
use chrono::{DateTime, Utc};

/// Candidates read per new case before the rules pick (newest first).
const CANDIDATES: i64 = 200;

fn position(lat: Option<f64>, lon: Option<f64>) -> Option<Position> {
    Some(Position {
        latitude: lat?,
        longitude: lon?,
    })
}

/// Finds and stores the possible repeats of a case that just arrived. Returns how many.
pub async fn detect(state: &AppState, case: &CaseRow) -> Result<usize, CaseError> {
    let new_position = position(case.latitude, case.longitude);
    let probe = Probe {
        ticket_id: case.id,
        phone: &case.contact_phone,
        category: &case.category,
        district: &case.district,
        street: &case.street,
        bounds: new_position.map(|p| bounds(p, NEARBY_METERS)),
        since: case.created_at - chrono::Duration::days(WINDOW_DAYS),
    };
    let new = CaseFacts {
        phone: &case.contact_phone,
        category: &case.category,
        district: &case.district,
        street: &case.street,
        position: new_position,
        text: &case.description,
    };
    let links: Vec<NewLink> = store::candidates(&state.db, &probe, CANDIDATES)
        .await
        .map_err(internal)?
        .into_iter()
        .filter_map(|c| {
            let earlier = CaseFacts {
                phone: &c.contact_phone,
                category: &c.category,
                district: &c.district,
                street: &c.street,
                position: position(c.latitude, c.longitude),
                text: &c.description,
            };
            let why = reasons(&new, &earlier);
            (!why.is_empty()).then(|| NewLink {
                earlier_id: c.id,
                reasons: why.iter().map(|r| r.code()).collect::<Vec<_>>().join(","),
                department: c.department,
            })
        })
        .take(MAX_LINKS)
        .collect();
    store::insert_links(&state.db, case.id, &links)
        .await
        .map_err(internal)?;
    Ok(links.len())
}

/// Runs detection for a just-submitted case; a failure is logged, never lost data (the case
/// is already stored; the links are a help for the operator).
pub async fn detect_new(state: &AppState, ticket_no: &TicketNo) {
    let result = async {
        let row = cases::by_ticket_no(&state.db, ticket_no.as_str())
            .await
            .map_err(internal)?
            .ok_or(CaseError::NotFound)?;
        detect(state, &row).await
    }
    .await;
    match result {
        Ok(0) => {}
        Ok(n) => tracing::info!(%ticket_no, links = n, "possible repeat complaints"),
        Err(e) => tracing::warn!(%ticket_no, error = %e, "repeat detection failed"),
    }
}

/// The operator (or a supervisor) confirms or dismisses a possible repeat.
pub async fn decide(
    state: &AppState,
    staff: &Staff,
    ticket_no: &TicketNo,
    earlier: &TicketNo,
    decision: RepeatStatus,
    now: DateTime<Utc>,
) -> Result<(), CaseError> {
    if !staff.role.is_hotline() {
        return Err(CaseError::Refused(Refusal::WrongRole));
    }
    if decision == RepeatStatus::Pending {
        return Err(CaseError::Refused(Refusal::NotNow { status: None }));
    }
    // Worked out from the case as read, recorded only if it is still so (an event or another
    // decision on the case meanwhile: read it again, a few times at most).
    for _ in 0..5 {
        let loaded = crate::services::cases::load(state, ticket_no)
            .await?
            .ok_or(CaseError::NotFound)?;
        let id = loaded.row.id;
        // The case's repeat figure moves with the decision, in its transaction.
        let on = store::DecidedOn {
            version: loaded.row.version,
            repeat: store::is_repeat(&state.db, id, None)
                .await
                .map_err(internal)?,
            repeat_otherwise: store::is_repeat(&state.db, id, Some(earlier.as_str()))
                .await
                .map_err(internal)?,
        };
        let after = decision == RepeatStatus::Confirmed || on.repeat_otherwise;
        let change = crate::services::figures::repeat_change(state, &loaded, on.repeat, after);
        let write = change
            .as_ref()
            .map(|(new, cells)| crate::storage::figures::FigureWrite {
                case: &new.case,
                cells,
                deadlines: &new.deadlines,
                repeat: after,
            });
        let decided = store::decide(
            &state.db,
            id,
            &store::Decision {
                earlier_no: earlier.as_str(),
                status: decision.code(),
                by: &staff.username,
                at: now,
            },
            on,
            write.as_ref(),
        )
        .await
        .map_err(internal)?;
        match decided {
            store::Decided::Done => {
                tracing::info!(%ticket_no, %earlier, decision = decision.code(), actor = staff.username, "repeat decided");
                return Ok(());
            }
            store::Decided::NoLink => return Err(CaseError::NotFound),
            store::Decided::Changed => continue,
        }
    }
    Err(CaseError::Changed)
}
