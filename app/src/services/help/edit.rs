//! Staff writing the knowledge base: saving revisions (optimistic: a save on an old revision is
//! refused), retiring, importing the demo's articles, and the staff page with its history.
use super::{answer, category_name, indexed, internal, may_edit, search, HelpError};
use crate::i18n::Locale;
use crate::model::city::City;
use crate::model::help::{self, ArticleDraft, StaffArticle, StaffHelpListing, ValidArticle};
use crate::model::time::beijing_date;
use crate::services::staff::Staff;
use crate::services::AppState;
use crate::storage::help::{self as store, ArticleRow, Indexed};
use chrono::{DateTime, NaiveDate, Utc};

/// Writes a new article (`id` none) or a new revision of one opened at `revision`; its id.
pub async fn save(
    state: &AppState,
    staff: &Staff,
    id: Option<i64>,
    revision: i64,
    draft: &ArticleDraft,
    now: DateTime<Utc>,
) -> Result<i64, HelpError> {
    if !may_edit(staff) {
        return Err(HelpError::WrongRole);
    }
    let valid =
        help::validate(draft, &state.city, beijing_date(now)).map_err(HelpError::Invalid)?;
    let (terms, length) = indexed(&valid);
    let article = Indexed {
        article: &valid,
        terms: &terms,
        length,
    };
    let id = match id {
        None => store::insert(&state.db, &[article], &staff.username, now)
            .await
            .map_err(internal)?[0],
        Some(id) => {
            if !store::revise(&state.db, id, revision, Some(article), &staff.username, now)
                .await
                .map_err(internal)?
            {
                return Err(changed_or_gone(state, id).await);
            }
            id
        }
    };
    tracing::info!(id, by = staff.username, "help article saved");
    Ok(id)
}

/// Retires an article opened at `revision`: no search finds it any more; its history stays.
pub async fn retire(
    state: &AppState,
    staff: &Staff,
    id: i64,
    revision: i64,
    now: DateTime<Utc>,
) -> Result<(), HelpError> {
    if !may_edit(staff) {
        return Err(HelpError::WrongRole);
    }
    if !store::revise(&state.db, id, revision, None, &staff.username, now)
        .await
        .map_err(internal)?
    {
        return Err(changed_or_gone(state, id).await);
    }
    tracing::info!(id, by = staff.username, "help article retired");
    Ok(())
}

async fn changed_or_gone(state: &AppState, id: i64) -> HelpError {
    match store::one(&state.db, id).await {
        Ok(Some(_)) => HelpError::Changed,
        Ok(None) => HelpError::NotFound,
        Err(e) => internal(e),
    }
}

/// Stores articles written elsewhere (the demo's, a benchmark's) in one transaction, as `by`.
pub async fn import(
    state: &AppState,
    articles: &[ValidArticle],
    by: &str,
    now: DateTime<Utc>,
) -> Result<Vec<i64>, HelpError> {
    let terms: Vec<_> = articles.iter().map(indexed).collect();
    let rows: Vec<Indexed> = articles
        .iter()
        .zip(&terms)
        .map(|(article, (terms, length))| Indexed {
            article,
            terms,
            length: *length,
        })
        .collect();
    store::insert(&state.db, &rows, by, now)
        .await
        .map_err(internal)
}

/// Whether the knowledge base has any article (the demo seeds an empty one).
pub async fn is_empty(state: &AppState) -> Result<bool, HelpError> {
    Ok(store::count(&state.db).await.map_err(internal)? == 0)
}

fn staff_article(city: &City, row: &ArticleRow, locale: Locale) -> StaffArticle {
    StaffArticle {
        answer: answer(city, row, locale),
        category_code: row.category.clone(),
        department_code: row.department.clone(),
        revision: row.revision,
        retired: row.retired,
        edited_by: row.edited_by.clone(),
        edited_at: row.edited_at,
    }
}

/// The staff page: a search (retired and expired articles too, marked) or the articles edited
/// last; `editing` opened with its history.
pub async fn staff_page(
    state: &AppState,
    staff: &Staff,
    query: &str,
    editing: Option<i64>,
    locale: Locale,
) -> Result<StaffHelpListing, HelpError> {
    let city = &state.city;
    let query = help::clip_query(query.trim());
    let rows = if query.is_empty() {
        store::recent(&state.db, 50).await.map_err(internal)?
    } else {
        // Staff look for an article to revise: one past its date is still theirs to find.
        search(state, query, "", 50, NaiveDate::MIN).await?
    };
    let (editing, history) = match editing {
        Some(id) => match store::one(&state.db, id).await.map_err(internal)? {
            Some(row) => (
                Some(staff_article(city, &row, locale)),
                store::history(&state.db, id).await.map_err(internal)?,
            ),
            None => return Err(HelpError::NotFound),
        },
        None => (None, Vec::new()),
    };
    Ok(StaffHelpListing {
        me: crate::services::cases::me(state, staff, locale),
        may_edit: may_edit(staff),
        query: query.to_string(),
        articles: rows
            .iter()
            .map(|r| staff_article(city, r, locale))
            .collect(),
        editing,
        history,
        categories: city
            .categories
            .iter()
            .flat_map(|g| {
                std::iter::once((g.code.clone(), g.name.get(locale).to_string())).chain(
                    g.children
                        .iter()
                        .map(|c| (c.code.clone(), category_name(city, &c.code, locale))),
                )
            })
            .collect(),
        departments: city
            .departments
            .iter()
            .map(|d| (d.code.clone(), d.name.get(locale).to_string()))
            .collect(),
    })
}
