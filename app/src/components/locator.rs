//! The optional position from the browser's geolocation, for the report form.
use crate::components::report_state::FormState;
use crate::i18n::use_texts;
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq)]
enum Locating {
    Idle,
    Busy,
    Failed,
}

/// The optional position from the browser's geolocation.
#[component]
pub fn Locator(form: FormState) -> impl IntoView {
    let t = use_texts();
    let state = RwSignal::new(Locating::Idle);
    let located = move || !form.latitude.get().is_empty();
    let locate = move |_| {
        state.set(Locating::Busy);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match crate::components::browser::locate().await {
                Ok((lat, lng)) if lat.is_finite() && lng.is_finite() => {
                    form.latitude.set(format!("{lat:.6}"));
                    form.longitude.set(format!("{lng:.6}"));
                    state.set(Locating::Idle);
                }
                _ => state.set(Locating::Failed),
            }
        });
    };
    let clear = move |_| {
        form.latitude.set(String::new());
        form.longitude.set(String::new());
    };
    view! {
        <div class="field locator">
            <span class="label">{t.label_position}</span>
            <Show when=located fallback=move || view! {
                <button type="button" class="button" on:click=locate data-testid="locate">
                    {move || if state.get() == Locating::Busy { t.locating } else { t.locate_button }}
                </button>
                <Show when=move || state.get() == Locating::Failed><p class="hint">{t.locate_failed}</p></Show>
            }>
                <p data-testid="position">
                    {t.located}" "{move || form.latitude.get()}", "{move || form.longitude.get()}
                    " "<button type="button" class="link" on:click=clear>{t.locate_clear}</button>
                </p>
            </Show>
        </div>
    }
}
