//! The staff work queues: a page of one queue and the counts of all the viewer's queues.
use super::cases::{due, internal, me, CaseError};
use super::staff::Staff;
use super::AppState;
use crate::i18n::Locale;
use crate::model::console::{QueueItem, QueuePage};
use crate::model::queue::Queue;
use crate::model::workflow::{Refusal, Status};
use crate::model::TicketKind;
use crate::storage::queues;
use chrono::{DateTime, Utc};

/// Queue pages hold this many cases.
pub const PAGE_SIZE: i64 = 50;

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
        let n = queues::queue_count(&state.db, *q, department, now)
            .await
            .map_err(internal)?;
        tabs.push((*q, n));
    }
    let (items, has_more) = match queue {
        Some(q) => {
            let rows = queues::queue(
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
                    level: u8::try_from(r.level).unwrap_or(0),
                    ticket_no: r.ticket_no,
                })
                .collect();
            (items, has_more)
        }
        None => (Vec::new(), false),
    };
    let stats = if staff.role == crate::model::staff::Role::Supervisor {
        Some(follow_stats(state, locale).await?)
    } else {
        None
    };
    Ok(QueuePage {
        stats,
        me: me(state, staff, locale),
        tabs,
        queue,
        items,
        page,
        has_more,
    })
}

/// Confirmed repeat complaints per department and the ratings of replies so far.
async fn follow_stats(
    state: &AppState,
    locale: Locale,
) -> Result<crate::model::console::FollowStats, CaseError> {
    use crate::model::workflow::Rating;
    use crate::storage::repeats;
    let repeats_by_department = repeats::confirmed_by_department(&state.db)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|(d, n)| {
            let name = d
                .as_deref()
                .map(|d| state.city.department_label(d, locale))
                .unwrap_or_else(|| "—".into());
            (name, n)
        })
        .collect();
    let (ratings, not_rated) = crate::storage::followup::rating_counts(&state.db)
        .await
        .map_err(internal)?;
    Ok(crate::model::console::FollowStats {
        repeats_by_department,
        ratings: ratings
            .into_iter()
            .filter_map(|(code, n)| Some((Rating::from_code(&code)?, n)))
            .collect(),
        not_rated,
    })
}
