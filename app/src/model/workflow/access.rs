//! Who may record which event on a case: role and department. Whether the case's status
//! allows it is `CaseState::apply`'s business.
use super::{
    CaseState, EventKind, Refusal, MAX_EXTENSION_REQUESTS, MAX_HAND_BACKS, MAX_REASSIGNMENTS,
    MAX_REWORKS, MAX_SUPERVISIONS,
};
use crate::model::staff::Actor;

/// Whether `actor` may record `kind` on a case in `state` (role and department; whether the
/// case's status allows it is `CaseState::apply`'s business).
pub fn authorize(actor: &Actor, state: &CaseState, kind: EventKind) -> Result<(), Refusal> {
    if !kind.roles().contains(&actor.role) {
        return Err(Refusal::WrongRole);
    }
    if kind.department_bound() && !actor.in_department(state.department.as_deref()) {
        return Err(Refusal::OtherDepartment);
    }
    Ok(())
}

/// The actions `actor` may take on the case now: what the console offers.
pub fn available_actions(actor: &Actor, state: &CaseState) -> Vec<EventKind> {
    EventKind::ALL
        .into_iter()
        .filter(|&k| state.status_allows(k) && authorize(actor, state, k).is_ok())
        .filter(|&k| match k {
            EventKind::HandedBack => state.hand_backs < MAX_HAND_BACKS,
            EventKind::ExtensionRequested => {
                state.extension_requests < MAX_EXTENSION_REQUESTS
                    && state.pending_extension.is_none()
            }
            EventKind::ReplySentBack => state.reworks < MAX_REWORKS,
            EventKind::SupervisionAdded => state.supervisions < MAX_SUPERVISIONS,
            EventKind::Reassigned => state.reassignments < MAX_REASSIGNMENTS,
            _ => true,
        })
        .collect()
}
