//! `/rewards`: the reward scheme (市民通 · 有奖举报): points per category, caps, the rule of
//! the first reporter, and the month's leaderboard by nickname. Server rendered, no WASM.
use crate::api::rewards::reward_rules;
use crate::components::table::table_or_empty;
use crate::i18n::use_locale;
use crate::model::reward_view::RulesView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn RewardsPage() -> impl IntoView {
    let locale = use_locale();
    let r = locale.rewards();
    let query = use_query_map();
    let month = move || query.read().get("month").filter(|m| !m.is_empty());
    let data = Resource::new(month, reward_rules);
    view! {
        <Title text=r.rules_title/>
        <Suspense fallback=move || view! { <p class="muted">{locale.texts().loading}</p> }>
            {move || data.get().map(|result| match result {
                Ok(view) => view! { <Rules view/> }.into_any(),
                Err(e) => view! { <p class="alert error" role="alert">{e.message(locale)}</p> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Rules(view: RulesView) -> impl IntoView {
    let locale = use_locale();
    let r = locale.rewards();
    let caps = r.caps(view.daily_cap, view.weekly_cap);
    let value = r.point_value(&view.yuan_per_point);
    view! {
        <section class="card">
            <h1>{r.rules_title}</h1>
            <p>{r.rules_intro}</p>
            {match view.signed_in.clone() {
                Some(nickname) => view! {
                    <p class="reporter-bar" data-testid="reporter-bar">{r.signed_in_as}<strong>{nickname}</strong>" · "
                        <a href=crate::routes::Page::RewardsMe.path()>{r.me_title}</a>" · "<a href=crate::routes::Page::Snap.path()>{locale.texts().snap_title}</a></p>
                }.into_any(),
                None => view! {
                    <p class="actions"><a class="button primary" href=crate::routes::Page::RewardsJoin.path() data-testid="join">{r.join_title}</a>
                        " "<a class="button" href=crate::routes::Page::RewardsSignIn.path()>{locale.texts().sign_in}</a></p>
                }.into_any(),
            }}
        </section>
        <section class="card">
            <h2>{r.rates_title}</h2>
            <ul class="rates" data-testid="rates">
                {view.rates.iter().map(|(icon, name, points)| view! {
                    <li><span class="icon" aria-hidden="true">{icon.clone()}</span>{name.clone()}
                        <strong>{points.to_string()}" "{r.per_report}</strong></li>
                }).collect_view()}
            </ul>
            <p>{caps}</p>
            <p>{value}</p>
            <p class="muted">{r.first_only}</p>
        </section>
        <section class="card" data-testid="leaderboard">
            <h2>{r.leaderboard_title}" · "{view.month.clone()}</h2>
            <form method="get" action=crate::routes::Page::Rewards.path() class="inline">
                <label>{locale.texts().month}" "<input type="month" name="month" value=view.month.clone()/></label>
                " "<button type="submit" class="button">{r.show}</button>
            </form>
            {table_or_empty(
                &view.leaders,
                r.leaderboard_empty,
                "no-leaders",
                &[r.col_rank, r.col_nickname, r.col_points, r.col_snaps],
                |(rank, nickname, points, snaps)| view! {
                    <tr data-testid="leader"><td>{*rank}</td><td>{nickname.clone()}</td><td>{*points}</td><td>{*snaps}</td></tr>
                },
            )}
        </section>
    }
}
