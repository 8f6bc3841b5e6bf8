//! The public board (公开件) and staff edits of what it shows. The text shown is staff's
//! edited version, or else the original redacted (`model::redact`): the reporter's name, phone
//! numbers, ID numbers and house numbers never reach it.
use super::cases::{internal, load, rules, CaseError, History};
use super::staff::Staff;
use super::AppState;
use crate::model::board::{BoardFilter, BoardItem, BoardPage, BOARD_PAGE_SIZE};
use crate::model::calendar::end_of_day;
use crate::model::redact::{redact_public, Known};
use crate::model::report::clean_text;
use crate::model::workflow::Refusal;
use crate::model::TicketNo;
use crate::storage::board::{self as store, Filter, Publication};
use crate::storage::cases as case_store;
use chrono::{DateTime, Utc};

/// Longest published request or reply text.
pub const PUBLISHED_MAX_CHARS: usize = 3000;

/// What the board shows of a case by default: the texts redacted.
pub fn default_texts(
    description: &str,
    reply: &str,
    reporter: &str,
    phone: &str,
) -> (String, String) {
    let known = Known {
        names: &[reporter],
        numbers: &[phone],
    };
    (
        redact_public(description, &known),
        redact_public(reply, &known),
    )
}

pub async fn page(
    state: &AppState,
    filter: &BoardFilter,
    page: u32,
) -> Result<BoardPage, CaseError> {
    // Months in Beijing time: from the end of the day before the first to the end of the last.
    let month_start = |m: crate::model::board::Month| {
        end_of_day(m.first_day().pred_opt().unwrap_or(m.first_day()))
    };
    let from = filter.month.map(month_start);
    let until = filter.month.map(|m| month_start(m.next()));
    let f = Filter {
        category: filter.category.as_deref(),
        district: filter.district.as_deref(),
        from,
        until,
    };
    let limit = i64::from(BOARD_PAGE_SIZE);
    let rows = store::page(&state.db, &f, limit + 1, i64::from(page) * limit)
        .await
        .map_err(internal)?;
    let total = store::count(&state.db, &f).await.map_err(internal)?;
    let has_more = rows.len() as i64 > limit;
    let city = &state.city;
    let rows: Vec<_> = rows.into_iter().take(BOARD_PAGE_SIZE as usize).collect();
    let items = items(state, &rows).await?;
    let mut categories = Vec::new();
    for g in &city.categories {
        categories.push((g.code.clone(), g.name.clone()));
        for c in &g.children {
            categories.push((c.code.clone(), c.name.clone()));
        }
    }
    Ok(BoardPage {
        items,
        total,
        page,
        has_more,
        categories,
        districts: city
            .districts
            .iter()
            .map(|d| (d.code.clone(), d.name.clone()))
            .collect(),
    })
}

/// The board's view of its rows: staff's texts or the redacted originals, the names, the
/// published photos.
pub async fn items(
    state: &AppState,
    rows: &[crate::storage::board::BoardRow],
) -> Result<Vec<BoardItem>, CaseError> {
    use std::collections::HashMap;
    let city = &state.city;
    // Two reads for all the rows: the events of those staff did not edit, every photo.
    let unedited: Vec<i64> = rows
        .iter()
        .filter(|r| r.edited.is_none())
        .map(|r| r.id)
        .collect();
    let mut events: HashMap<i64, Vec<crate::storage::cases::EventRecord>> = HashMap::new();
    for e in crate::storage::cases::events_of(&state.db, &unedited)
        .await
        .map_err(internal)?
    {
        events.entry(e.ticket_id).or_default().push(e.record);
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut photos: HashMap<i64, Vec<crate::storage::case_photos::PhotoRow>> = HashMap::new();
    for p in crate::storage::case_photos::photos_of(&state.db, &ids)
        .await
        .map_err(internal)?
    {
        photos.entry(p.ticket_id).or_default().push(p.photo);
    }
    let mut items = Vec::with_capacity(rows.len());
    for r in rows {
        let (request, reply) = match r.edited.clone() {
            Some(texts) => texts,
            None => {
                let history = History::of(events.remove(&r.id).unwrap_or_default())?;
                let reply = history.fold(&rules(state, &r.category))?.reply;
                default_texts(
                    &r.description,
                    reply.as_ref().map_or("", |r| r.text.as_str()),
                    &r.contact_name,
                    &r.contact_phone,
                )
            }
        };
        items.push(BoardItem {
            id: r.id,
            photos: super::photo_access::photo_links(
                state,
                photos.get(&r.id).map_or(&[], Vec::as_slice),
                super::photo_access::Link::Plain,
            ),
            category: city.category_name(&r.category),
            district: city.district_name(&r.district),
            street: city.street_name(&r.district, &r.street),
            request,
            reply,
            submitted_at: r.created_at,
            replied_at: r.replied_at,
            supporters: u32::try_from(r.supporters).unwrap_or(0),
        });
    }
    Ok(items)
}

/// The reply text the board shows of a case (staff's edit, or the redacted original), for a
/// supporter of a board case.
pub async fn published_reply(
    state: &AppState,
    ticket_no: &str,
    reply: Option<&crate::model::workflow::Reply>,
) -> Result<String, CaseError> {
    let row = case_store::by_ticket_no(&state.db, ticket_no)
        .await
        .map_err(internal)?
        .ok_or(CaseError::NotFound)?;
    let reply = reply.map(|r| r.text.as_str());
    Ok(publication_view(state, &row, reply, row.publish_consent)
        .await?
        .reply)
}

/// What the console shows of a case's publication.
pub async fn publication_view(
    state: &AppState,
    row: &case_store::CaseRow,
    reply: Option<&str>,
    consent: bool,
) -> Result<crate::model::console::PublicationView, CaseError> {
    let eligible = consent && !row.confidential;
    let stored = store::publication(&state.db, row.id)
        .await
        .map_err(internal)?;
    let (request, reply) = match &stored {
        Some(p) => (p.request_text.clone(), p.reply_text.clone()),
        None => default_texts(
            &row.description,
            reply.unwrap_or(""),
            &row.contact_name,
            &row.contact_phone,
        ),
    };
    Ok(crate::model::console::PublicationView {
        eligible,
        request,
        reply,
        hidden: stored.as_ref().is_some_and(|p| p.hidden),
        edited_by: stored.map(|p| p.edited_by),
    })
}

/// An operator or supervisor edits what the board shows of a case (or withdraws it).
pub async fn save(
    state: &AppState,
    staff: &Staff,
    ticket_no: &TicketNo,
    request: &str,
    reply: &str,
    hidden: bool,
    now: DateTime<Utc>,
) -> Result<(), CaseError> {
    if !staff.role.is_hotline() {
        return Err(CaseError::Refused(Refusal::WrongRole));
    }
    let loaded = load(state, ticket_no).await?.ok_or(CaseError::NotFound)?;
    let (request, reply) = (clean_text(request), clean_text(reply));
    if request.chars().count() > PUBLISHED_MAX_CHARS || reply.chars().count() > PUBLISHED_MAX_CHARS
    {
        return Err(CaseError::Refused(Refusal::NoteTooLong {
            max: PUBLISHED_MAX_CHARS,
        }));
    }
    if request.is_empty() && !hidden {
        return Err(CaseError::Refused(Refusal::NoteRequired));
    }
    store::save_publication(
        &state.db,
        loaded.row.id,
        &Publication {
            request_text: request,
            reply_text: reply,
            hidden,
            edited_by: staff.username.clone(),
            edited_at: now,
        },
    )
    .await
    .map_err(internal)?;
    tracing::info!(%ticket_no, actor = staff.username, hidden, "public text edited");
    Ok(())
}
