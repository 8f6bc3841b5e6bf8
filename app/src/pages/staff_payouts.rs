//! `/staff/payouts`: the administrator's payout page: points ready and held, fraud flags
//! (reporters with mostly invalid reports, payout accounts several accounts share), payout
//! batches with their CSV and Excel exports, and marking a batch paid.
use crate::api::staff::staff_payouts;
use crate::api::staff::{StaffCreateBatch, StaffMarkPaid};
use crate::components::staff::{staff_page, FormOutcome, StaffBar};
use crate::components::table::table_or_empty;
use crate::i18n::use_locale;
use crate::model::reward_view::PayoutsView;
use crate::routes::Page;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

#[component]
pub fn StaffPayoutsPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let param = move |name: &str| query.read_untracked().get(name).filter(|v| !v.is_empty());
    let data = Resource::new(|| (), |_| staff_payouts());
    staff_page(
        locale.rewards().payouts_title,
        || Page::StaffPayouts.path().into(),
        data,
        move |view| {
            view! {
                <StaffBar me=view.me.clone()/>
                <FormOutcome error=param("error") done=None/>
                <Payouts view done=param("done")/>
            }
            .into_any()
        },
    )
}

#[component]
fn Payouts(view: PayoutsView, done: Option<String>) -> impl IntoView {
    let locale = use_locale();
    let r = locale.rewards();
    let done = done.and_then(|d| match d.as_str() {
        "batch" => Some(r.batch_created),
        "paid" => Some(r.batch_paid),
        _ => None,
    });
    view! {
        <section class="card" data-testid="payouts">
            <h1>{r.payouts_title}</h1>
            <p class="muted">{r.payouts_intro}</p>
            {done.map(|m| view! { <p class="alert ok" role="status" data-testid="payout-done">{m}</p> })}
            <div class="figures">
                <div class="figure" data-testid="ready-points"><span class="value">{view.ready_points}</span><span class="label">{r.ready}</span></div>
                <div class="figure" data-testid="held-points"><span class="value">{view.held_points}</span><span class="label">{r.held}</span></div>
            </div>
            <form method="post" action=StaffCreateBatch::PATH>
                <button type="submit" class="button primary" data-testid="create-batch">{r.create_batch}</button>
            </form>
        </section>
        <section class="card" data-testid="batches">
            <h2>{r.batches_title}</h2>
            {table_or_empty(
                &view.batches,
                r.no_batches,
                "no-batches",
                &[r.batch, r.col_batch_created, r.col_reporters, r.col_points, r.col_amount, locale.texts().status, ""],
                |b| view! {
                                <tr data-testid="batch" data-batch=b.id.to_string()>
                                    <td>{b.id}</td>
                                    <td>{locale.datetime(b.created_at)}" · "{b.created_by.clone()}</td>
                                    <td>{b.reporters}</td>
                                    <td>{b.points}</td>
                                    <td>{b.yuan.clone()}</td>
                                    <td data-testid="batch-state">{r.payout_state(b.paid_at)}</td>
                                    <td class="actions">
                                        <a href=crate::routes::payout_sheet(b.id, "csv") download data-testid="export-csv">{r.export_csv}</a>" "
                                        <a href=crate::routes::payout_sheet(b.id, "xlsx") download data-testid="export-xlsx">{r.export_xlsx}</a>
                                        {b.paid_at.is_none().then(|| view! {
                                            <form method="post" action=StaffMarkPaid::PATH class="inline">
                                                <input type="hidden" name="batch" value=b.id.to_string()/>
                                                <button type="submit" class="button" data-testid="mark-paid">{r.mark_paid}</button>
                                            </form>
                                        })}
                                    </td>
                                </tr>
                },
            )}
        </section>
        <section class="card" data-testid="flags">
            <h2>{r.flags_title}</h2>
            <h3>{r.flag_mostly_invalid}</h3>
            {if view.mostly_invalid.is_empty() {
                view! { <p class="muted">{r.no_flags}</p> }.into_any()
            } else {
                view! { <ul>{view.mostly_invalid.iter().map(|(nickname, valid, bad)| {
                    let record = r.record(*valid, *bad);
                    view! { <li data-testid="flag-invalid">{nickname.clone()}" — "{record}</li> }
                }).collect_view()}</ul> }.into_any()
            }}
            <h3>{r.flag_shared}</h3>
            {if view.shared_accounts.is_empty() {
                view! { <p class="muted">{r.no_flags}</p> }.into_any()
            } else {
                view! { <ul>{view.shared_accounts.iter().map(|(account, names)| view! {
                    <li data-testid="flag-shared">{account.clone()}": "{names.join("、")}</li>
                }).collect_view()}</ul> }.into_any()
            }}
        </section>
    }
}
