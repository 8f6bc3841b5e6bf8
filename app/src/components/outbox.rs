//! Reports kept on the phone until they are sent (`public/outbox.js` owns them): the list of
//! those waiting or refused, filled by the script, and the script itself. Server-rendered
//! only: no WASM.
use crate::i18n::use_locale;
use leptos::prelude::*;

/// The reports waiting on this phone (hidden while there are none), each with a delete button;
/// a report form's draft also with an edit link, which opens it in the form.
#[component]
pub fn OutboxList() -> impl IntoView {
    let o = use_locale().offline();
    view! {
        <section class="card outbox" data-part="outbox" data-testid="outbox" hidden
            data-text-waiting=o.waiting data-text-refused=o.refused data-text-delete=o.delete
            data-text-confirm-delete=o.confirm_delete data-text-edit=o.edit data-text-editing=o.editing
            data-edit-at=crate::routes::Page::Report.path()
            data-edit-script=crate::assets::asset_url(crate::routes::OUTBOX_EDIT_SCRIPT)>
            <h2>{o.outbox_title}</h2>
            <p class="muted">{o.outbox_hint}</p>
            <ul></ul>
        </section>
    }
}

/// `outbox.js`: sends the waiting reports, registers the service worker. After `my_cases.js`
/// where a page keeps cases (a report sent later becomes one of "my cases").
#[component]
pub fn OutboxScript() -> impl IntoView {
    view! { <script src=crate::assets::asset_url(crate::routes::OUTBOX_SCRIPT) defer></script> }
}
