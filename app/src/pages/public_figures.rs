//! `/figures` (公开): the city's service-quality figures of a month, per department and
//! district, for anyone. Plain HTML and a server-drawn chart, no WASM. No figure comes from
//! fewer than ten cases (`model::figures::public`), and none carries anyone's personal data.
use crate::api::board::public_figures;
use crate::i18n::use_locale;
use crate::model::figures::public::{PublicFigures, PublicRow, MIN_PUBLIC_CASES};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PublicFiguresPage() -> impl IntoView {
    let locale = use_locale();
    let t = locale.figures();
    let query = use_query_map();
    let month = move || query.read().get("month").unwrap_or_default();
    let data = Resource::new(month, public_figures);
    view! {
        <Title text=t.public_title/>
        <section class="card">
            <h1>{t.public_title}</h1>
            <p class="muted">{t.public_intro}</p>
            <form method="get" action=crate::routes::Page::PublicFigures.path() class="figure-filter">
                <label>
                    <span class="label">{t.month}</span>
                    <input type="month" name="month" value=month placeholder="2026-11" data-testid="public-figures-month"/>
                </label>
                <button type="submit" class="button">{t.show}</button>
            </form>
        </section>
        <Suspense fallback=move || view! { <p class="muted">{locale.texts().loading}</p> }>
            {move || data.get().map(|result| match result {
                Ok(figures) => view! { <Figures figures/> }.into_any(),
                Err(e) => view! { <p class="alert error" role="alert" data-testid="public-figures-error">{e.message(locale)}</p> }.into_any(),
            })}
        </Suspense>
    }
}

fn shown(per_mille: Option<u64>) -> String {
    match per_mille {
        Some(m) => format!("{}.{}%", m / 10, m % 10),
        None => "—".into(),
    }
}

#[component]
fn Figures(figures: PublicFigures) -> impl IntoView {
    let locale = use_locale();
    let t = locale.figures();
    let table = move |caption: &'static str, id: &'static str, rows: Vec<PublicRow>| {
        view! {
            <section class="card" data-testid=id>
                <h2>{caption}</h2>
                {if rows.is_empty() {
                    view! { <p class="muted">{t.no_cases}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-scroll" tabindex="0">
                            <table class="queue-table figures-table">
                                <thead><tr>
                                    <th scope="col"></th>
                                    <th scope="col">{t.received}</th>
                                    <th scope="col">{t.on_time}</th>
                                    <th scope="col">{t.replied}</th>
                                    <th scope="col">{t.closed}</th>
                                    <th scope="col">{t.first_time}</th>
                                    <th scope="col">{t.satisfied}</th>
                                </tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|r| view! {
                                        <tr data-testid="public-figure-row" data-key=r.key.clone()>
                                            <th scope="row">{r.label.clone()}</th>
                                            <td class="num">{r.received.map_or_else(|| "—".to_string(), |n| n.to_string())}</td>
                                            <td class="num">{shown(r.on_time)}</td>
                                            <td class="num">{shown(r.replied)}</td>
                                            <td class="num">{shown(r.closed)}</td>
                                            <td class="num">{shown(r.first_time)}</td>
                                            <td class="num">{shown(r.satisfied)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }}
            </section>
        }
    };
    view! {
        <section class="card" data-testid="public-figures">
            <p><strong data-testid="public-figures-shown">{figures.month.clone()}</strong></p>
            <p class="muted">{t.public_rule(MIN_PUBLIC_CASES)}</p>
            {table(t.total, "public-total", vec![figures.total.clone()])}
        </section>
        {table(t.by_department, "public-departments", figures.departments.clone())}
        {table(t.by_district, "public-districts", figures.districts.clone())}
        {(!figures.ranking_chart.is_empty()).then(|| view! {
            <section class="card chart" data-testid="public-ranking-chart">
                <h2>{t.ranking}</h2>
                <div class="svg-chart" role="img" aria-label=t.ranking inner_html=figures.ranking_chart.clone()></div>
            </section>
        })}
    }
}
