//! The i18n layer. Every user-visible string comes from here, declared one way (`texts!`, see
//! `texts.rs`): each area's texts with Chinese and English side by side, plain strings as
//! fields, texts with values as methods with typed arguments. A string missing in one language
//! is a compile error, not a blank on a page. Chinese (zh-CN) is the default; English is the
//! second locale. City data (district, street, category and department names) comes localized
//! in the city file and is chosen in `city.rs`.
mod citizen;
mod city;
pub mod errors;
mod figures;
mod followup;
mod help;
mod hints;
mod notices;
mod offline;
mod open311;
mod rewards;
mod staff;
mod texts;
mod workflow;

pub use citizen::Texts;
pub use errors::ErrorTexts;
pub use figures::{rates, FigureTexts};
pub use followup::FollowupTexts;
pub use help::HelpTexts;
pub use hints::HintTexts;
pub use notices::NoticeTexts;
pub use offline::OfflineTexts;
pub use open311::Open311Texts;
pub use rewards::RewardTexts;
pub use staff::StaffTexts;
pub use workflow::WorkflowTexts;

use crate::model::{Field, TicketKind};
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

/// The cookie of the large-text view (长辈版): `view=large` while it is on.
pub const VIEW_COOKIE: &str = "view";

/// Whether a request asks for the large-text view (长辈版, its `view` cookie).
#[cfg(feature = "ssr")]
pub fn large_text_from_headers(headers: &http::HeaderMap) -> bool {
    crate::services::accounts::cookie_value(headers, VIEW_COOKIE).as_deref() == Some("large")
}

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

    /// The shell's and the citizen pages' texts.
    pub fn texts(self) -> &'static Texts {
        Texts::of(self)
    }

    /// The follow-up's texts (rating, me too, my cases, the public board).
    pub fn followup(self) -> &'static FollowupTexts {
        FollowupTexts::of(self)
    }

    /// The snap-and-report and reward texts.
    pub fn rewards(self) -> &'static RewardTexts {
        RewardTexts::of(self)
    }

    /// The service-quality figures' texts.
    pub fn figures(self) -> &'static FigureTexts {
        FigureTexts::of(self)
    }

    /// The knowledge base's (知识库) texts.
    pub fn help(self) -> &'static HelpTexts {
        HelpTexts::of(self)
    }

    /// The notices' (公告) texts.
    pub fn notices(self) -> &'static NoticeTexts {
        NoticeTexts::of(self)
    }

    /// The offline portal's texts: reports waiting on the phone, the new version.
    pub fn offline(self) -> &'static OfflineTexts {
        OfflineTexts::of(self)
    }

    /// The Open311 API's texts.
    pub fn open311(self) -> &'static Open311Texts {
        Open311Texts::of(self)
    }

    /// The staff console's texts.
    pub fn staff(self) -> &'static StaffTexts {
        StaffTexts::of(self)
    }

    /// The workflow's labels (statuses, events, ratings, levels, roles).
    pub fn workflow(self) -> &'static WorkflowTexts {
        WorkflowTexts::of(self)
    }

    /// Every error's message.
    pub fn errors(self) -> &'static ErrorTexts {
        ErrorTexts::of(self)
    }

    /// Texts that state a rule's limit.
    pub fn hints(self) -> &'static HintTexts {
        HintTexts::of(self)
    }

    /// The label of a kind of request.
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
            Field::ContactPhone => t.mobile,
            Field::Photos => t.label_photos,
            Field::Form => t.label_form,
        }
    }

    /// A date-time in Asia/Shanghai (UTC+8, no daylight saving), as citizens read it.
    pub fn datetime(self, at: chrono::DateTime<chrono::Utc>) -> String {
        let beijing = chrono::FixedOffset::east_opt(8 * 3600).expect("valid offset");
        let local = at.with_timezone(&beijing);
        use chrono::{Datelike, Timelike};
        let (y, mo, d) = (local.year(), local.month(), local.day());
        let (h, mi) = (local.hour(), local.minute());
        // Written out rather than through chrono's format strings: the report form (WASM)
        // calls this, and the format-string parser weighs several KB there.
        match self {
            Locale::Zh => format!("{y:04}年{mo:02}月{d:02}日 {h:02}:{mi:02}"),
            Locale::En => format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02} (UTC+8)"),
        }
    }
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
    use crate::model::Problem;

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
                assert!(!l.texts().problem(p).is_empty());
            }
        }
        assert!(Locale::Zh.texts().problem(&problems[1]).contains("10"));
        assert!(Locale::En.texts().problem(&problems[3]).contains("PNG"));
        assert!(Locale::Zh.texts().problem(&problems[5]).contains("40 MB"));
    }

    #[test]
    fn times_are_shown_in_beijing_time() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-21T16:30:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(Locale::Zh.datetime(at), "2026年11月22日 00:30");
    }
}
