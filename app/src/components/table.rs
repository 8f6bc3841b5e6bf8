//! A list shown as a table, or one line saying that it is empty.
use leptos::prelude::*;

/// `items` as a table with the column headings `head`, one `row` each; `empty` (with the
/// test id `empty_id`) when there are none.
pub fn table_or_empty<T, V: IntoView + 'static>(
    items: &[T],
    empty: &'static str,
    empty_id: &'static str,
    head: &[&'static str],
    row: impl Fn(&T) -> V,
) -> AnyView {
    if items.is_empty() {
        return view! { <p class="muted" data-testid=empty_id>{empty}</p> }.into_any();
    }
    let head = head.iter().map(|h| view! { <th>{*h}</th> }).collect_view();
    let rows = items.iter().map(row).collect_view();
    view! {
        <table class="queue-table">
            <thead><tr>{head}</tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
