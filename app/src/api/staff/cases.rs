//! Queues, the case detail and the workflow actions.
// `staff_act` takes the fields of every action form: the `#[server]` macro copies them into
// the browser-side function too, where an item attribute does not reach.
#![allow(clippy::too_many_arguments)]
#[cfg(feature = "ssr")]
use super::guard;
use super::StaffError;
#[cfg(feature = "ssr")]
use crate::api::answer;
use crate::model::console::{CaseDetail, QueuePage};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The viewer's queues and one page of one queue.
#[server(prefix = "/api/fn/staff", endpoint = "queue")]
pub async fn staff_queue(
    queue: Option<String>,
    page: Option<u32>,
) -> Result<QueuePage, StaffError> {
    use crate::model::queue::Queue;
    let state = guard::state()?;
    let result = async {
        let staff = guard::signed_in(&state).await?;
        let queue = match queue.as_deref().filter(|q| !q.is_empty()) {
            Some(code) => Some(Queue::from_code(code).ok_or(StaffError::BadInput {
                field: crate::api::Input::Queue,
            })?),
            None => None,
        };
        Ok(crate::services::queues::queue_page(
            &state,
            &staff,
            queue,
            page.unwrap_or(0).min(10_000),
            guard::locale(),
            chrono::Utc::now(),
        )
        .await?)
    }
    .await;
    answer::page(result)
}

/// One case as the viewer may see it; `reveal` shows (and logs) the reporter's contact.
#[server(prefix = "/api/fn/staff", endpoint = "case")]
pub async fn staff_case(ticket_no: String, reveal: Option<bool>) -> Result<CaseDetail, StaffError> {
    let state = guard::state()?;
    let result = async {
        let staff = guard::signed_in(&state).await?;
        let no = crate::model::TicketNo::parse(&ticket_no).map_err(|_| StaffError::NotFound)?;
        Ok(crate::services::case_detail::detail(
            &state,
            &staff,
            &no,
            reveal.unwrap_or(false),
            guard::locale(),
            chrono::Utc::now(),
        )
        .await?)
    }
    .await;
    answer::page(result)
}

/// The fields of the console's action forms. `action` is an event code
/// (`model::workflow::EventKind::code`); each action reads the fields it needs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActionInput {
    pub ticket_no: String,
    pub version: i64,
    pub action: String,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub department: Option<String>,
    /// `invalid` or `duplicate`.
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub duplicate_of: Option<String>,
    /// A date `YYYY-MM-DD` (extension, supervision due).
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub responder: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// A rating code (`model::workflow::Rating`), for a rating given by phone.
    #[serde(default)]
    pub rating: Option<String>,
}

impl ActionInput {
    /// Parses the form into an event and its note.
    pub fn event(&self) -> Result<(crate::model::workflow::Event, String), StaffError> {
        use crate::model::workflow::{Event, EventKind, Rating, RejectReason, Reply, Supervision};
        let text = |v: &Option<String>| v.as_deref().unwrap_or("").trim().to_string();
        use crate::api::Input;
        let bad = |field: Input| StaffError::BadInput { field };
        let date =
            || crate::model::time::parse_day(&text(&self.date)).ok_or_else(|| bad(Input::Date));
        let note = text(&self.note);
        let kind = EventKind::from_code(&self.action).ok_or_else(|| bad(Input::Action))?;
        let event = match kind {
            EventKind::Created | EventKind::ClosedUnrated => return Err(bad(Input::Action)),
            // Staff record only ratings the citizen gave by phone (回访).
            EventKind::Rated => Event::Rated {
                rating: Rating::from_code(&text(&self.rating)).ok_or_else(|| bad(Input::Rating))?,
                comment: note.clone(),
                by_phone: true,
            },
            EventKind::Accepted => Event::Accepted,
            EventKind::Rejected => Event::Rejected {
                reason: match text(&self.reason).as_str() {
                    "invalid" => RejectReason::Invalid,
                    "duplicate" => RejectReason::Duplicate {
                        of: text(&self.duplicate_of),
                    },
                    _ => return Err(bad(Input::Reason)),
                },
            },
            EventKind::Dispatched => Event::Dispatched {
                department: text(&self.department),
            },
            EventKind::FirstContact => Event::FirstContact,
            EventKind::HandedBack => Event::HandedBack,
            EventKind::ExtensionRequested => Event::ExtensionRequested { until: date()? },
            EventKind::ExtensionApproved => Event::ExtensionApproved,
            EventKind::ExtensionRefused => Event::ExtensionRefused,
            EventKind::ReplyDrafted => Event::ReplyDrafted {
                reply: Reply {
                    text: text(&self.text),
                    responder: text(&self.responder),
                    phone: text(&self.phone),
                },
            },
            EventKind::ReplySentBack => Event::ReplySentBack,
            EventKind::ReplyApproved => Event::ReplyApproved,
            EventKind::SecondContact => Event::SecondContact,
            EventKind::Closed => Event::Closed,
            EventKind::SupervisionAdded => Event::SupervisionAdded {
                supervision: Supervision {
                    instruction: note.clone(),
                    due: date()?,
                },
            },
            EventKind::SupervisionLifted => Event::SupervisionLifted,
            EventKind::Reassigned => Event::Reassigned {
                department: text(&self.department),
            },
        };
        Ok((event, note))
    }
}

/// Records one workflow action on a case.
#[server(prefix = "/api/fn/staff", endpoint = "act")]
pub async fn staff_act(
    ticket_no: String,
    version: i64,
    action: String,
    note: Option<String>,
    department: Option<String>,
    reason: Option<String>,
    duplicate_of: Option<String>,
    date: Option<String>,
    text: Option<String>,
    responder: Option<String>,
    phone: Option<String>,
    rating: Option<String>,
) -> Result<(), StaffError> {
    use crate::model::workflow::EventKind;
    let input = ActionInput {
        ticket_no,
        version,
        action,
        note,
        department,
        reason,
        duplicate_of,
        date,
        text,
        responder,
        phone,
        rating,
    };
    let state = guard::state()?;
    let result = async {
        let staff = guard::signed_in(&state).await?;
        let no =
            crate::model::TicketNo::parse(&input.ticket_no).map_err(|_| StaffError::NotFound)?;
        let (event, note) = input.event()?;
        let kind = event.kind();
        crate::services::cases::act(
            &state,
            &staff,
            &no,
            input.version,
            event,
            &note,
            chrono::Utc::now(),
        )
        .await?;
        // A department that handed a case back no longer sees it: back to its queue.
        Ok(if kind == EventKind::HandedBack {
            crate::routes::Page::Staff.with(&[("done", kind.code())])
        } else {
            format!(
                "{}&done={}",
                crate::routes::staff_case(no.as_str()),
                kind.code()
            )
        })
    }
    .await;
    let next = result.clone().unwrap_or_default();
    // A refused reply draft comes back with what was typed.
    let keep: Vec<(&str, &str)> = if input.action == EventKind::ReplyDrafted.code() {
        [
            ("text", &input.text),
            ("responder", &input.responder),
            ("phone", &input.phone),
        ]
        .into_iter()
        .filter_map(|(k, v)| Some((k, v.as_deref()?)))
        .collect()
    } else {
        input
            .note
            .as_deref()
            .map(|n| vec![("note", n)])
            .unwrap_or_default()
    };
    let back = crate::routes::staff_case(&input.ticket_no);
    answer::finish(result.map(|_| ()), &next, &back, &keep)
}

/// Confirms (`confirmed`) or dismisses (`dismissed`) a possible repeat complaint.
#[server(prefix = "/api/fn/staff", endpoint = "repeat")]
pub async fn staff_repeat(
    ticket_no: String,
    earlier: String,
    decision: String,
) -> Result<(), StaffError> {
    use crate::model::repeat::RepeatStatus;
    let state = guard::state()?;
    let back = crate::routes::staff_case(&ticket_no);
    let result = async {
        let staff = guard::signed_in(&state).await?;
        let no = crate::model::TicketNo::parse(&ticket_no).map_err(|_| StaffError::NotFound)?;
        let earlier = crate::model::TicketNo::parse(&earlier).map_err(|_| StaffError::NotFound)?;
        let decision = RepeatStatus::from_code(decision.trim()).ok_or(StaffError::BadInput {
            field: crate::api::Input::Decision,
        })?;
        crate::services::repeats::decide(
            &state,
            &staff,
            &no,
            &earlier,
            decision,
            chrono::Utc::now(),
        )
        .await?;
        Ok(())
    }
    .await;
    answer::finish(result, &format!("{back}&done=repeat"), &back, &[])
}

/// Saves what the public board shows of a case (operators and supervisors).
#[server(prefix = "/api/fn/staff", endpoint = "publish")]
pub async fn staff_publish(
    ticket_no: String,
    request: String,
    reply: String,
    hidden: Option<String>,
) -> Result<(), StaffError> {
    let state = guard::state()?;
    let back = crate::routes::staff_case(&ticket_no);
    let result = async {
        let staff = guard::signed_in(&state).await?;
        let no = crate::model::TicketNo::parse(&ticket_no).map_err(|_| StaffError::NotFound)?;
        crate::services::board::save(
            &state,
            &staff,
            &no,
            &request,
            &reply,
            hidden.is_some(),
            chrono::Utc::now(),
        )
        .await?;
        Ok(())
    }
    .await;
    answer::finish(result, &format!("{back}&done=publish"), &back, &[])
}
