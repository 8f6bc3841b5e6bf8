//! The i18n layer. Every user-visible string comes from here: `Texts` is one struct per
//! locale, so a string missing in one language is a compile error, not a blank on a page.
//! Chinese (zh-CN) is the default; English is the second locale.
mod city;
mod en;
pub mod errors;
mod followup;
pub mod hints;
mod rewards;
mod rewards_tables;
mod staff;
mod workflow;
mod zh;

pub use followup::FollowupTexts;
pub use rewards::RewardTexts;
pub use staff::{countdown, queue_name, StaffTexts};
pub use workflow::role_name;

use crate::model::{EventKind, Field, Problem, Status, TicketKind};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    Zh,
    En,
}

/// Name of the cookie that remembers the chosen language.
pub const LOCALE_COOKIE: &str = "lang";

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Zh, Locale::En];

    /// BCP 47 tag, as used in `<html lang>` and the cookie.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Zh => "zh-CN",
            Locale::En => "en",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Locale> {
        let tag = tag.trim().to_ascii_lowercase();
        if tag.starts_with("zh") {
            Some(Locale::Zh)
        } else if tag.starts_with("en") {
            Some(Locale::En)
        } else {
            None
        }
    }

    /// Picks from an `Accept-Language` header: the first language we have, by weight.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut choices: Vec<(f32, Locale)> = header
            .split(',')
            .filter_map(|part| {
                let mut it = part.split(';');
                let locale = Locale::from_tag(it.next()?)?;
                let q = it
                    .find_map(|p| p.trim().strip_prefix("q=")?.parse::<f32>().ok())
                    .unwrap_or(1.0);
                Some((q, locale))
            })
            .collect();
        choices.sort_by(|a, b| b.0.total_cmp(&a.0));
        choices.first().map(|c| c.1)
    }

    /// The locale a request asks for: the `lang` cookie, then `Accept-Language`, then Chinese.
    #[cfg(feature = "ssr")]
    pub fn from_headers(headers: &http::HeaderMap) -> Locale {
        let from_cookie = headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .find_map(|kv| kv.trim().strip_prefix(LOCALE_COOKIE)?.strip_prefix('='))
            .and_then(Locale::from_tag);
        from_cookie
            .or_else(|| {
                let header = headers.get(http::header::ACCEPT_LANGUAGE)?.to_str().ok()?;
                Locale::from_accept_language(header)
            })
            .unwrap_or_default()
    }

    /// The other language, for the switch.
    pub fn other(self) -> Locale {
        match self {
            Locale::Zh => Locale::En,
            Locale::En => Locale::Zh,
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::Zh => &zh::TEXTS,
            Locale::En => &en::TEXTS,
        }
    }

    pub fn kind(self, kind: TicketKind) -> &'static str {
        let t = self.texts();
        match kind {
            TicketKind::Complaint => t.kind_complaint,
            TicketKind::Report => t.kind_report,
            TicketKind::Help => t.kind_help,
            TicketKind::Inquiry => t.kind_inquiry,
            TicketKind::Suggestion => t.kind_suggestion,
            TicketKind::Praise => t.kind_praise,
        }
    }

    pub fn status(self, status: Status) -> &'static str {
        workflow::status(self, status)
    }

    /// An event's label in a case history.
    pub fn rating(self, rating: crate::model::workflow::Rating) -> &'static str {
        workflow::rating(self, rating)
    }

    /// 三级处置: who handles a case reopened at `level`.
    pub fn level(self, level: u8) -> &'static str {
        workflow::level_name(self, level)
    }

    pub fn event(self, event: EventKind) -> &'static str {
        workflow::event(self, event)
    }

    /// The staff console's fixed strings.
    pub fn staff(self) -> &'static StaffTexts {
        match self {
            Locale::Zh => &staff::ZH,
            Locale::En => &staff::EN,
        }
    }

    pub fn field(self, field: Field) -> &'static str {
        let t = self.texts();
        match field {
            Field::Kind => t.label_kind,
            Field::Category => t.label_category,
            Field::District => t.label_district,
            Field::Street => t.label_street,
            Field::Address => t.label_address,
            Field::Position => t.label_position,
            Field::Description => t.label_description,
            Field::ContactName => t.label_contact_name,
            Field::ContactPhone => t.label_contact_phone,
            Field::Photos => t.label_photos,
            Field::Form => t.label_form,
        }
    }

    /// A message the citizen can act on.
    pub fn problem(self, problem: &Problem) -> String {
        match self {
            Locale::Zh => zh::problem(problem),
            Locale::En => en::problem(problem),
        }
    }

    /// A date-time in Asia/Shanghai (UTC+8, no daylight saving), as citizens read it.
    pub fn datetime(self, at: chrono::DateTime<chrono::Utc>) -> String {
        let beijing = chrono::FixedOffset::east_opt(8 * 3600).expect("valid offset");
        let local = at.with_timezone(&beijing);
        match self {
            Locale::Zh => local.format("%Y年%m月%d日 %H:%M").to_string(),
            Locale::En => local.format("%Y-%m-%d %H:%M (UTC+8)").to_string(),
        }
    }
}

/// Every fixed string of the user interface.
pub struct Texts {
    pub app_name: &'static str,
    pub app_tagline: &'static str,
    pub switch_language: &'static str,
    pub hotline_hint: &'static str,
    pub footer: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,
    pub loading: &'static str,

    pub home_report: &'static str,
    pub home_report_hint: &'static str,
    pub home_snap: &'static str,
    pub home_snap_hint: &'static str,
    pub home_track: &'static str,
    pub home_track_hint: &'static str,

    pub report_title: &'static str,
    pub snap_title: &'static str,
    pub report_intro: &'static str,
    pub choose: &'static str,
    pub label_kind: &'static str,
    pub label_category: &'static str,
    pub label_category_group: &'static str,
    pub label_district: &'static str,
    pub label_street: &'static str,
    pub label_address: &'static str,
    pub placeholder_address: &'static str,
    pub label_position: &'static str,
    pub locate_button: &'static str,
    pub locating: &'static str,
    pub located: &'static str,
    pub locate_failed: &'static str,
    pub locate_clear: &'static str,
    pub label_description: &'static str,
    pub placeholder_description: &'static str,
    pub label_contact_name: &'static str,
    pub label_contact_phone: &'static str,
    pub label_confidential: &'static str,
    pub hint_confidential: &'static str,
    pub label_publish_consent: &'static str,
    pub hint_publish_consent: &'static str,
    pub label_photos: &'static str,
    pub add_photo: &'static str,
    pub remove_photo: &'static str,
    pub preparing_photos: &'static str,
    pub label_form: &'static str,
    pub submit: &'static str,
    pub uploading: &'static str,
    pub processing: &'static str,
    pub fix_errors: &'static str,
    pub network_error: &'static str,
    pub needs_javascript: &'static str,
    pub section_problem: &'static str,
    pub section_place: &'static str,
    pub section_contact: &'static str,

    pub kind_complaint: &'static str,
    pub kind_report: &'static str,
    pub kind_help: &'static str,
    pub kind_inquiry: &'static str,
    pub kind_suggestion: &'static str,
    pub kind_praise: &'static str,

    pub done_title: &'static str,
    pub done_ticket_no: &'static str,
    pub done_query_code: &'static str,
    pub done_keep_code: &'static str,
    pub done_copy: &'static str,
    pub done_copied: &'static str,
    pub done_qr_caption: &'static str,
    pub done_track_now: &'static str,
    pub done_code_gone: &'static str,
    pub done_another: &'static str,

    pub track_title: &'static str,
    pub track_intro: &'static str,
    pub track_ticket_no: &'static str,
    pub track_query_code: &'static str,
    pub track_submit: &'static str,
    pub track_not_found: &'static str,
    pub track_bad_ticket_no: &'static str,
    pub track_rate_limited: &'static str,
    pub track_status: &'static str,
    pub track_kind: &'static str,
    pub track_category: &'static str,
    pub track_district: &'static str,
    pub track_submitted_at: &'static str,
    pub track_timeline: &'static str,
    pub track_photos: &'static str,
    pub step_submitted: &'static str,
    pub step_accepted: &'static str,
    pub step_rejected: &'static str,
    pub step_duplicate_of: &'static str,
    pub step_dispatched: &'static str,
    pub step_contacted: &'static str,
    pub step_extended: &'static str,
    pub step_replied: &'static str,
    pub step_responder: &'static str,
    pub step_followed_up: &'static str,
    pub step_closed: &'static str,

    pub error_internal: &'static str,
}

/// The locale of the page being rendered, provided by the app shell.
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// The fixed strings in the page's language.
pub fn use_texts() -> &'static Texts {
    use_locale().texts()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_language_preferences_pick_the_best_supported_locale() {
        assert_eq!(
            Locale::from_accept_language("en-US,en;q=0.9,zh-CN;q=0.8"),
            Some(Locale::En)
        );
        assert_eq!(
            Locale::from_accept_language("fr;q=1, zh-TW;q=0.5, en;q=0.4"),
            Some(Locale::Zh)
        );
        assert_eq!(Locale::from_accept_language("de, fr"), None);
        assert_eq!(Locale::from_accept_language(""), None);
    }

    #[test]
    fn every_problem_has_a_message_in_both_languages() {
        let problems = [
            Problem::Required,
            Problem::TooShort { min: 10, actual: 3 },
            Problem::TooLong {
                max: 2000,
                actual: 2001,
            },
            Problem::PhotoTypeMismatch {
                photo: 2,
                declared: "JPEG".into(),
                actual: "PNG".into(),
            },
            Problem::PhotoTooManyPixels {
                photo: 1,
                max_megapixels: 50,
            },
            Problem::BodyTooLarge {
                max_bytes: 40 << 20,
            },
        ];
        for p in &problems {
            for l in Locale::ALL {
                assert!(!l.problem(p).is_empty());
            }
        }
        assert!(Locale::Zh.problem(&problems[1]).contains("10"));
        assert!(Locale::En.problem(&problems[3]).contains("PNG"));
        assert!(Locale::Zh.problem(&problems[5]).contains("40 MB"));
    }

    #[test]
    fn times_are_shown_in_beijing_time() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-21T16:30:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(Locale::Zh.datetime(at), "2026年11月22日 00:30");
    }
}
