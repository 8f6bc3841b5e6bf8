//! The staff side of cases: queues, the case detail (with the contact-details rules), and the
//! workflow actions, each checked by the model's state machine and role rules.
use super::staff::Staff;
use super::AppState;
use crate::i18n::Locale;
use crate::model::case::{photo_url, PublicPhoto};
use crate::model::console::{
    CaseDetail, Contact, ContactViewItem, Due, HistoryItem, Me, QueueItem, QueuePage,
};
use crate::model::queue::Queue;
use crate::model::staff::Role;
use crate::model::workflow::{
    authorize, available_actions, CaseState, Event, Refusal, RejectReason, Rules, Status,
};
use crate::model::{TicketKind, TicketNo};
use crate::storage::cases::{self, AppendError, CaseRow, EventRecord, Projection};
use crate::storage::{staff as staff_store, tickets};
use chrono::{DateTime, Utc};

/// Queue pages hold this many cases.
pub const PAGE_SIZE: i64 = 50;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum CaseError {
    #[error("no such case")]
    NotFound,
    #[error("refused: {0}")]
    Refused(Refusal),
    #[error("the case changed meanwhile")]
    Changed,
    #[error("internal error: {0}")]
    Internal(String),
}

fn internal(e: impl std::fmt::Display) -> CaseError {
    CaseError::Internal(e.to_string())
}

pub fn me(state: &AppState, staff: &Staff, locale: Locale) -> Me {
    Me {
        username: staff.username.clone(),
        display_name: staff.display_name.clone(),
        role: staff.role,
        department: staff.department.clone(),
        department_label: staff
            .department
            .as_deref()
            .map(|d| state.city.department_label(d, locale)),
    }
}

fn due(state: &AppState, at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Option<Due> {
    at.map(|at| Due {
        at,
        working_days_left: state.calendar.working_days_left(now, at),
        overdue: now >= at,
    })
}

/// A case loaded with its events and folded state.
pub struct Loaded {
    pub row: CaseRow,
    pub records: Vec<EventRecord>,
    pub events: Vec<Event>,
    pub state: CaseState,
}

pub async fn load(state: &AppState, ticket_no: &TicketNo) -> Result<Option<Loaded>, CaseError> {
    let Some(row) = cases::by_ticket_no(&state.db, ticket_no.as_str())
        .await
        .map_err(internal)?
    else {
        return Ok(None);
    };
    let records = cases::events(&state.db, row.id).await.map_err(internal)?;
    let events = records
        .iter()
        .map(|r| serde_json::from_str::<Event>(&r.data))
        .collect::<Result<Vec<_>, _>>()
        .map_err(internal)?;
    let rules = rules(state, &row.category);
    let folded = CaseState::from_events(
        events
            .iter()
            .zip(&records)
            .map(|(e, r)| (e, r.note.as_str(), r.at)),
        &rules,
    )
    .map_err(|e| internal(format!("stored history of {ticket_no} does not fold: {e}")))?;
    Ok(Some(Loaded {
        row,
        records,
        events,
        state: folded,
    }))
}

pub fn rules<'a>(state: &'a AppState, category: &'a str) -> Rules<'a> {
    Rules {
        calendar: &state.calendar,
        limits: state.deadlines,
        category,
    }
}

/// Whether a staff member may open the case: hotline roles see every case, department roles
/// only the cases their department holds now.
fn may_view(staff: &Staff, case: &CaseState) -> bool {
    match staff.role {
        Role::Operator | Role::Supervisor => true,
        Role::Handler | Role::Head => {
            staff.department.is_some() && case.department == staff.department
        }
        Role::Admin => false,
    }
}

pub fn projection(case: &CaseState) -> Projection {
    let status = case.status.unwrap_or(Status::Submitted);
    Projection {
        status: status.code(),
        department: case.department.clone(),
        reply_due: case.reply_due,
        hand_back_due: case.hand_back_due,
        clock_runs: status.reply_clock_runs(),
        handed_back: case.handed_back,
        extension_pending: case.pending_extension.is_some(),
        supervised: case.supervision.is_some(),
        supervision_due: case.supervision.as_ref().map(|s| s.due),
    }
}

/// Records `event` on the case as `staff` did it. `version` is the number of events the
/// actor saw: if anyone acted since, nothing is recorded and the actor reloads.
pub async fn act(
    state: &AppState,
    staff: &Staff,
    ticket_no: &TicketNo,
    version: i64,
    event: Event,
    note: &str,
    now: DateTime<Utc>,
) -> Result<Status, CaseError> {
    let loaded = load(state, ticket_no).await?.ok_or(CaseError::NotFound)?;
    if staff.role.has_department() && !may_view(staff, &loaded.state) {
        // A department sees nothing of other departments' cases, not even that they exist.
        return Err(CaseError::NotFound);
    }
    authorize(&staff.actor(), &loaded.state, event.kind()).map_err(CaseError::Refused)?;
    if loaded.row.version != version {
        return Err(CaseError::Changed);
    }
    match &event {
        Event::Dispatched { department } | Event::Reassigned { department }
            if state.city.department(department).is_none() =>
        {
            return Err(CaseError::Refused(Refusal::UnknownDepartment));
        }
        Event::Rejected {
            reason: RejectReason::Duplicate { of },
        } => {
            let target =
                TicketNo::parse(of).map_err(|_| CaseError::Refused(Refusal::DuplicateTarget))?;
            let exists = cases::by_ticket_no(&state.db, target.as_str())
                .await
                .map_err(internal)?
                .is_some();
            if !exists || target == *ticket_no {
                return Err(CaseError::Refused(Refusal::DuplicateTarget));
            }
        }
        _ => {}
    }
    let note = note.trim();
    let next = loaded
        .state
        .apply(&event, note, now, &rules(state, &loaded.row.category))
        .map_err(CaseError::Refused)?;
    let kind = event.kind();
    let record = EventRecord {
        kind: kind.code().to_string(),
        data: serde_json::to_string(&event).map_err(internal)?,
        actor: staff.username.clone(),
        role: Some(staff.role.code().to_string()),
        public: kind.is_public(),
        note: note.to_string(),
        at: now,
    };
    match cases::append(
        &state.db,
        loaded.row.id,
        version,
        &record,
        &projection(&next),
    )
    .await
    {
        Ok(()) => {}
        Err(AppendError::Conflict) => return Err(CaseError::Changed),
        Err(AppendError::Db(e)) => return Err(internal(e)),
    }
    tracing::info!(ticket_no = %ticket_no, event = kind.code(), actor = staff.username, "case event");
    Ok(next.status.unwrap_or(Status::Submitted))
}

/// A queue page for the viewer (the first of their queues unless `queue` names another).
pub async fn queue_page(
    state: &AppState,
    staff: &Staff,
    queue: Option<Queue>,
    page: u32,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<QueuePage, CaseError> {
    let mine = Queue::for_role(staff.role);
    let queue = match queue {
        Some(q) if mine.contains(&q) => Some(q),
        Some(_) => return Err(CaseError::Refused(Refusal::WrongRole)),
        None => mine.first().copied(),
    };
    let department = staff.department.as_deref();
    let mut tabs = Vec::with_capacity(mine.len());
    for q in mine {
        let n = cases::queue_count(&state.db, *q, department, now)
            .await
            .map_err(internal)?;
        tabs.push((*q, n));
    }
    let (items, has_more) = match queue {
        Some(q) => {
            let rows = cases::queue(
                &state.db,
                q,
                department,
                now,
                PAGE_SIZE + 1,
                i64::from(page) * PAGE_SIZE,
            )
            .await
            .map_err(internal)?;
            let has_more = rows.len() as i64 > PAGE_SIZE;
            let items = rows
                .into_iter()
                .take(PAGE_SIZE as usize)
                .map(|r| QueueItem {
                    kind: TicketKind::from_code(&r.kind).unwrap_or(TicketKind::Complaint),
                    category: state.city.category_label(&r.category, locale),
                    district: state.city.district_label(&r.district, locale),
                    summary: r.summary,
                    status: Status::from_code(&r.status).unwrap_or(Status::Submitted),
                    department: r
                        .department
                        .as_deref()
                        .map(|d| state.city.department_label(d, locale)),
                    created_at: r.created_at,
                    reply_due: due(state, r.reply_due, now),
                    handed_back: r.handed_back,
                    extension_pending: r.extension_pending,
                    supervised: r.supervised,
                    supervision_due: r.supervision_due,
                    ticket_no: r.ticket_no,
                })
                .collect();
            (items, has_more)
        }
        None => (Vec::new(), false),
    };
    Ok(QueuePage {
        me: me(state, staff, locale),
        tabs,
        queue,
        items,
        page,
        has_more,
    })
}

/// The case as this viewer may see it. With `reveal_contact`, the reporter's name and phone
/// are shown (where allowed) and the view is logged.
pub async fn detail(
    state: &AppState,
    staff: &Staff,
    ticket_no: &TicketNo,
    reveal_contact: bool,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<CaseDetail, CaseError> {
    let loaded = load(state, ticket_no).await?.ok_or(CaseError::NotFound)?;
    if !may_view(staff, &loaded.state) {
        return Err(if staff.role == Role::Admin {
            CaseError::Refused(Refusal::WrongRole)
        } else {
            CaseError::NotFound
        });
    }
    let Loaded {
        row,
        records,
        events,
        state: case,
    } = loaded;
    let department_role = staff.role.has_department();
    let contact = if row.confidential && department_role {
        Contact::Confidential
    } else if reveal_contact {
        staff_store::log_contact_view(&state.db, row.id, staff.id, now)
            .await
            .map_err(internal)?;
        tracing::info!(ticket_no = %ticket_no, viewer = staff.username, "contact details viewed");
        Contact::Shown {
            name: row.contact_name.clone(),
            phone: row.contact_phone.clone(),
        }
    } else {
        Contact::OnRequest
    };
    let contact_views = if department_role {
        Vec::new()
    } else {
        staff_store::contact_views(&state.db, row.id)
            .await
            .map_err(internal)?
            .into_iter()
            .map(|v| ContactViewItem {
                who: format!("{} ({})", v.display_name, v.username),
                role: Role::from_code(&v.role),
                at: v.at,
            })
            .collect()
    };
    let photos = tickets::photos(&state.db, row.id)
        .await
        .map_err(internal)?
        .iter()
        .map(|p| PublicPhoto {
            thumb_url: photo_url(&p.thumb_key),
            display_url: photo_url(&p.display_key),
        })
        .collect();
    let history = events
        .into_iter()
        .zip(records)
        .map(|(event, r)| HistoryItem {
            kind: event.kind(),
            event,
            at: r.at,
            actor: r.actor,
            role: r.role.as_deref().and_then(Role::from_code),
            note: r.note,
            public: r.public,
        })
        .collect();
    let city = &state.city;
    Ok(CaseDetail {
        me: me(state, staff, locale),
        ticket_no: row.ticket_no.clone(),
        version: row.version,
        kind: TicketKind::from_code(&row.kind).unwrap_or(TicketKind::Complaint),
        category: city.category_label(&row.category, locale),
        category_code: row.category.clone(),
        district: city.district_label(&row.district, locale),
        street: city
            .street(&row.district, &row.street)
            .map(|s| s.name.get(locale).to_string())
            .unwrap_or_else(|| row.street.clone()),
        address: row.address.clone(),
        position: row.latitude.zip(row.longitude),
        description: row.description.clone(),
        channel: row.channel.clone(),
        created_at: row.created_at,
        confidential: row.confidential,
        contact,
        contact_views,
        status: case.status.unwrap_or(Status::Submitted),
        department_label: case
            .department
            .as_deref()
            .map(|d| city.department_label(d, locale)),
        department: case.department.clone(),
        reply_due: due(
            state,
            case.reply_due
                .filter(|_| case.status.is_some_and(Status::reply_clock_runs)),
            now,
        ),
        hand_back_due: due(
            state,
            // Shown while a hand-back is still possible; once the window has passed the
            // case can only be re-assigned by the hotline.
            case.hand_back_due.filter(|due| {
                matches!(case.status, Some(Status::Dispatched | Status::Handling)) && now < *due
            }),
            now,
        ),
        hand_backs: case.hand_backs,
        pending_extension: case.pending_extension,
        extended_until: case.extended_until,
        draft: case.draft.clone(),
        reply: case.reply.clone(),
        supervision: case.supervision.clone(),
        rejection: case.rejection.clone(),
        history,
        photos,
        actions: available_actions(&staff.actor(), &case),
        suggested_department: city
            .suggest_department(&row.category, &row.district)
            .map(|d| d.code.clone()),
        departments: city
            .departments
            .iter()
            .map(|d| (d.code.clone(), d.name.get(locale).to_string()))
            .collect(),
        templates: city
            .templates_for(&row.category)
            .into_iter()
            .map(|t| (t.title.get(locale).to_string(), t.text.clone()))
            .collect(),
    })
}
