//! What the public may see of a case: an allow-list. Never a name, a phone number, a street
//! or a house number.
use super::city::Name;
use super::event::{EventKind, Status};
use super::ticket::TicketKind;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicCase {
    pub ticket_no: String,
    pub status: Status,
    pub kind: TicketKind,
    pub category: Name,
    pub district: Name,
    pub submitted_at: DateTime<Utc>,
    pub timeline: Vec<PublicEvent>,
    pub photos: Vec<PublicPhoto>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicEvent {
    pub kind: EventKind,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicPhoto {
    pub thumb_url: String,
    pub display_url: String,
}

/// Where a stored photo is served.
pub fn photo_url(key: &str) -> String {
    format!("/photos/{key}")
}
