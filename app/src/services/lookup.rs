//! Public lookup by ticket number and query code (the reporter's, or a supporter's from
//! "me too"). An unknown ticket and a wrong code give the same answer, in about the same time.
use super::cases::History;
use super::AppState;
use crate::model::case::{photo_url, public_status, public_timeline, PublicCase, PublicPhoto};
use crate::model::city::Name;
use crate::model::{QueryCode, Status, TicketKind, TicketNo};
use crate::storage::{followup, tickets};

pub async fn find(
    state: &AppState,
    ticket_no: &TicketNo,
    code: &QueryCode,
) -> Result<Option<PublicCase>, sqlx::Error> {
    let Some(ticket) = tickets::find_public(&state.db, ticket_no).await? else {
        // Spend the same hashing work as a real check.
        let _ = state.codes.hash(ticket_no, code);
        return Ok(None);
    };
    let reporter = state.codes.verify(ticket_no, code, &ticket.code_hash);
    if !reporter
        && !followup::is_supporter(&state.db, ticket.id, &state.codes.hash(ticket_no, code)).await?
    {
        return Ok(None);
    }
    let history = History::read(state, ticket.id)
        .await
        .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    let photos = tickets::photos(&state.db, ticket.id).await?;
    let folded = history
        .fold(&super::cases::rules(state, &ticket.category))
        .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    let status = folded
        .status
        .map(public_status)
        .unwrap_or(Status::Submitted);
    let city = &state.city;
    let name_or_code =
        |name: Option<&Name>, code: &str| name.cloned().unwrap_or_else(|| Name::same(code));
    Ok(Some(PublicCase {
        ticket_no: ticket.ticket_no,
        status,
        kind: TicketKind::from_code(&ticket.kind).unwrap_or(TicketKind::Complaint),
        category: name_or_code(
            city.category(&ticket.category).map(|(_, c)| &c.name),
            &ticket.category,
        ),
        district: name_or_code(
            city.district(&ticket.district).map(|d| &d.name),
            &ticket.district,
        ),
        submitted_at: ticket.created_at,
        timeline: public_timeline(history.entries(), |code| {
            name_or_code(city.department(code).map(|d| &d.name), code)
        }),
        photos: photos
            .iter()
            .map(|p| PublicPhoto {
                thumb_url: photo_url(&p.thumb_key),
                display_url: photo_url(&p.display_key),
            })
            .collect(),
        supporters: u32::try_from(ticket.supporters).unwrap_or(0),
        level: folded.level,
        can_rate: reporter && status.awaits_rating(),
        rating_due: folded.rating_due,
    }))
}
