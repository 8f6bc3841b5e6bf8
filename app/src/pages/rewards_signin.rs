//! `/rewards/signin`: a reporter signs in with mobile and password. Plain HTML form.
use crate::api::rewards::ReporterSignIn;
use crate::components::reporter_forms::reporter_alert;
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

#[component]
pub fn RewardsSignInPage() -> impl IntoView {
    let locale = use_locale();
    let r = locale.rewards();
    let query = use_query_map();
    let param = move |name: &str| query.read_untracked().get(name).unwrap_or_default();
    let next = Some(param("next")).filter(|n| crate::model::url::same_site_path(n).is_some());
    let error = Some(param("error")).filter(|e| !e.is_empty());
    view! {
        <Title text=r.signin_title/>
        <section class="card narrow">
            <h1>{r.signin_title}</h1>
            {reporter_alert(error)}
            <form method="post" action=ReporterSignIn::PATH data-testid="reporter-signin">
                {next.map(|n| view! { <input type="hidden" name="next" value=n/> })}
                <label class="field"><span class="label required">{locale.texts().mobile}</span>
                    <input name="mobile" type="tel" inputmode="numeric" autocomplete="tel" required value=crate::components::flash::kept("mobile").unwrap_or_default() data-testid="mobile"/></label>
                <label class="field"><span class="label required">{locale.texts().password}</span>
                    <input name="password" type="password" required autocomplete="current-password" data-testid="password"/></label>
                <button type="submit" class="button primary block" data-testid="signin">{locale.texts().sign_in}</button>
            </form>
            <p><a href=crate::routes::Page::RewardsJoin.path()>{r.no_account}</a>" · "<a href=crate::routes::Page::RewardsReset.path() data-testid="forgot">{r.forgot}</a></p>
        </section>
    }
}
