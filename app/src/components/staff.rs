//! Shared parts of the staff console: the bar with the signed-in user, messages after a
//! form, deadlines with countdowns, the sign-in form.
use crate::api::staff::{StaffSignIn, StaffSignOut};
use crate::api::{FormError, StaffError};
use crate::i18n::use_locale;
use crate::model::console::{Due, Me};
use crate::model::staff::Role;
use crate::model::workflow::EventKind;
use leptos::prelude::*;
use server_fn::ServerFn;

/// Who is signed in, links to the console's pages, sign out.
#[component]
pub fn StaffBar(me: Me) -> impl IntoView {
    let locale = use_locale();
    let s = locale.staff();
    let who = match &me.department_label {
        Some(d) => format!(
            "{} · {} · {d}",
            me.display_name,
            locale.workflow().role(me.role)
        ),
        None => format!("{} · {}", me.display_name, locale.workflow().role(me.role)),
    };
    view! {
        <nav class="staff-bar" data-testid="staff-bar">
            <a href=crate::routes::Page::Staff.path()><strong>{s.console}</strong></a>
            {(me.role == Role::Admin).then(|| view! {
                <a href=crate::routes::Page::StaffAccounts.path()>{s.accounts}</a>
                <a href=crate::routes::Page::StaffPayouts.path() data-testid="nav-payouts">{locale.rewards().payouts_title}</a>
            })}
            {matches!(me.role, Role::Admin | Role::Supervisor | Role::Head).then(|| view! {
                <a href=crate::routes::Page::StaffFigures.path() data-testid="nav-figures">{locale.figures().nav}</a>
            })}
            {matches!(me.role, Role::Admin | Role::Supervisor).then(|| view! {
                <a href=crate::routes::Page::StaffReports.path() data-testid="nav-reports">{locale.figures().reports_nav}</a>
            })}
            <a href=crate::routes::Page::StaffNotices.path() data-testid="nav-notices">{locale.notices().nav}</a>
            <a href=crate::routes::Page::StaffHelp.path() data-testid="nav-help">{locale.help().staff_title}</a>
            <span class="who" data-testid="staff-who">{who}</span>
            <form method="post" action=StaffSignOut::PATH class="inline">
                <button type="submit" class="button link" data-testid="sign-out">{locale.texts().sign_out}</button>
            </form>
        </nav>
    }
}

/// The error a form came back with (`?error=`), as the page shows it.
fn form_error(param: Option<String>) -> Option<StaffError> {
    param.and_then(|p| StaffError::from_param(&p))
}

/// The outcome of the last form, from `?error=` or `?done=`.
#[component]
pub fn FormOutcome(error: Option<String>, done: Option<String>) -> impl IntoView {
    let locale = use_locale();
    let s = locale.staff();
    view! {
        {form_error(error).map(|e| view! {
            <p class="alert error" role="alert" data-testid="staff-error" data-code=e.code()>
                {e.message(locale)}
            </p>
        })}
        {done.and_then(|d| EventKind::from_code(&d).map(|k| (d, k))).map(|(code, kind)| view! {
            <p class="alert ok" role="status" data-testid="staff-done" data-code=code>
                {s.done}{locale.workflow().event(kind)}
            </p>
        })}
    }
}

/// A due date with its working-day countdown; red when overdue.
#[component]
pub fn DueView(due: Due) -> impl IntoView {
    let locale = use_locale();
    let class = if due.overdue {
        "due overdue"
    } else if due.working_days_left <= 1 {
        "due soon"
    } else {
        "due"
    };
    // The deadline is 24:00 of the last day: show that day.
    let last_day = crate::model::time::beijing_date(due.at - chrono::Duration::seconds(1));
    view! {
        <span class=class data-testid="due" data-overdue=due.overdue.to_string()>
            <time>{last_day.format("%Y-%m-%d").to_string()}</time>
            " · "
            {locale.staff().countdown(due.working_days_left, due.overdue)}
        </span>
    }
}

/// The sign-in form (shown by every console page to a visitor without a session).
#[component]
pub fn SignIn(error: Option<String>, next: String) -> impl IntoView {
    let locale = use_locale();
    let s = locale.staff();
    let error = form_error(error).filter(|e| *e != StaffError::SignedOut);
    view! {
        <section class="card narrow" data-testid="sign-in">
            <h1>{s.sign_in_title}</h1>
            <p class="muted">{s.sign_in_intro}</p>
            {error.map(|e| view! {
                <p class="alert error" role="alert" data-testid="staff-error" data-code=e.code()>{e.message(locale)}</p>
            })}
            <form method="post" action=StaffSignIn::PATH>
                <input type="hidden" name="next" value=next/>
                <label class="field">
                    <span class="label">{s.username}</span>
                    <input name="username" required autocomplete="username" autocapitalize="none" spellcheck="false" data-testid="username"/>
                </label>
                <label class="field">
                    <span class="label">{locale.texts().password}</span>
                    <input name="password" type="password" required autocomplete="current-password" data-testid="password"/>
                </label>
                <button type="submit" class="button primary" data-testid="sign-in-submit">{locale.texts().sign_in}</button>
            </form>
        </section>
    }
}

/// What a console page shows when its data could not be had: the sign-in form, or why not.
/// `form_error` is the `?error=` of the page (a refused sign-in comes back with it).
/// A console page's frame: its title, a loading line while `data` loads, then `render` of what
/// it loaded; the sign-in form if the viewer is signed out (coming back to `next`), or the
/// error.
pub fn staff_page<T>(
    title: &'static str,
    next: impl Fn() -> String + Send + Sync + 'static,
    data: Resource<Result<T, StaffError>>,
    render: impl Fn(T) -> AnyView + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
{
    let locale = use_locale();
    let query = leptos_router::hooks::use_query_map();
    let error = move || query.read().get("error").filter(|v| !v.is_empty());
    view! {
        <leptos_meta::Title text=title/>
        <Suspense fallback=move || view! { <p class="muted">{locale.texts().loading}</p> }>
            {move || data.get().map(|result| match result {
                Ok(loaded) => render(loaded),
                Err(e) => staff_error_view(e, next(), error()),
            })}
        </Suspense>
    }
}

fn staff_error_view(error: StaffError, next: String, form_error: Option<String>) -> AnyView {
    match error {
        StaffError::SignedOut => view! { <SignIn error=form_error next/> }.into_any(),
        other => {
            let locale = use_locale();
            view! {
                <p class="alert error" role="alert" data-testid="staff-error" data-code=other.code()>
                    {other.message(locale)}
                </p>
                <p><a href=crate::routes::Page::Staff.path()>{locale.staff().back_to_queue}</a></p>
            }
            .into_any()
        }
    }
}
