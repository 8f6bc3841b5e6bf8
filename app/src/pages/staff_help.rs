//! `/staff/help`: hotline staff keep the knowledge base (知识库). Find an article (`?q=`) or
//! see the ones edited last, open one (`?article=`) to revise it — every save is a new revision,
//! listed as its history — or retire it; write a new one. A save made on an old revision (a
//! colleague saved meanwhile) is refused and overwrites nothing. Plain HTML forms: works
//! without JavaScript.
use crate::api::help::{staff_help, StaffRetireArticle, StaffSaveArticle};
use crate::components::help_answer::HelpAnswerItem;
use crate::components::staff::{staff_page, FormOutcome, StaffBar};
use crate::i18n::use_locale;
use crate::model::help::{
    ArticleRevision, StaffArticle, StaffHelpListing, ANSWER_MAX_CHARS, QUERY_MAX_CHARS,
    QUESTION_MAX_CHARS,
};
use crate::routes::Page;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

#[component]
pub fn StaffHelpPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).filter(|v| !v.is_empty());
    let asked = move || {
        (
            param("q").unwrap_or_default(),
            param("article").and_then(|a| a.parse::<i64>().ok()),
        )
    };
    let data = Resource::new(asked, |(q, article)| staff_help(q, article));
    staff_page(
        locale.help().staff_title,
        move || match asked().1 {
            Some(id) => Page::StaffHelp.with(&[("article", &id.to_string())]),
            None => Page::StaffHelp.path().into(),
        },
        data,
        move |page| view! { <Articles page error=param("error") done=param("done")/> }.into_any(),
    )
}

#[component]
fn Articles(page: StaffHelpListing, error: Option<String>, done: Option<String>) -> impl IntoView {
    let h = use_locale().help();
    let done = done.and_then(|d| match d.as_str() {
        "saved" => Some(h.saved),
        "retired" => Some(h.retired_done),
        _ => None,
    });
    let editor = page.may_edit.then(|| {
        view! {
            <Editor editing=page.editing.clone() categories=page.categories.clone()
                departments=page.departments.clone()/>
        }
    });
    let opened = (!page.may_edit)
        .then(|| page.editing.clone())
        .flatten()
        .map(|a| view! { <section class="card"><HelpAnswerItem answer=a.answer/></section> });
    view! {
        <StaffBar me=page.me.clone()/>
        <FormOutcome error done=None/>
        {done.map(|d| view! { <p class="alert ok" role="status" data-testid="staff-done">{d}</p> })}
        <section class="card" data-testid="staff-help">
            <h1>{h.staff_title}</h1>
            <form method="get" action=Page::StaffHelp.path() class="help-search" role="search">
                <label class="field"><span class="label">{h.staff_search}</span>
                    <input type="search" name="q" value=page.query.clone() maxlength=QUERY_MAX_CHARS.to_string() data-testid="staff-help-query"/></label>
                <button type="submit" class="button">{h.search}</button>
            </form>
            {page.articles.is_empty().then(|| view! { <p class="muted">{h.none}</p> })}
            <ul class="plain staff-articles">
                {page.articles.into_iter().map(|a| view! { <ArticleLine article=a/> }).collect_view()}
            </ul>
            {(!page.may_edit).then(|| view! { <p class="muted">{h.read_only}</p> })}
        </section>
        {opened}
        {editor}
        {(!page.history.is_empty()).then(|| view! { <History revisions=page.history/> })}
    }
}

#[component]
fn ArticleLine(article: StaffArticle) -> impl IntoView {
    let locale = use_locale();
    let h = locale.help();
    let href = Page::StaffHelp.with(&[("article", &article.answer.id.to_string())]);
    let today = crate::model::time::beijing_date(chrono::Utc::now());
    let expired = article.answer.valid_until.is_some_and(|d| d < today);
    view! {
        <li class="staff-article" data-testid="staff-article" data-id=article.answer.id.to_string()>
            <a href=href>{article.answer.question.clone()}</a>
            {article.retired.then(|| view! { " "<span class="badge">{h.retired}</span> })}
            {(expired && !article.retired).then(|| view! { " "<span class="badge">{h.expired}</span> })}
            <p class="muted small">{article.answer.category.clone()}" · "{article.answer.department.clone()}
                " · "{h.revision}" "{article.revision}" · "{article.edited_by.clone()}" "{locale.datetime(article.edited_at)}</p>
        </li>
    }
}

#[component]
fn Editor(
    editing: Option<StaffArticle>,
    categories: Vec<(String, String)>,
    departments: Vec<(String, String)>,
) -> impl IntoView {
    let h = use_locale().help();
    let kept = crate::components::flash::kept;
    // After a refused save: what was typed; else the opened article; else nothing.
    let value = |field: &str, current: Option<String>| kept(field).or(current).unwrap_or_default();
    let a = editing.as_ref();
    let category = value("category", a.map(|a| a.category_code.clone()));
    let department = value("department", a.map(|a| a.department_code.clone()));
    let question = value("question", a.map(|a| a.answer.question.clone()));
    let answer = value("answer", a.map(|a| a.answer.answer.clone()));
    let valid_until = value(
        "valid_until",
        a.and_then(|a| a.answer.valid_until)
            .map(|d| d.format("%Y-%m-%d").to_string()),
    );
    let title = if editing.is_some() {
        h.edit_article
    } else {
        h.new_article
    };
    let hidden = editing.as_ref().map(|a| {
        view! {
            <input type="hidden" name="id" value=a.answer.id.to_string()/>
            <input type="hidden" name="revision" value=a.revision.to_string()/>
        }
    });
    let retire = editing.as_ref().filter(|a| !a.retired).map(|a| {
        view! {
            <form method="post" action=StaffRetireArticle::PATH class="inline">
                <input type="hidden" name="id" value=a.answer.id.to_string()/>
                <input type="hidden" name="revision" value=a.revision.to_string()/>
                <button type="submit" class="button" data-testid="retire-article">{h.retire}</button>
            </form>
        }
    });
    view! {
        <section class="card narrow" data-testid="article-editor">
            <h2>{title}</h2>
            {editing.is_some().then(|| view! { <p><a href=Page::StaffHelp.path()>{h.new_article}</a></p> })}
            <form method="post" action=StaffSaveArticle::PATH data-testid="save-article">
                {hidden}
                <label class="field"><span class="label required">{h.label_category}</span>
                    <select name="category" required data-testid="article-category">
                        <option value="">"—"</option>
                        {categories.into_iter().map(|(code, name)| {
                            let selected = code == category;
                            view! { <option value=code selected=selected>{name}</option> }
                        }).collect_view()}
                    </select></label>
                <label class="field"><span class="label required">{h.label_department}</span>
                    <select name="department" required data-testid="article-department">
                        <option value="">"—"</option>
                        {departments.into_iter().map(|(code, name)| {
                            let selected = code == department;
                            view! { <option value=code selected=selected>{name}</option> }
                        }).collect_view()}
                    </select></label>
                <label class="field"><span class="label required">{h.label_question}</span>
                    <input type="text" name="question" required maxlength=QUESTION_MAX_CHARS.to_string() value=question data-testid="article-question"/></label>
                <label class="field"><span class="label required">{h.label_answer}</span>
                    <textarea name="answer" rows="8" required maxlength=ANSWER_MAX_CHARS.to_string() data-testid="article-answer">{answer}</textarea></label>
                <label class="field"><span class="label">{h.label_valid_until}</span>
                    <input type="date" name="valid_until" value=valid_until data-testid="article-valid-until"/></label>
                <button type="submit" class="button primary" data-testid="save-article-submit">{h.save}</button>
            </form>
            {retire}
        </section>
    }
}

#[component]
fn History(revisions: Vec<ArticleRevision>) -> impl IntoView {
    let locale = use_locale();
    let h = locale.help();
    view! {
        <section class="card" data-testid="article-history">
            <h2>{h.history}</h2>
            <ol class="plain">
                {revisions.into_iter().map(|r| view! {
                    <li data-testid="article-revision" data-revision=r.revision.to_string()>
                        <p><strong>{h.revision}" "{r.revision}</strong>" · "{r.edited_by}" · "{locale.datetime(r.edited_at)}
                            {r.retired.then(|| view! { " · "<span class="badge">{h.retired}</span> })}</p>
                        <p>{r.question}</p>
                        <details><summary>{h.label_answer}</summary><p class="help-text">{r.answer}</p></details>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}
