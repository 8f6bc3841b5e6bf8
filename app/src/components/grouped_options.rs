//! The `<option>`s of a select whose choices come in groups (streets by district, categories
//! by group): without JavaScript nothing narrows a list, so the headings keep it readable.
use leptos::prelude::*;

/// The `<option>`s of a list of places or categories, under each group's heading (`<optgroup>`,
/// also when the list is narrowed to one group); the chosen one selected.
pub fn grouped_options(
    lists: Vec<(&str, Vec<(&str, &crate::model::city::Name)>)>,
    chosen: &str,
    locale: crate::i18n::Locale,
) -> impl IntoView {
    lists
        .into_iter()
        .map(|(heading, items)| {
            let items = items
                .into_iter()
                .map(|(code, name)| {
                    view! { <option value=code.to_string() selected=code == chosen>{name.get(locale).to_string()}</option> }
                })
                .collect_view();
            view! { <optgroup label=heading.to_string()>{items}</optgroup> }
        })
        .collect_view()
}
