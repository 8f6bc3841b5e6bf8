//! `/rewards/join`: registering for the reward scheme. Step 1 sends a one-time code to the
//! mobile; step 2 takes the code, a nickname and a password. Plain HTML forms, no WASM.
use crate::api::rewards::{ReporterCode, ReporterRegister};
use crate::components::reporter_forms::{reporter_alert, CodeRequest, CodeSent, NewPassword};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

#[component]
pub fn RewardsJoinPage() -> impl IntoView {
    let locale = use_locale();
    let r = locale.rewards();
    let t = locale.texts();
    let query = use_query_map();
    let param = move |name: &str| query.read_untracked().get(name).unwrap_or_default();
    let mobile = crate::components::flash::kept("mobile").unwrap_or_default();
    let sent = param("sent") == "1";
    let error = Some(param("error")).filter(|e| !e.is_empty());
    view! {
        <Title text=r.join_title/>
        <section class="card narrow">
            <h1>{r.join_title}</h1>
            <p class="muted">{r.join_intro}</p>
            {reporter_alert(error)}
            <CodeRequest action=ReporterCode::PATH testid="code-form" mobile=mobile.clone()/>
            {sent.then(|| view! {
                <p class="alert ok" role="status" data-testid="code-sent">{locale.hints().code_sent()}</p>
                <form method="post" action=ReporterRegister::PATH data-testid="register-form">
                    <CodeSent mobile=mobile.clone()/>
                    <label class="field"><span class="label required">{r.nickname_label}</span>
                        <input name="nickname" required maxlength=crate::model::reward::NICKNAME_MAX_CHARS.to_string() value=crate::components::flash::kept("nickname").unwrap_or_default() data-testid="nickname"/>
                        <small class="hint">{r.nickname_hint()}</small></label>
                    <NewPassword label=locale.texts().password/>
                    <button type="submit" class="button primary block" data-testid="register">{r.register}</button>
                </form>
            })}
            <p><a href=crate::routes::Page::RewardsSignIn.path()>{r.have_account}</a>" · "<a href=crate::routes::Page::Rewards.path()>{t.back_home}</a></p>
        </section>
    }
}
