//! The optional position from the browser's geolocation, for the report form.
use crate::i18n::use_texts;
use crate::pages::report::FormState;
use leptos::prelude::*;

/// The optional position from the browser's geolocation.
#[component]
pub fn Locator(form: FormState) -> impl IntoView {
    let t = use_texts();
    let state = RwSignal::new(0u8); // 0 idle, 1 locating, 2 failed
    let located = move || !form.latitude.get().is_empty();
    let locate = move |_| {
        state.set(1);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match crate::components::browser::locate().await {
                Ok((lat, lng)) if lat.is_finite() && lng.is_finite() => {
                    form.latitude.set(format!("{lat:.6}"));
                    form.longitude.set(format!("{lng:.6}"));
                    state.set(0);
                }
                _ => state.set(2),
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
                    {move || if state.get() == 1 { t.locating } else { t.locate_button }}
                </button>
                <Show when=move || state.get() == 2><p class="hint">{t.locate_failed}</p></Show>
            }>
                <p data-testid="position">
                    {t.located}" "{move || form.latitude.get()}", "{move || form.longitude.get()}
                    " "<button type="button" class="link" on:click=clear>{t.locate_clear}</button>
                </p>
            </Show>
        </div>
    }
}
