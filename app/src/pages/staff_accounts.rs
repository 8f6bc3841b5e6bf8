//! `/staff/accounts`: the administrator's list of staff accounts; create, disable, enable.
//! Disabling an account ends all its sessions at once.
use crate::api::staff::staff_accounts;
use crate::api::staff::{StaffCreateAccount, StaffSetActive};
use crate::components::staff::{staff_page, FormOutcome, StaffBar};
use crate::i18n::use_locale;
use crate::model::console::AccountsPage;
use crate::model::staff::Role;
use crate::routes::Page;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

#[component]
pub fn StaffAccountsPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).filter(|v| !v.is_empty());
    let data = Resource::new(|| (), |_| staff_accounts());
    staff_page(
        locale.staff().accounts,
        || Page::StaffAccounts.path().into(),
        data,
        move |page| view! { <Accounts page error=param("error")/> }.into_any(),
    )
}

#[component]
fn Accounts(page: AccountsPage, error: Option<String>) -> impl IntoView {
    let locale = use_locale();
    let s = locale.staff();
    view! {
        <StaffBar me=page.me.clone()/>
        <FormOutcome error done=None/>
        <section class="card" data-testid="accounts">
            <h1>{s.accounts}</h1>
            <table class="queue-table">
                <thead><tr>
                    <th>{s.username}</th><th>{s.name}</th><th>{s.role}</th>
                    <th>{s.department}</th><th></th>
                </tr></thead>
                <tbody>
                    {page.accounts.iter().map(|a| view! {
                        <tr data-testid="account" data-username=a.username.clone() class:inactive=!a.active>
                            <td>{a.username.clone()}</td>
                            <td>{a.display_name.clone()}</td>
                            <td>{locale.workflow().role(a.role)}</td>
                            <td>{a.department_label.clone().unwrap_or_default()}</td>
                            <td>
                                <form method="post" action=StaffSetActive::PATH class="inline">
                                    <input type="hidden" name="username" value=a.username.clone()/>
                                    <input type="hidden" name="active" value=(!a.active).to_string()/>
                                    {if a.active { s.active } else { s.inactive }}" "
                                    <button type="submit" class="button link">{if a.active { s.disable } else { s.enable }}</button>
                                </form>
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <section class="card narrow">
            <h2>{s.create_account}</h2>
            <form method="post" action=StaffCreateAccount::PATH data-testid="create-account">
                <label class="field"><span class="label">{s.username}</span>
                    <input name="username" required minlength="3" maxlength=crate::model::staff::USERNAME_MAX_CHARS.to_string() autocomplete="off"/></label>
                <label class="field"><span class="label">{s.name}</span>
                    <input name="display_name" required maxlength=crate::model::staff::DISPLAY_NAME_MAX_CHARS.to_string()/></label>
                <label class="field"><span class="label">{s.role}</span>
                    <select name="role" required>
                        {Role::ALL.into_iter().map(|r| view! { <option value=r.code()>{locale.workflow().role(r)}</option> }).collect_view()}
                    </select></label>
                <label class="field"><span class="label">{s.department}</span>
                    <select name="department">
                        <option value="">{s.none}</option>
                        {page.departments.iter().map(|(code, name)| view! { <option value=code.clone()>{name.clone()}</option> }).collect_view()}
                    </select></label>
                <label class="field"><span class="label">{locale.texts().password}" ("{locale.hints().password()}")"</span>
                    <input name="password" type="password" required minlength=crate::model::staff::MIN_PASSWORD_CHARS.to_string() autocomplete="new-password"/></label>
                <button type="submit" class="button primary">{s.create}</button>
            </form>
        </section>
    }
}
