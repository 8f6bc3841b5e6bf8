//! Minsheng (民声): the citizen portal of a city's 12345 hotline. This crate is the Leptos
//! application, compiled to WASM (`hydrate`) and into the server (`ssr`).
#![recursion_limit = "256"]

pub mod api;
pub mod assets;
pub mod components;
pub mod i18n;
pub mod model;
pub mod pages;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod services;
#[cfg(feature = "ssr")]
pub mod storage;

use components::layout::{Footer, Header};
use i18n::Locale;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The nonce of this response's Content-Security-Policy, put into the request by the
/// server's security layer: inline scripts (the islands' hydration script) carry it.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug)]
pub struct CspNonce(pub std::sync::Arc<str>);

/// The HTML document around the app (server side only).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(nonce) =
        use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<CspNonce>().cloned())
    {
        provide_context(leptos::nonce::Nonce::from_value(nonce.0));
    }
    let locale = current_locale();
    let large = large_text();
    view! {
        <!DOCTYPE html>
        <html lang=locale.tag() class=large.then_some("large-text")>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>
                <AutoReload options=options.clone()/>
                {has_islands().then(|| view! { <HydrationScripts options islands=true/> })}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Whether this page has an interactive island and so needs the WASM bundle. The other pages
/// are plain HTML: a citizen opening a tracking link on a slow phone downloads no WASM at all.
#[cfg(feature = "ssr")]
fn has_islands() -> bool {
    // The answer to a plain post of the report form that was taken shows the ticket only.
    let ticket_only = matches!(
        use_context::<api::report_answers::FormPost>(),
        Some(api::report_answers::FormPost::Created(_))
    );
    !ticket_only
        && use_context::<http::request::Parts>()
            .map(|parts| routes::Page::at(parts.uri.path()).is_some_and(routes::Page::has_islands))
            .unwrap_or(true)
}

#[cfg(not(feature = "ssr"))]
fn has_islands() -> bool {
    true
}

/// The locale of this request (server side).
#[cfg(feature = "ssr")]
pub fn current_locale() -> Locale {
    use_context::<http::request::Parts>()
        .map(|parts| Locale::from_headers(&parts.headers))
        .unwrap_or_default()
}

/// Whether this request asks for the large-text view (长辈版; server side).
#[cfg(feature = "ssr")]
pub fn large_text() -> bool {
    use_context::<http::request::Parts>()
        .is_some_and(|parts| i18n::large_text_from_headers(&parts.headers))
}

/// In the browser the server already decided: `<html class="large-text">`.
#[cfg(not(feature = "ssr"))]
pub fn large_text() -> bool {
    document()
        .document_element()
        .is_some_and(|e| e.class_list().contains("large-text"))
}

/// In the browser the server already decided: read `<html lang>`.
#[cfg(not(feature = "ssr"))]
pub fn current_locale() -> Locale {
    document()
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|tag| Locale::from_tag(&tag))
        .unwrap_or_default()
}

/// Islands architecture: every page is rendered on the server only and works as plain HTML;
/// the browser receives WASM just for the interactive islands (the report form), which keeps
/// the first load small on a phone.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let locale = current_locale();
    provide_context(locale);
    let t = locale.texts();

    view! {
        <Stylesheet id="leptos" href=assets::asset_url(routes::STYLESHEET)/>
        <Title formatter=move |page: String| if page.is_empty() { t.app_name.to_string() } else { format!("{page} · {}", t.app_name) }/>
        <Meta name="theme-color" content="#c8161d"/>
        <Link rel="icon" href=assets::asset_url(routes::ICON) type_="image/svg+xml"/>
        <Link rel="manifest" href=routes::MANIFEST/>
        <Link rel="apple-touch-icon" href="/icon-192.png"/>
        <Router>
            <Header/>
            <main class="page">
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("") view=pages::home::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("report") view=pages::report::ReportPage/>
                    <Route path=path!("report/done") view=pages::report_done::ReportDonePage/>
                    <Route path=path!("track") view=pages::track::TrackPage ssr=SsrMode::Async/>
                    <Route path=path!("public") view=pages::public_board::PublicBoardPage ssr=SsrMode::Async/>
                    <Route path=path!("mine") view=pages::mine::MinePage/>
                    <Route path=path!("snap") view=pages::snap::SnapPage ssr=SsrMode::Async/>
                    <Route path=path!("rewards") view=pages::rewards::RewardsPage ssr=SsrMode::Async/>
                    <Route path=path!("rewards/join") view=pages::rewards_join::RewardsJoinPage/>
                    <Route path=path!("rewards/signin") view=pages::rewards_signin::RewardsSignInPage/>
                    <Route path=path!("rewards/reset") view=pages::rewards_reset::RewardsResetPage/>
                    <Route path=path!("rewards/me") view=pages::rewards_me::RewardsMePage ssr=SsrMode::Async/>
                    <Route path=path!("staff") view=pages::staff::StaffPage ssr=SsrMode::Async/>
                    <Route path=path!("staff/case") view=pages::staff_case::StaffCasePage ssr=SsrMode::Async/>
                    <Route path=path!("staff/accounts") view=pages::staff_accounts::StaffAccountsPage ssr=SsrMode::Async/>
                    <Route path=path!("staff/payouts") view=pages::staff_payouts::StaffPayoutsPage ssr=SsrMode::Async/>
                    <Route path=path!("figures") view=pages::public_figures::PublicFiguresPage ssr=SsrMode::Async/>
                    <Route path=path!("staff/figures") view=pages::staff_figures::StaffFiguresPage ssr=SsrMode::Async/>
                    <Route path=path!("staff/reports") view=pages::staff_reports::StaffReportsPage ssr=SsrMode::Async/>
                    <Route path=path!("notices") view=pages::notices::NoticesPage ssr=SsrMode::Async/>
                    <Route path=path!("staff/notices") view=pages::staff_notices::StaffNoticesPage ssr=SsrMode::Async/>
                    <Route path=path!("help") view=pages::help::HelpPage ssr=SsrMode::Async/>
                    <Route path=path!("staff/help") view=pages::staff_help::StaffHelpPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
