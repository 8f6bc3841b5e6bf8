//! "Similar reports near you" inside the report form: open cases of the chosen category on the
//! same street or within 500 m, each with a "me too" (附议) button that joins it instead of
//! opening a new case.
use crate::api::followup::{join_case, nearby_cases};
use crate::components::report_state::FormState;
use crate::i18n::use_locale;
use crate::model::public_case::{Joined, NearbyCase};
use leptos::prelude::*;

#[component]
pub fn Nearby(form: FormState) -> impl IntoView {
    let locale = use_locale();
    let f = locale.followup();
    let t = locale.texts();
    let found = RwSignal::new(Vec::<NearbyCase>::new());
    let joined = RwSignal::new(None::<Joined>);
    let error = RwSignal::new(None::<String>);
    let wanted = Memo::new(move |_| form.category_and_place());
    // Effects run only in the browser: ask again whenever the category or the place changes.
    Effect::new(move |_| {
        let Some((category, district, street, lat, lng)) = wanted.get() else {
            found.set(Vec::new());
            return;
        };
        leptos::task::spawn_local(async move {
            match nearby_cases(category, district, street, lat, lng).await {
                Ok(list) => found.set(list),
                Err(_) => found.set(Vec::new()),
            }
        });
    });
    let join = move |handle: String| {
        error.set(None);
        leptos::task::spawn_local(async move {
            match join_case(handle).await {
                Ok(j) => {
                    #[cfg(feature = "hydrate")]
                    crate::components::my_cases::remember(&j.ticket_no, &j.code, &j.signature);
                    joined.set(Some(j));
                }
                Err(e) => error.set(Some(e.message(locale))),
            }
        });
    };
    view! {
        {move || joined.get().map(|j| {
            let href = crate::routes::track(&j.ticket_no, &j.code);
            view! {
                <section class="card done" data-testid="joined">
                    <p class="success">{f.me_too_done}</p>
                    <dl class="codes">
                        <dt>{t.ticket_no}</dt><dd class="code" data-testid="joined-no">{j.ticket_no.clone()}</dd>
                        <dt>{t.query_code}</dt><dd class="code" data-testid="joined-code">{j.code.clone()}</dd>
                    </dl>
                    <p><strong data-testid="joined-count">{j.supporters}</strong>{f.supporters}</p>
                    <a class="button primary block" href=href data-testid="joined-track">{t.done_track_now}</a>
                </section>
            }
        })}
        {move || (joined.get().is_none() && !found.with(Vec::is_empty)).then(|| view! {
            <section class="card nearby" data-testid="nearby">
                <h2>{f.nearby_title}</h2>
                <p class="muted">{f.nearby_intro}</p>
                {move || error.get().map(|e| view! { <p class="alert error" role="alert">{e}</p> })}
                <ul>
                    {found.get().into_iter().map(|c| {
                        let handle = c.handle.clone();
                        let band = c.distance.map(|d| f.distance_band(d));
                        view! {
                            <li data-testid="nearby-case">
                                <p>
                                    <strong>{c.category.get(locale).to_string()}</strong>" · "{c.street.get(locale).to_string()}
                                    {band.map(|b| format!(" · {b}"))}
                                </p>
                                {(!c.summary.is_empty()).then(|| view! { <p class="muted">{c.summary.clone()}</p> })}
                                <p class="muted">
                                    {locale.datetime(c.submitted_at)}" · "{locale.workflow().status(c.status)}
                                    {(c.supporters > 0).then(|| format!(" · {}{}", c.supporters, f.supporters))}
                                </p>
                                <button type="button" class="button" data-testid="me-too"
                                    on:click=move |_| join(handle.clone())>{f.me_too}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}
