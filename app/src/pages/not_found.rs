use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    let t = use_texts();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=t.not_found_title/>
        <section class="card">
            <h1>{t.not_found_title}</h1>
            <p>{t.not_found_body}</p>
            <a class="button" href=crate::routes::Page::Home.path()>{t.back_home}</a>
        </section>
    }
}
