//! The stored service-quality figures (migration 0011): each case's slices, the figures of
//! each day per slice key, and the deadlines still running. Written in the transaction of the
//! event that changes them (`cases::append`, `cases::insert`) or all at once by a rebuild;
//! read per period by `services::figures`.
use super::{Conn, Db};
use crate::model::figures::{CaseSlices, Cell, Deadline, Slice, COLUMNS};
use chrono::{DateTime, NaiveDate, Utc};
use std::sync::LazyLock;

/// What is stored of one case besides its cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredCase {
    pub slices: CaseSlices,
    pub street: String,
    pub received_day: NaiveDate,
    pub accepted: bool,
}

/// A case's new stored figures: its row, what to add to the day cells, its running deadlines.
pub struct FigureWrite<'a> {
    pub case: &'a StoredCase,
    pub cells: &'a [Cell],
    pub deadlines: &'a [(Deadline, DateTime<Utc>)],
    /// Whether these figures count the case as a confirmed repeat (an event's append refuses
    /// them when the links say otherwise by then: `cases::append`).
    pub repeat: bool,
}

fn text(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

fn date(text: &str) -> Result<NaiveDate, sqlx::Error> {
    text.parse()
        .map_err(|e: chrono::ParseError| sqlx::Error::Decode(Box::new(e)))
}

const CASE_COLUMNS: &str =
    "ticket_id, department, district, street, category, channel, received_day, accepted";

/// Adds one cell to the stored days (its row created as needed).
static ADD_CELL: LazyLock<String> = LazyLock::new(|| {
    let names = COLUMNS.join(", ");
    let params: Vec<String> = (4..4 + COLUMNS.len()).map(|i| format!("${i}")).collect();
    let sums: Vec<String> = COLUMNS
        .iter()
        .map(|c| format!("{c} = figure_days.{c} + excluded.{c}"))
        .collect();
    format!(
        "INSERT INTO figure_days (slice, key, day, {names}) VALUES ($1, $2, $3, {}) \
         ON CONFLICT (slice, key, day) DO UPDATE SET {}",
        params.join(", "),
        sums.join(", ")
    )
});

/// Writes one case's figures inside the caller's transaction.
pub async fn write(conn: Conn<'_>, ticket_id: i64, w: &FigureWrite<'_>) -> Result<(), sqlx::Error> {
    crate::with_conn!(conn, |conn| {
        move_place(Conn::from(&mut *conn), ticket_id, w.case).await?;
        put_cases(Conn::from(&mut *conn), &[(ticket_id, w.case)]).await?;
        add_cells(Conn::from(&mut *conn), w.cells).await?;
        sqlx::query("DELETE FROM figure_deadlines WHERE ticket_id = $1")
            .bind(ticket_id)
            .execute(&mut *conn)
            .await?;
        put_deadlines(Conn::from(&mut *conn), ticket_id, w.case, w.deadlines).await
    })
}

/// The figures row of a case just received: in no figure yet (what the model reads from a
/// lone `created` event), so no cells and no deadlines.
pub async fn new_case(
    conn: Conn<'_>,
    ticket_id: i64,
    case: &StoredCase,
) -> Result<(), sqlx::Error> {
    // Not accepted yet: in no place's count (`move_place`) until it is.
    debug_assert!(!case.accepted);
    put_cases(conn, &[(ticket_id, case)]).await
}

/// A place's month in `figure_places`: (YYYY-MM, category, district, street).
type PlaceMonth = (String, String, String, String);

fn place_month(case: &StoredCase) -> Option<PlaceMonth> {
    case.accepted.then(|| {
        (
            // The month as the SQL reads it from the stored day: its first 7 characters.
            text(case.received_day).chars().take(7).collect(),
            case.slices.category.clone(),
            case.slices.district.clone(),
            case.street.clone(),
        )
    })
}

/// Moves the case's count in `figure_places` from the place and month its stored row gives
/// (if it was accepted) to those of `case` (if accepted); nothing when they are the same.
/// Called before the row is replaced, in the same transaction.
async fn move_place(conn: Conn<'_>, ticket_id: i64, case: &StoredCase) -> Result<(), sqlx::Error> {
    crate::with_conn!(conn, |conn| {
        let old: Option<PlaceMonth> = sqlx::query_as(
            "SELECT substr(received_day, 1, 7), category, district, street FROM figure_cases \
             WHERE ticket_id = $1 AND accepted",
        )
        .bind(ticket_id)
        .fetch_optional(&mut *conn)
        .await?;
        let new = place_month(case);
        if old == new {
            return Ok(());
        }
        for (place, n) in [(old, -1i64), (new, 1)] {
            let Some((month, category, district, street)) = place else {
                continue;
            };
            sqlx::query(
                "INSERT INTO figure_places (month, category, district, street, cases) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (month, category, district, street) \
                 DO UPDATE SET cases = figure_places.cases + excluded.cases",
            )
            .bind(month)
            .bind(category)
            .bind(district)
            .bind(street)
            .bind(n)
            .execute(&mut *conn)
            .await?;
        }
        Ok(())
    })
}

/// Recounts `figure_places` from `figure_cases` (after a rebuild wrote every row).
async fn recount_places(conn: Conn<'_>) -> Result<(), sqlx::Error> {
    crate::with_conn!(conn, |conn| {
        sqlx::query("DELETE FROM figure_places")
            .execute(&mut *conn)
            .await?;
        sqlx::query(
            "INSERT INTO figure_places (month, category, district, street, cases) \
             SELECT substr(received_day, 1, 7), category, district, street, COUNT(*) \
             FROM figure_cases WHERE accepted \
             GROUP BY substr(received_day, 1, 7), category, district, street",
        )
        .execute(&mut *conn)
        .await?;
        Ok(())
    })
}

/// Writes cases' rows, replacing those already there (500 to a statement: under
/// PostgreSQL's 65 535 parameters).
async fn put_cases(conn: Conn<'_>, cases: &[(i64, &StoredCase)]) -> Result<(), sqlx::Error> {
    crate::with_conn!(conn, |conn| {
        for chunk in cases.chunks(500) {
            let rows: Vec<String> = (0..chunk.len())
                .map(|i| {
                    let params: Vec<String> = (1..=8).map(|p| format!("${}", i * 8 + p)).collect();
                    format!("({})", params.join(", "))
                })
                .collect();
            let sql = format!(
                "INSERT INTO figure_cases ({CASE_COLUMNS}) VALUES {} \
                 ON CONFLICT (ticket_id) DO UPDATE SET department = excluded.department, \
                 district = excluded.district, street = excluded.street, \
                 category = excluded.category, channel = excluded.channel, \
                 received_day = excluded.received_day, accepted = excluded.accepted",
                rows.join(", ")
            );
            let mut q = sqlx::query(&sql);
            for (id, c) in chunk {
                q = q
                    .bind(*id)
                    .bind(&c.slices.department)
                    .bind(&c.slices.district)
                    .bind(&c.street)
                    .bind(&c.slices.category)
                    .bind(&c.slices.channel)
                    .bind(text(c.received_day))
                    .bind(c.accepted);
            }
            q.execute(&mut *conn).await?;
        }
        Ok(())
    })
}

/// Adds `cells` to the stored days (rows created as needed).
async fn add_cells(conn: Conn<'_>, cells: &[Cell]) -> Result<(), sqlx::Error> {
    crate::with_conn!(conn, |conn| {
        for ((slice, key, day), columns) in cells {
            let mut q = sqlx::query(ADD_CELL.as_str())
                .bind(slice.code())
                .bind(key)
                .bind(text(*day));
            for n in columns {
                q = q.bind(*n);
            }
            q.execute(&mut *conn).await?;
        }
        Ok(())
    })
}

/// Stores a case's running deadlines with its slices (none are stored for it yet).
async fn put_deadlines(
    conn: Conn<'_>,
    ticket_id: i64,
    case: &StoredCase,
    deadlines: &[(Deadline, DateTime<Utc>)],
) -> Result<(), sqlx::Error> {
    crate::with_conn!(conn, |conn| {
        for (deadline, due) in deadlines {
            sqlx::query(
                "INSERT INTO figure_deadlines \
                 (ticket_id, deadline, due, day, department, district, category, channel) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(ticket_id)
            .bind(deadline.code())
            .bind(*due)
            .bind(text(crate::model::time::beijing_date(*due)))
            .bind(&case.slices.department)
            .bind(&case.slices.district)
            .bind(&case.slices.category)
            .bind(&case.slices.channel)
            .execute(&mut *conn)
            .await?;
        }
        Ok(())
    })
}

/// The stored cells of `slice` from `first` to `last`, as (key, day, columns).
pub async fn days(
    db: &Db,
    slice: Slice,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<(String, NaiveDate, crate::model::figures::Columns)>, sqlx::Error> {
    static SQL: LazyLock<String> = LazyLock::new(|| {
        format!(
            "SELECT key, day, {} FROM figure_days WHERE slice = $1 AND day >= $2 AND day <= $3",
            COLUMNS.join(", ")
        )
    });
    crate::with_pool!(db, |pool| {
        use sqlx::Row;
        let rows = sqlx::query(SQL.as_str())
            .bind(slice.code())
            .bind(text(first))
            .bind(text(last))
            .fetch_all(pool)
            .await?;
        rows.iter()
            .map(|row| {
                let mut columns = [0i64; crate::model::figures::COLUMN_COUNT];
                for (i, c) in columns.iter_mut().enumerate() {
                    *c = row.try_get(i + 2)?;
                }
                Ok((
                    row.try_get(0)?,
                    date(&row.try_get::<String, _>(1)?)?,
                    columns,
                ))
            })
            .collect()
    })
}

/// How many running deadlines of each kind passed by `now` on each day from `first` to
/// `last`, per key of `slice` (`Group` reads as `Category`; `All` has the key `''`): counted
/// in the database, one row per deadline kind, day and key.
pub async fn passed_deadlines(
    db: &Db,
    slice: Slice,
    first: NaiveDate,
    last: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Vec<(Deadline, NaiveDate, String, i64)>, sqlx::Error> {
    // A fixed column per slice (never text from a request), stored with each deadline and
    // read from the covering index `figure_deadlines_by_day` (migration 0015).
    let key = match slice {
        Slice::All => "''",
        Slice::Department => "department",
        Slice::District => "district",
        Slice::Group | Slice::Category => "category",
        Slice::Channel => "channel",
    };
    // (PostgreSQL groups by no constant: the whole city needs no key.)
    let group = if slice == Slice::All {
        String::new()
    } else {
        format!(", {key}")
    };
    let sql = format!(
        "SELECT deadline, day, {key} AS key, COUNT(*) FROM figure_deadlines \
         WHERE day >= $1 AND day <= $2 AND due <= $3 GROUP BY deadline, day{group}"
    );
    let rows: Vec<(String, String, String, i64)> = crate::with_pool!(db, |pool| {
        sqlx::query_as(&sql)
            .bind(text(first))
            .bind(text(last))
            .bind(now)
            .fetch_all(pool)
            .await
    })?;
    rows.into_iter()
        .filter_map(|(what, day, key, n)| {
            let deadline = Deadline::parse(&what)?;
            Some(date(&day).map(|day| (deadline, day, key, n)))
        })
        .collect()
}

/// Accepted cases received from `first` to `last` per (category, district, street): the
/// whole months in the period from `figure_places`, the days around them from `figure_cases`.
/// A place may come more than once (once per part): the caller sums.
pub async fn places(
    db: &Db,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<(String, String, String, i64)>, sqlx::Error> {
    let (months, rest) = crate::model::figures::Period { first, last }.by_months();
    crate::with_pool!(db, |pool| {
        let mut out: Vec<(String, String, String, i64)> = Vec::new();
        if let Some((a, b)) = months {
            out.extend(
                sqlx::query_as::<_, (String, String, String, i64)>(
                    "SELECT category, district, street, CAST(SUM(cases) AS BIGINT) \
                     FROM figure_places WHERE month >= $1 AND month <= $2 \
                     GROUP BY category, district, street",
                )
                .bind(a.format("%Y-%m").to_string())
                .bind(b.format("%Y-%m").to_string())
                .fetch_all(pool)
                .await?,
            );
        }
        for p in rest {
            out.extend(
                sqlx::query_as::<_, (String, String, String, i64)>(
                    "SELECT category, district, street, COUNT(*) FROM figure_cases \
                     WHERE received_day >= $1 AND received_day <= $2 AND accepted \
                     GROUP BY category, district, street",
                )
                .bind(text(p.first))
                .bind(text(p.last))
                .fetch_all(pool)
                .await?,
            );
        }
        Ok(out)
    })
}

/// Whether some case has no stored figures (a database from before migration 0011, or cases
/// written around the application), or the places' monthly counts do not add up to the
/// accepted cases (written by a version before migration 0016 after it ran): then the
/// figures are rebuilt from the events.
pub async fn incomplete(db: &Db) -> Result<bool, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM tickets) <> (SELECT COUNT(*) FROM figure_cases) \
             OR (SELECT COALESCE(SUM(cases), 0) FROM figure_places) \
             <> (SELECT COUNT(*) FROM figure_cases WHERE accepted)",
        )
        .fetch_one(pool)
        .await
    })
}

mod rebuild;
pub use rebuild::{rebuild, CaseToRebuild};
