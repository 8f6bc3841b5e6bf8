//! The staff work queues, and which roles see which.
use super::staff::Role;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Queue {
    /// Operator: new cases to accept or reject.
    New,
    /// Operator: accepted or handed-back cases to (re-)dispatch.
    ToDispatch,
    /// Department: dispatched and in-hand cases, soonest deadline first.
    ToHandle,
    /// Department: replies waiting for the head's approval.
    AwaitingApproval,
    /// Department: replied cases waiting for the second contact and closing.
    FollowUp,
    /// Department: its overdue cases.
    DepartmentOverdue,
    /// Department: its cases on the 督办 list.
    DepartmentSupervised,
    /// Supervisor: overdue cases of every department.
    Overdue,
    /// Supervisor: extension requests to decide.
    Extensions,
    /// Supervisor: the 督办 list.
    Supervised,
}

impl Queue {
    pub const ALL: [Queue; 10] = [
        Queue::New,
        Queue::ToDispatch,
        Queue::ToHandle,
        Queue::AwaitingApproval,
        Queue::FollowUp,
        Queue::DepartmentOverdue,
        Queue::DepartmentSupervised,
        Queue::Overdue,
        Queue::Extensions,
        Queue::Supervised,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Queue::New => "new",
            Queue::ToDispatch => "to_dispatch",
            Queue::ToHandle => "to_handle",
            Queue::AwaitingApproval => "awaiting_approval",
            Queue::FollowUp => "follow_up",
            Queue::DepartmentOverdue => "department_overdue",
            Queue::DepartmentSupervised => "department_supervised",
            Queue::Overdue => "overdue",
            Queue::Extensions => "extensions",
            Queue::Supervised => "supervised",
        }
    }

    pub fn from_code(code: &str) -> Option<Queue> {
        Queue::ALL.into_iter().find(|q| q.code() == code)
    }

    /// The queues a role works from, the first being its default.
    pub fn for_role(role: Role) -> &'static [Queue] {
        match role {
            Role::Operator => &[Queue::New, Queue::ToDispatch],
            Role::Handler => &[
                Queue::ToHandle,
                Queue::DepartmentOverdue,
                Queue::DepartmentSupervised,
                Queue::FollowUp,
                Queue::AwaitingApproval,
            ],
            Role::Head => &[
                Queue::AwaitingApproval,
                Queue::ToHandle,
                Queue::DepartmentOverdue,
                Queue::DepartmentSupervised,
                Queue::FollowUp,
            ],
            Role::Supervisor => &[Queue::Overdue, Queue::Extensions, Queue::Supervised],
            Role::Admin => &[],
        }
    }

    /// Whether the queue is one department's (filtered by the viewer's department).
    pub fn is_departmental(self) -> bool {
        matches!(
            self,
            Queue::ToHandle
                | Queue::AwaitingApproval
                | Queue::FollowUp
                | Queue::DepartmentOverdue
                | Queue::DepartmentSupervised
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_working_role_has_queues_of_its_own_kind() {
        for role in Role::ALL {
            for q in Queue::for_role(role) {
                assert_eq!(q.is_departmental(), role.has_department(), "{role:?} {q:?}");
                assert_eq!(Queue::from_code(q.code()), Some(*q));
            }
        }
        assert!(Queue::for_role(Role::Admin).is_empty());
    }
}
