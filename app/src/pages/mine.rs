//! `/mine`: "my cases" without an account. The list lives in this browser's local storage
//! (cases submitted, looked up or joined here); the island asks the server for their current
//! status and marks those that changed since the citizen last opened them.
use crate::i18n::use_locale;
use crate::model::public_case::CaseSummary;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MinePage() -> impl IntoView {
    let f = use_locale().followup();
    view! {
        <Title text=f.mine_title/>
        <section class="card">
            <h1>{f.mine_title}</h1>
            <p class="muted">{f.mine_intro}</p>
            <noscript><p class="alert error">{use_locale().texts().needs_javascript}</p></noscript>
            <MyCases/>
            <script src=crate::assets::asset_url(crate::routes::MY_CASES_SCRIPT) defer></script>
        </section>
        <crate::components::outbox::OutboxList/>
        <crate::components::outbox::OutboxScript/>
    }
}

/// One kept case as the list shows it.
#[derive(Clone, Debug, PartialEq)]
struct Line {
    ticket_no: String,
    code: String,
    seen: String,
    summary: Option<CaseSummary>,
}

#[island]
fn MyCases() -> impl IntoView {
    let locale = crate::current_locale();
    provide_context(locale);
    let f = locale.followup();
    let lines = RwSignal::new(None::<Vec<Line>>);
    let failed = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    {
        let kept = crate::components::my_cases::list();
        leptos::task::spawn_local(async move {
            let refs = crate::components::my_cases::refs(&kept);
            let answer = if refs.is_empty() {
                Ok(Vec::new())
            } else {
                crate::api::followup::my_cases(refs).await
            };
            match answer {
                Ok(summaries) => lines.set(Some(
                    kept.into_iter()
                        .enumerate()
                        .map(|(i, k)| Line {
                            summary: summaries.get(i).cloned().flatten(),
                            ticket_no: k.ticket_no,
                            code: k.code,
                            seen: k.seen,
                        })
                        .collect(),
                )),
                Err(_) => {
                    failed.set(true);
                    lines.set(Some(
                        kept.into_iter()
                            .map(|k| Line {
                                ticket_no: k.ticket_no,
                                code: k.code,
                                seen: k.seen,
                                summary: None,
                            })
                            .collect(),
                    ));
                }
            }
            if let Some(body) = document().body() {
                let _ = body.set_attribute("data-hydrated", "true");
            }
        });
    }
    let remove = move |no: String| {
        #[cfg(feature = "hydrate")]
        crate::components::my_cases::forget(&no);
        lines.update(|l| {
            if let Some(l) = l {
                l.retain(|x| x.ticket_no != no)
            }
        });
    };
    view! {
        {move || failed.get().then(|| view! { <p class="alert error">{f.mine_unavailable}</p> })}
        {move || match lines.get() {
            None => view! { <p class="muted">{locale.texts().loading}</p> }.into_any(),
            Some(l) if l.is_empty() => view! { <p class="muted" data-testid="mine-empty">{f.mine_empty}</p> }.into_any(),
            Some(l) => view! {
                <ul class="mine" data-testid="mine">
                    {l.into_iter().map(|line| {
                        let changed = line.summary.as_ref().is_some_and(|s| s.signature != line.seen);
                        let href = crate::routes::track(&line.ticket_no, &line.code);
                        let no = line.ticket_no.clone();
                        view! {
                            <li data-testid="mine-case" data-ticket=line.ticket_no.clone() data-changed=changed.to_string()>
                                <a href=href><strong>{line.ticket_no.clone()}</strong></a>
                                {changed.then(|| view! { <span class="flag" data-testid="mine-changed">{f.mine_changed}</span> })}
                                {match line.summary {
                                    Some(s) => view! {
                                        <p>{s.category.get(locale).to_string()}" · "<span data-testid="mine-status">{locale.workflow().status(s.status)}</span></p>
                                    }.into_any(),
                                    None => view! { <p class="muted">{f.mine_unavailable}</p> }.into_any(),
                                }}
                                <button type="button" class="button small" on:click=move |_| remove(no.clone())>{f.mine_remove}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}
