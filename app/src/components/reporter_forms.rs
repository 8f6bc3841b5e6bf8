//! The parts of the reporter's (市民通) plain HTML forms that several pages share: the error a
//! form came back with, asking for a one-time code, and the fields of a code form's second step.
use crate::api::{ApiError, FormError};
use crate::i18n::use_locale;
use leptos::prelude::*;

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

/// Step 1 of a code form: the mobile, posted to `action` (a server function's `PATH`).
#[component]
pub fn CodeRequest(action: &'static str, testid: &'static str, mobile: String) -> impl IntoView {
    let locale = use_locale();
    view! {
        <form method="post" action=action data-testid=testid>
            <label class="field"><span class="label required">{locale.texts().mobile}</span>
                <input name="mobile" type="tel" inputmode="numeric" autocomplete="tel" required
                    value=mobile placeholder="13812345678" data-testid="mobile"/></label>
            <button type="submit" class="button" data-testid="send-code">{locale.rewards().send_code}</button>
        </form>
    }
}

/// The start of step 2: the mobile the code was sent to, and the code field. The mobile came
/// back in the form cookie (hidden here); after a reload, when the cookie is gone, it is asked
/// again.
#[component]
pub fn CodeSent(mobile: String) -> impl IntoView {
    let locale = use_locale();
    let mobile = if mobile.is_empty() {
        view! {
            <label class="field"><span class="label required">{locale.texts().mobile}</span>
                <input name="mobile" type="tel" inputmode="numeric" autocomplete="tel" required data-testid="mobile-again"/></label>
        }
        .into_any()
    } else {
        view! { <input type="hidden" name="mobile" value=mobile/> }.into_any()
    };
    view! {
        {mobile}
        <label class="field"><span class="label required">{locale.rewards().code_label}</span>
            <input name="code" inputmode="numeric" autocomplete="one-time-code" required
                maxlength=crate::model::accounts::CODE_DIGITS.to_string() data-testid="code"/></label>
    }
}

/// A new password, with the rule's minimum length.
#[component]
pub fn NewPassword(label: &'static str) -> impl IntoView {
    let locale = use_locale();
    view! {
        <label class="field"><span class="label required">{label}" ("{locale.hints().password()}")"</span>
            <input name="password" type="password" required
                minlength=crate::model::staff::MIN_PASSWORD_CHARS.to_string()
                autocomplete="new-password" data-testid="password"/></label>
    }
}
