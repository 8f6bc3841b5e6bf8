//! `/track`: look a case up by ticket number and query code. A plain GET form rendered on the
//! server (the route waits for the lookup before sending), so it works without JavaScript;
//! with JavaScript, `public/live.js` (a few KB, no WASM) follows the case while it is open.
use crate::api::{lookup_case, ApiError, FormError};
use crate::components::case_card::CaseCard;
use crate::i18n::{use_locale, use_texts};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn TrackPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    view! {
        <Title text=t.track_title/>
        <section class="card">
            <h1>{t.track_title}</h1>
            <p class="muted">{t.track_intro}</p>
            <form method="get" action=crate::routes::Page::Track.path() class="track-form" data-testid="track-form">
                <label class="field">
                    <span class="label">{t.ticket_no}</span>
                    <input name="no" required inputmode="numeric" autocomplete="off"
                        placeholder="20261122-000123" value=move || param("no") data-testid="track-no"/>
                </label>
                <label class="field">
                    <span class="label">{t.query_code}</span>
                    <input name="code" required autocomplete="off" autocapitalize="characters"
                        spellcheck="false" maxlength="12" value=move || param("code") data-testid="track-code"/>
                </label>
                <button type="submit" class="button primary">{t.track_submit}</button>
            </form>
        </section>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || (param("rated") == "1").then(|| view! {
                <p class="alert success" role="status" data-testid="rated">{use_locale().followup().rate_thanks}</p>
            })}
            {move || ApiError::from_param(&param("error")).map(|error| view! { <LookupError error/> })}
            // The page is rendered on the server only: `Suspend` waits for the lookup without
            // serializing the case into the page for hydration, as a `Resource` would.
            {move || {
                let (no, code) = (param("no"), param("code"));
                Suspend::new(async move {
                    if no.trim().is_empty() && code.trim().is_empty() {
                        return None;
                    }
                    let code_shown = code.trim().to_string();
                    Some(match lookup_case(no, code).await {
                        Ok(case) => view! {
                            <p class="alert info" role="status" hidden data-testid="case-updated">{use_locale().followup().live_updated}</p>
                            <CaseCard case code=code_shown/>
                            <script src=crate::assets::asset_url(crate::routes::MY_CASES_SCRIPT) defer></script>
                            <script src=crate::assets::asset_url(crate::routes::LIVE_SCRIPT) defer></script>
                        }.into_any(),
                        Err(e) => view! { <LookupError error=e/> }.into_any(),
                    })
                })
            }}
        </Suspense>
    }
}

#[component]
fn LookupError(error: ApiError) -> impl IntoView {
    let locale = use_locale();
    view! {
        <p class="alert error" role="alert" data-testid="track-error">{error.message(locale)}</p>
    }
}
