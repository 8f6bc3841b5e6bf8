//! Notices (公告): hotline staff publish and withdraw them; the public reads those in force
//! and to come (`/notices`, the Atom feed, the home page); the report form and `/snap` show
//! those that cover what the citizen is about to report and count each showing; intake links
//! a report filed anyway to every notice in force that covers it.
use super::staff::Staff;
use super::AppState;
use crate::i18n::Locale;
use crate::model::notice::{
    self, Notice, NoticeDraft, NoticeLine, NoticeProblem, NoticesPage, StaffNotice,
};
use crate::model::position::Position;
use crate::model::ValidReport;
use crate::storage::notices::{self as store, NoticeRow};
use chrono::{DateTime, Duration, Utc};

#[derive(Debug, thiserror::Error)]
pub enum NoticeError {
    #[error("the notice has {} problem(s)", .0.len())]
    Invalid(Vec<NoticeProblem>),
    /// Only hotline staff publish and withdraw notices.
    #[error("only hotline staff publish notices")]
    WrongRole,
    /// No such notice, or it has ended or been withdrawn already.
    #[error("no such notice in force")]
    NotFound,
    #[error("internal error: {0}")]
    Internal(String),
}

fn internal(e: impl std::fmt::Display) -> NoticeError {
    NoticeError::Internal(e.to_string())
}

/// Whether this staff member may publish and withdraw notices: the hotline's own staff.
pub fn may_publish(staff: &Staff) -> bool {
    staff.role.is_hotline()
}

/// How long an ended notice stays on the staff list.
const STAFF_LIST_DAYS: i64 = 30;

/// Publishes a notice; its id.
pub async fn publish(
    state: &AppState,
    staff: &Staff,
    draft: &NoticeDraft,
    now: DateTime<Utc>,
) -> Result<i64, NoticeError> {
    if !may_publish(staff) {
        return Err(NoticeError::WrongRole);
    }
    let valid = notice::validate(draft, &state.city).map_err(NoticeError::Invalid)?;
    let id = store::insert(&state.db, &valid, &staff.username, now)
        .await
        .map_err(internal)?;
    tracing::info!(
        id,
        by = staff.username,
        kind = valid.kind.code(),
        "notice published"
    );
    Ok(id)
}

/// Withdraws a notice before its end (a cut repaired early, a closure called off).
pub async fn withdraw(
    state: &AppState,
    staff: &Staff,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), NoticeError> {
    if !may_publish(staff) {
        return Err(NoticeError::WrongRole);
    }
    if store::withdraw(&state.db, id, &staff.username, now)
        .await
        .map_err(internal)?
    {
        tracing::info!(id, by = staff.username, "notice withdrawn");
        Ok(())
    } else {
        Err(NoticeError::NotFound)
    }
}

/// A notice as a citizen reads it, in their language.
pub fn line(state: &AppState, n: &Notice, locale: Locale, now: DateTime<Utc>) -> NoticeLine {
    let city = &state.city;
    let texts = locale.notices();
    let join = |names: Vec<String>| names.join(texts.list_separator);
    let places = join(
        n.scope
            .places
            .iter()
            .map(|p| city.place_label(p, locale))
            .collect(),
    );
    NoticeLine {
        id: n.id,
        headline: format!(
            "{} · {places} · {}",
            texts.kind(n.kind),
            texts.span(n.starts_at, n.ends_at)
        ),
        kind: n.kind,
        phase: n.phase(now),
        places,
        categories: join(
            n.scope
                .categories
                .iter()
                .map(|c| city.category_or_group_label(c, locale))
                .collect(),
        ),
        starts_at: n.starts_at,
        ends_at: n.ends_at,
        text: n.text.clone(),
        published_at: n.published_at,
    }
}

/// Notices in force and to come, soonest first (`/notices`, the feed, the home page).
pub async fn public(
    state: &AppState,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<Vec<NoticeLine>, NoticeError> {
    let rows = store::public(&state.db, now, false)
        .await
        .map_err(internal)?;
    Ok(rows
        .iter()
        .map(|r| line(state, &r.notice(), locale, now))
        .collect())
}

/// Where a report is, as a form knows it so far: a district and street, or a position.
pub struct Whereabouts<'a> {
    pub district: &'a str,
    pub street: &'a str,
    pub latitude: &'a str,
    pub longitude: &'a str,
}

/// The notices in force that cover a report about to be written: of `category` (empty: not
/// chosen yet) at the place (a position stands in for a district not chosen). Nothing when
/// no place is known. Any input answers; none is an error.
pub async fn matching(
    state: &AppState,
    category: &str,
    place: Whereabouts<'_>,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<Vec<NoticeLine>, NoticeError> {
    let mut district = place.district.trim().to_string();
    if district.is_empty() {
        if let Ok(Some(p)) = Position::parse(place.latitude, place.longitude) {
            if let Some(d) = super::places::district_at(&state.city, p.latitude, p.longitude) {
                district = d.code.clone();
            }
        }
    }
    if district.is_empty() || state.city.district(&district).is_none() {
        return Ok(Vec::new());
    }
    let category = Some(category.trim()).filter(|c| !c.is_empty());
    let street = Some(place.street.trim()).filter(|s| !s.is_empty());
    let rows = store::public(&state.db, now, true)
        .await
        .map_err(internal)?;
    Ok(rows
        .iter()
        .map(NoticeRow::notice)
        .filter(|n| n.matches(&state.city, now, category, &district, street))
        .map(|n| line(state, &n, locale, now))
        .collect())
}

/// Counts one showing of each notice a citizen's form showed (the ids as the browser sends
/// them; unknown, ended or withdrawn ones are left alone).
pub async fn seen(state: &AppState, ids: &str, now: DateTime<Utc>) -> Result<(), NoticeError> {
    let ids = notice::parse_ids(ids);
    store::add_seen(&state.db, &ids, now)
        .await
        .map_err(internal)?;
    Ok(())
}

/// The notices in force that cover a report being filed, each with whether the citizen's
/// form had shown it (`seen_ids`, as the browser sent them). A failure to read them is
/// logged and links nothing: a notice never costs a citizen their report.
pub async fn covering(
    state: &AppState,
    report: &ValidReport,
    seen_ids: &str,
    now: DateTime<Utc>,
) -> Vec<(i64, bool)> {
    let rows = match store::public(&state.db, now, true).await {
        Ok(rows) => rows,
        Err(e) => {
            tracing::error!(error = %e, "notices could not be read at intake: none linked");
            return Vec::new();
        }
    };
    let seen = notice::parse_ids(seen_ids);
    let street = Some(report.street.as_str()).filter(|s| !s.is_empty());
    rows.iter()
        .map(NoticeRow::notice)
        .filter(|n| {
            n.matches(
                &state.city,
                now,
                Some(&report.category),
                &report.district,
                street,
            )
        })
        .map(|n| (n.id, seen.contains(&n.id)))
        .collect()
}

/// The staff page: every notice in force, to come, or ended within 30 days, with its counts.
pub async fn staff_page(
    state: &AppState,
    staff: &Staff,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<NoticesPage, NoticeError> {
    let rows = store::for_staff(&state.db, now - Duration::days(STAFF_LIST_DAYS))
        .await
        .map_err(internal)?;
    let notices = rows
        .iter()
        .map(|r| StaffNotice {
            line: line(state, &r.notice(), locale, now),
            published_by: r.published_by.clone(),
            published_at: r.published_at,
            withdrawn_by: r.withdrawn_by.clone(),
            seen: r.seen,
            filed: r.filed,
            filed_after_seeing: r.filed_after_seeing,
        })
        .collect();
    let city = &state.city;
    Ok(NoticesPage {
        me: super::cases::me(state, staff, locale),
        notices,
        may_publish: may_publish(staff),
        places: city
            .districts
            .iter()
            .map(|d| {
                let streets = d
                    .streets
                    .iter()
                    .map(|s| (s.code.clone(), s.name.get(locale).to_string()))
                    .collect();
                (d.code.clone(), d.name.get(locale).to_string(), streets)
            })
            .collect(),
        categories: city
            .categories
            .iter()
            .map(|g| {
                let leaves = g
                    .children
                    .iter()
                    .map(|c| (c.code.clone(), c.name.get(locale).to_string()))
                    .collect();
                (g.code.clone(), g.name.get(locale).to_string(), leaves)
            })
            .collect(),
    })
}

/// The notices a case was filed under (the staff case page), with whether its citizen had
/// seen each.
pub async fn of_case(
    state: &AppState,
    ticket_id: i64,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<Vec<(NoticeLine, bool)>, NoticeError> {
    let rows = store::of_ticket(&state.db, ticket_id)
        .await
        .map_err(internal)?;
    Ok(rows
        .iter()
        .map(|(r, seen)| (line(state, &r.notice(), locale, now), *seen))
        .collect())
}
