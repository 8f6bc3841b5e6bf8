//! The staff side of cases: loading a case with its history, who may see it, and the
//! workflow actions, each checked by the model's state machine and role rules. Queues are in
//! `queues.rs`, the case page in `case_detail.rs`.
use super::figures::{CaseRecord, CaseWhere};
use super::staff::Staff;
use super::AppState;
use crate::i18n::Locale;
use crate::model::console::{Due, Me};
use crate::model::staff::Role;
use crate::model::workflow::{authorize, CaseState, Event, Refusal, RejectReason, Rules, Status};
use crate::model::TicketNo;
use crate::storage::cases::{self, AppendError, CaseRow, EventRecord, Projection};
use crate::storage::figures::FigureWrite;
use chrono::{DateTime, Utc};

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

pub(super) fn internal(e: impl std::fmt::Display) -> CaseError {
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

pub(super) fn due(state: &AppState, at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Option<Due> {
    at.map(|at| Due {
        at,
        working_days_left: state.calendar.working_days_left(now, at),
        overdue: now >= at,
    })
}

/// A case's stored events, decoded.
pub struct History {
    pub records: Vec<EventRecord>,
    pub events: Vec<Event>,
}

impl History {
    pub async fn read(state: &AppState, ticket_id: i64) -> Result<History, CaseError> {
        let records = cases::events(&state.db, ticket_id)
            .await
            .map_err(internal)?;
        Self::of(records)
    }

    /// The history of stored event records, oldest first.
    pub fn of(records: Vec<cases::EventRecord>) -> Result<History, CaseError> {
        let events = records
            .iter()
            .map(|r| serde_json::from_str::<Event>(&r.data))
            .collect::<Result<Vec<_>, _>>()
            .map_err(internal)?;
        Ok(History { records, events })
    }

    /// Each event with its note and time, oldest first.
    pub fn entries(&self) -> impl Iterator<Item = (&Event, &str, DateTime<Utc>)> {
        self.events
            .iter()
            .zip(&self.records)
            .map(|(e, r)| (e, r.note.as_str(), r.at))
    }

    /// The case's state: the replay of its events.
    pub fn fold(&self, rules: &Rules) -> Result<CaseState, CaseError> {
        CaseState::from_events(self.entries(), rules)
            .map_err(|e| internal(format!("a stored history does not fold: {e}")))
    }
}

/// A case loaded with its history and folded state.
pub struct Loaded {
    pub row: CaseRow,
    pub history: History,
    pub state: CaseState,
}

pub async fn load(state: &AppState, ticket_no: &TicketNo) -> Result<Option<Loaded>, CaseError> {
    let Some(row) = cases::by_ticket_no(&state.db, ticket_no.as_str())
        .await
        .map_err(internal)?
    else {
        return Ok(None);
    };
    let history = History::read(state, row.id).await?;
    let folded = history.fold(&rules(state, &row.category))?;
    Ok(Some(Loaded {
        row,
        history,
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
pub(super) fn may_view(staff: &Staff, case: &CaseState) -> bool {
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
        level: case.level,
        rating_due: case.rating_due,
        rating: case.rating.map(|r| r.code()),
        closed_unrated: case.closed_unrated,
        replied_at: case.replied_at,
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
    let next = record(
        state,
        &loaded,
        version,
        event,
        note.trim(),
        Author {
            name: &staff.username,
            role: staff.role.code(),
        },
        now,
    )
    .await?;
    Ok(next.status.unwrap_or(Status::Submitted))
}

/// Who records an event: a staff member, the citizen (with the query code) or the system.
#[derive(Clone, Copy, Debug)]
pub struct Author<'a> {
    pub name: &'a str,
    pub role: &'a str,
}

impl Author<'static> {
    pub const CITIZEN: Author<'static> = Author {
        name: "citizen",
        role: "citizen",
    };
    pub const SYSTEM: Author<'static> = Author {
        name: "system",
        role: "system",
    };

    /// Who usually records `event`: the citizen rates, the system closes unrated replies,
    /// the hotline's operator accepts, rejects and dispatches, its supervisor decides
    /// extensions, 督办, re-assignments and final closings, the department's head approves
    /// replies and its handler does the rest. Named by role (for tools, not people).
    pub fn usual_for(event: &Event) -> Author<'static> {
        let role = |role: &'static str, name: &'static str| Author { name, role };
        match event {
            Event::Rated { .. } => Author::CITIZEN,
            Event::ClosedUnrated => Author::SYSTEM,
            Event::Created
            | Event::Accepted
            | Event::Rejected { .. }
            | Event::Dispatched { .. } => role("operator", "受理员"),
            Event::ExtensionApproved
            | Event::ExtensionRefused
            | Event::SupervisionAdded { .. }
            | Event::SupervisionLifted
            | Event::Reassigned { .. }
            | Event::Closed => role("supervisor", "督办员"),
            Event::ReplyApproved | Event::ReplySentBack => role("head", "审核人"),
            Event::FirstContact
            | Event::HandedBack
            | Event::ExtensionRequested { .. }
            | Event::ReplyDrafted { .. }
            | Event::SecondContact => role("handler", "承办人"),
        }
    }
}

/// Records `event` on the case as stored now (read afresh) at `at`, by whom usually records
/// it (`Author::usual_for`), with `note` if the event needs one: for tools that write a
/// history step by step (the demo's year, the figures fixture).
pub async fn record_as_usual(
    state: &AppState,
    ticket_no: &TicketNo,
    event: Event,
    note: &str,
    at: DateTime<Utc>,
) -> Result<CaseState, CaseError> {
    let loaded = load(state, ticket_no).await?.ok_or(CaseError::NotFound)?;
    let author = Author::usual_for(&event);
    let note = if event.kind().needs_note() { note } else { "" };
    record(state, &loaded, loaded.row.version, event, note, author, at).await
}

/// Applies `event` to the loaded case (all the model's checks) and appends it with the new
/// projection, provided nobody appended since `version`.
pub async fn record(
    state: &AppState,
    loaded: &Loaded,
    version: i64,
    event: Event,
    note: &str,
    author: Author<'_>,
    now: DateTime<Utc>,
) -> Result<CaseState, CaseError> {
    let rules = rules(state, &loaded.row.category);
    let next = loaded
        .state
        .apply(&event, note, now, &rules)
        .map_err(CaseError::Refused)?;
    // The case's stored figures move with the event, in its transaction.
    let row = &loaded.row;
    let at = CaseWhere::of(row);
    let kind = event.kind();
    let record = EventRecord {
        kind: kind.code().to_string(),
        data: serde_json::to_string(&event).map_err(internal)?,
        actor: author.name.to_string(),
        role: Some(author.role.to_string()),
        public: kind.is_public(),
        note: note.to_string(),
        at: now,
    };
    // A confirmed repeat counts in the figures of the day it was received, wherever the
    // case goes. The append refuses figures worked out from a confirmation that a repeat
    // decision changed meanwhile: they are worked out again (a few times at most: each
    // retry follows a decision that was recorded).
    // The progress message the event sends (if any), written to the outbox with it.
    let message = super::progress::message(state, row, &loaded.state, &next, &event);
    let sms = message.as_ref().map(
        |(progress, mobile, text)| crate::storage::outbox::NewMessage {
            progress: progress.code(),
            mobile: mobile.as_str(),
            body: text,
        },
    );
    let mut tries = 0;
    loop {
        let repeat = crate::storage::repeats::is_repeat(&state.db, row.id, None)
            .await
            .map_err(internal)?;
        let before = CaseRecord::of(&at, loaded.history.entries(), &rules, repeat);
        let after = CaseRecord::of(
            &at,
            loaded
                .history
                .entries()
                .chain(std::iter::once((&event, note, now))),
            &rules,
            repeat,
        );
        let cells = crate::model::figures::change(before.cells, after.cells);
        let figures = FigureWrite {
            case: &after.case,
            cells: &cells,
            deadlines: &after.deadlines,
            repeat,
        };
        match cases::append(
            &state.db,
            loaded.row.id,
            version,
            &record,
            &projection(&next),
            Some(&figures),
            sms.as_ref(),
        )
        .await
        {
            Ok(()) => break,
            Err(AppendError::RepeatChanged) if tries < 5 => tries += 1,
            Err(AppendError::Conflict | AppendError::RepeatChanged) => {
                return Err(CaseError::Changed)
            }
            Err(AppendError::Db(e)) => return Err(internal(e)),
        }
    }
    tracing::info!(
        ticket_no = loaded.row.ticket_no,
        event = kind.code(),
        actor = author.name,
        "case event"
    );
    Ok(next)
}
