//! The notice (公告) in the report form: once a category and a street (or a position) are
//! known, the notices in force that cover them appear before the citizen writes ("water off on
//! your street until 17:00: no need to report it"). The citizen can still send the report;
//! each notice shown is counted once, and the report says which it showed.
use crate::api::notices::{matching_notices, notice_seen};
use crate::components::notice::NoticeItem;
use crate::components::report_state::FormState;
use crate::i18n::use_locale;
use crate::model::notice::NoticeLine;
use leptos::prelude::*;

#[component]
pub fn NoticeMatch(form: FormState) -> impl IntoView {
    let n = use_locale().notices();
    let found = RwSignal::new(Vec::<NoticeLine>::new());
    let wanted = Memo::new(move |_| form.category_and_place());
    // Effects run only in the browser: ask again whenever the category or the place changes.
    Effect::new(move |_| {
        let Some((category, district, street, lat, lng)) = wanted.get() else {
            found.set(Vec::new());
            return;
        };
        leptos::task::spawn_local(async move {
            let list = matching_notices(category, district, street, lat, lng)
                .await
                .unwrap_or_default();
            let new: Vec<i64> = form.seen_notices.with_untracked(|seen| {
                list.iter()
                    .map(|l| l.id)
                    .filter(|id| !seen.contains(id))
                    .collect()
            });
            if !new.is_empty() {
                form.seen_notices.update(|seen| seen.extend(&new));
                let ids = new.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
                let _ = notice_seen(ids).await;
            }
            found.set(list);
        });
    });
    view! {
        {move || (!found.with(Vec::is_empty)).then(|| view! {
            <section class="card notice-match" role="status" data-testid="notice-match">
                <h2>{n.in_form_title}</h2>
                {found.get().into_iter().map(|line| view! { <NoticeItem line/> }).collect_view()}
                <p class="hint">{n.in_form_hint}</p>
            </section>
        })}
    }
}
