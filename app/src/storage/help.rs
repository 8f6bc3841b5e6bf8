//! Storage of the knowledge base (知识库, migration 0020): articles, their revisions and the
//! search index of their words. An article, its revision and its words are written in one
//! transaction, so a search never sees an article without its words or words of an old text.
use super::{in_list, in_list_from, Db};
use crate::model::help::{saturation, ArticleRevision, Collection, Posting, ValidArticle};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

/// The current revision of an article.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ArticleRow {
    pub id: i64,
    pub category: String,
    pub department: String,
    pub question: String,
    pub answer: String,
    pub valid_until: Option<NaiveDate>,
    pub retired: bool,
    pub revision: i64,
    pub edited_by: String,
    pub edited_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, category, department, question, answer, valid_until, retired, \
     revision, edited_by, edited_at";

/// An article to write with the words the index keeps of it.
pub struct Indexed<'a> {
    pub article: &'a ValidArticle,
    /// Word → weight in the article.
    pub terms: &'a HashMap<String, u32>,
    /// The sum of the weights.
    pub length: u32,
}

/// The history's copy of article `$id`'s current revision, then its words in the index
/// replaced by `$words` (an `Option<&Indexed>`: `None` leaves none), inside transaction `$tx`.
/// A macro because the transaction's type differs per engine (`with_pool!`).
macro_rules! keep_revision_and_words {
    ($tx:expr, $id:expr, $words:expr) => {{
        sqlx::query(
            "INSERT INTO help_revisions (article_id, revision, category, department, question, \
             answer, valid_until, retired, edited_by, edited_at) \
             SELECT id, revision, category, department, question, answer, valid_until, retired, \
             edited_by, edited_at FROM help_articles WHERE id = $1",
        )
        .bind($id)
        .execute(&mut *$tx)
        .await?;
        sqlx::query("DELETE FROM help_terms WHERE article_id = $1")
            .bind($id)
            .execute(&mut *$tx)
            .await?;
        if let Some(a) = $words {
            for (term, weight) in a.terms {
                sqlx::query(
                    "INSERT INTO help_terms (term, article_id, weight, length) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(term)
                .bind($id)
                .bind(i64::from(*weight))
                .bind(i64::from(a.length))
                .execute(&mut *$tx)
                .await?;
            }
        }
    }};
}

/// Stores new articles (revision 1 each) in one transaction; their ids.
pub async fn insert(
    db: &Db,
    articles: &[Indexed<'_>],
    by: &str,
    at: DateTime<Utc>,
) -> Result<Vec<i64>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let mut ids = Vec::with_capacity(articles.len());
        for a in articles {
            let v = a.article;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO help_articles (category, department, question, answer, valid_until, \
                 retired, length, revision, edited_by, edited_at) \
                 VALUES ($1, $2, $3, $4, $5, FALSE, $6, 1, $7, $8) RETURNING id",
            )
            .bind(&v.category)
            .bind(&v.department)
            .bind(&v.question)
            .bind(&v.answer)
            .bind(v.valid_until)
            .bind(i64::from(a.length))
            .bind(by)
            .bind(at)
            .fetch_one(&mut *tx)
            .await?;
            keep_revision_and_words!(tx, id, Some(a));
            ids.push(id);
        }
        tx.commit().await?;
        Ok(ids)
    })
}

/// Writes a new revision of article `id` if its current one is `expected` (else nothing, and
/// `false`: someone saved it meanwhile, or there is no such article). `None` retires it: its
/// text stays, its words leave the index.
pub async fn revise(
    db: &Db,
    id: i64,
    expected: i64,
    new: Option<Indexed<'_>>,
    by: &str,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let changed = match &new {
            Some(a) => {
                let v = a.article;
                sqlx::query(
                    "UPDATE help_articles SET category = $1, department = $2, question = $3, \
                     answer = $4, valid_until = $5, retired = FALSE, length = $6, \
                     revision = revision + 1, edited_by = $7, edited_at = $8 \
                     WHERE id = $9 AND revision = $10",
                )
                .bind(&v.category)
                .bind(&v.department)
                .bind(&v.question)
                .bind(&v.answer)
                .bind(v.valid_until)
                .bind(i64::from(a.length))
                .bind(by)
                .bind(at)
                .bind(id)
                .bind(expected)
                .execute(&mut *tx)
                .await?
            }
            None => {
                sqlx::query(
                    "UPDATE help_articles SET retired = TRUE, length = 0, \
                     revision = revision + 1, edited_by = $1, edited_at = $2 \
                     WHERE id = $3 AND revision = $4 AND NOT retired",
                )
                .bind(by)
                .bind(at)
                .bind(id)
                .bind(expected)
                .execute(&mut *tx)
                .await?
            }
        }
        .rows_affected();
        if changed != 1 {
            return Ok(false);
        }
        keep_revision_and_words!(tx, id, new.as_ref());
        tx.commit().await?;
        Ok(true)
    })
}

/// The postings of rows `(term, article_id, weight, length)`.
fn to_postings(rows: Vec<(String, i64, i64, i64)>) -> Vec<Posting> {
    rows.into_iter()
        .map(|(term, article, weight, length)| Posting {
            term,
            article,
            weight: u32::try_from(weight).unwrap_or(u32::MAX),
            length: u32::try_from(length).unwrap_or(u32::MAX),
        })
        .collect()
}

/// Every posting of the given words (of the given articles only, when `of` is some).
pub async fn postings(
    db: &Db,
    terms: &[String],
    of: Option<&[i64]>,
) -> Result<Vec<Posting>, sqlx::Error> {
    if terms.is_empty() || of.is_some_and(|ids| ids.is_empty()) {
        return Ok(Vec::new());
    }
    let mut sql = format!(
        "SELECT term, article_id, weight, length FROM help_terms WHERE term IN ({})",
        in_list(terms.len())
    );
    if let Some(ids) = of {
        sql.push_str(&format!(
            " AND article_id IN ({})",
            in_list_from(terms.len() + 1, ids.len())
        ));
    }
    crate::with_pool!(db, |pool| {
        let mut q = sqlx::query_as::<_, (String, i64, i64, i64)>(&sql);
        for t in terms {
            q = q.bind(t);
        }
        for id in of.unwrap_or_default() {
            q = q.bind(id);
        }
        Ok(to_postings(q.fetch_all(pool).await?))
    })
}

/// The best `per_word` postings of each given word, where it counts most in `collection`
/// (`help::saturation`: the highest weight for the article's length).
pub async fn best_postings(
    db: &Db,
    terms: &[String],
    per_word: usize,
    collection: Collection,
) -> Result<Vec<Posting>, sqlx::Error> {
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let (fixed, per_length) = saturation(collection);
    let sql = (3..terms.len() + 3)
        .map(|i| {
            format!(
                "SELECT * FROM (SELECT term, article_id, weight, length FROM help_terms \
                 WHERE term = ${i} ORDER BY CAST(weight AS DOUBLE PRECISION) \
                 / (weight + $1 + $2 * length) DESC, article_id LIMIT {per_word}) AS best{i}"
            )
        })
        .collect::<Vec<_>>()
        .join(" UNION ALL ");
    crate::with_pool!(db, |pool| {
        let mut q = sqlx::query_as::<_, (String, i64, i64, i64)>(&sql)
            .bind(fixed)
            .bind(per_length);
        for t in terms {
            q = q.bind(t);
        }
        Ok(to_postings(q.fetch_all(pool).await?))
    })
}

/// How many articles hold each of the given words (words none holds are absent).
pub async fn word_articles(db: &Db, terms: &[String]) -> Result<HashMap<String, u64>, sqlx::Error> {
    if terms.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT term, articles FROM help_words WHERE term IN ({})",
        in_list(terms.len())
    );
    crate::with_pool!(db, |pool| {
        let mut q = sqlx::query_as::<_, (String, i64)>(&sql);
        for t in terms {
            q = q.bind(t);
        }
        let rows = q.fetch_all(pool).await?;
        Ok(rows
            .into_iter()
            .map(|(term, n)| (term, n.max(0) as u64))
            .collect())
    })
}

/// The articles in the index and their mean length (kept by migration 0021's triggers).
pub async fn collection(db: &Db) -> Result<Collection, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let (articles, total): (i64, i64) = sqlx::query_as(
            "SELECT COALESCE(MAX(articles), 0), COALESCE(MAX(length), 0) FROM help_totals",
        )
        .fetch_one(pool)
        .await?;
        Ok(Collection {
            articles: articles.max(0) as u64,
            mean_length: if articles > 0 {
                total as f64 / articles as f64
            } else {
                0.0
            },
        })
    })
}

/// The current revisions of the given articles (any order).
pub async fn by_ids(db: &Db, ids: &[i64]) -> Result<Vec<ArticleRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM help_articles WHERE id IN ({})",
        in_list(ids.len())
    );
    crate::with_pool!(db, |pool| {
        let mut q = sqlx::query_as(&sql);
        for id in ids {
            q = q.bind(id);
        }
        q.fetch_all(pool).await
    })
}

/// One article.
pub async fn one(db: &Db, id: i64) -> Result<Option<ArticleRow>, sqlx::Error> {
    Ok(by_ids(db, &[id]).await?.pop())
}

/// The articles in force on `today` of a category group (`utility`: its leaves too) or leaf,
/// oldest first, at most `limit`.
pub async fn of_category(
    db: &Db,
    category: &str,
    today: NaiveDate,
    limit: i64,
) -> Result<Vec<ArticleRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM help_articles WHERE (category = $1 OR category LIKE $2) \
         AND NOT retired AND (valid_until IS NULL OR valid_until >= $3) ORDER BY id LIMIT $4"
    );
    let under = format!("{}.%", category.replace(['%', '_'], ""));
    crate::with_pool!(db, |pool| {
        sqlx::query_as(&sql)
            .bind(category)
            .bind(&under)
            .bind(today)
            .bind(limit)
            .fetch_all(pool)
            .await
    })
}

/// How many articles in force on `today` each category code has.
pub async fn category_counts(db: &Db, today: NaiveDate) -> Result<Vec<(String, i64)>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT category, COUNT(*) FROM help_articles WHERE NOT retired \
             AND (valid_until IS NULL OR valid_until >= $1) GROUP BY category ORDER BY category",
        )
        .bind(today)
        .fetch_all(pool)
        .await
    })
}

/// The articles edited last (retired ones too), newest first.
pub async fn recent(db: &Db, limit: i64) -> Result<Vec<ArticleRow>, sqlx::Error> {
    let sql =
        format!("SELECT {COLUMNS} FROM help_articles ORDER BY edited_at DESC, id DESC LIMIT $1");
    crate::with_pool!(db, |pool| {
        sqlx::query_as(&sql).bind(limit).fetch_all(pool).await
    })
}

/// Every revision of an article, newest first.
pub async fn history(db: &Db, id: i64) -> Result<Vec<ArticleRevision>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        revision: i64,
        category: String,
        department: String,
        question: String,
        answer: String,
        valid_until: Option<NaiveDate>,
        retired: bool,
        edited_by: String,
        edited_at: DateTime<Utc>,
    }
    crate::with_pool!(db, |pool| {
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT revision, category, department, question, answer, valid_until, retired, \
             edited_by, edited_at FROM help_revisions WHERE article_id = $1 \
             ORDER BY revision DESC",
        )
        .bind(id)
        .fetch_all(pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| ArticleRevision {
                revision: r.revision,
                category: r.category,
                department: r.department,
                question: r.question,
                answer: r.answer,
                valid_until: r.valid_until,
                retired: r.retired,
                edited_by: r.edited_by,
                edited_at: r.edited_at,
            })
            .collect())
    })
}

/// How many articles there are (retired ones too).
pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_scalar("SELECT COUNT(*) FROM help_articles")
            .fetch_one(pool)
            .await
    })
}
