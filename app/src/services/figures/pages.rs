//! The figure pages: the staff page (`/staff/figures`) with its ranking, charts and hotspots,
//! and the public monthly figures (`/figures`).
use super::{by_key, read};
use crate::model::figures::{Figures, Period, Slice};
use crate::services::AppState;
use crate::storage::figures as stored;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeMap;

/// Why the figures page cannot be shown.
#[derive(Debug, thiserror::Error)]
pub enum FiguresError {
    /// Only supervisors, administrators and department heads read figures.
    #[error("not a role that reads figures")]
    WrongRole,
    #[error(transparent)]
    Period(#[from] crate::model::figures::PeriodError),
    #[error("unknown slice {0:?}")]
    Slice(String),
    /// A key (`key=`) the city does not have in that slice.
    #[error("unknown key {0:?}")]
    Key(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The staff figures page for `period` (default: this month) sliced `by` (default: by
/// department), or one `key` of the slice alone (a department, district, category group,
/// category or channel: its row and rank, its weeks, 环比 and 同比). Supervisors and
/// administrators see every key; a department head sees their own department, its rank and
/// its weeks, nothing of the others (a key is not theirs to ask for).
pub async fn page(
    state: &AppState,
    staff: &crate::services::staff::Staff,
    period: Option<&str>,
    by: Option<&str>,
    key: Option<&str>,
    locale: crate::i18n::Locale,
    now: DateTime<Utc>,
) -> Result<crate::model::figures::FiguresPage, FiguresError> {
    use crate::model::figures::{rank, FigureRow, FiguresPage, NamedPeriod, MIN_RANKED_CASES};
    use crate::model::staff::Role;
    let own = match staff.role {
        Role::Supervisor | Role::Admin => None,
        Role::Head => Some(staff.department.clone().ok_or(FiguresError::WrongRole)?),
        Role::Operator | Role::Handler => return Err(FiguresError::WrongRole),
    };
    let period = match period.filter(|p| !p.trim().is_empty()) {
        Some(text) => NamedPeriod::parse(text)?,
        None => NamedPeriod::month_of(crate::model::time::beijing_date(now)),
    };
    let slice = match by.filter(|b| !b.is_empty()) {
        Some(code) => Slice::parse(code)
            .ok_or_else(|| FiguresError::Slice(code.chars().take(40).collect()))?,
        None => Slice::Department,
    };
    // A department head reads departments only, and only their own.
    let slice = if own.is_some() {
        Slice::Department
    } else {
        slice
    };
    let key = key.filter(|k| !k.is_empty());
    if let (Some(k), Some(own)) = (key, &own) {
        if k != own {
            return Err(FiguresError::WrongRole);
        }
    }
    let keys = by_key(state, slice, period.period, now).await?;
    // A key the city has, or one its cases still carry (a department, district or category
    // since removed from the configuration: its old cases keep their rows).
    let focus = match key.filter(|_| own.is_none()) {
        Some(k) if known(state, slice, k) || keys.contains_key(k) => Some(k.to_string()),
        Some(k) => return Err(FiguresError::Key(k.chars().take(40).collect())),
        None => None,
    };
    // The one key shown alone: the head's department, or the key asked for.
    let alone = own.clone().or_else(|| focus.clone());
    let (ranks, ranked) = rank(
        &keys.values().cloned().collect::<Vec<_>>(),
        MIN_RANKED_CASES,
    );
    let rows: Vec<FigureRow> = keys
        .iter()
        .zip(ranks)
        .filter(|((key, _), _)| alone.as_ref().is_none_or(|alone| *key == alone))
        .map(|((key, figures), rank)| FigureRow {
            label: label(state, slice, key, locale),
            key: key.clone(),
            figures: figures.clone(),
            rank,
        })
        .collect();
    // The comparisons and the weeks: every case, or the one key shown alone.
    let (sum_slice, sum_key) = match &alone {
        Some(k) => (slice, k.as_str()),
        None => (Slice::All, ""),
    };
    let total_of = |p: Period| async move {
        let keys = by_key(state, sum_slice, p, now).await?;
        Ok::<_, sqlx::Error>(keys.get(sum_key).cloned().unwrap_or_default())
    };
    // The period's own total is its rows' sum: each case is in exactly one key of a slice.
    let total = match &alone {
        Some(k) => keys.get(k.as_str()).cloned().unwrap_or_default(),
        None => Figures::sum(keys.values()),
    };
    let previous = total_of(period.previous().period).await?;
    let year_before = total_of(period.year_before().period).await?;
    let weeks: Vec<(NaiveDate, Figures)> = read(state, sum_slice, period.period, now, |d| {
        NamedPeriod::week_of(d).period.first
    })
    .await?
    .into_iter()
    .filter(|((key, _), _)| key == sum_key)
    .map(|((_, week), f)| (week, f))
    .collect();
    let t = locale.figures();
    let weeks_chart = if weeks.is_empty() {
        String::new()
    } else {
        crate::services::charts::weekly(&weeks, t)
    };
    let mut ranked_rows: Vec<(u32, String, crate::model::figures::Rate)> = rows
        .iter()
        .filter_map(|r| r.rank.map(|n| (n, r.label.clone(), r.figures.satisfied)))
        .collect();
    ranked_rows.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    let ranking_chart = if alone.is_some() || ranked_rows.is_empty() {
        String::new()
    } else {
        crate::services::charts::ranking(
            &ranked_rows
                .into_iter()
                .map(|(_, label, rate)| (label, rate))
                .collect::<Vec<_>>(),
        )
    };
    // Hotspots are places (category × street): the city's, or the busiest of the one
    // district, category group or category shown alone.
    let hotspots = match (&alone, slice) {
        (Some(_), Slice::Department | Slice::Channel | Slice::All) => Vec::new(),
        _ => {
            let within = |p: &crate::model::figures::hotspot::Place| match (&focus, slice) {
                (Some(k), Slice::District) => p.district == *k,
                (Some(k), Slice::Category) => p.category == *k,
                (Some(k), Slice::Group) => state
                    .city
                    .category(&p.category)
                    .is_some_and(|(group, _)| group.code == *k),
                _ => true,
            };
            hotspots(
                state,
                period.period,
                period.previous().period,
                within,
                locale,
            )
            .await?
        }
    };
    Ok(FiguresPage {
        me: crate::services::cases::me(state, staff, locale),
        period,
        slice,
        focus,
        rows,
        ranked,
        total: alone.is_none().then_some(total),
        previous,
        year_before,
        weeks,
        weeks_chart,
        ranking_chart,
        hotspots,
    })
}

/// The busiest places (category × street) `within` a part of the city, of a period against
/// the period before.
pub async fn hotspots(
    state: &AppState,
    period: Period,
    before: Period,
    within: impl Fn(&crate::model::figures::hotspot::Place) -> bool,
    locale: crate::i18n::Locale,
) -> Result<Vec<crate::model::figures::hotspot::Hotspot>, sqlx::Error> {
    use crate::model::figures::hotspot::{self, Place};
    // A place comes once per part of the period (its whole months, the days around them).
    let count = |rows: Vec<(String, String, String, i64)>| -> BTreeMap<Place, u64> {
        let mut places = BTreeMap::new();
        for (category, district, street, n) in rows {
            let place = Place {
                category,
                district,
                street,
            };
            if within(&place) {
                *places.entry(place).or_insert(0) += n.max(0) as u64;
            }
        }
        places.retain(|_, n| *n > 0);
        places
    };
    let now = count(stored::places(&state.db, period.first, period.last).await?);
    let earlier = count(stored::places(&state.db, before.first, before.last).await?);
    let mut list = hotspot::hotspots(&now, &earlier);
    for h in &mut list {
        let p = &h.place;
        h.label = format!(
            "{} · {} · {}",
            state.city.district_label(&p.district, locale),
            state.city.street_label(&p.district, &p.street, locale),
            state.city.category_label(&p.category, locale)
        );
    }
    Ok(list)
}

/// Whether the city has `key` in `slice` (a configured department, district, category group
/// or category, or a channel cases come in by).
fn known(state: &AppState, slice: Slice, key: &str) -> bool {
    let city = &state.city;
    match slice {
        Slice::All => false,
        Slice::Department => city.departments.iter().any(|d| d.code == key),
        Slice::District => city.districts.iter().any(|d| d.code == key),
        Slice::Group => city.categories.iter().any(|g| g.code == key),
        Slice::Category => city.category(key).is_some(),
        Slice::Channel => crate::model::figures::CHANNELS.contains(&key),
    }
}

/// The name of a slice's key in the user's language.
pub fn label(state: &AppState, slice: Slice, key: &str, locale: crate::i18n::Locale) -> String {
    let city = &state.city;
    match slice {
        Slice::All => String::new(),
        Slice::Department if key.is_empty() => locale.figures().not_dispatched.to_string(),
        Slice::Department => city.department_label(key, locale),
        Slice::District => city.district_label(key, locale),
        Slice::Category => city.category_label(key, locale),
        Slice::Group => city
            .categories
            .iter()
            .find(|g| g.code == key)
            .map_or_else(|| key.to_string(), |g| g.name.get(locale).to_string()),
        Slice::Channel => locale.figures().channel(key),
    }
}

/// The public figures of a month (default: the last complete month): per department and
/// district, each figure only where `MIN_PUBLIC_CASES` cases stand behind it.
pub async fn public(
    state: &AppState,
    month: Option<crate::model::board::Month>,
    locale: crate::i18n::Locale,
    now: DateTime<Utc>,
) -> Result<crate::model::figures::public::PublicFigures, sqlx::Error> {
    use crate::model::figures::public::{PublicFigures, PublicRow};
    use crate::model::figures::NamedPeriod;
    let today = crate::model::time::beijing_date(now);
    let first = match month {
        Some(m) => m.first_day(),
        None => NamedPeriod::month_of(today).previous().period.first,
    };
    let period = NamedPeriod::month_of(first).period;
    let rows = |slice: Slice, keys: BTreeMap<String, Figures>| -> Vec<PublicRow> {
        keys.into_iter()
            .filter(|(key, _)| !key.is_empty())
            .map(|(key, f)| PublicRow::of(key.clone(), label(state, slice, &key, locale), &f))
            .filter(PublicRow::any)
            .collect()
    };
    let total = by_key(state, Slice::All, period, now)
        .await?
        .remove("")
        .unwrap_or_default();
    let departments = rows(
        Slice::Department,
        by_key(state, Slice::Department, period, now).await?,
    );
    let districts = rows(
        Slice::District,
        by_key(state, Slice::District, period, now).await?,
    );
    // The chart draws rates: a published per mille as a rate of 1000.
    let mut ranked: Vec<(String, crate::model::figures::Rate)> = departments
        .iter()
        .filter_map(|r| {
            let per_mille = r.satisfied?;
            let rate = crate::model::figures::Rate {
                num: per_mille,
                den: 1000,
            };
            Some((r.label.clone(), rate))
        })
        .collect();
    ranked.sort_by(|a, b| b.1.num.cmp(&a.1.num).then_with(|| a.0.cmp(&b.0)));
    Ok(PublicFigures {
        month: first.format("%Y-%m").to_string(),
        total: PublicRow::of(String::new(), locale.figures().total.to_string(), &total),
        departments,
        districts,
        ranking_chart: if ranked.is_empty() {
            String::new()
        } else {
            crate::services::charts::ranking(&ranked)
        },
    })
}
