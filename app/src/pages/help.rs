//! `/help`: the knowledge base (知识库) for citizens. A search box (`?q=`, a plain GET form),
//! the best answers, the categories to browse (`?category=`), and a way on to report the
//! problem when nothing answers it. Server rendered, no WASM.
use crate::api::help::help_search;
use crate::components::help_answer::HelpAnswerItem;
use crate::i18n::use_locale;
use crate::model::help::QUERY_MAX_CHARS;
use crate::routes::Page;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn HelpPage() -> impl IntoView {
    let locale = use_locale();
    let h = locale.help();
    let params = use_query_map();
    let asked = move || {
        params.with(|p| {
            (
                p.get("q").unwrap_or_default(),
                p.get("category").unwrap_or_default(),
            )
        })
    };
    let page = Resource::new(asked, |(q, category)| help_search(q, category));
    view! {
        <Title text=h.title/>
        <section class="card">
            <h1>{h.title}</h1>
            <p class="muted">{h.intro}</p>
            <form method="get" action=Page::Help.path() class="help-search" role="search">
                <label class="field">
                    <span class="label">{h.search_label}</span>
                    <input type="search" name="q" maxlength=QUERY_MAX_CHARS.to_string() placeholder=h.search_placeholder
                        value=move || asked().0 data-testid="help-query"/>
                </label>
                <button type="submit" class="button primary" data-testid="help-search">{h.search}</button>
            </form>
        </section>
        <Suspense fallback=move || view! { <p class="muted">{locale.texts().loading}</p> }>
            {move || page.get().map(|result| match result {
                Ok(page) => {
                    let asked_something = !page.query.is_empty() || !page.category.is_empty();
                    let found = !page.answers.is_empty();
                    view! {
                        {found.then(|| view! {
                            <section class="card help-answers" data-testid="help-answers">
                                {page.answers.into_iter().map(|answer| view! { <HelpAnswerItem answer/> }).collect_view()}
                            </section>
                        })}
                        {(asked_something && !found).then(|| view! {
                            <p class="card muted" data-testid="help-nothing">{h.nothing_found}" "
                                <a href=Page::Report.path()>{h.report_anyway}</a></p>
                        })}
                        <nav class="card help-categories" aria-label=h.categories>
                            <h2>{h.categories}</h2>
                            <ul class="plain chips">
                                {page.categories.into_iter().map(|(code, name, n)| {
                                    let href = Page::Help.with(&[("category", &code)]);
                                    let current = (code == page.category).then_some("page");
                                    view! { <li><a class="chip" href=href aria-current=current data-testid=format!("help-category-{code}")>{name}" ("{n}")"</a></li> }
                                }).collect_view()}
                            </ul>
                        </nav>
                    }.into_any()
                }
                Err(e) => view! { <p class="alert error" role="alert">{e.message(locale)}</p> }.into_any(),
            })}
        </Suspense>
    }
}
