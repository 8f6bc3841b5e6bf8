use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

/// Home: three big buttons, thumb-sized on a phone.
#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
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
        </nav>
    }
}
