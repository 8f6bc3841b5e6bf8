//! The knowledge base (知识库): hotline staff write and revise articles (every save a revision,
//! kept as the history) and retire them; the public searches them on `/help` and the report
//! form shows the three best answers under the description while the citizen types.
//!
//! Search: jieba (search mode) cuts the text into words, the model's rules drop stop words and
//! fold synonyms, and the database holds an inverted index of the words (`help_terms`) that
//! the same SQL reads on SQLite and PostgreSQL; the model ranks with BM25.
use super::staff::Staff;
use super::AppState;
use crate::i18n::Locale;
use crate::model::city::City;
use crate::model::help::{self, ArticleProblem, HelpAnswer, HelpListing, ValidArticle};
use crate::model::time::beijing_date;
use crate::storage::help::{self as store, ArticleRow};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

mod edit;
pub use edit::{import, is_empty, retire, save, staff_page};

#[derive(Debug, thiserror::Error)]
pub enum HelpError {
    #[error("the article has {} problem(s)", .0.len())]
    Invalid(Vec<ArticleProblem>),
    /// Only hotline staff edit the knowledge base.
    #[error("only hotline staff edit the knowledge base")]
    WrongRole,
    #[error("no such article")]
    NotFound,
    /// Someone saved the article since the editor opened it.
    #[error("the article changed meanwhile")]
    Changed,
    #[error("internal error: {0}")]
    Internal(String),
}

fn internal(e: impl std::fmt::Display) -> HelpError {
    HelpError::Internal(e.to_string())
}

/// Whether this staff member may edit the knowledge base: the hotline's own staff.
pub fn may_edit(staff: &Staff) -> bool {
    staff.role.is_hotline()
}

/// The segmenter: jieba's dictionary, taught every synonym so that phrases such as 灯不亮 stay
/// one word. Made once (about 0.2 s) and shared.
fn jieba() -> &'static jieba_rs::Jieba {
    static JIEBA: OnceLock<jieba_rs::Jieba> = OnceLock::new();
    JIEBA.get_or_init(|| {
        let mut jieba = jieba_rs::Jieba::new();
        for word in help::SYNONYMS.iter().flat_map(|g| g.iter()) {
            jieba.add_word(word, Some(100_000), None);
        }
        jieba
    })
}

/// The meaningful words of a text, synonyms folded, in order (repeats kept).
pub fn words(text: &str) -> Vec<String> {
    jieba()
        .cut_for_search(text, true)
        .into_iter()
        .map(|token| token.word.trim().to_lowercase())
        .filter(|w| help::is_meaningful(w))
        .map(|w| help::canonical(&w).to_string())
        .collect()
}

fn indexed(article: &ValidArticle) -> (HashMap<String, u32>, u32) {
    help::article_terms(&words(&article.question), &words(&article.answer))
}

/// A category's name as the public reads it: "公用事业 / 供水", or the group's name alone.
fn category_name(city: &City, code: &str, locale: Locale) -> String {
    if let Some((group, leaf)) = city.category(code) {
        return format!("{} / {}", group.name.get(locale), leaf.name.get(locale));
    }
    city.categories
        .iter()
        .find(|g| g.code == code)
        .map(|g| g.name.get(locale).to_string())
        .unwrap_or_else(|| code.to_string())
}

fn answer(city: &City, row: &ArticleRow, locale: Locale) -> HelpAnswer {
    HelpAnswer {
        id: row.id,
        question: row.question.clone(),
        answer: row.answer.clone(),
        category: category_name(city, &row.category, locale),
        department: city
            .department_name(&row.department)
            .get(locale)
            .to_string(),
        valid_until: row.valid_until,
    }
}

/// The articles holding the query's words, best first (BM25), the first `need` exactly as
/// reading every posting would rank them. The rarer words' postings are read whole; of the
/// common words' (`help::plan`), the best few each, to find the articles that hold only those;
/// the best `keep` articles found are ranked again with every word they hold. No article left
/// out can score more than a bound (its score so far, if it was found, plus for each common
/// word it was not read in what that word's last best posting gives): when the first `need`
/// do not all score at least that, the common words are read whole too.
async fn rank(
    state: &AppState,
    terms: &[String],
    articles: &HashMap<String, u64>,
    collection: help::Collection,
    need: usize,
    keep: usize,
) -> Result<Vec<(i64, f64)>, HelpError> {
    let plan = help::plan(terms, articles);
    let (mut postings, best) = tokio::try_join!(
        store::postings(&state.db, &plan.whole, None),
        store::best_postings(&state.db, &plan.common, help::BEST_OF_COMMON, collection)
    )
    .map_err(internal)?;
    if plan.common.is_empty() {
        return Ok(help::rank(&postings, articles, collection));
    }
    // The most each common word adds to an article whose posting was not among its best read
    // (nothing when all its postings were read).
    let unread: Vec<f64> = plan
        .common
        .iter()
        .map(|word| {
            let read: Vec<&help::Posting> = best.iter().filter(|p| &p.term == word).collect();
            match read.last() {
                Some(last) if read.len() >= help::BEST_OF_COMMON => {
                    help::counts(last, articles, collection)
                }
                _ => 0.0,
            }
        })
        .collect();
    // Which common words' best postings each article was found in.
    let mut read_in: HashMap<i64, Vec<bool>> = HashMap::new();
    for p in &best {
        if let Some(i) = plan.common.iter().position(|w| w == &p.term) {
            read_in
                .entry(p.article)
                .or_insert_with(|| vec![false; plan.common.len()])[i] = true;
        }
    }
    postings.extend(best);
    let found = help::rank(&postings, articles, collection);
    let ids: Vec<i64> = found.iter().take(keep).map(|(id, _)| *id).collect();
    let kept: HashSet<i64> = ids.iter().copied().collect();
    let mut again: Vec<help::Posting> = postings
        .into_iter()
        .filter(|p| kept.contains(&p.article) && plan.whole.contains(&p.term))
        .collect();
    again.extend(
        store::postings(&state.db, &plan.common, Some(&ids))
            .await
            .map_err(internal)?,
    );
    let ranked = help::rank(&again, articles, collection);
    // The most an article not ranked again can score: its score so far and what the words it
    // was not read in could add (an article not found: all of them).
    let missing = |article: i64| -> f64 {
        let read = read_in.get(&article);
        unread
            .iter()
            .enumerate()
            .filter(|(i, _)| !read.is_some_and(|r| r[*i]))
            .map(|(_, most)| most)
            .sum()
    };
    let bound = found[ids.len()..]
        .iter()
        .map(|(id, score)| score + missing(*id))
        .fold(unread.iter().sum::<f64>(), f64::max);
    // Equal scores may come in another order than reading everything would give.
    let settled = ranked.len() >= need && ranked[..need].iter().all(|(_, score)| *score >= bound);
    if settled {
        return Ok(ranked);
    }
    let mut every = store::postings(&state.db, &plan.common, None)
        .await
        .map_err(internal)?;
    every.extend(
        store::postings(&state.db, &plan.whole, None)
            .await
            .map_err(internal)?,
    );
    Ok(help::rank(&every, articles, collection))
}

/// The articles in force on `today` that best answer `query`, best first, at most `limit`;
/// `category` (a leaf or group the citizen chose, or empty) lifts its own articles. Any text
/// answers: only its first `QUERY_MAX_CHARS` characters are read, nothing matching is an empty
/// list.
pub async fn search(
    state: &AppState,
    query: &str,
    category: &str,
    limit: usize,
    today: NaiveDate,
) -> Result<Vec<ArticleRow>, HelpError> {
    let terms = help::query_terms(words(help::clip_query(query)));
    if terms.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let (articles, collection) = tokio::try_join!(
        store::word_articles(&state.db, &terms),
        store::collection(&state.db)
    )
    .map_err(internal)?;
    // Only the first few dozen are read: a lift of at most 1.5 cannot raise an article from
    // further down, and there are enough to make up for some past their date.
    let keep = (limit * 4).max(40);
    let mut ranked = rank(state, &terms, &articles, collection, limit, keep).await?;
    ranked.truncate(keep);
    let ids: Vec<i64> = ranked.iter().map(|(id, _)| *id).collect();
    let rows = store::by_ids(&state.db, &ids).await.map_err(internal)?;
    let by_id: HashMap<i64, &ArticleRow> = rows.iter().map(|r| (r.id, r)).collect();
    if !category.is_empty() {
        ranked = help::prefer(ranked, category, |id| {
            by_id.get(&id).map(|r| r.category.clone())
        });
    }
    Ok(ranked
        .into_iter()
        .filter_map(|(id, _)| by_id.get(&id).copied())
        .filter(|r| help::in_force(r.valid_until, r.retired, today))
        .take(limit)
        .cloned()
        .collect())
}

/// The three best answers to a description being written (the report form).
pub async fn suggest(
    state: &AppState,
    query: &str,
    category: &str,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<Vec<HelpAnswer>, HelpError> {
    let rows = search(state, query, category, help::SUGGESTIONS, beijing_date(now)).await?;
    Ok(rows
        .iter()
        .map(|r| answer(&state.city, r, locale))
        .collect())
}

/// Most answers `/help` lists at once.
const PAGE_ANSWERS: usize = 20;

/// The public `/help` page: a search's answers, or a category's articles, and the categories.
pub async fn page(
    state: &AppState,
    query: &str,
    category: &str,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<HelpListing, HelpError> {
    let today = beijing_date(now);
    let query = help::clip_query(query.trim());
    let category = if help::is_category(&state.city, category) {
        category
    } else {
        ""
    };
    let rows = if !query.is_empty() {
        search(state, query, category, PAGE_ANSWERS, today).await?
    } else if !category.is_empty() {
        store::of_category(&state.db, category, today, 200)
            .await
            .map_err(internal)?
    } else {
        Vec::new()
    };
    let counts = store::category_counts(&state.db, today)
        .await
        .map_err(internal)?;
    let categories = state
        .city
        .categories
        .iter()
        .filter_map(|g| {
            let n: i64 = counts
                .iter()
                .filter(|(c, _)| c == &g.code || c.starts_with(&format!("{}.", g.code)))
                .map(|(_, n)| n)
                .sum();
            (n > 0).then(|| (g.code.clone(), g.name.get(locale).to_string(), n as u64))
        })
        .collect();
    Ok(HelpListing {
        query: query.to_string(),
        category: category.to_string(),
        answers: rows
            .iter()
            .map(|r| answer(&state.city, r, locale))
            .collect(),
        categories,
    })
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn the_segmenter_folds_synonyms_and_drops_stop_words() {
        assert!(words("我家没水了怎么办").contains(&"停水".to_string()));
        assert!(words("小区门口路灯不亮").contains(&"路灯".to_string()));
        assert!(words("楼下灯不亮").contains(&"路灯".to_string()));
        assert!(!words("我家没水了怎么办").contains(&"的".to_string()));
        assert!(words("，。！？   ").is_empty());
        for said in ["停水了", "没水了", "断水了", "没有水"] {
            assert_eq!(words(said), ["停水"], "{said}");
        }
    }
}
