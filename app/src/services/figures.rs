//! Service-quality figures (服务质量指标): what is stored of each case when an event is
//! recorded, the figures of a period per slice (read from the stored days, the deadlines that
//! passed since and the confirmed repeats), and the rebuild from the events.
use super::AppState;
use crate::model::figures::{
    self, CaseFigures, CaseSlices, Cell, Deadline, Figures, Period, Slice,
};
use crate::model::workflow::{Event, Rules};
use crate::storage::figures::{self as stored, StoredCase};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeMap;

/// The parts of a case's row its figures are sliced by.
pub struct CaseWhere<'a> {
    pub district: &'a str,
    pub street: &'a str,
    pub category: &'a str,
    pub channel: &'a str,
}

/// What is stored of a case with this history: its row, its cells, its running deadlines.
pub struct CaseRecord {
    pub case: StoredCase,
    pub cells: Vec<Cell>,
    pub deadlines: Vec<(Deadline, DateTime<Utc>)>,
}

impl CaseRecord {
    pub fn of<'e>(
        at: &CaseWhere<'_>,
        events: impl IntoIterator<Item = (&'e Event, &'e str, DateTime<Utc>)>,
        rules: &Rules,
    ) -> CaseRecord {
        let f = CaseFigures::replay(events, rules);
        let slices = CaseSlices {
            department: f.department.clone().unwrap_or_default(),
            district: at.district.to_string(),
            category: at.category.to_string(),
            channel: at.channel.to_string(),
        };
        let cells = figures::cells(&slices, &f.by_day());
        CaseRecord {
            case: StoredCase {
                slices,
                street: at.street.to_string(),
                received_day: f
                    .received_at
                    .map(crate::model::time::beijing_date)
                    .unwrap_or_default(),
                accepted: f.accepted,
            },
            cells,
            deadlines: f.deadlines(),
        }
    }
}

/// The figures of a period per key of `slice` (a stored key, or a category group), as of
/// `now`: the sum of the stored days, the running deadlines that passed unanswered, the
/// confirmed repeats. Every key with a case in the period is present.
pub async fn by_key(
    state: &AppState,
    slice: Slice,
    period: Period,
    now: DateTime<Utc>,
) -> Result<BTreeMap<String, Figures>, sqlx::Error> {
    let cells = read(state, slice, period, now, |_| period.first).await?;
    Ok(cells.into_iter().map(|((key, _), f)| (key, f)).collect())
}

/// The figures of a period per key of `slice` and per bucket of days (`bucket` gives the
/// first day of a day's bucket: the week, the month).
pub async fn read(
    state: &AppState,
    slice: Slice,
    period: Period,
    now: DateTime<Utc>,
    bucket: impl Fn(NaiveDate) -> NaiveDate,
) -> Result<BTreeMap<(String, NaiveDate), Figures>, sqlx::Error> {
    let stored_slice = if slice == Slice::Group {
        Slice::Category
    } else {
        slice
    };
    let key = |k: &str| -> String {
        if slice == Slice::Group {
            state
                .city
                .category(k)
                .map_or(k, |(group, _)| group.code.as_str())
                .to_string()
        } else {
            k.to_string()
        }
    };
    let mut out: BTreeMap<(String, NaiveDate), Figures> = BTreeMap::new();
    for (k, day, columns) in
        stored::days(&state.db, stored_slice, period.first, period.last).await?
    {
        out.entry((key(&k), bucket(day)))
            .or_default()
            .merge(&Figures::from_columns(columns));
    }
    for (deadline, day, slices) in
        stored::passed_deadlines(&state.db, period.first, period.last, now).await?
    {
        out.entry((key(slices.key(stored_slice)), bucket(day)))
            .or_default()
            .add_passed(deadline);
    }
    for (day, slices) in stored::repeats(&state.db, period.first, period.last).await? {
        out.entry((key(slices.key(stored_slice)), bucket(day)))
            .or_default()
            .add_repeat();
    }
    Ok(out)
}

/// Recomputes every stored figure from the events (a database from before the figures were
/// stored, or cases written around the application). Returns how many cases were read.
pub async fn rebuild(state: &AppState) -> Result<u64, sqlx::Error> {
    rebuild_db(&state.db, &state.calendar, state.deadlines).await
}

/// `rebuild` with the working calendar and deadlines given (for tools without a server).
pub async fn rebuild_db(
    db: &crate::storage::Db,
    calendar: &crate::model::calendar::WorkCalendar,
    limits: crate::model::calendar::Limits,
) -> Result<u64, sqlx::Error> {
    stored::rebuild(db, 2_000, |case| {
        let events: Vec<Event> = case
            .events
            .iter()
            .map_while(|r| serde_json::from_str(&r.data).ok())
            .collect();
        let rules = Rules {
            calendar,
            limits,
            category: &case.category,
        };
        let entries = events
            .iter()
            .zip(&case.events)
            .map(|(e, r)| (e, r.note.as_str(), r.at));
        let record = CaseRecord::of(
            &CaseWhere {
                district: &case.district,
                street: &case.street,
                category: &case.category,
                channel: &case.channel,
            },
            entries,
            &rules,
        );
        (record.case, record.cells, record.deadlines)
    })
    .await
}

/// Rebuilds the stored figures when some case has none (at start-up).
pub async fn rebuild_if_incomplete(state: &AppState) -> Result<Option<u64>, sqlx::Error> {
    if stored::incomplete(&state.db).await? {
        let started = std::time::Instant::now();
        let cases = rebuild(state).await?;
        tracing::info!(
            cases,
            seconds = started.elapsed().as_secs_f64(),
            "rebuilt the service-quality figures from the events"
        );
        Ok(Some(cases))
    } else {
        Ok(None)
    }
}

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
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The staff figures page for `period` (default: this month) sliced `by` (default: by
/// department). Supervisors and administrators see every key; a department head sees their
/// own department, its rank and its weeks, nothing of the others.
pub async fn page(
    state: &AppState,
    staff: &super::staff::Staff,
    period: Option<&str>,
    by: Option<&str>,
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
    // A department head reads departments only.
    let slice = if own.is_some() {
        Slice::Department
    } else {
        slice
    };
    let keys = by_key(state, slice, period.period, now).await?;
    let (ranks, ranked) = rank(
        &keys.values().cloned().collect::<Vec<_>>(),
        MIN_RANKED_CASES,
    );
    let rows: Vec<FigureRow> = keys
        .iter()
        .zip(ranks)
        .filter(|((key, _), _)| own.as_ref().is_none_or(|own| *key == own))
        .map(|((key, figures), rank)| FigureRow {
            label: label(state, slice, key, locale),
            key: key.clone(),
            figures: figures.clone(),
            rank,
        })
        .collect();
    // The comparisons and the weeks: every case, or the head's department.
    let (sum_slice, sum_key) = match &own {
        Some(d) => (Slice::Department, d.as_str()),
        None => (Slice::All, ""),
    };
    let total_of = |p: Period| async move {
        let keys = by_key(state, sum_slice, p, now).await?;
        Ok::<_, sqlx::Error>(keys.get(sum_key).cloned().unwrap_or_default())
    };
    let total = total_of(period.period).await?;
    let previous = total_of(period.previous().period).await?;
    let year_before = total_of(period.year_before().period).await?;
    let weeks = read(state, sum_slice, period.period, now, |d| {
        NamedPeriod::week_of(d).period.first
    })
    .await?
    .into_iter()
    .filter(|((key, _), _)| key == sum_key)
    .map(|((_, week), f)| (week, f))
    .collect();
    let weeks: Vec<(NaiveDate, Figures)> = weeks;
    let t = locale.figures();
    let weeks_chart = if weeks.is_empty() {
        String::new()
    } else {
        super::charts::weekly(&weeks, t)
    };
    let mut ranked_rows: Vec<(u32, String, crate::model::figures::Rate)> = rows
        .iter()
        .filter_map(|r| r.rank.map(|n| (n, r.label.clone(), r.figures.satisfied)))
        .collect();
    ranked_rows.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    let ranking_chart = if own.is_some() || ranked_rows.is_empty() {
        String::new()
    } else {
        super::charts::ranking(
            &ranked_rows
                .into_iter()
                .map(|(_, label, rate)| (label, rate))
                .collect::<Vec<_>>(),
        )
    };
    let hotspots = if own.is_some() {
        Vec::new()
    } else {
        hotspots(state, period.period, period.previous().period, locale).await?
    };
    Ok(FiguresPage {
        me: super::cases::me(state, staff, locale),
        period,
        slice,
        rows,
        ranked,
        total: own.is_none().then_some(total),
        previous,
        year_before,
        weeks,
        weeks_chart,
        ranking_chart,
        hotspots,
    })
}

/// The busiest places (category × street) of a period against the period before.
pub async fn hotspots(
    state: &AppState,
    period: Period,
    before: Period,
    locale: crate::i18n::Locale,
) -> Result<Vec<crate::model::figures::hotspot::Hotspot>, sqlx::Error> {
    use crate::model::figures::hotspot::{self, Place};
    let count = |rows: Vec<(String, String, String, i64)>| -> BTreeMap<Place, u64> {
        rows.into_iter()
            .map(|(category, district, street, n)| {
                (
                    Place {
                        category,
                        district,
                        street,
                    },
                    n.max(0) as u64,
                )
            })
            .collect()
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
            super::charts::ranking(&ranked)
        },
    })
}
