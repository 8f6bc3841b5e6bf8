//! Staff server functions. Every one reads the session cookie and checks the role (and the
//! department, in the service); a refusal changes nothing.
//!
//! The console's forms are plain HTML forms posting to these functions, so the console
//! works without JavaScript: for such a post (`Accept: text/html`) the answer is a redirect,
//! to the next page on success or back to the form with `?error=<code>` otherwise. Other
//! clients get the JSON answer and an HTTP status (401, 403, 404, 409, 422, 429).
// `staff_act` takes the fields of every action form: the `#[server]` macro copies them into
// the browser-side function too, where an item attribute does not reach.
#![allow(clippy::too_many_arguments)]
use crate::model::console::{AccountsPage, CaseDetail, QueuePage};
#[cfg(feature = "ssr")]
use crate::model::workflow::Refusal;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum StaffError {
    #[error("not signed in")]
    SignedOut,
    #[error("wrong username or password")]
    BadCredentials,
    #[error("too many attempts")]
    RateLimited,
    #[error("no such case")]
    NotFound,
    #[error("the case changed meanwhile")]
    Changed,
    /// The workflow or the role rules refuse; `code` is `Refusal::code`.
    #[error("refused: {code}")]
    Refused { code: String, forbidden: bool },
    /// A form field is missing or malformed.
    #[error("bad input: {field}")]
    BadInput { field: String },
    /// An account could not be created or changed; `code` says why.
    #[error("account: {code}")]
    Account { code: String },
    #[error("internal error")]
    Internal,
    #[error("request failed: {0}")]
    Transport(String),
}

impl FromServerFnError for StaffError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        StaffError::Transport(value.to_string())
    }
}

impl StaffError {
    /// The code put in `?error=` for plain form posts, and read back by the pages.
    pub fn code(&self) -> String {
        match self {
            StaffError::SignedOut => "signed_out".into(),
            StaffError::BadCredentials => "bad_credentials".into(),
            StaffError::RateLimited => "rate_limited".into(),
            StaffError::NotFound => "not_found".into(),
            StaffError::Changed => "changed".into(),
            StaffError::Refused { code, .. } => format!("refused.{code}"),
            StaffError::BadInput { field } => format!("bad_input.{field}"),
            StaffError::Account { code } => format!("account.{code}"),
            StaffError::Internal | StaffError::Transport(_) => "internal".into(),
        }
    }

    #[cfg(feature = "ssr")]
    fn status(&self) -> http::StatusCode {
        use http::StatusCode as S;
        match self {
            StaffError::SignedOut | StaffError::BadCredentials => S::UNAUTHORIZED,
            StaffError::RateLimited => S::TOO_MANY_REQUESTS,
            StaffError::NotFound => S::NOT_FOUND,
            StaffError::Changed => S::CONFLICT,
            StaffError::Refused {
                forbidden: true, ..
            } => S::FORBIDDEN,
            StaffError::Refused { .. } => S::CONFLICT,
            StaffError::BadInput { .. } | StaffError::Account { .. } => S::UNPROCESSABLE_ENTITY,
            StaffError::Internal | StaffError::Transport(_) => S::INTERNAL_SERVER_ERROR,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<Refusal> for StaffError {
    fn from(r: Refusal) -> Self {
        StaffError::Refused {
            code: r.code().to_string(),
            forbidden: r.is_forbidden(),
        }
    }
}

#[cfg(feature = "ssr")]
mod server {
    use super::StaffError;
    use crate::services::cases::CaseError;
    use crate::services::staff::{self as staff_service, Staff};
    use crate::services::AppState;
    use leptos::prelude::*;

    pub fn state() -> Result<AppState, StaffError> {
        use_context::<AppState>().ok_or(StaffError::Internal)
    }

    fn parts() -> Option<http::request::Parts> {
        use_context::<http::request::Parts>()
    }

    pub fn session_token() -> Option<String> {
        parts().and_then(|p| staff_service::token_from_headers(&p.headers))
    }

    /// The signed-in staff member, or `SignedOut`.
    pub async fn signed_in(state: &AppState) -> Result<Staff, StaffError> {
        let token = session_token().ok_or(StaffError::SignedOut)?;
        staff_service::current(state, &token, chrono::Utc::now())
            .await
            .map_err(|e| {
                tracing::error!(error = %e, "session lookup failed");
                StaffError::Internal
            })?
            .ok_or(StaffError::SignedOut)
    }

    pub fn locale() -> crate::i18n::Locale {
        crate::current_locale()
    }

    pub fn client_ip(state: &AppState) -> std::net::IpAddr {
        let parts = parts();
        let peer = parts
            .as_ref()
            .and_then(|p| {
                p.extensions
                    .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            })
            .map(|c| c.0.ip());
        let headers = parts.map(|p| p.headers).unwrap_or_default();
        state.client_ip(peer, &headers)
    }

    pub fn set_cookie(value: &str) {
        if let (Some(res), Ok(v)) = (
            use_context::<leptos_axum::ResponseOptions>(),
            http::HeaderValue::from_str(value),
        ) {
            res.append_header(http::header::SET_COOKIE, v);
        }
    }

    fn accepts_html() -> bool {
        parts()
            .and_then(|p| {
                p.headers
                    .get(http::header::ACCEPT)?
                    .to_str()
                    .ok()
                    .map(String::from)
            })
            .is_some_and(|a| a.contains("text/html"))
    }

    /// `path` with `params` set in its query (replacing `error`, `done` and those keys).
    pub fn with_params(path: &str, params: &[(&str, &str)]) -> String {
        let (base, query) = path.split_once('?').unwrap_or((path, ""));
        let mut kept: Vec<String> = query
            .split('&')
            .filter(|kv| !kv.is_empty())
            .filter(|kv| {
                let key = kv.split('=').next().unwrap_or("");
                key != "error" && key != "done" && !params.iter().any(|(k, _)| *k == key)
            })
            .map(String::from)
            .collect();
        for (k, v) in params {
            kept.push(format!(
                "{k}={}",
                crate::components::layout::percent_encode(v)
            ));
        }
        if kept.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{}", kept.join("&"))
        }
    }

    /// Finishes a mutation: for a plain form post, a redirect to `next` on success or back to
    /// the form with the error code (and `keep`, what the user typed) on failure; for other
    /// clients the result itself with its HTTP status.
    pub fn finish(
        result: Result<(), StaffError>,
        next: &str,
        back: &str,
        keep: &[(&str, &str)],
    ) -> Result<(), StaffError> {
        if accepts_html() {
            match &result {
                Ok(()) => leptos_axum::redirect(next),
                Err(e) => {
                    // The pages send no Referer (Referrer-Policy: no-referrer): each form's
                    // page is known here instead.
                    let code = e.code();
                    let mut params = vec![("error", code.as_str())];
                    params.extend_from_slice(keep);
                    leptos_axum::redirect(&with_params(back, &params));
                }
            }
            return Ok(());
        }
        if let Err(e) = &result {
            if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
                res.set_status(e.status());
            }
        }
        result
    }

    impl From<CaseError> for StaffError {
        fn from(e: CaseError) -> Self {
            match e {
                CaseError::NotFound => StaffError::NotFound,
                CaseError::Refused(r) => r.into(),
                CaseError::Changed => StaffError::Changed,
                CaseError::Internal(e) => {
                    tracing::error!(error = e, "case service failed");
                    StaffError::Internal
                }
            }
        }
    }

    /// A read for a page: on error also the HTTP status, so a refused page is not a 200.
    pub fn answer<T>(result: Result<T, StaffError>) -> Result<T, StaffError> {
        if let Err(e) = &result {
            if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
                res.set_status(e.status());
            }
        }
        result
    }
}

/// Signs in with username and password; sets the session cookie.
#[server(prefix = "/api/fn/staff", endpoint = "sign_in")]
pub async fn staff_sign_in(
    username: String,
    password: String,
    next: Option<String>,
) -> Result<(), StaffError> {
    use crate::services::staff::{self as svc, SignInError};
    let state = server::state()?;
    let ip = server::client_ip(&state);
    let result = match svc::sign_in(&state, ip, &username, &password, chrono::Utc::now()).await {
        Ok(session) => {
            server::set_cookie(&svc::session_cookie(Some(&session), state.secure_cookies));
            Ok(())
        }
        Err(SignInError::BadCredentials) => Err(StaffError::BadCredentials),
        Err(SignInError::RateLimited) => Err(StaffError::RateLimited),
        Err(SignInError::Internal) => Err(StaffError::Internal),
    };
    let next = next
        .filter(|n| {
            n.starts_with("/staff") && !n.contains("//") && !n.chars().any(char::is_control)
        })
        .unwrap_or_else(|| "/staff".into());
    server::finish(result, &next, "/staff", &[])
}

/// Ends the session.
#[server(prefix = "/api/fn/staff", endpoint = "sign_out")]
pub async fn staff_sign_out() -> Result<(), StaffError> {
    let state = server::state()?;
    if let Some(token) = server::session_token() {
        crate::services::staff::sign_out(&state, &token)
            .await
            .map_err(|_| StaffError::Internal)?;
    }
    server::set_cookie(&crate::services::staff::session_cookie(
        None,
        state.secure_cookies,
    ));
    server::finish(Ok(()), "/staff", "/staff", &[])
}

/// The viewer's queues and one page of one queue.
#[server(prefix = "/api/fn/staff", endpoint = "queue")]
pub async fn staff_queue(
    queue: Option<String>,
    page: Option<u32>,
) -> Result<QueuePage, StaffError> {
    use crate::model::queue::Queue;
    let state = server::state()?;
    let result = async {
        let staff = server::signed_in(&state).await?;
        let queue = match queue.as_deref().filter(|q| !q.is_empty()) {
            Some(code) => Some(Queue::from_code(code).ok_or(StaffError::BadInput {
                field: "queue".into(),
            })?),
            None => None,
        };
        Ok(crate::services::cases::queue_page(
            &state,
            &staff,
            queue,
            page.unwrap_or(0).min(10_000),
            server::locale(),
            chrono::Utc::now(),
        )
        .await?)
    }
    .await;
    server::answer(result)
}

/// One case as the viewer may see it; `reveal` shows (and logs) the reporter's contact.
#[server(prefix = "/api/fn/staff", endpoint = "case")]
pub async fn staff_case(ticket_no: String, reveal: Option<bool>) -> Result<CaseDetail, StaffError> {
    let state = server::state()?;
    let result = async {
        let staff = server::signed_in(&state).await?;
        let no = crate::model::TicketNo::parse(&ticket_no).map_err(|_| StaffError::NotFound)?;
        Ok(crate::services::cases::detail(
            &state,
            &staff,
            &no,
            reveal.unwrap_or(false),
            server::locale(),
            chrono::Utc::now(),
        )
        .await?)
    }
    .await;
    server::answer(result)
}

/// The fields of the console's action forms. `action` is an event code
/// (`model::workflow::EventKind::code`); each action reads the fields it needs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActionInput {
    pub ticket_no: String,
    pub version: i64,
    pub action: String,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub department: Option<String>,
    /// `invalid` or `duplicate`.
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub duplicate_of: Option<String>,
    /// A date `YYYY-MM-DD` (extension, supervision due).
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub responder: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

impl ActionInput {
    /// Parses the form into an event and its note.
    pub fn event(&self) -> Result<(crate::model::workflow::Event, String), StaffError> {
        use crate::model::workflow::{Event, EventKind, RejectReason, Reply, Supervision};
        let text = |v: &Option<String>| v.as_deref().unwrap_or("").trim().to_string();
        let bad = |field: &str| StaffError::BadInput {
            field: field.to_string(),
        };
        let date = || {
            chrono::NaiveDate::parse_from_str(&text(&self.date), "%Y-%m-%d")
                .map_err(|_| bad("date"))
        };
        let note = text(&self.note);
        let kind = EventKind::from_code(&self.action).ok_or_else(|| bad("action"))?;
        let event = match kind {
            EventKind::Created => return Err(bad("action")),
            EventKind::Accepted => Event::Accepted,
            EventKind::Rejected => Event::Rejected {
                reason: match text(&self.reason).as_str() {
                    "invalid" => RejectReason::Invalid,
                    "duplicate" => RejectReason::Duplicate {
                        of: text(&self.duplicate_of),
                    },
                    _ => return Err(bad("reason")),
                },
            },
            EventKind::Dispatched => Event::Dispatched {
                department: text(&self.department),
            },
            EventKind::FirstContact => Event::FirstContact,
            EventKind::HandedBack => Event::HandedBack,
            EventKind::ExtensionRequested => Event::ExtensionRequested { until: date()? },
            EventKind::ExtensionApproved => Event::ExtensionApproved,
            EventKind::ExtensionRefused => Event::ExtensionRefused,
            EventKind::ReplyDrafted => Event::ReplyDrafted {
                reply: Reply {
                    text: text(&self.text),
                    responder: text(&self.responder),
                    phone: text(&self.phone),
                },
            },
            EventKind::ReplySentBack => Event::ReplySentBack,
            EventKind::ReplyApproved => Event::ReplyApproved,
            EventKind::SecondContact => Event::SecondContact,
            EventKind::Closed => Event::Closed,
            EventKind::SupervisionAdded => Event::SupervisionAdded {
                supervision: Supervision {
                    instruction: note.clone(),
                    due: date()?,
                },
            },
            EventKind::SupervisionLifted => Event::SupervisionLifted,
            EventKind::Reassigned => Event::Reassigned {
                department: text(&self.department),
            },
        };
        Ok((event, note))
    }
}

/// Records one workflow action on a case.
#[server(prefix = "/api/fn/staff", endpoint = "act")]
pub async fn staff_act(
    ticket_no: String,
    version: i64,
    action: String,
    note: Option<String>,
    department: Option<String>,
    reason: Option<String>,
    duplicate_of: Option<String>,
    date: Option<String>,
    text: Option<String>,
    responder: Option<String>,
    phone: Option<String>,
) -> Result<(), StaffError> {
    use crate::model::workflow::EventKind;
    let input = ActionInput {
        ticket_no,
        version,
        action,
        note,
        department,
        reason,
        duplicate_of,
        date,
        text,
        responder,
        phone,
    };
    let state = server::state()?;
    let result = async {
        let staff = server::signed_in(&state).await?;
        let no =
            crate::model::TicketNo::parse(&input.ticket_no).map_err(|_| StaffError::NotFound)?;
        let (event, note) = input.event()?;
        let kind = event.kind();
        crate::services::cases::act(
            &state,
            &staff,
            &no,
            input.version,
            event,
            &note,
            chrono::Utc::now(),
        )
        .await?;
        // A department that handed a case back no longer sees it: back to its queue.
        Ok(if kind == EventKind::HandedBack {
            format!("/staff?done={}", kind.code())
        } else {
            format!("/staff/case?no={no}&done={}", kind.code())
        })
    }
    .await;
    let next = result.clone().unwrap_or_default();
    // A refused reply draft comes back with what was typed.
    let keep: Vec<(&str, &str)> = if input.action == EventKind::ReplyDrafted.code() {
        [
            ("text", &input.text),
            ("responder", &input.responder),
            ("phone", &input.phone),
        ]
        .into_iter()
        .filter_map(|(k, v)| Some((k, v.as_deref()?)))
        .collect()
    } else {
        input
            .note
            .as_deref()
            .map(|n| vec![("note", n)])
            .unwrap_or_default()
    };
    let back = format!(
        "/staff/case?no={}",
        crate::components::layout::percent_encode(input.ticket_no.trim())
    );
    server::finish(result.map(|_| ()), &next, &back, &keep)
}

/// The administrator's list of accounts.
#[server(prefix = "/api/fn/staff", endpoint = "accounts")]
pub async fn staff_accounts() -> Result<AccountsPage, StaffError> {
    let state = server::state()?;
    let result = async {
        let staff = server::signed_in(&state).await?;
        if staff.role != crate::model::staff::Role::Admin {
            return Err(Refusal::WrongRole.into());
        }
        let locale = server::locale();
        let accounts = crate::storage::staff::list(&state.db)
            .await
            .map_err(|_| StaffError::Internal)?
            .into_iter()
            .filter_map(|a| {
                Some(crate::model::console::Account {
                    role: crate::model::staff::Role::from_code(&a.role)?,
                    department_label: a
                        .department
                        .as_deref()
                        .map(|d| state.city.department_label(d, locale)),
                    username: a.username,
                    display_name: a.display_name,
                    active: a.active,
                })
            })
            .collect();
        Ok(AccountsPage {
            me: crate::services::cases::me(&state, &staff, locale),
            accounts,
            departments: state
                .city
                .departments
                .iter()
                .map(|d| (d.code.clone(), d.name.get(locale).to_string()))
                .collect(),
        })
    }
    .await;
    server::answer(result)
}

/// Creates a staff account (administrators only).
#[server(prefix = "/api/fn/staff", endpoint = "create_account")]
pub async fn staff_create_account(
    username: String,
    display_name: String,
    role: String,
    department: Option<String>,
    password: String,
) -> Result<(), StaffError> {
    use crate::services::staff::AccountError;
    let state = server::state()?;
    let result = async {
        let staff = server::signed_in(&state).await?;
        if staff.role != crate::model::staff::Role::Admin {
            return Err(Refusal::WrongRole.into());
        }
        let role = crate::model::staff::Role::from_code(&role).ok_or(StaffError::BadInput {
            field: "role".into(),
        })?;
        crate::services::staff::create_account(
            &state,
            &username,
            &display_name,
            role,
            department.as_deref(),
            &password,
        )
        .await
        .map_err(|e| StaffError::Account {
            code: match e {
                AccountError::BadUsername => "bad_username",
                AccountError::BadDisplayName => "bad_display_name",
                AccountError::WeakPassword => "weak_password",
                AccountError::BadDepartment => "bad_department",
                AccountError::Taken => "taken",
                AccountError::Internal(_) => "internal",
            }
            .into(),
        })?;
        tracing::info!(
            by = staff.username,
            username,
            "account created by administrator"
        );
        Ok(())
    }
    .await;
    server::finish(
        result,
        "/staff/accounts?done=created",
        "/staff/accounts",
        &[],
    )
}

/// Enables or disables an account (administrators only); disabling ends its sessions.
#[server(prefix = "/api/fn/staff", endpoint = "set_active")]
pub async fn staff_set_active(username: String, active: bool) -> Result<(), StaffError> {
    let state = server::state()?;
    let result = async {
        let staff = server::signed_in(&state).await?;
        if staff.role != crate::model::staff::Role::Admin {
            return Err(Refusal::WrongRole.into());
        }
        if staff.username == username && !active {
            return Err(StaffError::Account {
                code: "self".into(),
            });
        }
        let found = crate::storage::staff::set_active(&state.db, &username, active)
            .await
            .map_err(|_| StaffError::Internal)?;
        if !found {
            return Err(StaffError::NotFound);
        }
        tracing::info!(
            by = staff.username,
            username,
            active,
            "account activity changed"
        );
        Ok(())
    }
    .await;
    let done = if active { "enabled" } else { "disabled" };
    server::finish(
        result,
        &format!("/staff/accounts?done={done}"),
        "/staff/accounts",
        &[],
    )
}
