//! Progress messages: a citizen who left a mobile number (and did not opt out) gets a short
//! SMS when the case is accepted, when the reply is released and when it closes, with the
//! tracking link. Pure: which event sends which message, and the texts from the city file's
//! templates in the citizen's language.
use super::workflow::{Event, Status};
use serde::{Deserialize, Serialize};

coded_enum! {
    /// The moments a citizen hears of.
    pub enum Progress {
        Accepted = "accepted",
        Replied = "replied",
        Closed = "closed",
    }
}

/// The message an event sends, given the case's status before and after it: accepted (受理),
/// the reply released (the head's approval), closed (by a rating, by the supervisor, or as
/// not rated). Every other event sends nothing.
pub fn progress_of(
    event: &Event,
    before: Option<Status>,
    after: Option<Status>,
) -> Option<Progress> {
    match event {
        Event::Accepted => Some(Progress::Accepted),
        Event::ReplyApproved => Some(Progress::Replied),
        _ if after == Some(Status::Closed) && before != Some(Status::Closed) => {
            Some(Progress::Closed)
        }
        _ => None,
    }
}

/// One template in both languages. `{ticket_no}` and `{link}` are filled in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Template {
    pub zh: String,
    pub en: String,
}

/// The city file's `[sms]` table: the templates and the cap per mobile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SmsSettings {
    pub accepted: Template,
    pub replied: Template,
    pub closed: Template,
    /// Most progress messages one mobile receives in 24 hours; the rest are not sent (and
    /// marked so for staff).
    pub daily_cap_per_mobile: u32,
}

/// Most characters in a filled-in message: one long SMS (3 × 70 Chinese characters).
pub const SMS_MAX_CHARS: usize = 210;

fn template(zh: &str, en: &str) -> Template {
    Template {
        zh: zh.into(),
        en: en.into(),
    }
}

impl Default for SmsSettings {
    fn default() -> Self {
        SmsSettings {
            accepted: template(
                "【12345】您反映的问题已受理，工单号 {ticket_no}。凭查询码查看进度：{link}",
                "[12345] Your case {ticket_no} has been accepted. Follow it with your query code: {link}",
            ),
            replied: template(
                "【12345】工单 {ticket_no} 已有答复，请查看并评价：{link}",
                "[12345] Case {ticket_no} has a reply. Read and rate it: {link}",
            ),
            closed: template(
                "【12345】工单 {ticket_no} 已办结，感谢您的反映。详情：{link}",
                "[12345] Case {ticket_no} is closed. Thank you for reporting it. Details: {link}",
            ),
            daily_cap_per_mobile: 5,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SmsSettingsError {
    #[error("the [sms] template {0} must contain {{link}} and {{ticket_no}} in both languages")]
    MissingPlaceholder(&'static str),
    #[error("the [sms] template {0} is longer than {SMS_MAX_CHARS} characters once filled in")]
    TooLong(&'static str),
}

impl SmsSettings {
    pub fn template(&self, progress: Progress) -> &Template {
        match progress {
            Progress::Accepted => &self.accepted,
            Progress::Replied => &self.replied,
            Progress::Closed => &self.closed,
        }
    }

    /// Checked at start: each template has both placeholders and fits one long SMS with a
    /// 60-character link.
    pub fn check(&self) -> Result<(), SmsSettingsError> {
        for p in Progress::ALL {
            let t = self.template(p);
            for text in [&t.zh, &t.en] {
                if !text.contains("{link}") || !text.contains("{ticket_no}") {
                    return Err(SmsSettingsError::MissingPlaceholder(p.code()));
                }
                if fill(text, "20261201-000001", &"x".repeat(60))
                    .chars()
                    .count()
                    > SMS_MAX_CHARS
                {
                    return Err(SmsSettingsError::TooLong(p.code()));
                }
            }
        }
        Ok(())
    }
}

/// A template with its placeholders filled in.
pub fn fill(template: &str, ticket_no: &str, link: &str) -> String {
    template
        .replace("{ticket_no}", ticket_no)
        .replace("{link}", link)
}

coded_enum! {
    /// Where a message stands, as the staff case page shows it.
    pub enum Delivery {
        /// Written with its event; the sender has not taken it yet (or will try again).
        Pending = "pending",
        Sent = "sent",
        /// The gateway refused it or could not be reached after every try.
        Failed = "failed",
        /// Not sent: the mobile had its day's messages already.
        Capped = "capped",
    }
}

/// How long the sender waits before try `attempt` (1: the first retry): `base` seconds
/// (30 by default), doubling, at most an hour.
pub fn backoff_secs(base: i64, attempt: u32) -> i64 {
    (base.clamp(1, 3600) << attempt.saturating_sub(1).min(12)).min(3600)
}

/// Tries before a message is given up as failed.
pub const MAX_ATTEMPTS: u32 = 8;

/// A message as the staff case page lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SentMessage {
    pub progress: Progress,
    pub delivery: Delivery,
    /// The mobile, masked (`138****5678`).
    pub mobile: String,
    pub text: String,
    pub written_at: chrono::DateTime<chrono::Utc>,
    pub sent_at: Option<chrono::DateTime<chrono::Utc>>,
    pub attempts: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::workflow::{Rating, Reply};

    #[test]
    fn acceptance_the_released_reply_and_closing_send_and_nothing_else_does() {
        use Status as S;
        assert_eq!(
            progress_of(&Event::Accepted, Some(S::Submitted), Some(S::Accepted)),
            Some(Progress::Accepted)
        );
        assert_eq!(
            progress_of(
                &Event::ReplyApproved,
                Some(S::ReplyDrafted),
                Some(S::Replied)
            ),
            Some(Progress::Replied)
        );
        let rated = Event::Rated {
            rating: Rating::Satisfied,
            comment: String::new(),
            by_phone: false,
        };
        assert_eq!(
            progress_of(&rated, Some(S::Replied), Some(S::Closed)),
            Some(Progress::Closed)
        );
        assert_eq!(
            progress_of(&Event::ClosedUnrated, Some(S::Replied), Some(S::Closed)),
            Some(Progress::Closed)
        );
        let unsatisfied = Event::Rated {
            rating: Rating::Unsatisfied,
            comment: String::new(),
            by_phone: false,
        };
        assert_eq!(
            progress_of(&unsatisfied, Some(S::Replied), Some(S::Handling)),
            None
        );
        let drafted = Event::ReplyDrafted {
            reply: Reply {
                text: "x".into(),
                responder: "y".into(),
                phone: "z".into(),
            },
        };
        assert_eq!(
            progress_of(&drafted, Some(S::Handling), Some(S::ReplyDrafted)),
            None
        );
        assert_eq!(
            progress_of(&Event::FirstContact, Some(S::Dispatched), Some(S::Handling)),
            None
        );
    }

    #[test]
    fn the_shipped_templates_fit_one_long_sms_and_a_broken_one_stops_the_start() {
        let settings = SmsSettings::default();
        assert_eq!(settings.check(), Ok(()));
        let text = fill(
            &settings.accepted.zh,
            "20261201-000007",
            "https://12345.example.cn/track?no=20261201-000007",
        );
        assert!(
            text.contains("20261201-000007") && text.contains("https://"),
            "{text}"
        );
        let mut broken = settings.clone();
        broken.replied.en = "Case replied".into();
        assert_eq!(
            broken.check(),
            Err(SmsSettingsError::MissingPlaceholder("replied"))
        );
        let mut long = settings;
        long.closed.zh = format!("{}{{ticket_no}}{{link}}", "长".repeat(200));
        assert_eq!(long.check(), Err(SmsSettingsError::TooLong("closed")));
    }

    #[test]
    fn the_sender_backs_off_from_thirty_seconds_to_an_hour() {
        assert_eq!(backoff_secs(30, 1), 30);
        assert_eq!(backoff_secs(30, 2), 60);
        assert_eq!(backoff_secs(30, 5), 480);
        assert_eq!(backoff_secs(30, 8), 3600);
        assert_eq!(backoff_secs(30, 100), 3600);
        assert_eq!(backoff_secs(1, 3), 4);
    }
}
