//! The staff work queues, and which roles see which.
use super::staff::Role;

coded_enum! {
    pub enum Queue {
        /// Operator: new cases to accept or reject.
        New = "new",
        /// Operator: accepted or handed-back cases to (re-)dispatch.
        ToDispatch = "to_dispatch",
        /// Department: dispatched and in-hand cases, soonest deadline first.
        ToHandle = "to_handle",
        /// Department: replies waiting for the head's approval.
        AwaitingApproval = "awaiting_approval",
        /// Department: replied cases waiting for the second contact and closing.
        FollowUp = "follow_up",
        /// Department: its overdue cases.
        DepartmentOverdue = "department_overdue",
        /// Department: its cases on the 督办 list.
        DepartmentSupervised = "department_supervised",
        /// Supervisor: overdue cases of every department.
        Overdue = "overdue",
        /// Supervisor: extension requests to decide.
        Extensions = "extensions",
        /// Supervisor: the 督办 list (incl. cases still unsatisfied after the last level).
        Supervised = "supervised",
        /// Supervisor: reopened cases (重办) being handled again.
        Reopened = "reopened",
        /// Operator: released replies waiting for a rating (回访 by phone).
        Rating = "rating",
        /// Operator: new cases with possible repeats to confirm or dismiss.
        Repeats = "repeats",
        /// Operator and supervisor: snap reports (随手拍) to verify for rewards.
        Snaps = "snaps",
    }
}

impl Queue {
    /// The queues a role works from, the first being its default.
    pub fn for_role(role: Role) -> &'static [Queue] {
        match role {
            Role::Operator => &[
                Queue::New,
                Queue::ToDispatch,
                Queue::Repeats,
                Queue::Rating,
                Queue::Snaps,
            ],
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
            Role::Supervisor => &[
                Queue::Overdue,
                Queue::Extensions,
                Queue::Supervised,
                Queue::Reopened,
                Queue::Snaps,
            ],
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
