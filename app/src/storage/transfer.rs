//! Copying an embedded deployment's database into an empty PostgreSQL database (`server
//! migrate`): every table in one snapshot of the source, the values typed as PostgreSQL
//! declares the columns, in one target transaction; then row counts and checksums of both
//! sides compared.
use chrono::{DateTime, NaiveDate, Utc};
use futures_util::TryStreamExt;
use sha2::{Digest, Sha256};
use sqlx::{PgPool, Row, SqlitePool};

/// Every table of the schema, parents before children (foreign keys). A table the source has
/// and this list lacks stops the migration: nothing is left behind silently.
pub const TABLES: &[&str] = &[
    "ticket_counters",
    "tickets",
    "ticket_events",
    "ticket_photos",
    "staff",
    "staff_sessions",
    "contact_views",
    "repeat_links",
    "supporters",
    "publications",
    "reporters",
    "reporter_sessions",
    "mobile_codes",
    "code_counters",
    "snaps",
    "snap_matches",
    "payout_batches",
    "points_ledger",
    "payout_items",
    "signin_throttle",
    "signin_addresses",
    "job_leases",
    "case_totals",
    "figure_cases",
    "figure_days",
    "figure_deadlines",
    "figure_places",
    "reports",
    "api_keys",
    "notices",
    "notice_cases",
    "sms_outbox",
    "help_articles",
    "help_revisions",
    "help_terms",
    "help_words",
    "help_totals",
    "intake_keys",
];

/// Tables the target's own triggers fill from the rows copied into the others (running
/// totals): not copied, but read back and compared like every other table, so the move
/// also checks that the totals agree with the rows they count.
pub const DERIVED: &[&str] = &["case_totals", "help_words", "help_totals"];

#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    #[error(
        "the target database is not empty (table {0} has rows): migrate into a new, empty database"
    )]
    TargetNotEmpty(String),
    #[error("the source has a table this version does not know: {0}")]
    UnknownTable(String),
    #[error("column {table}.{column} has a type the migration does not know: {data_type}")]
    UnknownType {
        table: String,
        column: String,
        data_type: String,
    },
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// One table copied: rows, and the checksum of its rows on each side (equal when the copy
/// is faithful; times count to the microsecond, PostgreSQL's precision).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableCopy {
    pub table: &'static str,
    pub source_rows: u64,
    pub target_rows: u64,
    pub source_sum: u64,
    pub target_sum: u64,
}

impl TableCopy {
    pub fn faithful(&self) -> bool {
        self.source_rows == self.target_rows && self.source_sum == self.target_sum
    }
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Int,
    Float,
    Bool,
    Text,
    Time,
    Date,
}

#[derive(Clone, Debug)]
enum Value {
    Int(Option<i64>),
    Float(Option<f64>),
    Bool(Option<bool>),
    Text(Option<String>),
    Time(Option<DateTime<Utc>>),
    Date(Option<NaiveDate>),
}

impl Value {
    /// The value as the checksum reads it (the same on both engines).
    fn canonical(&self, out: &mut Vec<u8>) {
        let text = match self {
            Value::Int(v) => v.map(|v| v.to_string()),
            Value::Float(v) => v.map(|v| format!("{v:?}")),
            Value::Bool(v) => v.map(|v| v.to_string()),
            Value::Text(v) => v.clone(),
            Value::Time(v) => v.map(|v| v.timestamp_micros().to_string()),
            Value::Date(v) => v.map(|v| v.to_string()),
        };
        match text {
            Some(t) => {
                out.push(1);
                out.extend_from_slice(&(t.len() as u64).to_le_bytes());
                out.extend_from_slice(t.as_bytes());
            }
            None => out.push(0),
        }
    }
}

/// Reads column `i` of a row as `kind` (a macro: the row type differs per engine).
macro_rules! read {
    ($row:expr, $i:expr, $kind:expr) => {
        match $kind {
            Kind::Int => Value::Int($row.try_get($i)?),
            Kind::Float => Value::Float($row.try_get($i)?),
            Kind::Bool => Value::Bool($row.try_get($i)?),
            Kind::Text => Value::Text($row.try_get($i)?),
            Kind::Time => Value::Time($row.try_get($i)?),
            Kind::Date => Value::Date($row.try_get($i)?),
        }
    };
}

/// The order-independent checksum of rows: the wrapping sum of each row's SHA-256 (first 8
/// bytes), so both sides agree whatever order their engines return rows in.
fn row_sum(values: &[Value]) -> u64 {
    let mut bytes = Vec::new();
    for v in values {
        v.canonical(&mut bytes);
    }
    let digest = Sha256::digest(&bytes);
    u64::from_le_bytes(digest[..8].try_into().expect("8 bytes"))
}

async fn columns(to: &PgPool, table: &str) -> Result<Vec<(String, Kind)>, TransferError> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT column_name::text, data_type::text FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
    )
    .bind(table)
    .fetch_all(to)
    .await?;
    rows.into_iter()
        .map(|(column, data_type)| {
            let kind = match data_type.as_str() {
                "bigint" | "integer" | "smallint" => Kind::Int,
                "double precision" | "real" => Kind::Float,
                "boolean" => Kind::Bool,
                "text" | "character varying" => Kind::Text,
                "timestamp with time zone" => Kind::Time,
                "date" => Kind::Date,
                _ => {
                    return Err(TransferError::UnknownType {
                        table: table.into(),
                        column,
                        data_type,
                    })
                }
            };
            Ok((column, kind))
        })
        .collect()
}

/// The column names, comma-separated, for SELECT and INSERT.
fn column_list(columns: &[(String, Kind)]) -> String {
    columns
        .iter()
        .map(|(c, _)| c.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Copies every table of `from` into `to`, which must hold the schema (migrated) and no rows.
pub async fn copy_all(from: &SqlitePool, to: &PgPool) -> Result<Vec<TableCopy>, TransferError> {
    let source_tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'",
    )
    .fetch_all(from)
    .await?;
    if let Some(unknown) = source_tables.iter().find(|t| !TABLES.contains(&t.as_str())) {
        return Err(TransferError::UnknownTable(unknown.clone()));
    }
    for table in TABLES {
        let any: bool = sqlx::query_scalar(&format!("SELECT EXISTS (SELECT 1 FROM {table})"))
            .fetch_one(to)
            .await?;
        if any {
            return Err(TransferError::TargetNotEmpty(table.to_string()));
        }
    }

    // One snapshot of the source; one transaction on the target.
    let mut source = from.begin().await?;
    let mut target = to.begin().await?;
    let mut copies = Vec::new();
    for table in TABLES {
        let columns = columns(to, table).await?;
        let names = column_list(&columns);
        // Several rows per statement, under PostgreSQL's 65 535 parameters; the source is
        // read in pages of as many rows (by rowid, inside its snapshot).
        let per_statement = (60_000 / columns.len().max(1)).clamp(1, 1_000);
        let (mut source_rows, mut source_sum, mut after) = (0u64, 0u64, i64::MIN);
        loop {
            let rows = sqlx::query(&format!(
                "SELECT {names}, rowid FROM {table} WHERE rowid > $1 ORDER BY rowid LIMIT $2"
            ))
            .bind(after)
            .bind(per_statement as i64)
            .fetch_all(&mut *source)
            .await?;
            let Some(last) = rows.last() else {
                break;
            };
            after = last.try_get(columns.len())?;
            let mut sql = format!("INSERT INTO {table} ({names}) VALUES ");
            let mut values = Vec::with_capacity(rows.len() * columns.len());
            for (r, row) in rows.iter().enumerate() {
                sql.push_str(if r == 0 { "(" } else { ", (" });
                let first = values.len();
                for (i, (_, kind)) in columns.iter().enumerate() {
                    sql.push_str(&format!(
                        "{}${}",
                        if i == 0 { "" } else { ", " },
                        first + i + 1
                    ));
                    values.push(read!(row, i, *kind));
                }
                sql.push(')');
                source_sum = source_sum.wrapping_add(row_sum(&values[first..]));
            }
            source_rows += rows.len() as u64;
            let mut q = sqlx::query(&sql);
            for v in values {
                q = match v {
                    Value::Int(x) => q.bind(x),
                    Value::Float(x) => q.bind(x),
                    Value::Bool(x) => q.bind(x),
                    Value::Text(x) => q.bind(x),
                    Value::Time(x) => q.bind(x),
                    Value::Date(x) => q.bind(x),
                };
            }
            if !DERIVED.contains(table) {
                q.execute(&mut *target).await?;
            }
        }
        copies.push(TableCopy {
            table,
            source_rows,
            target_rows: 0,
            source_sum,
            target_sum: 0,
        });
    }
    // Identity columns continue after the copied ids.
    let identities: Vec<(String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text FROM information_schema.columns \
         WHERE table_schema = current_schema() AND is_identity = 'YES'",
    )
    .fetch_all(&mut *target)
    .await?;
    for (table, column) in identities {
        sqlx::query(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', '{column}'), \
             COALESCE(MAX({column}), 0) + 1, false) FROM {table}"
        ))
        .execute(&mut *target)
        .await?;
    }
    target.commit().await?;
    source.rollback().await?;

    // Read back what the target now holds.
    for copy in &mut copies {
        let columns = columns(to, copy.table).await?;
        let names = column_list(&columns);
        let sql = format!("SELECT {names} FROM {}", copy.table);
        let mut rows = sqlx::query(&sql).fetch(to);
        while let Some(row) = rows.try_next().await? {
            let mut v = Vec::with_capacity(columns.len());
            for (i, (_, kind)) in columns.iter().enumerate() {
                v.push(read!(row, i, *kind));
            }
            copy.target_sum = copy.target_sum.wrapping_add(row_sum(&v));
            copy.target_rows += 1;
        }
    }
    Ok(copies)
}
