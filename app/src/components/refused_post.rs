//! The top of the report page answering a refused plain post of the report form (without
//! JavaScript, `POST /report`). Server-rendered only: no WASM.
use crate::api::report_answers::Refill;
use crate::i18n::use_locale;
use leptos::prelude::*;

/// A refused plain post: every problem at the top, where the answer page opens, and a word on
/// the photos, which a browser cannot put back into a page.
#[component]
pub fn RefusedPost(refill: Refill) -> impl IntoView {
    let locale = use_locale();
    let problems = refill
        .errors
        .iter()
        .map(|e| view! { <li>{locale.field(e.field)}": "{locale.texts().problem(&e.problem)}</li> })
        .collect_view();
    let photos = (refill.photos_sent > 0)
        .then(|| view! { <li data-testid="photos-again">{locale.offline().photos_again}</li> });
    view! {
        <div class="alert error" role="alert" data-testid="posted-errors">
            <p>{locale.texts().fix_errors}</p>
            <ul>{problems}{photos}</ul>
        </div>
    }
}
