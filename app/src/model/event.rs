//! The case history: every change is an event appended to the ticket's log, and the status
//! is derived from the log, never stored beside it.
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The citizen submitted the case (web form or an intake API).
    Created,
}

impl EventKind {
    pub fn code(self) -> &'static str {
        match self {
            EventKind::Created => "created",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "created" => Some(EventKind::Created),
            _ => None,
        }
    }

    /// Whether citizens see this event on their public timeline.
    pub fn is_public(self) -> bool {
        match self {
            EventKind::Created => true,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Received, waiting for an operator to accept it.
    Submitted,
}

impl Status {
    /// Folds the event log into the current status. `None` for an empty log: a ticket
    /// always has at least its `created` event.
    pub fn from_events(events: impl IntoIterator<Item = EventKind>) -> Option<Status> {
        events.into_iter().fold(None, |_, event| match event {
            EventKind::Created => Some(Status::Submitted),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_case_is_submitted() {
        assert_eq!(
            Status::from_events([EventKind::Created]),
            Some(Status::Submitted)
        );
        assert_eq!(Status::from_events([]), None);
    }

    #[test]
    fn event_codes_round_trip() {
        assert_eq!(
            EventKind::from_code(EventKind::Created.code()),
            Some(EventKind::Created)
        );
        assert_eq!(EventKind::from_code("deleted"), None);
    }
}
