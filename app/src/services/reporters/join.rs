//! Registering with a code sent to the mobile, and resetting a forgotten password.
use super::{internal, open_session, Reporter, ReporterError, Session};
use crate::model::reward::parse_nickname;
use crate::model::staff::MIN_PASSWORD_CHARS;
use crate::model::MobilePhone;
use crate::services::accounts::{self};
use crate::services::sms::{CodeFor, Message};
use crate::services::AppState;
use crate::storage::reporters::{self as store, CreateError, NewReporter};
use chrono::{DateTime, Utc};

fn address_limited(state: &AppState, client: std::net::IpAddr) -> bool {
    state.signin_limiter.check_key(&client).is_err()
}

/// Which form asked for a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeStep {
    /// `/rewards/join`: a code to register the mobile.
    Join,
    /// `/rewards/reset`: a code to set a new password.
    Reset,
}

/// Asks for a one-time code. The answer is the same whether or not the mobile has an account
/// ("if this number can receive a code, one was sent"); only the SMS differs, and only the
/// phone's holder reads it:
/// - join, no account: a registration code;
/// - join, an account: "already registered" with a password reset code;
/// - reset, an account: a password reset code;
/// - reset, no account: nothing.
///
/// Limits (all per mobile, whatever is sent): one request per `code_resend_seconds` and
/// `codes_per_day` a day; and the client address's sign-in allowance.
pub async fn request_code(
    state: &AppState,
    client: std::net::IpAddr,
    mobile: &str,
    step: CodeStep,
    now: DateTime<Utc>,
) -> Result<(), ReporterError> {
    let mobile = MobilePhone::parse(mobile).ok_or(ReporterError::BadMobile)?;
    if address_limited(state, client) {
        return Err(ReporterError::RateLimited);
    }
    accounts::count_code_request(state, &mobile, now).await?;
    let registered = store::by_mobile(&state.db, mobile.as_str())
        .await
        .map_err(internal)?
        .is_some();
    let minutes = state.accounts.code_minutes;
    let purpose = match (step, registered) {
        (CodeStep::Join, false) => CodeFor::Registration,
        (_, true) | (CodeStep::Reset, false) => CodeFor::PasswordReset,
    };
    // Every branch stores a code (the same work, the same time); a reset code for a mobile
    // without an account is sent to nobody and can reset nothing.
    let code = accounts::new_code(state, &mobile, purpose, now).await?;
    let message = match (step, registered) {
        (CodeStep::Reset, false) => return Ok(()),
        (CodeStep::Join, true) => Message::AlreadyRegistered {
            code: &code,
            minutes,
        },
        _ => Message::Code {
            purpose,
            code: &code,
            minutes,
        },
    };
    // A failed send is logged, not told: telling it would tell which mobiles got a message.
    if let Err(e) = accounts::send(state, &mobile, &message) {
        tracing::error!(error = %e, mobile = mobile.masked(), "sending a one-time code failed");
    }
    Ok(())
}

/// What the registration form sends.
pub struct Registration<'a> {
    pub mobile: &'a str,
    pub code: &'a str,
    pub nickname: &'a str,
    pub password: &'a str,
}

/// Creates the account once the code is right, and signs it in.
pub async fn register(
    state: &AppState,
    client: std::net::IpAddr,
    form: Registration<'_>,
    now: DateTime<Utc>,
) -> Result<Session, ReporterError> {
    let mobile = MobilePhone::parse(form.mobile).ok_or(ReporterError::BadMobile)?;
    let nickname = parse_nickname(form.nickname).ok_or(ReporterError::BadNickname)?;
    if form.password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(ReporterError::WeakPassword {
            min: MIN_PASSWORD_CHARS,
        });
    }
    if address_limited(state, client) {
        return Err(ReporterError::RateLimited);
    }
    if store::nickname_taken(&state.db, &nickname)
        .await
        .map_err(internal)?
    {
        return Err(ReporterError::NicknameTaken);
    }
    let hash = accounts::check_code(state, &mobile, CodeFor::Registration, form.code, now).await?;
    let password_hash = hash_password(form.password).await?;
    let id = store::create(
        &state.db,
        NewReporter {
            mobile: mobile.as_str(),
            nickname: &nickname,
            password_hash: &password_hash,
            code_hash: &hash,
        },
        now,
    )
    .await
    .map_err(|e| match e {
        CreateError::CodeGone => ReporterError::BadCode,
        CreateError::MobileTaken => ReporterError::RegistrationFailed,
        CreateError::NicknameTaken => ReporterError::NicknameTaken,
        CreateError::Db(e) => internal(e),
    })?;
    tracing::info!(reporter = id, "reporter registered");
    open_session(
        state,
        client,
        Reporter {
            id,
            mobile,
            nickname,
            real_name: None,
            payout_account: None,
        },
        now,
    )
    .await
}

async fn hash_password(password: &str) -> Result<String, ReporterError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(ReporterError::WeakPassword {
            min: MIN_PASSWORD_CHARS,
        });
    }
    accounts::hash_off_thread(password).await.map_err(internal)
}

/// Sets a new password with a one-time code sent to the account's mobile. Every session of the
/// account ends; the reporter is signed in anew.
pub async fn reset_password(
    state: &AppState,
    client: std::net::IpAddr,
    mobile: &str,
    code: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<Session, ReporterError> {
    let mobile = MobilePhone::parse(mobile).ok_or(ReporterError::BadMobile)?;
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(ReporterError::WeakPassword {
            min: MIN_PASSWORD_CHARS,
        });
    }
    if address_limited(state, client) {
        return Err(ReporterError::RateLimited);
    }
    let hash = accounts::check_code(state, &mobile, CodeFor::PasswordReset, code, now).await?;
    let password_hash = hash_password(password).await?;
    let row = store::reset_password(&state.db, mobile.as_str(), &hash, &password_hash, now)
        .await
        .map_err(internal)?
        .ok_or(ReporterError::BadCode)?;
    tracing::info!(reporter = row.id, "reporter password reset");
    open_session(
        state,
        client,
        Reporter::from_row(row).ok_or(ReporterError::Internal)?,
        now,
    )
    .await
}
