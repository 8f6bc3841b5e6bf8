//! Public lookup by ticket number and query code (the reporter's, or a supporter's from
//! "me too"). An unknown ticket and a wrong code give the same answer, in about the same time.
use super::cases::{internal, rules, CaseError, History};
use super::photo_access::Link;
use super::AppState;
use crate::model::public_case::{public_status, public_timeline, without_texts, PublicCase};
use crate::model::visibility::{visible, Audience, Text};
use crate::model::{QueryCode, Status, TicketKind, TicketNo};
use crate::storage::{followup, lookup};

/// Who holds a code for a case: the reporter, or a citizen who joined it ("me too").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Viewer {
    Reporter,
    Supporter,
}

/// The case and who `code` makes the viewer, or `None` for an unknown number or a wrong code
/// (the same answer, after the same hashing work).
pub async fn open(
    state: &AppState,
    ticket_no: &TicketNo,
    code: &QueryCode,
) -> Result<Option<(lookup::PublicCaseRow, Viewer)>, CaseError> {
    let Some(ticket) = lookup::find_public(&state.db, ticket_no)
        .await
        .map_err(internal)?
    else {
        let _ = state.codes.hash(ticket_no, code);
        return Ok(None);
    };
    Ok(viewer(state, ticket_no, code, &ticket)
        .await?
        .map(|viewer| (ticket, viewer)))
}

/// Who `code` makes the viewer of `ticket`, if anyone.
async fn viewer(
    state: &AppState,
    ticket_no: &TicketNo,
    code: &QueryCode,
    ticket: &lookup::PublicCaseRow,
) -> Result<Option<Viewer>, CaseError> {
    if state.codes.verify(ticket_no, code, &ticket.code_hash) {
        return Ok(Some(Viewer::Reporter));
    }
    let supporter =
        followup::is_supporter(&state.db, ticket.id, &state.codes.hash(ticket_no, code))
            .await
            .map_err(internal)?;
    Ok(supporter.then_some(Viewer::Supporter))
}

/// The case as the holder of `code` may see it. Reads the case, its events and its photos
/// in one query (`storage::lookup`).
pub async fn find(
    state: &AppState,
    ticket_no: &TicketNo,
    code: &QueryCode,
) -> Result<Option<PublicCase>, CaseError> {
    let Some(record) = lookup::find_public_case(&state.db, ticket_no)
        .await
        .map_err(internal)?
    else {
        let _ = state.codes.hash(ticket_no, code);
        return Ok(None);
    };
    let Some(viewer) = viewer(state, ticket_no, code, &record.row).await? else {
        return Ok(None);
    };
    let ticket = record.row;
    let audience = match viewer {
        Viewer::Reporter => Audience::Reporter,
        Viewer::Supporter => Audience::Supporter,
    };
    let seen = visible(audience, ticket.facts);
    let history = History::of(record.events)?;
    let folded = history.fold(&rules(state, &ticket.category))?;
    let city = &state.city;
    let mut timeline = public_timeline(history.entries(), |code| city.department_name(code));
    match seen.reply {
        Text::Full => {}
        Text::Published => {
            let published =
                super::board::published_reply(state, &ticket.ticket_no, folded.reply.as_ref())
                    .await?;
            without_texts(&mut timeline, Some(&published));
        }
        Text::Hidden | Text::IdentityMasked => without_texts(&mut timeline, None),
    }
    let photos = match seen.photos {
        Some(cache) => {
            super::photo_access::photo_links(state, &record.photos, Link::for_cache(cache))
        }
        None => Vec::new(),
    };
    let status = folded
        .status
        .map(public_status)
        .unwrap_or(Status::Submitted);
    Ok(Some(PublicCase {
        ticket_no: ticket.ticket_no,
        status,
        kind: TicketKind::from_code(&ticket.kind).unwrap_or(TicketKind::Complaint),
        category: city.category_name(&ticket.category),
        district: city.district_name(&ticket.district),
        submitted_at: ticket.created_at,
        timeline,
        photos,
        supporters: u32::try_from(ticket.supporters).unwrap_or(0),
        level: folded.level,
        can_rate: viewer == Viewer::Reporter && status.awaits_rating(),
        rating_due: folded.rating_due,
    }))
}
