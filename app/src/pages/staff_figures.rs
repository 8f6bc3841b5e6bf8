//! `/staff/figures`: the service-quality figures (四率 and the rest) of a period, by
//! department, district, category group, category or channel, with 环比 and 同比, the weekly
//! trend and the satisfaction ranking. Supervisors and administrators see every department;
//! a department head sees their own and its rank. Plain HTML and server-drawn SVG: it reads
//! on a tablet and prints.
use crate::api::staff::staff_figures;
use crate::components::figures::{percent, Summary};
use crate::components::staff::{staff_page, StaffBar};
use crate::i18n::rates;
use crate::i18n::use_locale;
use crate::model::figures::{FigureRow, Figures, FiguresPage, Slice};
use crate::routes::Page;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StaffFiguresPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).filter(|v| !v.is_empty());
    let data = Resource::new(
        move || (param("period"), param("by"), param("key")),
        |(period, by, key)| staff_figures(period, by, key),
    );
    staff_page(
        locale.figures().title,
        || Page::StaffFigures.path().into(),
        data,
        |page| view! { <FiguresView page/> }.into_any(),
    )
}

#[component]
fn FiguresView(page: FiguresPage) -> impl IntoView {
    let locale = use_locale();
    let t = locale.figures();
    // One row alone: a department head's own, or the key asked for (`key=`).
    let alone = page.total.is_none();
    let head_only = alone && page.focus.is_none();
    let code = page.period.code();
    let first = page.period.period.first;
    let last = page.period.period.last;
    let head: Vec<&'static str> = [t.rank, t.slice(page.slice), t.received, t.rejected]
        .into_iter()
        .chain(rates(&Figures::default(), t).map(|(name, _)| name))
        .collect();
    let total = page.total.clone();
    view! {
        <StaffBar me=page.me.clone()/>
        <section class="card" data-testid="figures">
            <h1>{t.title}</h1>
            <form method="get" action=Page::StaffFigures.path() class="figure-filter">
                <label>
                    <span class="label">{t.period}</span>
                    <input name="period" value=code.clone() placeholder="2026-11" data-testid="figures-period" aria-describedby="period-hint"/>
                </label>
                {match (&page.focus, head_only) {
                    (_, true) => None,
                    (Some(key), _) => Some(view! {
                        <input type="hidden" name="by" value=page.slice.code()/>
                        <input type="hidden" name="key" value=key.clone()/>
                    }.into_any()),
                    (None, _) => Some(view! {
                        <label>
                            <span class="label">{t.by}</span>
                            <select name="by" data-testid="figures-by">
                                {Slice::ALL.into_iter().filter(|s| *s != Slice::All).map(|s| view! {
                                    <option value=s.code() selected=s == page.slice>{t.slice(s)}</option>
                                }).collect_view()}
                            </select>
                        </label>
                    }.into_any()),
                }}
                <button type="submit" class="button">{t.show}</button>
                <p class="muted" id="period-hint">{t.period_hint}</p>
            </form>
            <p data-testid="figures-period-shown">
                <strong>{format!("{code} · {} {first} – {last}", t.period_kind(page.period.kind))}</strong>
                {page.focus.is_some().then(|| view! {
                    " · "
                    <a href=figures_href(&code, page.slice, None) data-testid="figures-every-key">{t.every_key}</a>
                })}
            </p>
            {total.map(|total| view! { <Summary now=total previous=page.previous.clone() year_before=page.year_before.clone()/> })}
            // The one row alone, or nothing in the period (then 0 against 环比 and 同比).
            {alone.then(|| {
                let (figures, rank) = page.rows.first().map_or_else(
                    || (Figures::default(), None),
                    |r| (r.figures.clone(), r.rank),
                );
                view! {
                    <p class="figure-rank" data-testid="own-rank">
                        {match rank {
                            Some(n) => format!("{}：{n}{}{}", t.rank, t.ranked_of, page.ranked),
                            None => format!("{}：{}", t.rank, t.not_ranked),
                        }}
                    </p>
                    <Summary now=figures previous=page.previous.clone() year_before=page.year_before.clone()/>
                }
            })}
        </section>
        <section class="card" data-testid="figures-table">
            <h2>{t.slice(page.slice)}</h2>
            <p class="muted">{t.rank_rule}</p>
            {if page.rows.is_empty() {
                view! { <p class="muted" data-testid="figures-empty">{t.no_cases}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0">
                        <table class="queue-table figures-table">
                            <thead><tr>{head.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view()}</tr></thead>
                            <tbody>
                                {page.rows.iter().map(|r| {
                                    // Each key opens alone (its weeks, 环比, 同比), except for a
                                    // head, the row shown alone and cases not dispatched yet.
                                    let href = (!alone && !r.key.is_empty())
                                        .then(|| figures_href(&code, page.slice, Some(&r.key)));
                                    view! { <Row row=r.clone() href/> }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
        {(!page.weeks_chart.is_empty()).then(|| view! {
            <section class="card chart" data-testid="weeks-chart">
                <h2>{t.weeks}</h2>
                <div class="svg-chart" role="img" aria-label=t.weeks inner_html=page.weeks_chart.clone()></div>
            </section>
        })}
        {(!page.ranking_chart.is_empty()).then(|| view! {
            <section class="card chart" data-testid="ranking-chart">
                <h2>{t.ranking}</h2>
                <div class="svg-chart" role="img" aria-label=t.ranking inner_html=page.ranking_chart.clone()></div>
            </section>
        })}
        {(!page.hotspots.is_empty()).then(|| view! { <Hotspots hotspots=page.hotspots.clone()/> })}
    }
}

/// The busiest places of the period, risers and places that keep coming back flagged.
#[component]
fn Hotspots(hotspots: Vec<crate::model::figures::hotspot::Hotspot>) -> impl IntoView {
    let locale = use_locale();
    let t = locale.figures();
    view! {
        <section class="card" data-testid="hotspots">
            <h2>{t.hotspots}</h2>
            <p class="muted">{t.hotspot_rule(crate::model::figures::hotspot::MIN_RISER_CASES, crate::model::figures::hotspot::RISER_PERCENT)}</p>
            <div class="table-scroll" tabindex="0">
                <table class="queue-table">
                    <thead><tr>
                        <th scope="col">{t.place}</th>
                        <th scope="col">{t.received}</th>
                        <th scope="col">{t.previous}</th>
                    </tr></thead>
                    <tbody>
                        {hotspots.into_iter().map(|h| view! {
                            <tr class:riser=h.riser data-testid="hotspot">
                                <th scope="row">
                                    {h.label.clone()}
                                    {h.riser.then(|| view! { <span class="flag overdue" data-testid="riser">{t.riser}</span> })}
                                    {h.repeated.then(|| view! { <span class="flag" data-testid="repeated-place">{t.repeated_place}</span> })}
                                </th>
                                <td class="num">{h.cases}</td>
                                <td class="num">{match h.change_percent {
                                    Some(p) if p > 0 => format!("+{p}%"),
                                    Some(p) if p < 0 => format!("−{}%", p.unsigned_abs()),
                                    Some(_) => "±0%".to_string(),
                                    None => t.new_place.to_string(),
                                }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// The address of the figures of `period` by `slice`, or of one `key` of it.
fn figures_href(period: &str, slice: Slice, key: Option<&str>) -> String {
    let mut params = vec![("period", period), ("by", slice.code())];
    params.extend(key.map(|key| ("key", key)));
    Page::StaffFigures.with(&params)
}

#[component]
fn Row(row: FigureRow, href: Option<String>) -> impl IntoView {
    let locale = use_locale();
    let t = locale.figures();
    let f = row.figures.clone();
    view! {
        <tr data-testid="figure-row" data-key=row.key.clone()>
            <td class="num" data-testid="figure-rank">{row.rank.map_or_else(|| t.not_ranked.to_string(), |n| n.to_string())}</td>
            <th scope="row">{match href {
                Some(href) => view! { <a href=href data-testid="figure-key">{row.label.clone()}</a> }.into_any(),
                None => row.label.clone().into_any(),
            }}</th>
            <td class="num" data-testid="figure-received">{f.received}</td>
            <td class="num">{f.rejected}</td>
            {rates(&f, t).into_iter().map(|(name, r)| view! {
                <td class="num" title=format!("{name}: {} / {}", r.num, r.den)>{percent(r, t)}</td>
            }).collect_view()}
        </tr>
    }
}
