//! `/rewards/me`: the signed-in reporter's page: points (balance, to be paid, being paid,
//! paid), snap reports with their verification and reward, payouts, and the payment details
//! asked for only to claim a payout. Server rendered, no WASM.
use crate::api::rewards::reporter_page;
use crate::api::rewards::{ReporterClaim, ReporterPayoutCode, ReporterSignOut};
use crate::api::ApiError;
use crate::components::reporter_forms::reporter_alert;
use crate::components::table::table_or_empty;
use crate::i18n::use_locale;
use crate::model::accounts::ReporterError;
use crate::model::reward_view::MyRewards;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

#[component]
pub fn RewardsMePage() -> impl IntoView {
    let locale = use_locale();
    let r = locale.rewards();
    let query = use_query_map();
    let param = move |name: &str| query.read_untracked().get(name).filter(|v| !v.is_empty());
    let data = Resource::new(|| (), |_| reporter_page());
    view! {
        <Title text=r.me_title/>
        <Suspense fallback=move || view! { <p class="muted">{locale.texts().loading}</p> }>
            {move || data.get().map(|result| match result {
                Ok(mine) => view! {
                    <Mine mine error=param("error") done=param("done") code_sent=param("code").is_some()/>
                }.into_any(),
                Err(ApiError::Reporter(ReporterError::SignedOut)) => view! {
                    <section class="card narrow">
                        <p>{locale.errors().reporter(ReporterError::SignedOut)}</p>
                        <p><a class="button primary" href=crate::routes::reporter_sign_in(crate::routes::Page::RewardsMe)>{locale.texts().sign_in}</a>" "
                            <a class="button" href=crate::routes::Page::RewardsJoin.path()>{r.join_title}</a></p>
                    </section>
                }.into_any(),
                Err(e) => view! { <p class="alert error" role="alert">{e.message(locale)}</p> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Mine(
    mine: MyRewards,
    error: Option<String>,
    done: Option<String>,
    code_sent: bool,
) -> impl IntoView {
    let locale = use_locale();
    let r = locale.rewards();
    let done = done.and_then(|d| match d.as_str() {
        "registered" => Some(r.welcome),
        "claimed" => Some(r.claim_saved),
        "password" => Some(r.password_reset),
        _ => None,
    });
    let figure = |label: &'static str, value: i64, id: &'static str| {
        view! { <div class="figure" data-testid=id><span class="value">{value}</span><span class="label">{label}</span></div> }
    };
    view! {
        <section class="card">
            <h1>{r.me_title}</h1>
            <p class="reporter-bar" data-testid="reporter-bar">{r.signed_in_as}<strong>{mine.nickname.clone()}</strong>
                " ("{mine.mobile_masked.clone()}")"</p>
            {done.map(|m| view! { <p class="alert ok" role="status" data-testid="reporter-done">{m}</p> })}
            {reporter_alert(error)}
            <div class="figures">
                {figure(r.balance, mine.balance, "points-balance")}
                {figure(r.unpaid, mine.unpaid, "points-unpaid")}
                {figure(r.in_batch, mine.points.in_batch, "points-in-batch")}
                {figure(r.paid, mine.points.paid, "points-paid")}
            </div>
            <p class="actions"><a class="button primary" href=crate::routes::Page::Snap.path()>{locale.texts().snap_title}</a>" "
                <a class="button" href=crate::routes::Page::Rewards.path()>{r.rules_title}</a></p>
        </section>
        <section class="card" data-testid="my-snaps">
            <h2>{r.my_snaps}</h2>
            {table_or_empty(
                &mine.snaps,
                r.no_snaps,
                "no-snaps",
                &[locale.texts().ticket_no, locale.texts().category, r.col_time, r.col_verdict, r.col_points, r.col_state],
                |s| view! {
                    <tr data-testid="my-snap" data-ticket=s.ticket_no.clone()>
                        <td>{s.ticket_no.clone()}</td>
                        <td>{s.category.clone()}</td>
                        <td>{locale.datetime(s.created_at)}</td>
                        <td>{s.verdict.map(|v| r.verdict(v)).unwrap_or("—")}</td>
                        <td>{s.points}</td>
                        <td data-testid="reward-state">{r.reward_state(s.state)}</td>
                    </tr>
                },
            )}
        </section>
        <section class="card" data-testid="my-payouts">
            <h2>{r.payouts_mine}</h2>
            {table_or_empty(
                &mine.payouts,
                r.no_payouts,
                "no-payouts",
                &[r.batch, r.col_batch_created, r.col_points, r.col_amount, locale.texts().status],
                |p| view! {
                    <tr data-testid="my-payout">
                        <td>{p.batch_id}</td>
                        <td>{locale.datetime(p.created_at)}</td>
                        <td>{p.points}</td>
                        <td>{p.yuan.clone()}</td>
                        <td data-testid="payout-state">{r.payout_state(p.paid_at)}</td>
                    </tr>
                },
            )}
        </section>
        <section class="card narrow" id="claim" data-testid="claim">
            <h2>{r.claim_title}</h2>
            <p class="muted">{r.claim_intro}</p>
            {mine.account_masked.clone().map(|account| view! {
                <p data-testid="claimed">{r.claimed_as}": "{mine.real_name.clone().unwrap_or_default()}" · "{account}</p>
            })}
            // Step 1: a code to the account's own mobile; step 2: the details with the code.
            <form method="post" action=ReporterPayoutCode::PATH data-testid="payout-code-form">
                <p class="muted">{r.payout_code_intro}" ("{mine.mobile_masked.clone()}")"</p>
                <button type="submit" class="button" data-testid="send-payout-code">{r.payout_code_send}</button>
            </form>
            {code_sent.then(|| view! {
                <p class="alert ok" role="status" data-testid="payout-code-sent">{locale.hints().payout_code_sent()}</p>
                <form method="post" action=ReporterClaim::PATH data-testid="claim-form">
                    <label class="field"><span class="label required">{r.code_label}</span>
                        <input name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength=crate::model::accounts::CODE_DIGITS.to_string() data-testid="payout-code"/></label>
                    <label class="field"><span class="label required">{r.real_name_label}</span>
                        <input name="real_name" required maxlength=crate::model::reward::REAL_NAME_MAX_CHARS.to_string() autocomplete="name" value=mine.real_name.clone().unwrap_or_default() data-testid="real-name"/></label>
                    <label class="field"><span class="label required">{r.account_label}</span>
                        <input name="account" required maxlength="48" autocomplete="off" data-testid="account"/></label>
                    <button type="submit" class="button" data-testid="save-claim">{r.save}</button>
                </form>
            })}
        </section>
        <form method="post" action=ReporterSignOut::PATH class="inline">
            <button type="submit" class="button link" data-testid="reporter-sign-out">{locale.texts().sign_out}</button>
        </form>
    }
}
