//! One notice (公告) as citizens and staff read it: its kind, places and times, then the staff's
//! text. Used by `/notices`, the home page, the report form and the staff page.
use crate::i18n::use_locale;
use crate::model::notice::NoticeLine;
use leptos::prelude::*;

#[component]
pub fn NoticeItem(line: NoticeLine) -> impl IntoView {
    let locale = use_locale();
    let n = locale.notices();
    let categories = (!line.categories.is_empty()).then(|| line.categories.clone());
    view! {
        <article class="notice" data-testid="notice" data-id=line.id.to_string() data-kind=line.kind.code()>
            <p class="notice-head">
                <span class="badge">{n.kind(line.kind)}</span>" "
                <strong data-testid="notice-places">{line.places.clone()}</strong>" · "
                <time datetime=line.starts_at.to_rfc3339() data-testid="notice-span">{n.span(line.starts_at, line.ends_at)}</time>
                " · "<span class="muted" data-testid="notice-phase">{n.phase(line.phase)}</span>
            </p>
            <p class="notice-text" data-testid="notice-text">{line.text.clone()}</p>
            {categories.map(|c| view! { <p class="muted small">{c}</p> })}
        </article>
    }
}
