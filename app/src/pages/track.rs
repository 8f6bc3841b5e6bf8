//! `/track`: look a case up by ticket number and query code. A plain GET form rendered on the
//! server (the route waits for the lookup before sending), so it works without JavaScript.
use crate::api::{lookup_case, ApiError};
use crate::i18n::{use_locale, use_texts};
use crate::model::case::PublicCase;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn TrackPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let lookup = Resource::new(
        move || (param("no"), param("code")),
        |(no, code)| async move {
            if no.trim().is_empty() && code.trim().is_empty() {
                None
            } else {
                Some(lookup_case(no, code).await)
            }
        },
    );
    view! {
        <Title text=t.track_title/>
        <section class="card">
            <h1>{t.track_title}</h1>
            <p class="muted">{t.track_intro}</p>
            <form method="get" action="/track" class="track-form" data-testid="track-form">
                <label class="field">
                    <span class="label">{t.track_ticket_no}</span>
                    <input name="no" required inputmode="numeric" autocomplete="off"
                        placeholder="20261122-000123" value=move || param("no") data-testid="track-no"/>
                </label>
                <label class="field">
                    <span class="label">{t.track_query_code}</span>
                    <input name="code" required autocomplete="off" autocapitalize="characters"
                        spellcheck="false" maxlength="12" value=move || param("code") data-testid="track-code"/>
                </label>
                <button type="submit" class="button primary">{t.track_submit}</button>
            </form>
        </section>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || lookup.get().flatten().map(|result| match result {
                Ok(case) => view! { <CaseCard case/> }.into_any(),
                Err(e) => view! { <LookupError error=e/> }.into_any(),
            })}
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

#[component]
fn CaseCard(case: PublicCase) -> impl IntoView {
    let locale = use_locale();
    let t = locale.texts();
    let photos = case.photos.clone();
    view! {
        <section class="card case" data-testid="case">
            <h2 class="ticket-no">{case.ticket_no.clone()}</h2>
            <p class="status" data-testid="case-status">{locale.status(case.status)}</p>
            <dl class="facts">
                <dt>{t.track_kind}</dt><dd data-testid="case-kind">{locale.kind(case.kind)}</dd>
                <dt>{t.track_category}</dt><dd>{case.category.get(locale).to_string()}</dd>
                <dt>{t.track_district}</dt><dd>{case.district.get(locale).to_string()}</dd>
                <dt>{t.track_submitted_at}</dt><dd>{locale.datetime(case.submitted_at)}</dd>
            </dl>
            <h3>{t.track_timeline}</h3>
            <ol class="timeline" data-testid="timeline">
                {case.timeline.iter().map(|e| view! {
                    <li>
                        <time>{locale.datetime(e.at)}</time>
                        <span>{locale.event(e.kind)}</span>
                    </li>
                }).collect_view()}
            </ol>
            {(!photos.is_empty()).then(|| view! {
                <h3>{t.track_photos}</h3>
                <ul class="thumbs" data-testid="case-photos">
                    {photos.iter().map(|p| view! {
                        <li>
                            <a href=p.display_url.clone() target="_blank" rel="noopener">
                                <img src=p.thumb_url.clone() alt=t.track_photos loading="lazy" width="160" height="120"/>
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}
