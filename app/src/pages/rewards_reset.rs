//! `/rewards/reset`: a reporter who forgot the password asks for a one-time code sent to the
//! account's mobile, then sets a new password with it. Plain HTML forms, no WASM.
use crate::api::rewards::{ReporterReset, ReporterResetCode};
use crate::components::reporter_forms::{reporter_alert, CodeRequest, CodeSent, NewPassword};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

#[component]
pub fn RewardsResetPage() -> impl IntoView {
    let locale = use_locale();
    let r = locale.rewards();
    let query = use_query_map();
    let param = move |name: &str| query.read_untracked().get(name).unwrap_or_default();
    let mobile = crate::components::flash::kept("mobile").unwrap_or_default();
    let sent = param("sent") == "1";
    let error = Some(param("error")).filter(|e| !e.is_empty());
    view! {
        <Title text=r.reset_title/>
        <section class="card narrow">
            <h1>{r.reset_title}</h1>
            {reporter_alert(error)}
            <CodeRequest action=ReporterResetCode::PATH testid="reset-code-form" mobile=mobile.clone()/>
            {sent.then(|| view! {
                <p class="alert ok" role="status" data-testid="code-sent">{locale.hints().code_sent()}</p>
                <form method="post" action=ReporterReset::PATH data-testid="reset-form">
                    <CodeSent mobile=mobile.clone()/>
                    <NewPassword label=r.new_password/>
                    <button type="submit" class="button primary block" data-testid="reset">{r.reset_submit}</button>
                </form>
            })}
            <p><a href=crate::routes::Page::RewardsSignIn.path()>{locale.texts().sign_in}</a></p>
        </section>
    }
}
