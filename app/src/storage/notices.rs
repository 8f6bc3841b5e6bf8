//! Storage of notices (公告) and the reports filed while they held (migration 0018).
use super::{in_list, Db};
use crate::model::notice::{Notice, NoticeKind, Scope, ValidNotice};
use chrono::{DateTime, Utc};

/// A stored notice, with what it saved (counted for the staff list only; zero elsewhere).
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct NoticeRow {
    pub id: i64,
    pub kind: String,
    pub places: String,
    pub categories: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub body: String,
    pub published_by: String,
    pub published_at: DateTime<Utc>,
    pub withdrawn_by: Option<String>,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub seen: i64,
    pub filed: i64,
    pub filed_after_seeing: i64,
}

impl NoticeRow {
    /// The notice as the model reads it (a kind this version does not know reads as `Other`).
    pub fn notice(&self) -> Notice {
        let codes = |s: &str| {
            s.split(',')
                .filter(|c| !c.is_empty())
                .map(String::from)
                .collect()
        };
        Notice {
            id: self.id,
            kind: NoticeKind::from_code(&self.kind).unwrap_or(NoticeKind::Other),
            scope: Scope {
                places: codes(&self.places),
                categories: codes(&self.categories),
            },
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            text: self.body.clone(),
            published_at: self.published_at,
            withdrawn_at: self.withdrawn_at,
        }
    }
}

const COLUMNS: &str = "n.id, n.kind, n.places, n.categories, n.starts_at, n.ends_at, n.body, \
     n.published_by, n.published_at, n.withdrawn_by, n.withdrawn_at, n.seen";

/// Stores a new notice; its id.
pub async fn insert(
    db: &Db,
    notice: &ValidNotice,
    by: &str,
    at: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_scalar(
            "INSERT INTO notices (kind, places, categories, starts_at, ends_at, body, \
             published_by, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(notice.kind.code())
        .bind(notice.scope.places.join(","))
        .bind(notice.scope.categories.join(","))
        .bind(notice.starts_at)
        .bind(notice.ends_at)
        .bind(&notice.text)
        .bind(by)
        .bind(at)
        .fetch_one(pool)
        .await
    })
}

/// Withdraws a notice that has not ended or been withdrawn; `false` otherwise.
pub async fn withdraw(db: &Db, id: i64, by: &str, at: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let n = sqlx::query(
            "UPDATE notices SET withdrawn_by = $1, withdrawn_at = $2 \
             WHERE id = $3 AND withdrawn_at IS NULL AND ends_at > $2",
        )
        .bind(by)
        .bind(at)
        .bind(id)
        .execute(pool)
        .await?
        .rows_affected();
        Ok(n == 1)
    })
}

/// Notices not withdrawn that have not ended at `now` (in force or still to come), soonest
/// first: what the public sees. With `in_force_only`, only those that have begun.
pub async fn public(
    db: &Db,
    now: DateTime<Utc>,
    in_force_only: bool,
) -> Result<Vec<NoticeRow>, sqlx::Error> {
    let begun = if in_force_only {
        " AND n.starts_at <= $1"
    } else {
        ""
    };
    let sql = format!(
        "SELECT {COLUMNS}, CAST(0 AS BIGINT) AS filed, CAST(0 AS BIGINT) AS filed_after_seeing FROM notices n \
         WHERE n.withdrawn_at IS NULL AND n.ends_at > $1{begun} ORDER BY n.starts_at, n.id"
    );
    crate::with_pool!(db, |pool| {
        sqlx::query_as(&sql).bind(now).fetch_all(pool).await
    })
}

/// The staff list: every notice that ends after `since` or was published after it, newest
/// first, with its counts.
pub async fn for_staff(db: &Db, since: DateTime<Utc>) -> Result<Vec<NoticeRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS}, \
         (SELECT COUNT(*) FROM notice_cases c WHERE c.notice_id = n.id) AS filed, \
         (SELECT COUNT(*) FROM notice_cases c WHERE c.notice_id = n.id AND c.seen) \
           AS filed_after_seeing \
         FROM notices n WHERE n.ends_at > $1 OR n.published_at > $1 \
         ORDER BY n.published_at DESC, n.id DESC LIMIT 200"
    );
    crate::with_pool!(db, |pool| {
        sqlx::query_as(&sql).bind(since).fetch_all(pool).await
    })
}

/// Counts one showing of each of `ids` that is in force at `now` (others are left alone).
pub async fn add_seen(db: &Db, ids: &[i64], now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    if ids.is_empty() {
        return Ok(0);
    }
    let sql = format!(
        "UPDATE notices SET seen = seen + 1 WHERE id IN ({}) AND withdrawn_at IS NULL \
         AND starts_at <= ${now} AND ends_at > ${now}",
        in_list(ids.len()),
        now = ids.len() + 1
    );
    crate::with_pool!(db, |pool| {
        let mut q = sqlx::query(&sql);
        for id in ids {
            q = q.bind(id);
        }
        Ok(q.bind(now).execute(pool).await?.rows_affected())
    })
}

/// The notices a case was filed under, with whether its citizen had seen each.
pub async fn of_ticket(db: &Db, ticket_id: i64) -> Result<Vec<(NoticeRow, bool)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Linked {
        #[sqlx(flatten)]
        row: NoticeRow,
        linked_seen: bool,
    }
    let sql = format!(
        "SELECT {COLUMNS}, CAST(0 AS BIGINT) AS filed, CAST(0 AS BIGINT) AS filed_after_seeing, c.seen AS linked_seen \
         FROM notice_cases c JOIN notices n ON n.id = c.notice_id \
         WHERE c.ticket_id = $1 ORDER BY n.starts_at, n.id"
    );
    crate::with_pool!(db, |pool| {
        let rows: Vec<Linked> = sqlx::query_as(&sql).bind(ticket_id).fetch_all(pool).await?;
        Ok(rows.into_iter().map(|l| (l.row, l.linked_seen)).collect())
    })
}
