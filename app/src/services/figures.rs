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

impl<'a> CaseWhere<'a> {
    pub fn of(row: &'a crate::storage::cases::CaseRow) -> CaseWhere<'a> {
        CaseWhere {
            district: &row.district,
            street: &row.street,
            category: &row.category,
            channel: &row.channel,
        }
    }
}

/// What is written of a case whose repeat confirmation changed (`before` → `after`): the
/// difference of its cells, its row and deadlines. `None` when nothing changes.
pub fn repeat_change(
    state: &AppState,
    loaded: &crate::services::cases::Loaded,
    before: bool,
    after: bool,
) -> Option<(CaseRecord, Vec<Cell>)> {
    if before == after {
        return None;
    }
    let rules = crate::services::cases::rules(state, &loaded.row.category);
    let at = CaseWhere::of(&loaded.row);
    let old = CaseRecord::of(&at, loaded.history.entries(), &rules, before);
    let mut new = CaseRecord::of(&at, loaded.history.entries(), &rules, after);
    let cells = figures::change(old.cells, std::mem::take(&mut new.cells));
    Some((new, cells))
}

/// What is stored of a case with this history: its row, its cells, its running deadlines.
pub struct CaseRecord {
    pub case: StoredCase,
    pub cells: Vec<Cell>,
    pub deadlines: Vec<(Deadline, DateTime<Utc>)>,
}

impl CaseRecord {
    /// `repeat`: the case is confirmed as a repeat of an earlier one (the repeat links).
    pub fn of<'e>(
        at: &CaseWhere<'_>,
        events: impl IntoIterator<Item = (&'e Event, &'e str, DateTime<Utc>)>,
        rules: &Rules,
        repeat: bool,
    ) -> CaseRecord {
        let mut f = CaseFigures::replay(events, rules);
        f.repeat = repeat;
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
/// confirmed repeats (stored with the days). Every key with a case in the period is present.
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
    for (deadline, day, k, n) in
        stored::passed_deadlines(&state.db, stored_slice, period.first, period.last, now).await?
    {
        out.entry((key(&k), bucket(day)))
            .or_default()
            .add_passed(deadline, n.max(0) as u64);
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
            case.repeat,
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

mod pages;
pub use pages::{hotspots, label, page, public, FiguresError};
