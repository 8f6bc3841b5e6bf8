use crate::api::notices::public_notices;
use crate::components::notice::NoticeItem;
use crate::i18n::{use_locale, use_texts};
use crate::model::notice::NoticePhase;
use leptos::prelude::*;
use leptos_meta::Title;

/// How many notices in force the home page shows (the rest are on `/notices`).
const HOME_NOTICES: usize = 3;

/// Home: three big buttons, thumb-sized on a phone; below them the notices in force.
#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    let n = use_locale().notices();
    let notices = Resource::new(|| (), |_| public_notices());
    view! {
        <Title text=""/>
        <nav class="home-actions">
            <a class="home-action report" href=crate::routes::Page::Report.path() data-testid="home-report">
                <span class="icon" aria-hidden="true">"✎"</span>
                <strong>{t.home_report}</strong>
                <small>{t.home_report_hint}</small>
            </a>
            <a class="home-action snap" href=crate::routes::Page::Snap.path() data-testid="home-snap">
                <span class="icon" aria-hidden="true">"◉"</span>
                <strong>{t.snap_title}</strong>
                <small>{t.home_snap_hint}</small>
            </a>
            <a class="home-action track" href=crate::routes::Page::Track.path() data-testid="home-track">
                <span class="icon" aria-hidden="true">"⌕"</span>
                <strong>{t.track_title}</strong>
                <small>{t.home_track_hint}</small>
            </a>
        </nav>
        <nav class="home-links">
            <a href=crate::routes::Page::Mine.path() data-testid="home-mine">{crate::i18n::use_locale().followup().mine_title}</a>
            " · "
            <a href=crate::routes::Page::PublicBoard.path() data-testid="home-public">{crate::i18n::use_locale().followup().board_title}</a>
            " · "
            <a href=crate::routes::Page::PublicFigures.path() data-testid="home-figures">{crate::i18n::use_locale().figures().public_title}</a>
            " · "
            <a href=crate::routes::Page::Rewards.path() data-testid="home-rewards">{crate::i18n::use_locale().rewards().rules_title}</a>
            " · "
            <a href=crate::routes::Page::Notices.path() data-testid="home-notices">{n.nav}</a>
            " · "
            <a href=crate::routes::Page::Help.path() data-testid="home-help">{crate::i18n::use_locale().help().nav}</a>
        </nav>
        <Suspense fallback=|| ()>
            {move || notices.get().and_then(Result::ok).map(|list| {
                let current: Vec<_> = list.into_iter().filter(|l| l.phase == NoticePhase::Current).collect();
                let more = current.len() > HOME_NOTICES;
                (!current.is_empty()).then(|| view! {
                    <section class="card notices" data-testid="home-current-notices">
                        <h2>{n.home_title}</h2>
                        {current.into_iter().take(HOME_NOTICES).map(|line| view! { <NoticeItem line/> }).collect_view()}
                        {more.then(|| view! { <p><a href=crate::routes::Page::Notices.path()>{n.all}</a></p> })}
                    </section>
                })
            })}
        </Suspense>
        <crate::components::outbox::OutboxList/>
        <script src=crate::assets::asset_url(crate::routes::MY_CASES_SCRIPT) defer></script>
        <crate::components::outbox::OutboxScript/>
    }
}
