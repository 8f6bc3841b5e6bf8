//! The case as a staff member may see it: the reporter by the confidentiality rules (every
//! showing logged), deadlines, history, and the actions the viewer may take.
use super::cases::{due, internal, load, may_view, me, CaseError, History, Loaded};
use super::staff::Staff;
use super::AppState;
use crate::i18n::Locale;
use crate::model::console::{CaseDetail, Contact, ContactViewItem, HistoryItem, RepeatItem};
use crate::model::redact::{mask_identity, Known};
use crate::model::repeat::{RepeatReason, RepeatStatus};
use crate::model::staff::Role;
use crate::model::visibility::{visible, Audience, CaseFacts, Contact as VisibleContact, Text};
use crate::model::workflow::{available_actions, Event, Refusal, Status};
use crate::model::{TicketKind, TicketNo};
use crate::storage::repeats as repeat_store;
use crate::storage::staff as staff_store;
use chrono::{DateTime, Utc};

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
        history,
        state: case,
    } = loaded;
    let department_role = staff.role.has_department();
    // What this viewer may see of the case: the one rule (`model::visibility`).
    let audience = if department_role {
        Audience::Department
    } else {
        Audience::Hotline
    };
    let seen = visible(
        audience,
        CaseFacts {
            confidential: row.confidential,
            publish_consent: row.publish_consent,
            on_board: false,
        },
    );
    let masked = seen.request == Text::IdentityMasked;
    let contact = if seen.contact == VisibleContact::Never {
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
    let photos =
        super::photo_access::case_photos(state, row.id, super::photo_access::Link::Plain).await?;
    let (repeats, publication) = if staff.role.is_hotline() {
        let repeats = repeat_store::links_of(&state.db, row.id)
            .await
            .map_err(internal)?
            .into_iter()
            .map(|l| RepeatItem {
                earlier_no: l.earlier_no,
                summary: l.earlier_summary,
                created_at: l.earlier_created_at,
                reasons: l
                    .reasons
                    .split(',')
                    .filter_map(RepeatReason::from_code)
                    .collect(),
                department_label: l
                    .department
                    .as_deref()
                    .map(|d| state.city.department_label(d, locale)),
                status: RepeatStatus::from_code(&l.status).unwrap_or(RepeatStatus::Pending),
                decided_by: l.decided_by,
            })
            .collect();
        let publication = match &case.reply {
            Some(reply) => Some(
                super::board::publication_view(state, &row, Some(&reply.text), row.publish_consent)
                    .await?,
            ),
            None => None,
        };
        (repeats, publication)
    } else {
        (Vec::new(), None)
    };
    // A confidential reporter's name and numbers never reach the department, also not
    // inside the texts the citizen wrote (the request, rating comments).
    let citizen_text = |text: &str| -> String {
        if masked {
            mask_identity(
                text,
                &Known {
                    names: &[row.contact_name.as_str()],
                    numbers: &[row.contact_phone.as_str()],
                },
            )
        } else {
            text.to_string()
        }
    };
    let History { records, events } = history;
    let history = events
        .into_iter()
        .zip(records)
        .map(|(mut event, r)| {
            if let Event::Rated { comment, .. } = &mut event {
                *comment = citizen_text(comment);
            }
            HistoryItem {
                kind: event.kind(),
                event,
                at: r.at,
                actor: r.actor,
                role: r.role.as_deref().and_then(Role::from_code),
                note: r.note,
                public: r.public,
            }
        })
        .collect();
    let notices = super::notices::of_case(state, row.id, locale, now)
        .await
        .map_err(internal)?;
    // The messages, with the masked mobile only for those who may see the reporter.
    let mut messages = super::progress::of_case(state, row.id)
        .await
        .map_err(internal)?;
    if seen.contact == VisibleContact::Never {
        for m in &mut messages {
            m.mobile.clear();
        }
    }
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
        description: citizen_text(&row.description),
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
        level: case.level,
        rating: case.rating,
        rated_by_phone: case.rated_by_phone,
        closed_unrated: case.closed_unrated,
        rating_due: case.rating_due,
        supporters: u32::try_from(row.supporters).unwrap_or(0),
        repeats,
        publication,
        notices,
        messages,
    })
}
