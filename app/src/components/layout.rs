use crate::i18n::{use_locale, use_texts};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Site header: name, tagline, the large-text switch (长辈版) and the language switch. Each
/// switch is a plain link (`/view/{mode}`, `/lang/{tag}`) that sets a cookie and comes back
/// here: they work without JavaScript.
#[component]
pub fn Header() -> impl IntoView {
    let locale = use_locale();
    let t = use_texts();
    let location = use_location();
    let back = move || {
        // The router's `search` comes without its `?`.
        let search = location.search.get();
        let back = match search.trim_start_matches('?') {
            "" => location.pathname.get(),
            query => format!("{}?{query}", location.pathname.get()),
        };
        if back.starts_with('/') {
            back
        } else {
            "/".to_string()
        }
    };
    let switch_href = move || crate::routes::switch_language(locale.other(), &back());
    let large = crate::large_text();
    let view_href = move || crate::routes::switch_view(!large, &back());
    view! {
        <header class="site-header">
            <a class="brand" href=crate::routes::Page::Home.path()>
                <span class="brand-mark" aria-hidden="true">"12345"</span>
                <span class="brand-text">
                    <strong>{t.app_name}</strong>
                    <small>{t.app_tagline}</small>
                </span>
            </a>
            <span class="switches">
                <a class="lang-switch" href=view_href rel="external nofollow" data-testid="large-text-switch">
                    {if large { t.large_text_off } else { t.large_text_on }}
                </a>
                <a class="lang-switch" href=switch_href rel="external nofollow" hreflang=locale.other().tag() data-testid="lang-switch">
                    {t.switch_language}
                </a>
            </span>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let t = use_texts();
    view! {
        <footer class="site-footer">
            <p>{t.footer}</p>
            <p class="muted">{t.hotline_hint}</p>
        </footer>
        // Shown by outbox.js when a new version of the portal is ready (public/sw.js).
        <div class="update-bar" data-part="update" data-testid="update-bar" role="status" hidden>
            <button type="button">{crate::i18n::use_locale().offline().update_ready}</button>
        </div>
    }
}
