//! Storage of the public board: the consenting replied cases and staff edits of their text.
use super::Db;
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct BoardRow {
    pub id: i64,
    pub category: String,
    pub district: String,
    pub street: String,
    /// The original request and the reporter's name, for redaction when staff edited nothing.
    pub description: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub created_at: DateTime<Utc>,
    pub replied_at: DateTime<Utc>,
    pub supporters: i64,
    pub status: String,
    pub department: Option<String>,
    /// Staff's edited texts, if any. Not a column: `page` fills it from `request_text` and
    /// `reply_text` (see `EditedRow`).
    #[sqlx(skip)]
    pub edited: Option<(String, String)>,
}

/// A board row as `page` selects it: the case, and staff's texts from the publication.
#[derive(sqlx::FromRow)]
struct EditedRow {
    #[sqlx(flatten)]
    case: BoardRow,
    request_text: Option<String>,
    reply_text: Option<String>,
}

impl From<EditedRow> for BoardRow {
    fn from(r: EditedRow) -> Self {
        BoardRow {
            edited: r.request_text.zip(r.reply_text),
            ..r.case
        }
    }
}

/// The filter in storage terms: codes and a half-open time range.
pub struct Filter<'a> {
    pub category: Option<&'a str>,
    pub district: Option<&'a str>,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

/// Whether a case is on the board, over `tickets t` and `publications p`: consent, not
/// confidential, a released reply, not withdrawn by staff (the terms of the partial indexes of
/// migration 0005).
macro_rules! on_board {
    () => {
        "t.publish_consent = TRUE AND t.confidential = FALSE \
         AND t.replied_at IS NOT NULL AND (p.hidden IS NULL OR p.hidden = FALSE)"
    };
}

/// `on_board` as a term other queries select (`… AS on_board`).
pub const ON_BOARD: &str = concat!("(", on_board!(), ")");

/// The board's cases with staff's edits.
const BOARD: &str = concat!(
    "tickets t LEFT JOIN publications p ON p.ticket_id = t.id WHERE ",
    on_board!()
);

/// The filter's terms and their values: only the filters given, so that each can use its
/// index (an "is null or equals" term cannot). Parameters are numbered from `$1`.
fn terms(f: &Filter<'_>) -> (String, Vec<Bind>) {
    let mut sql = String::new();
    let mut binds = Vec::new();
    let mut next = |bind: Bind| {
        binds.push(bind);
        format!("${}", binds.len())
    };
    if let Some(c) = f.category {
        // A leaf code, or a group code and every leaf below it ("city" → "city.…").
        let (leaf, low, high) = (
            next(Bind::Text(c.to_string())),
            next(Bind::Text(format!("{c}."))),
            next(Bind::Text(format!("{c}/"))),
        );
        sql.push_str(&format!(
            " AND (t.category = {leaf} OR (t.category > {low} AND t.category < {high}))"
        ));
    }
    if let Some(d) = f.district {
        sql.push_str(&format!(
            " AND t.district = {}",
            next(Bind::Text(d.to_string()))
        ));
    }
    if let Some(from) = f.from {
        sql.push_str(&format!(" AND t.created_at >= {}", next(Bind::Time(from))));
    }
    if let Some(until) = f.until {
        sql.push_str(&format!(" AND t.created_at < {}", next(Bind::Time(until))));
    }
    (sql, binds)
}

enum Bind {
    Text(String),
    Time(DateTime<Utc>),
    Int(i64),
}

/// Binds the filter's values to a query, in order (a macro: the query's type differs per
/// engine).
macro_rules! bind_all {
    ($query:expr, $binds:expr) => {{
        let mut q = $query;
        for b in $binds {
            q = match b {
                Bind::Text(s) => q.bind(s),
                Bind::Time(t) => q.bind(t),
                Bind::Int(n) => q.bind(n),
            };
        }
        q
    }};
}

pub async fn page(
    db: &Db,
    f: &Filter<'_>,
    limit: i64,
    offset: i64,
) -> Result<Vec<BoardRow>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let (filter, binds) = terms(f);
        let (lim, off) = (binds.len() + 1, binds.len() + 2);
        let sql = format!(
            "SELECT t.id, t.category, t.district, t.street, t.description, t.contact_name, \
             t.contact_phone, t.created_at, t.replied_at, t.supporters, t.status, t.department, \
             p.request_text, p.reply_text \
             FROM {BOARD}{filter} ORDER BY t.replied_at DESC, t.id DESC LIMIT ${lim} OFFSET ${off}"
        );
        let rows = bind_all!(sqlx::query_as::<_, EditedRow>(&sql), binds)
            .bind(limit)
            .bind(offset)
            .fetch_all(pool)
            .await?;
        Ok(rows.into_iter().map(BoardRow::from).collect())
    })
}

pub async fn count(db: &Db, f: &Filter<'_>) -> Result<i64, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let (filter, binds) = terms(f);
        let sql = format!("SELECT COUNT(*) FROM {BOARD}{filter}");
        let (n,) = bind_all!(sqlx::query_as::<_, (i64,)>(&sql), binds)
            .fetch_one(pool)
            .await?;
        Ok(n)
    })
}

/// Staff's version of a case's public text.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Publication {
    pub request_text: String,
    pub reply_text: String,
    pub hidden: bool,
    pub edited_by: String,
    pub edited_at: DateTime<Utc>,
}

pub async fn publication(db: &Db, ticket_id: i64) -> Result<Option<Publication>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT request_text, reply_text, hidden, edited_by, edited_at FROM publications \
             WHERE ticket_id = $1",
        )
        .bind(ticket_id)
        .fetch_optional(pool)
        .await
    })
}

pub async fn save_publication(db: &Db, ticket_id: i64, p: &Publication) -> Result<(), sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query(
            "INSERT INTO publications (ticket_id, request_text, reply_text, hidden, edited_by, edited_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (ticket_id) DO UPDATE SET \
             request_text = excluded.request_text, reply_text = excluded.reply_text, \
             hidden = excluded.hidden, edited_by = excluded.edited_by, edited_at = excluded.edited_at",
        )
        .bind(ticket_id)
        .bind(&p.request_text)
        .bind(&p.reply_text)
        .bind(p.hidden)
        .bind(&p.edited_by)
        .bind(p.edited_at)
        .execute(pool)
        .await?;
        Ok(())
    })
}

/// What an Open311 query asks of the board: given ids alone, or categories, a time range of
/// submission and open or closed.
#[derive(Clone, Debug, Default)]
pub struct Open311Query {
    pub ids: Vec<i64>,
    pub categories: Vec<String>,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    /// `Some(true)`: closed only; `Some(false)`: open only.
    pub closed: Option<bool>,
}

/// The board's cases an Open311 query selects, newest first, at most `limit`.
pub async fn open311(db: &Db, q: &Open311Query, limit: i64) -> Result<Vec<BoardRow>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let mut binds = Vec::new();
        let mut next = |bind: Bind| {
            binds.push(bind);
            format!("${}", binds.len())
        };
        let mut filter = String::new();
        if !q.ids.is_empty() {
            let list: Vec<String> = q.ids.iter().map(|id| next(Bind::Int(*id))).collect();
            filter.push_str(&format!(" AND t.id IN ({})", list.join(", ")));
        } else {
            if !q.categories.is_empty() {
                let list: Vec<String> = q
                    .categories
                    .iter()
                    .map(|c| next(Bind::Text(c.clone())))
                    .collect();
                filter.push_str(&format!(" AND t.category IN ({})", list.join(", ")));
            }
            if let Some(from) = q.from {
                filter.push_str(&format!(" AND t.created_at >= {}", next(Bind::Time(from))));
            }
            if let Some(until) = q.until {
                filter.push_str(&format!(" AND t.created_at <= {}", next(Bind::Time(until))));
            }
            match q.closed {
                Some(true) => filter.push_str(" AND t.status = 'closed'"),
                Some(false) => filter.push_str(" AND t.status <> 'closed'"),
                None => {}
            }
        }
        let lim = next(Bind::Int(limit));
        let sql = format!(
            "SELECT t.id, t.category, t.district, t.street, t.description, t.contact_name, \
             t.contact_phone, t.created_at, t.replied_at, t.supporters, t.status, t.department, \
             p.request_text, p.reply_text \
             FROM {BOARD}{filter} ORDER BY t.created_at DESC, t.id DESC LIMIT {lim}"
        );
        let rows = bind_all!(sqlx::query_as::<_, EditedRow>(&sql), binds)
            .fetch_all(pool)
            .await?;
        Ok(rows.into_iter().map(BoardRow::from).collect())
    })
}

/// A case's internal id (its public id once on the board) and whether it is on the board.
pub async fn public_id(db: &Db, ticket_no: &str) -> Result<Option<(i64, bool)>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(&format!(
            "SELECT t.id, {ON_BOARD} AS on_board FROM tickets t \
             LEFT JOIN publications p ON p.ticket_id = t.id WHERE t.ticket_no = $1"
        ))
        .bind(ticket_no)
        .fetch_optional(pool)
        .await
    })
}
