//! The knowledge base (知识库): the public page and search, the answers under the report
//! form's description, and the staff page with writing, revising and retiring articles.
#[cfg(feature = "ssr")]
use super::{answered, app_state};
use super::{ApiError, StaffError};
use crate::model::help::{HelpAnswer, HelpListing, StaffHelpListing};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
impl From<crate::services::help::HelpError> for StaffError {
    fn from(e: crate::services::help::HelpError) -> Self {
        use crate::services::help::HelpError;
        match e {
            HelpError::Invalid(problems) => StaffError::Article { problems },
            HelpError::WrongRole => crate::model::workflow::Refusal::WrongRole.into(),
            HelpError::NotFound => StaffError::NotFound,
            HelpError::Changed => StaffError::Changed,
            HelpError::Internal(e) => {
                tracing::error!(error = e, "help service failed");
                StaffError::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
fn citizen_error(e: crate::services::help::HelpError) -> ApiError {
    tracing::error!(error = %e, "help service failed");
    ApiError::Internal
}

/// `/help`: the answers to a search (`query`), or the articles of a category, and the
/// categories with articles. Any text answers.
#[server(prefix = "/api/fn", endpoint = "help")]
pub async fn help_search(query: String, category: String) -> Result<HelpListing, ApiError> {
    answered(
        async move {
            let state = app_state()?;
            crate::services::help::page(
                &state,
                &query,
                &category,
                crate::current_locale(),
                chrono::Utc::now(),
            )
            .await
            .map_err(citizen_error)
        }
        .await,
    )
}

/// The three best answers to a description being written (the report form, while the citizen
/// types); `category` (optional) lifts its own. Any text answers, nothing found is `[]`.
#[server(prefix = "/api/fn", endpoint = "help_answers")]
pub async fn help_answers(
    query: String,
    category: Option<String>,
) -> Result<Vec<HelpAnswer>, ApiError> {
    answered(
        async move {
            let state = app_state()?;
            crate::services::help::suggest(
                &state,
                &query,
                category.as_deref().unwrap_or(""),
                crate::current_locale(),
                chrono::Utc::now(),
            )
            .await
            .map_err(citizen_error)
        }
        .await,
    )
}

/// The staff page: a search or the articles edited last, `article` opened with its history.
#[server(prefix = "/api/fn/staff", endpoint = "help")]
pub async fn staff_help(
    query: String,
    article: Option<i64>,
) -> Result<StaffHelpListing, StaffError> {
    use super::staff::guard;
    let state = guard::state()?;
    let result = async {
        let staff = guard::signed_in(&state).await?;
        Ok(
            crate::services::help::staff_page(&state, &staff, &query, article, guard::locale())
                .await?,
        )
    }
    .await;
    super::answer::page(result)
}

/// Writes a new article (no `id`) or a new revision of article `id` opened at `revision`
/// (hotline staff). Someone else's save in between is refused, nothing overwritten.
#[server(prefix = "/api/fn/staff", endpoint = "save_article")]
#[allow(clippy::too_many_arguments)]
pub async fn staff_save_article(
    id: Option<i64>,
    revision: Option<i64>,
    category: String,
    department: String,
    question: String,
    answer: String,
    valid_until: String,
) -> Result<(), StaffError> {
    use super::staff::guard;
    use crate::routes::Page;
    let state = guard::state()?;
    let draft = crate::model::help::ArticleDraft {
        category,
        department,
        question,
        answer,
        valid_until,
    };
    let result = async {
        let staff = guard::signed_in(&state).await?;
        crate::services::help::save(
            &state,
            &staff,
            id,
            revision.unwrap_or(0),
            &draft,
            chrono::Utc::now(),
        )
        .await
        .map_err(StaffError::from)
    }
    .await;
    let opened = id.map(|i| i.to_string()).unwrap_or_default();
    let saved = result.as_ref().map(|i| i.to_string()).unwrap_or_default();
    super::answer::finish(
        result.map(|_| ()),
        &Page::StaffHelp.with(&[("article", &saved), ("done", "saved")]),
        &Page::StaffHelp.with(&[("article", &opened)]),
        &[
            ("category", &draft.category),
            ("department", &draft.department),
            ("question", &draft.question),
            ("answer", &draft.answer),
            ("valid_until", &draft.valid_until),
        ],
    )
}

/// Retires article `id` opened at `revision` (hotline staff): no search finds it any more.
#[server(prefix = "/api/fn/staff", endpoint = "retire_article")]
pub async fn staff_retire_article(id: i64, revision: i64) -> Result<(), StaffError> {
    use super::staff::guard;
    use crate::routes::Page;
    let state = guard::state()?;
    let result = async {
        let staff = guard::signed_in(&state).await?;
        crate::services::help::retire(&state, &staff, id, revision, chrono::Utc::now()).await?;
        Ok(())
    }
    .await;
    let opened = id.to_string();
    super::answer::finish(
        result,
        &Page::StaffHelp.with(&[("article", &opened), ("done", "retired")]),
        &Page::StaffHelp.with(&[("article", &opened)]),
        &[],
    )
}
