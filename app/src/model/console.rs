//! What the staff console shows: the answers of the staff server functions. Plain data,
//! built on the server (labels already in the viewer's language).
use super::public_case::PublicPhoto;
use super::queue::Queue;
use super::repeat::{RepeatReason, RepeatStatus};
use super::staff::Role;
use super::ticket::TicketKind;
use super::workflow::{Event, EventKind, Rating, RejectReason, Reply, Status, Supervision};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The signed-in staff member.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Me {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub department: Option<String>,
    pub department_label: Option<String>,
}

/// A deadline with its countdown in working days (negative once overdue).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Due {
    pub at: DateTime<Utc>,
    pub working_days_left: i64,
    pub overdue: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueItem {
    pub ticket_no: String,
    pub kind: TicketKind,
    pub category: String,
    pub district: String,
    pub summary: String,
    pub status: Status,
    pub department: Option<String>,
    pub created_at: DateTime<Utc>,
    pub reply_due: Option<Due>,
    pub handed_back: bool,
    pub extension_pending: bool,
    pub supervised: bool,
    pub supervision_due: Option<NaiveDate>,
    /// 重办 level (0: first handling).
    pub level: u8,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueuePage {
    pub me: Me,
    /// The viewer's queues with the number of cases in each.
    pub tabs: Vec<(Queue, i64)>,
    pub queue: Option<Queue>,
    pub items: Vec<QueueItem>,
    pub page: u32,
    pub has_more: bool,
    /// Supervisors: confirmed repeats by department and the ratings so far.
    pub stats: Option<FollowStats>,
}

/// The reporter's contact details as this viewer may see them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Contact {
    /// A confidential (保密) case seen by a department: never shown; the operator relays.
    Confidential,
    /// Shown on request only; every showing is logged.
    OnRequest,
    Shown {
        name: String,
        phone: String,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryItem {
    pub kind: EventKind,
    pub event: Event,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub role: Option<Role>,
    pub note: String,
    pub public: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContactViewItem {
    pub who: String,
    pub role: Option<Role>,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseDetail {
    pub me: Me,
    pub ticket_no: String,
    /// Events so far: sent back with an action, so a stale page cannot act.
    pub version: i64,
    pub kind: TicketKind,
    pub category: String,
    pub category_code: String,
    pub district: String,
    pub street: String,
    pub address: String,
    pub position: Option<(f64, f64)>,
    pub description: String,
    pub channel: String,
    pub created_at: DateTime<Utc>,
    pub confidential: bool,
    pub contact: Contact,
    /// Who viewed the contact details (shown to operators and supervisors).
    pub contact_views: Vec<ContactViewItem>,
    pub status: Status,
    pub department: Option<String>,
    pub department_label: Option<String>,
    pub reply_due: Option<Due>,
    pub hand_back_due: Option<Due>,
    pub hand_backs: u32,
    pub pending_extension: Option<NaiveDate>,
    pub extended_until: Option<NaiveDate>,
    pub draft: Option<Reply>,
    pub reply: Option<Reply>,
    pub supervision: Option<Supervision>,
    pub rejection: Option<RejectReason>,
    pub history: Vec<HistoryItem>,
    pub photos: Vec<PublicPhoto>,
    /// What this viewer may do now.
    pub actions: Vec<EventKind>,
    /// The routing table's proposal, for dispatching.
    pub suggested_department: Option<String>,
    /// Every department: (code, name).
    pub departments: Vec<(String, String)>,
    /// Reply templates for the category: (title, text).
    pub templates: Vec<(String, String)>,
    /// 重办 level, the last rating (and whether by phone), closed as not rated.
    pub level: u8,
    pub rating: Option<Rating>,
    pub rated_by_phone: bool,
    pub closed_unrated: bool,
    pub rating_due: Option<DateTime<Utc>>,
    /// Citizens who joined the case (附议).
    pub supporters: u32,
    /// Earlier cases this one may repeat (operators and supervisors only).
    pub repeats: Vec<RepeatItem>,
    /// What the public board shows (operators and supervisors only).
    pub publication: Option<PublicationView>,
    /// Notices (公告) in force that covered the case when it was filed, with whether the
    /// citizen's form had shown each.
    pub notices: Vec<(super::notice::NoticeLine, bool)>,
    /// Progress messages (SMS) to the citizen: what was sent and when.
    pub messages: Vec<super::progress::SentMessage>,
}

/// A possible repeat complaint: an earlier case and why it may be the same.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RepeatItem {
    pub earlier_no: String,
    pub summary: String,
    pub created_at: DateTime<Utc>,
    pub reasons: Vec<RepeatReason>,
    pub department_label: Option<String>,
    pub status: RepeatStatus,
    pub decided_by: Option<String>,
}

/// A case's public board text as staff edit it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicationView {
    /// The reporter agreed and the case is not confidential.
    pub eligible: bool,
    pub request: String,
    pub reply: String,
    pub hidden: bool,
    pub edited_by: Option<String>,
}

/// The supervisor's figures: confirmed repeats per department and ratings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FollowStats {
    /// (department name, confirmed repeats)
    pub repeats_by_department: Vec<(String, i64)>,
    /// (rating, count) and the cases closed as not rated.
    pub ratings: Vec<(Rating, i64)>,
    pub not_rated: i64,
}

/// One account, for the administrator's list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub department_label: Option<String>,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountsPage {
    pub me: Me,
    pub accounts: Vec<Account>,
    pub departments: Vec<(String, String)>,
}
