//! `/track`: look a case up by ticket number and query code. A plain GET form rendered on the
//! server (the route waits for the lookup before sending), so it works without JavaScript.
use crate::api::{lookup_case, ApiError};
use crate::i18n::{use_locale, use_texts};
use crate::model::case::{PublicCase, PublicStep};
use crate::model::workflow::RejectReason;
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
                    <li data-step=e.step.kind().code()>
                        <time>{locale.datetime(e.at)}</time>
                        <Step step=e.step.clone()/>
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

/// One step of the public timeline.
#[component]
fn Step(step: PublicStep) -> impl IntoView {
    let locale = use_locale();
    let t = locale.texts();
    match step {
        PublicStep::Submitted => view! { <span>{t.step_submitted}</span> }.into_any(),
        PublicStep::Accepted => view! { <span>{t.step_accepted}</span> }.into_any(),
        PublicStep::Rejected { reason, note } => {
            let duplicate = match reason {
                RejectReason::Duplicate { of } => Some(of),
                RejectReason::Invalid => None,
            };
            view! {
                <span>{t.step_rejected}</span>
                {duplicate.map(|of| view! { <p>{t.step_duplicate_of}<strong>{of}</strong></p> })}
                {(!note.is_empty()).then(|| view! { <p class="note">{note}</p> })}
            }
            .into_any()
        }
        PublicStep::Dispatched { department } => view! {
            <span>{t.step_dispatched}<strong>{department.get(locale).to_string()}</strong></span>
        }
        .into_any(),
        PublicStep::Contacted => view! { <span>{t.step_contacted}</span> }.into_any(),
        PublicStep::Extended { until } => view! {
            <span>{t.step_extended}<strong>{until.format("%Y-%m-%d").to_string()}</strong></span>
        }
        .into_any(),
        PublicStep::Replied { text, responder } => view! {
            <span>{t.step_replied}</span>
            <blockquote class="reply" data-testid="case-reply">{text}</blockquote>
            <p class="muted">{t.step_responder}": "<span data-testid="case-responder">{responder}</span></p>
        }
        .into_any(),
        PublicStep::FollowedUp => view! { <span>{t.step_followed_up}</span> }.into_any(),
        PublicStep::Closed => view! { <span>{t.step_closed}</span> }.into_any(),
    }
}
