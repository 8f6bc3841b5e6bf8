//! Public lookup by ticket number and query code (the reporter's, or a supporter's from
//! "me too"). An unknown ticket and a wrong code give the same answer, in about the same time.
use super::cases::{internal, rules, CaseError, History};
use super::AppState;
use crate::model::case::{public_status, public_timeline, PublicCase};
use crate::model::{QueryCode, Status, TicketKind, TicketNo};
use crate::storage::{followup, tickets};

pub async fn find(
    state: &AppState,
    ticket_no: &TicketNo,
    code: &QueryCode,
) -> Result<Option<PublicCase>, CaseError> {
    let Some(ticket) = tickets::find_public(&state.db, ticket_no)
        .await
        .map_err(internal)?
    else {
        // Spend the same hashing work as a real check.
        let _ = state.codes.hash(ticket_no, code);
        return Ok(None);
    };
    let reporter = state.codes.verify(ticket_no, code, &ticket.code_hash);
    if !reporter
        && !followup::is_supporter(&state.db, ticket.id, &state.codes.hash(ticket_no, code))
            .await
            .map_err(internal)?
    {
        return Ok(None);
    }
    let history = History::read(state, ticket.id).await?;
    let folded = history.fold(&rules(state, &ticket.category))?;
    let status = folded
        .status
        .map(public_status)
        .unwrap_or(Status::Submitted);
    let city = &state.city;
    Ok(Some(PublicCase {
        ticket_no: ticket.ticket_no,
        status,
        kind: TicketKind::from_code(&ticket.kind).unwrap_or(TicketKind::Complaint),
        category: city.category_name(&ticket.category),
        district: city.district_name(&ticket.district),
        submitted_at: ticket.created_at,
        timeline: public_timeline(history.entries(), |code| city.department_name(code)),
        photos: super::public_photos(state, ticket.id).await?,
        supporters: u32::try_from(ticket.supporters).unwrap_or(0),
        level: folded.level,
        can_rate: reporter && status.awaits_rating(),
        rating_due: folded.rating_due,
    }))
}
