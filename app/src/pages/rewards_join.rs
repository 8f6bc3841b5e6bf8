//! `/rewards/join`: registering for the reward scheme. Step 1 sends a one-time code to the
//! mobile; step 2 takes the code, a nickname and a password. Plain HTML forms, no WASM.
use crate::api::rewards::{ReporterCode, ReporterRegister};
use crate::api::{ApiError, FormError};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

/// The message of the error (`?error=`) a form came back with.
pub fn reporter_alert(error: Option<String>) -> impl IntoView {
    let locale = use_locale();
    error.and_then(|p| ApiError::from_param(&p)).map(|e| {
        view! {
            <p class="alert error" role="alert" data-testid="reporter-error" data-code=e.code()>
                {e.message(locale)}
            </p>
        }
    })
}

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
            <form method="post" action=ReporterCode::PATH data-testid="code-form">
                <label class="field"><span class="label required">{locale.texts().mobile}</span>
                    <input name="mobile" type="tel" inputmode="numeric" autocomplete="tel" required
                        value=mobile.clone() placeholder="13812345678" data-testid="mobile"/></label>
                <button type="submit" class="button" data-testid="send-code">{r.send_code}</button>
            </form>
            {sent.then(|| view! {
                <p class="alert ok" role="status" data-testid="code-sent">{locale.hints().code_sent()}</p>
                <form method="post" action=ReporterRegister::PATH data-testid="register-form">
                    {step_two_mobile(&mobile, locale.texts().mobile)}
                    <label class="field"><span class="label required">{r.code_label}</span>
                        <input name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength=crate::model::accounts::CODE_DIGITS.to_string() data-testid="code"/></label>
                    <label class="field"><span class="label required">{r.nickname_label}</span>
                        <input name="nickname" required maxlength=crate::model::reward::NICKNAME_MAX_CHARS.to_string() value=crate::components::flash::kept("nickname").unwrap_or_default() data-testid="nickname"/>
                        <small class="hint">{r.nickname_hint()}</small></label>
                    <label class="field"><span class="label required">{locale.texts().password}" ("{locale.hints().password()}")"</span>
                        <input name="password" type="password" required minlength=crate::model::staff::MIN_PASSWORD_CHARS.to_string() autocomplete="new-password" data-testid="password"/></label>
                    <button type="submit" class="button primary block" data-testid="register">{r.register}</button>
                </form>
            })}
            <p><a href=crate::routes::Page::RewardsSignIn.path()>{r.have_account}</a>" · "<a href=crate::routes::Page::Rewards.path()>{t.back_home}</a></p>
        </section>
    }
}

/// The mobile of a code form's second step: it came back in the form cookie (hidden here);
/// after a reload, when the cookie is gone, it is asked again.
pub(crate) fn step_two_mobile(mobile: &str, label: &'static str) -> AnyView {
    if mobile.is_empty() {
        view! {
            <label class="field"><span class="label required">{label}</span>
                <input name="mobile" type="tel" inputmode="numeric" autocomplete="tel" required data-testid="mobile-again"/></label>
        }
        .into_any()
    } else {
        view! { <input type="hidden" name="mobile" value=mobile.to_string()/> }.into_any()
    }
}
