//! `/staff/reports`: the 周通报 (weekly bulletin) and 月排名 (monthly ranking) as generated —
//! the list, a form to generate one on demand, and the report asked for (`?kind=&period=`)
//! as a printable page with its `.xlsx` sheet. Supervisors and administrators only.
use crate::api::staff::{staff_reports, StaffGenerateReport};
use crate::components::figures::{count_change_text, percent, rate_change_text, Summary};
use crate::components::staff::{staff_page, FormOutcome, StaffBar};
use crate::components::table::table_or_empty;
use crate::i18n::rates;
use crate::i18n::use_locale;
use crate::model::figures::report::{CaseList, Report, ReportKind, ReportRow, ReportsView};
use crate::model::figures::{Figures, Slice};
use crate::routes::Page;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

#[component]
pub fn StaffReportsPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).filter(|v| !v.is_empty());
    let data = Resource::new(
        move || (param("kind"), param("period")),
        |(kind, period)| staff_reports(kind, period),
    );
    let error = param("error");
    staff_page(
        locale.figures().reports_title,
        || Page::StaffReports.path().into(),
        data,
        move |view| {
            view! {
                <StaffBar me=view.me.clone()/>
                <FormOutcome error=error.clone() done=None/>
                <Reports view/>
            }
            .into_any()
        },
    )
}

#[component]
fn Reports(view: ReportsView) -> impl IntoView {
    let locale = use_locale();
    let t = locale.figures();
    let generate = move |kind: ReportKind, period: String, testid: &'static str| {
        view! {
            <form method="post" action=StaffGenerateReport::PATH class="figure-filter" data-testid=testid>
                <input type="hidden" name="kind" value=kind.code()/>
                <label>
                    <span class="label">{t.report_kind(kind)}</span>
                    <input name="period" value=period placeholder=kind.period_kind().example()/>
                </label>
                <button type="submit" class="button">{t.generate}</button>
            </form>
        }
    };
    view! {
        {view.shown.map(|report| view! { <Shown report/> })}
        {view.missing.map(|(kind, period)| view! {
            <section class="card" data-testid="report-missing">
                <h1>{format!("{} {period}", t.report_kind(kind))}</h1>
                <p>{t.not_generated}</p>
                {generate(kind, period.clone(), "generate-missing")}
            </section>
        })}
        <section class="card no-print" data-testid="reports">
            <h2>{t.reports_title}</h2>
            <p class="muted">{t.reports_intro}</p>
            {generate(ReportKind::Bulletin, view.last_week.clone(), "generate-bulletin")}
            {generate(ReportKind::Ranking, view.last_month.clone(), "generate-ranking")}
            <div class="table-scroll" tabindex="0">
                {table_or_empty(
                    &view.reports,
                    t.no_reports,
                    "no-reports",
                    &[t.kind, t.period, t.generated, ""],
                    |r| view! {
                        <tr data-testid="report-entry">
                            <td><a href=Page::StaffReports.with(&[("kind", r.kind.code()), ("period", &r.period)])>{t.report_kind(r.kind)}</a></td>
                            <td>{r.period.clone()}</td>
                            <td>{locale.datetime(r.generated_at)}</td>
                            <td><a href=crate::routes::report_sheet(r.kind.code(), &r.period) download>{t.download_xlsx}</a></td>
                        </tr>
                    },
                )}
            </div>
        </section>
    }
}

/// A generated report: the whole city with 环比/同比, the ranking, the 红黑榜, the lists.
/// (Each part its own component: one view this size overflows a debug build's stack.)
#[component]
fn Shown(report: Report) -> impl IntoView {
    let t = use_locale().figures();
    view! {
        <ReportHead report=report.clone()/>
        <Ranking report=report.clone()/>
        <Honour report=report.clone()/>
        <section class="card report" data-testid="report-lists">
            <p class="muted">{t.lists_when}</p>
            <Cases title=t.overdue_list list=report.overdue.clone() testid="overdue-list"/>
            <Cases title=t.supervised_list list=report.supervised testid="supervised-list"/>
        </section>
    }
    .into_any()
}

#[component]
fn ReportHead(report: Report) -> impl IntoView {
    let locale = use_locale();
    let t = locale.figures();
    let code = report.period.code();
    view! {
        <section class="card report" data-testid="report">
            <h1>{format!("{} {code}", t.report_kind(report.kind))}</h1>
            <p>
                <strong>{format!("{} {} – {}", t.period, report.period.period.first, report.period.period.last)}</strong>
                " · "{t.generated}" "{locale.datetime(report.generated_at)}
            </p>
            <p class="no-print">
                <a href=crate::routes::report_sheet(report.kind.code(), &code) download data-testid="report-xlsx">{t.download_xlsx}</a>
            </p>
            <Summary now=report.total previous=report.previous year_before=report.year_before/>
        </section>
    }
    .into_any()
}

#[component]
fn Ranking(report: Report) -> impl IntoView {
    let t = use_locale().figures();
    let names = rates(&Figures::default(), t).map(|(name, _)| name);
    view! {
        <section class="card report" data-testid="report-ranking">
            <h2>{t.ranking}</h2>
            <p class="muted">{t.rank_rule}</p>
            <div class="table-scroll" tabindex="0">
                <table class="queue-table figures-table">
                    <thead><tr>
                        <th scope="col">{t.rank}</th>
                        <th scope="col">{t.slice(Slice::Department)}</th>
                        <th scope="col">{t.received}</th>
                        <th scope="col">{t.previous}</th>
                        <th scope="col">{t.year_before}</th>
                        {names.map(|n| view! { <th scope="col">{n}</th> }).collect_view()}
                        <th scope="col">{format!("{} {}", t.satisfied, t.previous)}</th>
                        <th scope="col">{format!("{} {}", t.satisfied, t.year_before)}</th>
                    </tr></thead>
                    <tbody>
                        {report.rows.into_iter().map(|row| view! { <RankingRow row/> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

#[component]
fn RankingRow(row: ReportRow) -> impl IntoView {
    let t = use_locale().figures();
    let f = &row.figures;
    view! {
        <tr data-testid="report-row" data-key=row.key.clone()>
            <td class="num" data-testid="report-rank">{row.rank.map_or_else(|| t.not_ranked.to_string(), |n| n.to_string())}</td>
            <th scope="row">{row.label.clone()}</th>
            <td class="num">{f.received}</td>
            <td class="num">{count_change_text(f.received, row.previous.received)}</td>
            <td class="num">{count_change_text(f.received, row.year_before.received)}</td>
            {rates(f, t).into_iter().map(|(name, rate)| view! {
                <td class="num" title=format!("{name}: {} / {}", rate.num, rate.den)>{percent(rate, t)}</td>
            }).collect_view()}
            <td class="num">{rate_change_text(f.satisfied, row.previous.satisfied)}</td>
            <td class="num">{rate_change_text(f.satisfied, row.year_before.satisfied)}</td>
        </tr>
    }
    .into_any()
}

/// The 红榜 and the 黑榜: rank, department, 满意率.
#[component]
fn Honour(report: Report) -> impl IntoView {
    let t = use_locale().figures();
    let list = |keys: &[String], testid: &'static str, title: &'static str| {
        let items: Vec<String> = keys
            .iter()
            .filter_map(|key| report.rows.iter().find(|r| &r.key == key))
            .map(|r| {
                format!(
                    "{} · {} · {}",
                    r.rank.unwrap_or_default(),
                    r.label,
                    percent(r.figures.satisfied, t)
                )
            })
            .collect();
        view! {
            <div data-testid=testid>
                <h3>{title}</h3>
                {if items.is_empty() {
                    view! { <p class="muted">{t.none_listed}</p> }.into_any()
                } else {
                    view! { <ol>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ol> }.into_any()
                }}
            </div>
        }
    };
    view! {
        <section class="card report honour" data-testid="report-honour">
            <h2>{format!("{} · {}", t.red_list, t.black_list)}</h2>
            <p class="muted">{t.honour_rule}</p>
            <div class="honour-lists">
                {list(&report.red, "red-list", t.red_list)}
                {list(&report.black, "black-list", t.black_list)}
            </div>
        </section>
    }
    .into_any()
}

/// The overdue or the 督办 cases: ticket, department, category, district, due, days late.
#[component]
fn Cases(title: &'static str, list: CaseList, testid: &'static str) -> impl IntoView {
    let locale = use_locale();
    let t = locale.figures();
    view! {
        <h2>{title}</h2>
        <p data-testid=format!("{testid}-count")>{t.listed(list.cases.len(), list.total)}</p>
        <div class="table-scroll" tabindex="0" data-testid=testid>
            {table_or_empty(
                &list.cases,
                t.none_listed,
                "no-listed-cases",
                &[t.ticket, t.slice(Slice::Department), t.slice(Slice::Category), t.slice(Slice::District), t.due, t.days_late, t.level],
                |c| view! {
                    <tr data-testid="listed-case">
                        <td><a href=crate::routes::staff_case(&c.ticket_no)>{c.ticket_no.clone()}</a></td>
                        <td>{c.department.clone()}</td>
                        <td>{c.category.clone()}</td>
                        <td>{c.district.clone()}</td>
                        <td>{c.due.map(|d| d.to_string()).unwrap_or_default()}</td>
                        <td class="num">{c.days_late}</td>
                        <td class="num">{c.level}</td>
                    </tr>
                },
            )}
        </div>
    }
}
