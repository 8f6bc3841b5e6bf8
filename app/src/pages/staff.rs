//! `/staff`: sign-in, then the viewer's work queues (by role and department), soonest
//! deadline first, with countdowns in working days and overdue cases flagged.
use crate::api::staff::staff_queue;
use crate::components::staff::{staff_page, DueView, FormOutcome, StaffBar};
use crate::components::table::table_or_empty;
use crate::i18n::use_locale;
use crate::model::console::{QueueItem, QueuePage};
use crate::routes::Page;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StaffPage() -> impl IntoView {
    let locale = use_locale();
    let s = locale.staff();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).filter(|v| !v.is_empty());
    let data = Resource::new(
        move || (param("queue"), param("page")),
        |(queue, page)| async move { staff_queue(queue, page.and_then(|p| p.parse().ok())).await },
    );
    staff_page(
        s.console,
        || Page::Staff.path().into(),
        data,
        move |page| view! { <Queues page error=param("error") done=param("done")/> }.into_any(),
    )
}

#[component]
fn Queues(page: QueuePage, error: Option<String>, done: Option<String>) -> impl IntoView {
    let locale = use_locale();
    let s = locale.staff();
    let t = locale.texts();
    let current = page.queue;
    let link = crate::routes::staff_queue;
    view! {
        <StaffBar me=page.me.clone()/>
        <FormOutcome error done/>
        <form method="get" action=crate::routes::Page::StaffCase.path() class="open-case">
            <label>
                <span class="label">{s.open_case}</span>
                <input name="no" inputmode="numeric" placeholder="20261122-000123" autocomplete="off" required data-testid="open-case-no"/>
            </label>
            <button type="submit" class="button">{s.open}</button>
        </form>
        <nav class="tabs" aria-label=s.queues data-testid="queue-tabs">
            {page.tabs.iter().map(|(q, n)| {
                let selected = Some(*q) == current;
                view! {
                    <a href=link(q.code(), 0) class:selected=selected aria-current=selected.then_some("page")
                        data-testid=format!("tab-{}", q.code())>
                        {locale.staff().queue(*q)}<span class="count">{*n}</span>
                    </a>
                }
            }).collect_view()}
        </nav>
        {current.map(|q| {
            let items = page.items.clone();
            view! {
                <section class="card queue" data-testid="queue" data-queue=q.code()>
                    <h1>{locale.staff().queue(q)}</h1>
                    {table_or_empty(
                        &items,
                        s.empty_queue,
                        "queue-empty",
                        &[t.ticket_no, s.col_summary, t.category, t.district, t.status, s.department, s.reply_due],
                        |item| view! { <Row item=item.clone()/> },
                    )}
                    {page.stats.clone().map(|st| view! { <Stats stats=st/> })}
                    <nav class="pager">
                        {(page.page > 0).then(|| view! { <a href=link(q.code(), page.page - 1)>{locale.texts().prev_page}</a> })}
                        {page.has_more.then(|| view! { <a href=link(q.code(), page.page + 1)>{locale.texts().next_page}</a> })}
                    </nav>
                </section>
            }
        })}
    }
}

#[component]
fn Row(item: QueueItem) -> impl IntoView {
    let locale = use_locale();
    let s = locale.staff();
    let overdue = item.reply_due.as_ref().is_some_and(|d| d.overdue);
    view! {
        <tr class:overdue=overdue data-testid="queue-row" data-ticket=item.ticket_no.clone()>
            <td><a href=crate::routes::staff_case(&item.ticket_no)>{item.ticket_no.clone()}</a></td>
            <td>
                <span class="kind">{locale.kind(item.kind)}</span>" "{item.summary.clone()}
                {item.handed_back.then(|| view! { <span class="flag">{s.flag_handed_back}</span> })}
                {item.extension_pending.then(|| view! { <span class="flag">{s.flag_extension}</span> })}
                {item.supervised.then(|| view! { <span class="flag supervised">{s.flag_supervised}</span> })}
                {overdue.then(|| view! { <span class="flag overdue">{s.flag_overdue}</span> })}
                {(item.level > 0).then(|| view! {
                    <span class="flag reopened" data-testid="flag-reopened">{locale.texts().reopened}" · "{locale.workflow().level(item.level)}</span>
                })}
            </td>
            <td>{item.category.clone()}</td>
            <td>{item.district.clone()}</td>
            <td>{locale.workflow().status(item.status)}</td>
            <td>{item.department.clone().unwrap_or_default()}</td>
            <td>{item.reply_due.map(|due| view! { <DueView due/> })}</td>
        </tr>
    }
}

/// The supervisor's figures: confirmed repeat complaints per department, ratings of replies.
#[component]
fn Stats(stats: crate::model::console::FollowStats) -> impl IntoView {
    let locale = use_locale();
    let f = locale.followup();
    view! {
        <section class="stats" data-testid="follow-stats">
            <h2>{f.repeats_by_department}</h2>
            <table data-testid="repeats-by-department">
                <tbody>
                    {stats.repeats_by_department.into_iter().map(|(d, n)| view! {
                        <tr><td>{d}</td><td>{n}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <h2>{f.ratings_summary}</h2>
            <table data-testid="ratings">
                <tbody>
                    {stats.ratings.into_iter().map(|(r, n)| view! {
                        <tr><td>{locale.workflow().rating(r)}</td><td>{n}</td></tr>
                    }).collect_view()}
                    <tr><td>{f.not_rated}</td><td>{stats.not_rated}</td></tr>
                </tbody>
            </table>
        </section>
    }
}
