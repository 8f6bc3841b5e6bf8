use crate::i18n::use_locale;
use crate::model::problem::{problems_of, Field, FieldError};
use leptos::prelude::*;

/// The messages of one field, under it, in the page's language.
#[component]
pub fn FieldErrors(field: Field, #[prop(into)] errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let locale = use_locale();
    move || {
        errors.with(|errors| {
            problems_of(errors, field)
                .map(|p| {
                    view! {
                        <p class="field-error" role="alert" data-field=field.name()>{locale.texts().problem(p)}</p>
                    }
                })
                .collect_view()
        })
    }
}
