//! `/report/done`: where the report form's success view leaves the address bar. The ticket
//! number and query code are shown once, by the form island right after sending, and live only
//! in that page's memory; loading this address again explains that the code is not shown twice.
use crate::api::report_answers::Created;
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ReportDonePage() -> impl IntoView {
    let t = use_texts();
    view! {
        <Title text=t.done_title/>
        <section class="card">
            <h1>{t.done_title}</h1>
            <p>{t.done_code_gone}</p>
            <a class="button" href=crate::routes::Page::Track.path()>{t.done_track_now}</a>
        </section>
    }
}

/// The success view inside the report form island: ticket number, query code, copy button and
/// the QR code of the tracking link. `live: false`: the answer to a plain post (no WASM), where
/// nothing would make the copy button work.
#[component]
pub fn Done(case: Created, #[prop(default = true)] live: bool) -> impl IntoView {
    let t = use_texts();
    let copied = RwSignal::new(false);
    let copy_text = format!(
        "{}: {}\n{}: {}\n{}",
        t.ticket_no, case.ticket_no, t.query_code, case.query_code, case.tracking_url
    );
    let copy = move |_| {
        let _text = copy_text.clone();
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            if crate::components::browser::copy_text(&_text).await.is_ok() {
                copied.set(true);
            }
        });
    };
    let track_href = crate::routes::track(&case.ticket_no, &case.query_code);
    // Kept in "my cases" (this browser only); a new case's first public step is its submission.
    #[cfg(feature = "hydrate")]
    crate::components::my_cases::remember(
        &case.ticket_no,
        &case.query_code,
        &crate::model::public_case::signature(crate::model::Status::Submitted, 1),
    );
    let copy_button = live.then(|| {
        view! {
            <button type="button" class="button" on:click=copy data-testid="copy">
                {move || if copied.get() { t.done_copied } else { t.done_copy }}
            </button>
        }
    });
    view! {
        <section class="card done" data-testid="done">
            <h1 class="success" tabindex="-1">{t.done_title}</h1>
            <dl class="codes">
                <dt>{t.ticket_no}</dt>
                <dd class="code" data-testid="ticket-no">{case.ticket_no.clone()}</dd>
                <dt>{t.query_code}</dt>
                <dd class="code" data-testid="query-code">{case.query_code.clone()}</dd>
            </dl>
            <p class="alert warn">{t.done_keep_code}</p>
            {copy_button}
            <figure class="qr" data-testid="qr">
                {case.qr_svg.map(|svg| view! { <div inner_html=svg></div> })}
                <figcaption>{t.done_qr_caption}</figcaption>
            </figure>
            <a class="button primary block" href=track_href data-testid="track-link">{t.done_track_now}</a>
            <a class="button block" href=crate::routes::Page::Report.path()>{t.done_another}</a>
        </section>
    }
}
