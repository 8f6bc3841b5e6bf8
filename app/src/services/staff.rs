//! Staff accounts and sign-in. Passwords, sessions, the sign-in throttle and cookies are the
//! shared account stack (`services::accounts`, kind `Staff`).
use super::accounts::{self, Kind};
use super::AppState;
use crate::model::staff::{parse_display_name, Actor, Role, Username, MIN_PASSWORD_CHARS};
use crate::storage::staff::{self, CreateError, NewStaff, StaffRow};
use chrono::{DateTime, Utc};

/// The cookie that carries a staff session token.
pub const SESSION_COOKIE: &str = accounts::cookie_name(Kind::Staff);

/// A signed-in staff member.
#[derive(Clone, Debug)]
pub struct Staff {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub department: Option<String>,
}

impl Staff {
    pub fn actor(&self) -> Actor {
        Actor {
            username: self.username.clone(),
            role: self.role,
            department: self.department.clone(),
        }
    }

    fn from_row(row: StaffRow) -> Option<Staff> {
        Some(Staff {
            id: row.id,
            username: row.username,
            display_name: row.display_name,
            role: Role::from_code(&row.role)?,
            department: row.department,
        })
    }
}

pub use crate::model::accounts::AccountError;

fn internal(e: impl std::fmt::Display) -> AccountError {
    tracing::error!(error = %e, "staff accounts");
    AccountError::Internal
}

/// Creates an account (the admin page, the `server admin create` command, demo data).
pub async fn create_account(
    state: &AppState,
    username: &str,
    display_name: &str,
    role: Role,
    department: Option<&str>,
    password: &str,
) -> Result<Staff, AccountError> {
    let username = Username::parse(username).ok_or(AccountError::BadUsername)?;
    let display_name = parse_display_name(display_name).ok_or(AccountError::BadDisplayName)?;
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AccountError::WeakPassword {
            min: MIN_PASSWORD_CHARS,
        });
    }
    let department = department.map(str::trim).filter(|d| !d.is_empty());
    let department_ok = match department {
        Some(d) => role.has_department() && state.city.department(d).is_some(),
        None => !role.has_department(),
    };
    if !department_ok {
        return Err(AccountError::BadDepartment);
    }
    let hash = accounts::hash_off_thread(password)
        .await
        .map_err(internal)?;
    let id = staff::create(
        &state.db,
        NewStaff {
            username: username.as_str(),
            display_name,
            role: role.code(),
            department,
            password_hash: &hash,
            created_at: Utc::now(),
        },
    )
    .await
    .map_err(|e| match e {
        CreateError::Taken => AccountError::Taken,
        CreateError::Db(e) => internal(e),
    })?;
    tracing::info!(
        username = username.as_str(),
        role = role.code(),
        "staff account created"
    );
    Ok(Staff {
        id,
        username: username.as_str().to_string(),
        display_name: display_name.to_string(),
        role,
        department: department.map(String::from),
    })
}

pub async fn set_password(
    state: &AppState,
    username: &str,
    password: &str,
) -> Result<bool, AccountError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AccountError::WeakPassword {
            min: MIN_PASSWORD_CHARS,
        });
    }
    let hash = accounts::hash_off_thread(password)
        .await
        .map_err(internal)?;
    staff::set_password(&state.db, username, &hash)
        .await
        .map_err(internal)
}

/// Why a staff sign-in was refused: the shared account stack's answer.
pub use accounts::SignInRefusal as SignInError;

/// A new session: the token for the cookie (only its hash is stored) and when it expires.
pub struct Session {
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub staff: Staff,
}

/// Checks the password (the shared throttle: per client address, and per username from
/// addresses that never signed in to it) and opens a session.
pub async fn sign_in(
    state: &AppState,
    client: std::net::IpAddr,
    username: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<Session, SignInError> {
    let username = Username::parse(username)
        .map(|u| u.as_str().to_string())
        .unwrap_or_default();
    let row = staff::by_username(&state.db, &username)
        .await
        .map_err(|_| SignInError::Internal)?
        .filter(|r| r.active);
    let stored = row.as_ref().map(|r| r.password_hash.clone());
    if let Err(refusal) =
        accounts::check_password(state, Kind::Staff, &username, client, stored, password, now).await
    {
        // Only a real account's name: a password typed into the username box stays out of
        // the log.
        let account = if row.is_some() {
            username.as_str()
        } else {
            "(no such account)"
        };
        tracing::info!(account, ?refusal, "sign-in refused");
        return Err(refusal);
    }
    let staff = row.and_then(Staff::from_row).ok_or(SignInError::Internal)?;
    let session = accounts::open_session(state, Kind::Staff, staff.id, now)
        .await
        .map_err(|_| SignInError::Internal)?;
    tracing::info!(
        username = staff.username,
        role = staff.role.code(),
        "signed in"
    );
    Ok(Session {
        token: session.token,
        expires_at: session.expires_at,
        staff,
    })
}

/// The staff member behind a session cookie's token, if the session is valid and the account
/// still active.
pub async fn current(
    state: &AppState,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Staff>, sqlx::Error> {
    let Some(id) = accounts::session_account(state, Kind::Staff, token, now).await? else {
        return Ok(None);
    };
    Ok(staff::by_id(&state.db, id)
        .await?
        .filter(|r| r.active)
        .and_then(Staff::from_row))
}

pub async fn sign_out(state: &AppState, token: &str) -> Result<(), sqlx::Error> {
    accounts::close_session(state, Kind::Staff, token).await
}

/// An active account by username (demo data, tests, admin tools).
pub async fn by_username(state: &AppState, username: &str) -> Result<Option<Staff>, sqlx::Error> {
    Ok(staff::by_username(&state.db, username)
        .await?
        .filter(|r| r.active)
        .and_then(Staff::from_row))
}

/// Reads the staff session token from a `Cookie` header.
pub fn token_from_headers(headers: &http::HeaderMap) -> Option<String> {
    accounts::cookie_value(headers, SESSION_COOKIE)
}

/// The `Set-Cookie` value for a session (or, with `None`, one that removes it).
pub fn session_cookie(session: Option<&Session>, secure: bool) -> String {
    accounts::session_cookie(Kind::Staff, session.map(|s| s.token.as_str()), secure)
}

/// The demo accounts, one per role, all with `DEMO_PASSWORD` (documented in the README).
pub const DEMO_PASSWORD: &str = "minsheng-demo";
pub const DEMO_ACCOUNTS: &[(&str, &str, Role, Option<&str>)] = &[
    ("admin", "系统管理员", Role::Admin, None),
    ("operator", "受理员 陈静", Role::Operator, None),
    ("supervisor", "督办员 刘强", Role::Supervisor, None),
    (
        "urban.handler",
        "城管局 王明",
        Role::Handler,
        Some("dept-urban"),
    ),
    (
        "urban.head",
        "城管局 赵科长",
        Role::Head,
        Some("dept-urban"),
    ),
    (
        "rencheng.handler",
        "任城区 孙丽",
        Role::Handler,
        Some("dept-rencheng"),
    ),
    (
        "rencheng.head",
        "任城区 周主任",
        Role::Head,
        Some("dept-rencheng"),
    ),
    (
        "water.handler",
        "水务集团 李华",
        Role::Handler,
        Some("dept-water"),
    ),
    (
        "water.head",
        "水务集团 吴经理",
        Role::Head,
        Some("dept-water"),
    ),
];

/// Seeds the demo accounts into an empty staff table. Returns how many were added.
pub async fn seed_demo_accounts(state: &AppState) -> Result<usize, super::demo::DemoError> {
    use super::demo::DemoError;
    if staff::count(&state.db).await? > 0 {
        return Ok(0);
    }
    for (username, name, role, department) in DEMO_ACCOUNTS {
        // Skip department accounts whose department the configured city lacks.
        if department.is_some_and(|d| state.city.department(d).is_none()) {
            continue;
        }
        create_account(state, username, name, *role, *department, DEMO_PASSWORD)
            .await
            .map_err(|error| DemoError::Account { username, error })?;
    }
    Ok(DEMO_ACCOUNTS.len())
}
