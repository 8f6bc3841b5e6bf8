//! `/notices`: the notices (公告) in force and to come, soonest first, with the Atom feed's
//! link. Server rendered, no WASM.
use crate::api::notices::public_notices;
use crate::components::notice::NoticeItem;
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::{Link, Title};

#[component]
pub fn NoticesPage() -> impl IntoView {
    let locale = use_locale();
    let n = locale.notices();
    let notices = Resource::new(|| (), |_| public_notices());
    view! {
        <Title text=n.title/>
        <Link rel="alternate" type_="application/atom+xml" href=crate::routes::NOTICES_FEED title=n.title/>
        <section class="card">
            <h1>{n.title}</h1>
            <p class="muted">{n.intro}</p>
            <p><a href=crate::routes::NOTICES_FEED data-testid="notices-feed">{n.feed}</a></p>
        </section>
        <Suspense fallback=move || view! { <p class="muted">{locale.texts().loading}</p> }>
            {move || notices.get().map(|result| match result {
                Ok(list) if list.is_empty() => view! { <p class="card muted" data-testid="no-notices">{n.none}</p> }.into_any(),
                Ok(list) => view! {
                    <section class="card notices" data-testid="notices">
                        {list.into_iter().map(|line| view! { <NoticeItem line/> }).collect_view()}
                    </section>
                }.into_any(),
                Err(e) => view! { <p class="alert error" role="alert">{e.message(locale)}</p> }.into_any(),
            })}
        </Suspense>
    }
}
