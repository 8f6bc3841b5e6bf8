//! Notices (公告): the hotline tells citizens of planned water, power, gas or heating cuts, road
//! closures and events before they report them. A notice covers places (whole districts or
//! single streets) and categories (groups or leaves; none: every category) from its start to
//! its end. Pure: the staff form, the citizen's report form, `/snap` and intake all match with
//! the one rule here (`Notice::covers`).
use super::city::City;
use super::time::{beijing, FIRST_YEAR, LAST_YEAR};
use chrono::{DateTime, Datelike, NaiveDateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

coded_enum! {
    /// What a notice announces.
    pub enum NoticeKind {
        Water = "water",
        Power = "power",
        Gas = "gas",
        Heating = "heating",
        Road = "road",
        Event = "event",
        Other = "other",
    }
}

/// Most characters in a notice's text.
pub const NOTICE_TEXT_MAX_CHARS: usize = 300;

/// Longest a notice may run: a closure of a year is announced again, not left standing.
pub const NOTICE_MAX_DAYS: i64 = 366;

/// Most places (districts and streets) and categories one notice may name.
pub const NOTICE_MAX_CODES: usize = 64;

/// The staff form as sent: every value as typed. Times are Beijing wall-clock times as a
/// `datetime-local` input writes them (`2026-12-01T09:00`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NoticeDraft {
    pub kind: String,
    /// District and street codes.
    pub places: Vec<String>,
    /// Category group and leaf codes; none: every category.
    pub categories: Vec<String>,
    pub starts: String,
    pub ends: String,
    pub text: String,
}

/// What the staff form got wrong. Every problem is listed at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum NoticeProblem {
    #[error("unknown kind of notice")]
    Kind,
    #[error("no place, an unknown one, or too many")]
    Places,
    #[error("an unknown category, or too many")]
    Categories,
    #[error("the start is not a date and time")]
    Starts,
    #[error("the end is not a date and time")]
    Ends,
    #[error("the end is not after the start")]
    EndBeforeStart,
    #[error("runs longer than {max_days} days")]
    TooLong { max_days: i64 },
    #[error("the text is empty or longer than {max} characters")]
    Text { max: usize },
}

/// A notice that met every rule (only `validate` builds one).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValidNotice {
    pub kind: NoticeKind,
    pub scope: Scope,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub text: String,
}

/// Where and for what a notice holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    /// District and street codes of the city file (codes are unique across the file).
    pub places: Vec<String>,
    /// Category group and leaf codes; empty: every category.
    pub categories: Vec<String>,
}

impl Scope {
    /// Whether a report of `category` (none yet: any) in `district`, on `street` (none: only
    /// the district is known, e.g. from a phone's position), falls under this notice. A
    /// street-wide notice reaches a report that knows only its district: the citizen may well
    /// be on that street, and seeing the notice costs nothing. A street that is not in the
    /// district counts as not known.
    pub fn covers(
        &self,
        city: &City,
        category: Option<&str>,
        district: &str,
        street: Option<&str>,
    ) -> bool {
        let category_ok = match category {
            None => true,
            Some(leaf) => {
                self.categories.is_empty()
                    || self.categories.iter().any(|c| {
                        c == leaf
                            || city
                                .category(leaf)
                                .is_some_and(|(group, _)| group.code == *c)
                    })
            }
        };
        let Some(d) = city.district(district).filter(|_| category_ok) else {
            return false;
        };
        let street = street.filter(|s| d.streets.iter().any(|known| known.code == *s));
        self.places.iter().any(|p| {
            p == district
                || match street {
                    Some(s) => p == s,
                    None => d.streets.iter().any(|s| s.code == *p),
                }
        })
    }
}

/// A published notice as everyone reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Notice {
    pub id: i64,
    pub kind: NoticeKind,
    pub scope: Scope,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub text: String,
    pub published_at: DateTime<Utc>,
    pub withdrawn_at: Option<DateTime<Utc>>,
}

/// Where a notice stands at an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticePhase {
    Upcoming,
    Current,
    Ended,
    Withdrawn,
}

impl Notice {
    pub fn phase(&self, now: DateTime<Utc>) -> NoticePhase {
        if self.withdrawn_at.is_some() {
            NoticePhase::Withdrawn
        } else if now < self.starts_at {
            NoticePhase::Upcoming
        } else if now < self.ends_at {
            NoticePhase::Current
        } else {
            NoticePhase::Ended
        }
    }

    /// Whether the public sees it now (`/notices`, the feed): current or still to come.
    pub fn is_public(&self, now: DateTime<Utc>) -> bool {
        matches!(
            self.phase(now),
            NoticePhase::Current | NoticePhase::Upcoming
        )
    }

    /// Whether a report made now of `category` at the place falls under it: the notice holds
    /// now and covers the report (`Scope::covers`).
    pub fn matches(
        &self,
        city: &City,
        now: DateTime<Utc>,
        category: Option<&str>,
        district: &str,
        street: Option<&str>,
    ) -> bool {
        self.phase(now) == NoticePhase::Current
            && self.scope.covers(city, category, district, street)
    }
}

/// A wall-clock time in Beijing as a `datetime-local` input writes it (`2026-12-01T09:00`,
/// seconds allowed), within the portal's years.
pub fn parse_local_time(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    let local = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())?;
    if !(FIRST_YEAR..=LAST_YEAR).contains(&local.year()) {
        return None;
    }
    beijing()
        .from_local_datetime(&local)
        .single()
        .map(|t| t.to_utc())
}

/// The same instant as a `datetime-local` input shows it.
pub fn local_time_input(at: DateTime<Utc>) -> String {
    at.with_timezone(&beijing())
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// Checks the staff form. Codes are kept in the order given, without repeats.
pub fn validate(draft: &NoticeDraft, city: &City) -> Result<ValidNotice, Vec<NoticeProblem>> {
    let mut problems = Vec::new();
    let kind = NoticeKind::from_code(draft.kind.trim());
    if kind.is_none() {
        problems.push(NoticeProblem::Kind);
    }
    let codes = |list: &[String]| {
        let mut out: Vec<String> = Vec::new();
        for c in list.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
            if !out.iter().any(|o| o == c) {
                out.push(c.to_string());
            }
        }
        out
    };
    let places = codes(&draft.places);
    let is_place = |code: &str| {
        city.district(code).is_some()
            || city
                .districts
                .iter()
                .any(|d| d.streets.iter().any(|s| s.code == code))
    };
    if places.is_empty() || places.len() > NOTICE_MAX_CODES || !places.iter().all(|p| is_place(p)) {
        problems.push(NoticeProblem::Places);
    }
    let categories = codes(&draft.categories);
    let is_category = |code: &str| {
        city.category(code).is_some() || city.categories.iter().any(|g| g.code == code)
    };
    if categories.len() > NOTICE_MAX_CODES || !categories.iter().all(|c| is_category(c)) {
        problems.push(NoticeProblem::Categories);
    }
    let starts_at = parse_local_time(&draft.starts);
    if starts_at.is_none() {
        problems.push(NoticeProblem::Starts);
    }
    let ends_at = parse_local_time(&draft.ends);
    if ends_at.is_none() {
        problems.push(NoticeProblem::Ends);
    }
    if let (Some(s), Some(e)) = (starts_at, ends_at) {
        if e <= s {
            problems.push(NoticeProblem::EndBeforeStart);
        } else if e - s > chrono::Duration::days(NOTICE_MAX_DAYS) {
            problems.push(NoticeProblem::TooLong {
                max_days: NOTICE_MAX_DAYS,
            });
        }
    }
    let text = draft.text.trim();
    if text.is_empty() || text.chars().count() > NOTICE_TEXT_MAX_CHARS {
        problems.push(NoticeProblem::Text {
            max: NOTICE_TEXT_MAX_CHARS,
        });
    }
    match (kind, starts_at, ends_at) {
        (Some(kind), Some(starts_at), Some(ends_at)) if problems.is_empty() => Ok(ValidNotice {
            kind,
            scope: Scope { places, categories },
            starts_at,
            ends_at,
            text: text.to_string(),
        }),
        _ => Err(problems),
    }
}

/// Notice ids as a form or a request lists them (`12,15`): numbers only, at most 16, the rest
/// ignored. What a citizen's browser says it showed is a hint for staff, never an error.
pub fn parse_ids(text: &str) -> Vec<i64> {
    let mut ids: Vec<i64> = text
        .split(',')
        .filter_map(|s| s.trim().parse::<i64>().ok())
        .filter(|id| *id > 0)
        .take(16)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// A notice as a citizen reads it: in their language, with its places and times.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoticeLine {
    pub id: i64,
    /// Kind, places and times in one line (`停水 · 古槐街道 · 12月1日 09:00–17:00`), for
    /// pages without WASM (`/snap`) and the feed.
    pub headline: String,
    pub kind: NoticeKind,
    pub phase: NoticePhase,
    /// The places' names, joined.
    pub places: String,
    /// The categories' names, joined (empty: every category).
    pub categories: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub text: String,
    pub published_at: DateTime<Utc>,
}

/// A notice in the staff list: with who published it and what it saved.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffNotice {
    pub line: NoticeLine,
    pub published_by: String,
    pub published_at: DateTime<Utc>,
    pub withdrawn_by: Option<String>,
    /// Times a citizen's report form or `/snap` showed it.
    pub seen: i64,
    /// Reports filed while it held that it covers (whether or not the citizen saw it).
    pub filed: i64,
    /// Of those, reports whose citizen had seen it.
    pub filed_after_seeing: i64,
}

impl StaffNotice {
    /// Citizens who saw the notice and did not file: the reports it saved.
    pub fn saved(&self) -> i64 {
        (self.seen - self.filed_after_seeing).max(0)
    }
}

/// Choices in two levels, for the staff form: (code, name, [(code, name)]) — districts with
/// their streets, category groups with their leaves.
pub type ChoiceTree = Vec<(String, String, Vec<(String, String)>)>;

/// The staff notices page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoticesPage {
    pub me: super::console::Me,
    pub notices: Vec<StaffNotice>,
    /// Whether the viewer may publish and withdraw (hotline staff).
    pub may_publish: bool,
    /// Districts with their streets, for the form.
    pub places: ChoiceTree,
    /// Category groups with their leaves, for the form.
    pub categories: ChoiceTree,
}

#[cfg(test)]
mod tests;
