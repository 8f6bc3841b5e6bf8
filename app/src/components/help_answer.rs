//! One knowledge-base article as citizens read it: the question, the answer, its category, the
//! responsible department and how long it holds. Used by `/help` and the staff page.
use crate::i18n::use_locale;
use crate::model::help::HelpAnswer;
use leptos::prelude::*;

#[component]
pub fn HelpAnswerItem(answer: HelpAnswer) -> impl IntoView {
    let h = use_locale().help();
    view! {
        <article class="help-answer" data-testid="help-answer" data-id=answer.id.to_string()>
            <h3 data-testid="help-question">{answer.question}</h3>
            <p class="help-text">{answer.answer}</p>
            <p class="muted small">
                {answer.category}" · "{h.department}": "{answer.department}
                {answer.valid_until.map(|d| format!(" · {}: {}", h.valid_until, d.format("%Y-%m-%d")))}
            </p>
        </article>
    }
}

/// Where `public/help.js` is and what it needs (the server function's URL, the box's title
/// and hint in the page's language), outside the report form's island so that none of it
/// weighs on the WASM: `notices.js` (on every page with a report form) loads the script the
/// first time a description field gets the focus, so a phone that never types one never
/// downloads it.
#[component]
pub fn HelpScript() -> impl IntoView {
    let h = use_locale().help();
    let url = <crate::api::help::HelpAnswers as server_fn::ServerFn>::PATH;
    view! {
        <div hidden data-help-script=crate::assets::asset_url(crate::routes::HELP_SCRIPT)
            data-url=url data-title=h.suggest_title data-hint=h.suggest_hint></div>
    }
}

/// The box under a report's description that `public/help.js` fills with the best answers to
/// what the citizen is typing (title, answers, hint): hidden until an answer is found. Empty
/// here, as it is inside the form's island.
#[component]
pub fn HelpBox() -> impl IntoView {
    view! {
        <section class="help-suggest" data-part="help-suggest" role="status" data-testid="help-suggest" hidden></section>
    }
}
