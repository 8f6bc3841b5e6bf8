//! What the public may see of a case: an allow-list. Never a name, a phone number, a street
//! or a house number of the citizen.
use super::city::Name;
use super::ticket::TicketKind;
use super::workflow::{Event, EventKind, Rating, RejectReason, Status, MAX_LEVEL};
use chrono::{DateTime, NaiveDate, Utc};
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
    /// Citizens who joined the case (附议) instead of reporting it again.
    pub supporters: u32,
    /// 重办 level (0: first handling).
    pub level: u8,
    /// Whether this viewer may rate now: the reporter (not a supporter), a released reply.
    pub can_rate: bool,
    /// The rating window closes at this time.
    pub rating_due: Option<DateTime<Utc>>,
}

impl PublicCase {
    /// Changes whenever the citizen could see a change (status or a new public step): the
    /// "changed since last seen" mark of my cases and the live update of `/track`.
    pub fn signature(&self) -> String {
        signature(self.status, self.timeline.len())
    }
}

pub fn signature(status: Status, public_steps: usize) -> String {
    format!("{}:{}", status.code(), public_steps)
}

/// A case in "my cases": what the list shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub ticket_no: String,
    pub status: Status,
    pub category: Name,
    pub signature: String,
}

/// A case the browser keeps: number and code (the reporter's or a supporter's).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseRef {
    pub ticket_no: String,
    pub code: String,
}

/// An open case of the same category near a report being written (for "me too"): only cases
/// the public may see (`model::visibility`), with nothing that opens them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NearbyCase {
    /// Joins the case ("me too"); unguessable, and it opens nothing by itself.
    pub handle: String,
    pub category: Name,
    pub street: Name,
    /// The request text, redacted and shortened.
    pub summary: String,
    pub submitted_at: DateTime<Utc>,
    pub status: Status,
    pub supporters: u32,
    /// How far, in bands, when both have a position: never to the metre.
    pub distance: Option<crate::model::visibility::DistanceBand>,
}

/// The answer to "me too": the case joined and a code of the supporter's own to follow it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Joined {
    pub ticket_no: String,
    pub code: String,
    pub supporters: u32,
    pub signature: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicEvent {
    pub at: DateTime<Utc>,
    pub step: PublicStep,
}

/// One step of the citizen's timeline, with only what the citizen may read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PublicStep {
    Submitted,
    Accepted,
    /// Not accepted, with the operator's explanation.
    Rejected {
        reason: RejectReason,
        note: String,
    },
    Dispatched {
        department: Name,
    },
    Contacted,
    Extended {
        until: NaiveDate,
    },
    /// The approved reply and the name of the person who handled the case.
    Replied {
        text: String,
        responder: String,
    },
    FollowedUp,
    /// The citizen's rating; an unsatisfied one reopened the case at `reopened_at_level`, or,
    /// past the last level, sent it to the supervisor.
    Rated {
        rating: Rating,
        comment: String,
        by_phone: bool,
        reopened_at_level: Option<u8>,
        to_supervisor: bool,
    },
    /// Closed by the supervisor after the last level, with their explanation.
    Closed {
        note: String,
    },
    ClosedUnrated,
}

impl PublicStep {
    /// The public form of a stored event, or `None` for internal events. `department_name`
    /// turns a department code into its name; `extended_until` is the date of the extension
    /// an approval confirms.
    pub fn of(
        event: &Event,
        note: &str,
        department_name: impl Fn(&str) -> Name,
        extended_until: Option<NaiveDate>,
        approved_reply: Option<(&str, &str)>,
        level: u8,
    ) -> Option<PublicStep> {
        if !event.kind().is_public() {
            return None;
        }
        Some(match event {
            Event::Created => PublicStep::Submitted,
            Event::Accepted => PublicStep::Accepted,
            Event::Rejected { reason } => PublicStep::Rejected {
                reason: reason.clone(),
                note: note.to_string(),
            },
            Event::Dispatched { department } | Event::Reassigned { department } => {
                PublicStep::Dispatched {
                    department: department_name(department),
                }
            }
            Event::FirstContact => PublicStep::Contacted,
            Event::ExtensionApproved => PublicStep::Extended {
                until: extended_until?,
            },
            Event::ReplyApproved => {
                let (text, responder) = approved_reply?;
                PublicStep::Replied {
                    text: text.to_string(),
                    responder: responder.to_string(),
                }
            }
            Event::SecondContact => PublicStep::FollowedUp,
            Event::Rated {
                rating,
                comment,
                by_phone,
            } => {
                let unsatisfied = *rating == Rating::Unsatisfied;
                PublicStep::Rated {
                    rating: *rating,
                    comment: comment.clone(),
                    by_phone: *by_phone,
                    reopened_at_level: (unsatisfied && level < MAX_LEVEL).then_some(level + 1),
                    to_supervisor: unsatisfied && level >= MAX_LEVEL,
                }
            }
            Event::Closed => PublicStep::Closed {
                note: note.to_string(),
            },
            Event::ClosedUnrated => PublicStep::ClosedUnrated,
            _ => return None,
        })
    }

    pub fn kind(&self) -> EventKind {
        match self {
            PublicStep::Submitted => EventKind::Created,
            PublicStep::Accepted => EventKind::Accepted,
            PublicStep::Rejected { .. } => EventKind::Rejected,
            PublicStep::Dispatched { .. } => EventKind::Dispatched,
            PublicStep::Contacted => EventKind::FirstContact,
            PublicStep::Extended { .. } => EventKind::ExtensionApproved,
            PublicStep::Replied { .. } => EventKind::ReplyApproved,
            PublicStep::FollowedUp => EventKind::SecondContact,
            PublicStep::Rated { .. } => EventKind::Rated,
            PublicStep::Closed { .. } => EventKind::Closed,
            PublicStep::ClosedUnrated => EventKind::ClosedUnrated,
        }
    }
}

/// The citizen's timeline from a case's events (with their notes and times): internal events
/// are left out; an approved extension shows its date, an approved reply its text and the
/// responder's name (never their phone or anything of the draft that was sent back).
pub fn public_timeline<'e>(
    events: impl IntoIterator<Item = (&'e Event, &'e str, DateTime<Utc>)>,
    department_name: impl Fn(&str) -> Name,
) -> Vec<PublicEvent> {
    let mut requested: Option<NaiveDate> = None;
    let mut draft: Option<(&str, &str)> = None;
    let mut level = 0u8;
    let mut out = Vec::new();
    for (event, note, at) in events {
        match event {
            Event::ExtensionRequested { until } => requested = Some(*until),
            Event::ReplyDrafted { reply } => draft = Some((&reply.text, &reply.responder)),
            _ => {}
        }
        if let Some(step) = PublicStep::of(event, note, &department_name, requested, draft, level) {
            out.push(PublicEvent { at, step });
        }
        if let Event::Rated {
            rating: Rating::Unsatisfied,
            ..
        } = event
        {
            level = (level + 1).min(MAX_LEVEL);
        }
    }
    out
}

/// The timeline for a viewer who may not read the case's texts (a supporter of a case not on
/// the board): the steps stay, every text in them goes, except `reply`, the published reply
/// text of a board case.
pub fn without_texts(timeline: &mut [PublicEvent], reply: Option<&str>) {
    for event in timeline {
        match &mut event.step {
            PublicStep::Rejected { note, .. } | PublicStep::Closed { note } => note.clear(),
            PublicStep::Replied { text, responder } => {
                *text = reply.unwrap_or_default().to_string();
                responder.clear();
            }
            PublicStep::Rated { comment, .. } => comment.clear(),
            _ => {}
        }
    }
}

/// The status a citizen sees: a reply waiting for approval is still "being handled".
pub fn public_status(status: Status) -> Status {
    match status {
        Status::ReplyDrafted => Status::Handling,
        other => other,
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicPhoto {
    pub thumb_url: String,
    pub display_url: String,
}

/// Where a stored photo is served.
pub fn photo_url(key: &str) -> String {
    crate::routes::photo(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::workflow::{Reply, Supervision};

    #[test]
    fn the_citizen_timeline_shows_progress_and_the_approved_reply_but_nothing_internal() {
        let t = |h: i64| DateTime::from_timestamp(1_790_000_000 + h * 3600, 0).unwrap();
        let first = Reply {
            text: "初稿".into(),
            responder: "王明".into(),
            phone: "0537-2345678".into(),
        };
        let second = Reply {
            text: "经核查已清理占道摊贩。".into(),
            ..first.clone()
        };
        let until = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
        let events = [
            (Event::Created, ""),
            (Event::Accepted, ""),
            (
                Event::Dispatched {
                    department: "dept-a".into(),
                },
                "",
            ),
            (Event::HandedBack, "不属于本单位"),
            (
                Event::Dispatched {
                    department: "dept-b".into(),
                },
                "",
            ),
            (Event::FirstContact, ""),
            (Event::ExtensionRequested { until }, "需协调"),
            (Event::ExtensionApproved, ""),
            (
                Event::SupervisionAdded {
                    supervision: Supervision {
                        instruction: "加快".into(),
                        due: until,
                    },
                },
                "",
            ),
            (Event::ReplyDrafted { reply: first }, ""),
            (Event::ReplySentBack, "内容不具体"),
            (Event::ReplyDrafted { reply: second }, ""),
            (Event::ReplyApproved, ""),
            (Event::SecondContact, ""),
            (
                Event::Rated {
                    rating: Rating::Unsatisfied,
                    comment: "没解决".into(),
                    by_phone: true,
                },
                "",
            ),
        ];
        let timeline = public_timeline(
            events
                .iter()
                .enumerate()
                .map(|(i, (e, n))| (e, *n, t(i as i64))),
            |code| Name {
                zh: format!("部门{code}"),
                en: code.to_string(),
            },
        );
        let steps: Vec<PublicStep> = timeline.into_iter().map(|e| e.step).collect();
        assert_eq!(
            steps,
            vec![
                PublicStep::Submitted,
                PublicStep::Accepted,
                PublicStep::Dispatched {
                    department: Name {
                        zh: "部门dept-a".into(),
                        en: "dept-a".into()
                    }
                },
                PublicStep::Dispatched {
                    department: Name {
                        zh: "部门dept-b".into(),
                        en: "dept-b".into()
                    }
                },
                PublicStep::Contacted,
                PublicStep::Extended { until },
                PublicStep::Replied {
                    text: "经核查已清理占道摊贩。".into(),
                    responder: "王明".into()
                },
                PublicStep::FollowedUp,
                PublicStep::Rated {
                    rating: Rating::Unsatisfied,
                    comment: "没解决".into(),
                    by_phone: true,
                    reopened_at_level: Some(1),
                    to_supervisor: false,
                },
            ]
        );
        let json = serde_json::to_string(&steps).unwrap();
        for secret in [
            "不属于本单位",
            "需协调",
            "加快",
            "初稿",
            "内容不具体",
            "0537",
        ] {
            assert!(!json.contains(secret), "{secret} leaked");
        }
    }
}
