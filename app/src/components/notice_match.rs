//! The notice (公告) in the report form: once a category and a street (or a position) are
//! known, the notices in force that cover them appear before the citizen writes ("water off on
//! your street until 17:00: no need to report it"). The citizen can still send the report;
//! each notice shown is counted once, and the report says which it showed.
//!
//! The asking and showing is `public/notices.js`, shared with `/snap`: the island only tells it
//! when the category or the place changes, so the notices add almost nothing to the WASM every
//! phone downloads on its first visit.
use crate::components::report_state::FormState;
use crate::i18n::use_texts;
use leptos::prelude::*;

/// The box `public/notices.js` fills: hidden until a notice covers the report. `part` names it
/// for the page's script (`report-notices`, `snap-notices`).
#[component]
pub fn NoticeBox(part: &'static str) -> impl IntoView {
    let t = use_texts();
    let notices_url = <crate::api::notices::MatchingNotices as server_fn::ServerFn>::PATH;
    let seen_url = <crate::api::notices::NoticeSeen as server_fn::ServerFn>::PATH;
    view! {
        <section class="card notice-match" role="status" data-part=part data-testid="notice-match"
            data-notices-url=notices_url data-seen-url=seen_url hidden>
            <h2>{t.notice_title}</h2>
            <ul class="plain"></ul>
            <p class="hint">{t.notice_hint}</p>
        </section>
    }
}

/// The part of the report form's box that lives in the island: whenever the category or the
/// place changes, it hands them to `notices.js`.
#[component]
pub fn NoticeMatch(form: FormState) -> impl IntoView {
    let wanted = Memo::new(move |_| form.category_and_place());
    // Effects run only in the browser.
    Effect::new(move |_| {
        let place = wanted.get();
        #[cfg(feature = "hydrate")]
        ask(place);
        #[cfg(not(feature = "hydrate"))]
        let _ = place;
    });
    view! { <NoticeBox part=REPORT_NOTICES/> }
}

/// The report form's box.
pub const REPORT_NOTICES: &str = "report-notices";

/// Calls `notices.js` for the report form's box (nothing if the script is not there).
#[cfg(feature = "hydrate")]
fn ask(place: Option<crate::components::report_state::CategoryAndPlace>) {
    use wasm_bindgen::{JsCast, JsValue};
    thread_local! {
        static ASK: std::cell::OnceCell<Option<js_sys::Function>> = const { std::cell::OnceCell::new() };
    }
    let ask = ASK.with(|cell| {
        cell.get_or_init(|| {
            let make = js_sys::Reflect::get(&window(), &JsValue::from_str("minshengNotices"))
                .ok()?
                .dyn_into::<js_sys::Function>()
                .ok()?;
            let selector = format!("[data-part=\"{REPORT_NOTICES}\"]");
            let found = document().query_selector(&selector).ok()??;
            make.call1(&JsValue::NULL, &found).ok()?.dyn_into().ok()
        })
        .clone()
    });
    let Some(ask) = ask else { return };
    let argument = match place {
        None => JsValue::NULL,
        Some((category, district, street, latitude, longitude)) => {
            let object = js_sys::Object::new();
            for (key, value) in [
                ("category", category),
                ("district", district),
                ("street", street),
                ("latitude", latitude),
                ("longitude", longitude),
            ] {
                let _ = js_sys::Reflect::set(&object, &key.into(), &value.into());
            }
            object.into()
        }
    };
    let _ = ask.call1(&JsValue::NULL, &argument);
}
