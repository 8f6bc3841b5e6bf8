//! Reporter accounts (市民通): registration with a one-time code sent to the mobile, sign-in
//! with mobile and password, password reset, and the payout details (changed only with a
//! code sent to the account's mobile). Passwords, sessions, the sign-in throttle, codes and
//! their caps are the shared account stack (`services::accounts`, kind `Reporter`).
use super::accounts::{self, CodeError, Kind, SignInRefusal};
use super::sms::{CodeFor, Message};
use super::AppState;
use crate::model::reward::{parse_nickname, parse_payout_account};
use crate::model::snap::SnapContact;
use crate::model::staff::MIN_PASSWORD_CHARS;
use crate::model::MobilePhone;
use crate::storage::reporters::{self as store, CreateError, NewReporter, ReporterRow};
use chrono::{DateTime, Utc};

/// The cookie that carries a reporter session token.
pub const SESSION_COOKIE: &str = accounts::cookie_name(Kind::Reporter);
/// Longest real name for a payout claim.
pub const REAL_NAME_MAX_CHARS: usize = 30;

/// A signed-in reporter.
#[derive(Clone, Debug)]
pub struct Reporter {
    pub id: i64,
    pub mobile: MobilePhone,
    pub nickname: String,
    pub real_name: Option<String>,
    pub payout_account: Option<String>,
}

impl Reporter {
    fn from_row(row: ReporterRow) -> Option<Reporter> {
        Some(Reporter {
            id: row.id,
            mobile: MobilePhone::parse(&row.mobile)?,
            nickname: row.nickname,
            real_name: row.real_name,
            payout_account: row.payout_account,
        })
    }

    pub fn contact(&self) -> SnapContact {
        SnapContact {
            nickname: self.nickname.clone(),
            mobile: self.mobile.clone(),
        }
    }
}

/// Why a reporter's request was refused; `code()` is what forms and i18n use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReporterError {
    #[error("not a mobile number")]
    BadMobile,
    #[error("wait a minute before asking for another code")]
    TooSoon,
    #[error("no more codes for this mobile today")]
    TooManyCodes,
    #[error("too many wrong codes for this mobile today")]
    TooManyFailures,
    #[error("the code is wrong or expired")]
    BadCode,
    /// The last step of registering failed for a reason that must not be told (the mobile got
    /// an account meanwhile): the same answer for every such case.
    #[error("registration did not complete")]
    RegistrationFailed,
    #[error("nickname: 2–16 letters or digits")]
    BadNickname,
    #[error("the nickname is taken")]
    NicknameTaken,
    #[error("password too short")]
    WeakPassword,
    #[error("wrong mobile or password")]
    BadCredentials,
    #[error("too many attempts")]
    RateLimited,
    #[error("not signed in")]
    SignedOut,
    #[error("real name: 2–30 characters")]
    BadRealName,
    #[error("payout account: 6–40 letters and digits")]
    BadAccount,
    #[error("the message could not be sent")]
    SendFailed,
    #[error("internal error")]
    Internal,
}

impl ReporterError {
    pub fn code(self) -> &'static str {
        match self {
            ReporterError::BadMobile => "bad_mobile",
            ReporterError::TooSoon => "too_soon",
            ReporterError::TooManyCodes => "too_many_codes",
            ReporterError::TooManyFailures => "too_many_failures",
            ReporterError::BadCode => "bad_code",
            ReporterError::RegistrationFailed => "registration_failed",
            ReporterError::BadNickname => "bad_nickname",
            ReporterError::NicknameTaken => "nickname_taken",
            ReporterError::WeakPassword => "weak_password",
            ReporterError::BadCredentials => "bad_credentials",
            ReporterError::RateLimited => "rate_limited",
            ReporterError::SignedOut => "signed_out",
            ReporterError::BadRealName => "bad_real_name",
            ReporterError::BadAccount => "bad_account",
            ReporterError::SendFailed => "send_failed",
            ReporterError::Internal => "internal",
        }
    }

    pub const ALL: [ReporterError; 16] = [
        ReporterError::BadMobile,
        ReporterError::TooSoon,
        ReporterError::TooManyCodes,
        ReporterError::TooManyFailures,
        ReporterError::BadCode,
        ReporterError::RegistrationFailed,
        ReporterError::BadNickname,
        ReporterError::NicknameTaken,
        ReporterError::WeakPassword,
        ReporterError::BadCredentials,
        ReporterError::RateLimited,
        ReporterError::SignedOut,
        ReporterError::BadRealName,
        ReporterError::BadAccount,
        ReporterError::SendFailed,
        ReporterError::Internal,
    ];
}

fn internal(e: impl std::fmt::Display) -> ReporterError {
    tracing::error!(error = %e, "reporter accounts");
    ReporterError::Internal
}

impl From<CodeError> for ReporterError {
    fn from(e: CodeError) -> Self {
        match e {
            CodeError::TooSoon => ReporterError::TooSoon,
            CodeError::TooManyCodes => ReporterError::TooManyCodes,
            CodeError::TooManyFailures => ReporterError::TooManyFailures,
            CodeError::BadCode => ReporterError::BadCode,
            CodeError::Internal => ReporterError::Internal,
        }
    }
}

impl From<SignInRefusal> for ReporterError {
    fn from(r: SignInRefusal) -> Self {
        match r {
            SignInRefusal::BadCredentials => ReporterError::BadCredentials,
            SignInRefusal::RateLimited => ReporterError::RateLimited,
            SignInRefusal::Internal => ReporterError::Internal,
        }
    }
}

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
        return Err(ReporterError::WeakPassword);
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
        return Err(ReporterError::WeakPassword);
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
        return Err(ReporterError::WeakPassword);
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

/// A new session: the token for the cookie (only its hash is stored).
pub struct Session {
    pub token: String,
    pub reporter: Reporter,
}

/// Opens a session for a reporter who just proved to hold the account (password or code);
/// `client` becomes one of the account's known addresses.
async fn open_session(
    state: &AppState,
    client: std::net::IpAddr,
    reporter: Reporter,
    now: DateTime<Utc>,
) -> Result<Session, ReporterError> {
    accounts::remember_address(state, Kind::Reporter, reporter.mobile.as_str(), client, now)
        .await?;
    let session = accounts::open_session(state, Kind::Reporter, reporter.id, now)
        .await
        .map_err(internal)?;
    Ok(Session {
        token: session.token,
        reporter,
    })
}

/// Signs in with mobile and password (the shared throttle: per client address, and per
/// mobile from addresses that never signed in to it).
pub async fn sign_in(
    state: &AppState,
    client: std::net::IpAddr,
    mobile: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<Session, ReporterError> {
    let mobile_text = MobilePhone::parse(mobile)
        .map(|m| m.as_str().to_string())
        .unwrap_or_default();
    let row = store::by_mobile(&state.db, &mobile_text)
        .await
        .map_err(internal)?;
    let stored = row.as_ref().map(|r| r.password_hash.clone());
    accounts::check_password(
        state,
        Kind::Reporter,
        &mobile_text,
        client,
        stored,
        password,
        now,
    )
    .await?;
    let reporter = row
        .and_then(Reporter::from_row)
        .ok_or(ReporterError::Internal)?;
    let session = accounts::open_session(state, Kind::Reporter, reporter.id, now)
        .await
        .map_err(internal)?;
    Ok(Session {
        token: session.token,
        reporter,
    })
}

/// The reporter behind a session token, if the session is valid.
pub async fn current(
    state: &AppState,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Reporter>, ReporterError> {
    let Some(id) = accounts::session_account(state, Kind::Reporter, token, now)
        .await
        .map_err(internal)?
    else {
        return Ok(None);
    };
    Ok(store::by_id(&state.db, id)
        .await
        .map_err(internal)?
        .and_then(Reporter::from_row))
}

pub async fn sign_out(state: &AppState, token: &str) -> Result<(), ReporterError> {
    accounts::close_session(state, Kind::Reporter, token)
        .await
        .map_err(internal)
}

/// Sends a code to the signed-in reporter's own mobile for changing the payout details.
/// Same per-mobile limits as every code.
pub async fn request_payout_code(
    state: &AppState,
    reporter: &Reporter,
    now: DateTime<Utc>,
) -> Result<(), ReporterError> {
    let mobile = &reporter.mobile;
    accounts::count_code_request(state, mobile, now).await?;
    let code = accounts::new_code(state, mobile, CodeFor::PayoutDetails, now).await?;
    let message = Message::Code {
        purpose: CodeFor::PayoutDetails,
        code: &code,
        minutes: state.accounts.code_minutes,
    };
    accounts::send(state, mobile, &message).map_err(|e| {
        tracing::error!(error = %e, "sending a one-time code failed");
        ReporterError::SendFailed
    })
}

/// Gives or changes the real name and payout account a payout needs (asked only then). Every
/// save, the first one included, needs a fresh code sent to the account's mobile: a stolen
/// session alone cannot send the reporter's money elsewhere.
pub async fn claim(
    state: &AppState,
    reporter: &Reporter,
    real_name: &str,
    account: &str,
    code: &str,
    now: DateTime<Utc>,
) -> Result<(), ReporterError> {
    let real_name = real_name.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = real_name.chars().count();
    if !(2..=REAL_NAME_MAX_CHARS).contains(&n) || real_name.chars().any(char::is_control) {
        return Err(ReporterError::BadRealName);
    }
    let account = parse_payout_account(account).ok_or(ReporterError::BadAccount)?;
    let hash =
        accounts::check_code(state, &reporter.mobile, CodeFor::PayoutDetails, code, now).await?;
    let saved = store::set_payout(
        &state.db,
        reporter.id,
        reporter.mobile.as_str(),
        &hash,
        &real_name,
        &account,
        now,
    )
    .await
    .map_err(internal)?;
    if !saved {
        return Err(ReporterError::BadCode);
    }
    tracing::info!(reporter = reporter.id, "payout details changed");
    Ok(())
}

/// The `Set-Cookie` value for a reporter session (or, with `None`, one that removes it).
pub fn session_cookie(session: Option<&Session>, secure: bool) -> String {
    accounts::session_cookie(Kind::Reporter, session.map(|s| s.token.as_str()), secure)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{reporter_error, Locale};

    #[test]
    fn every_refusal_has_its_own_message_in_both_languages() {
        for locale in Locale::ALL {
            let fallback = reporter_error(locale, "internal");
            for e in ReporterError::ALL {
                if e != ReporterError::Internal {
                    assert_ne!(reporter_error(locale, e.code()), fallback, "{e:?}");
                }
            }
        }
    }
}
