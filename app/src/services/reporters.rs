//! Reporter accounts (市民通): registration with a one-time code sent to the mobile, sign-in
//! with mobile and password (argon2id), sessions in the database, and the payout claim.
use super::staff::hash_password;
use super::AppState;
use crate::model::reward::{parse_nickname, parse_payout_account};
use crate::model::snap::SnapContact;
use crate::model::staff::MIN_PASSWORD_CHARS;
use crate::model::MobilePhone;
use crate::storage::reporters::{self as store, CreateError, NewReporter, ReporterRow};
use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// The cookie that carries a reporter session token.
pub const SESSION_COOKIE: &str = "minsheng_reporter";
pub const SESSION_DAYS: i64 = 30;
/// A one-time code works this long, once.
pub const CODE_MINUTES: i64 = 10;
/// A new code for the same mobile only after this long.
pub const CODE_RESEND_SECONDS: i64 = 60;
/// Wrong guesses before a code stops working.
pub const CODE_MAX_ATTEMPTS: i64 = 5;
/// Longest real name for a payout claim.
pub const REAL_NAME_MAX_CHARS: usize = 30;

/// Sends text messages. The shipped `LogSender` writes them to the server log; a city plugs
/// its SMS gateway in by implementing this.
pub trait MessageSender: Send + Sync {
    fn send_code(&self, mobile: &MobilePhone, code: &str) -> Result<(), String>;
}

/// Writes the one-time code to the server log (development, demo, tests).
pub struct LogSender;

impl MessageSender for LogSender {
    fn send_code(&self, mobile: &MobilePhone, code: &str) -> Result<(), String> {
        tracing::warn!(
            target: "minsheng::sms",
            "SMS to {}: 民声验证码 {code}，{CODE_MINUTES} 分钟内有效 (log sender: no SMS gateway configured)",
            mobile.as_str()
        );
        Ok(())
    }
}

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
    #[error("the mobile number is registered already")]
    MobileTaken,
    #[error("no account has this mobile number")]
    NotRegistered,
    #[error("wait a minute before asking for another code")]
    TooSoon,
    #[error("the code is wrong or expired")]
    BadCode,
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
            ReporterError::MobileTaken => "mobile_taken",
            ReporterError::NotRegistered => "not_registered",
            ReporterError::TooSoon => "too_soon",
            ReporterError::BadCode => "bad_code",
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

    pub const ALL: [ReporterError; 15] = [
        ReporterError::BadMobile,
        ReporterError::MobileTaken,
        ReporterError::NotRegistered,
        ReporterError::TooSoon,
        ReporterError::BadCode,
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

fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// The stored form of a code: keyed, so the database alone does not give codes away.
fn code_hash(state: &AppState, mobile: &MobilePhone, code: &str) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(state.codes.key()).expect("HMAC takes any key length");
    mac.update(b"mobile-code:");
    mac.update(mobile.as_str().as_bytes());
    mac.update(b":");
    mac.update(code.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

fn limited(state: &AppState, client: std::net::IpAddr, mobile: &str) -> bool {
    state.signin_limiter.check_key(&client).is_err()
        || state
            .signin_user_limiter
            .check_key(&format!("reporter:{mobile}"))
            .is_err()
}

/// What a one-time code is for. A mobile without an account can only register, one with an
/// account can only reset its password, so one live code per mobile serves both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeFor {
    Registration,
    PasswordReset,
}

/// Sends a one-time code: for registering a mobile that has no account yet, or for resetting
/// the password of one that has. One code per minute per mobile; limited per client address
/// and per mobile like sign-ins.
pub async fn request_code(
    state: &AppState,
    client: std::net::IpAddr,
    mobile: &str,
    purpose: CodeFor,
    now: DateTime<Utc>,
) -> Result<(), ReporterError> {
    let mobile = MobilePhone::parse(mobile).ok_or(ReporterError::BadMobile)?;
    if limited(state, client, mobile.as_str()) {
        return Err(ReporterError::RateLimited);
    }
    let registered = store::by_mobile(&state.db, mobile.as_str())
        .await
        .map_err(internal)?
        .is_some();
    match (purpose, registered) {
        (CodeFor::Registration, true) => return Err(ReporterError::MobileTaken),
        (CodeFor::PasswordReset, false) => return Err(ReporterError::NotRegistered),
        _ => {}
    }
    if let Some(old) = store::code_of(&state.db, mobile.as_str())
        .await
        .map_err(internal)?
    {
        if now < old.sent_at + Duration::seconds(CODE_RESEND_SECONDS) {
            return Err(ReporterError::TooSoon);
        }
    }
    let code = format!("{:06}", rand::random_range(0..1_000_000u32));
    store::put_code(
        &state.db,
        mobile.as_str(),
        &code_hash(state, &mobile, &code),
        now,
        now + Duration::minutes(CODE_MINUTES),
    )
    .await
    .map_err(internal)?;
    state.sender.send_code(&mobile, &code).map_err(|e| {
        tracing::error!(error = %e, "sending a one-time code failed");
        ReporterError::SendFailed
    })
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
    if limited(state, client, mobile.as_str()) {
        return Err(ReporterError::RateLimited);
    }
    if store::nickname_taken(&state.db, &nickname)
        .await
        .map_err(internal)?
    {
        return Err(ReporterError::NicknameTaken);
    }
    let hash = check_code(state, &mobile, form.code, now).await?;
    let password_hash = hash_off_thread(form.password).await?;
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
        CreateError::MobileTaken => ReporterError::MobileTaken,
        CreateError::NicknameTaken => ReporterError::NicknameTaken,
        CreateError::Db(e) => internal(e),
    })?;
    tracing::info!(reporter = id, "reporter registered");
    open_session(
        state,
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

/// Checks a one-time code against the live one of the mobile (counting a wrong guess);
/// returns its stored hash, which the caller's transaction uses up.
async fn check_code(
    state: &AppState,
    mobile: &MobilePhone,
    code: &str,
    now: DateTime<Utc>,
) -> Result<String, ReporterError> {
    use subtle::ConstantTimeEq;
    let stored = store::code_of(&state.db, mobile.as_str())
        .await
        .map_err(internal)?
        .filter(|c| c.expires_at > now && c.attempts < CODE_MAX_ATTEMPTS)
        .ok_or(ReporterError::BadCode)?;
    let hash = code_hash(state, mobile, code.trim());
    if bool::from(hash.as_bytes().ct_eq(stored.code_hash.as_bytes())) {
        Ok(hash)
    } else {
        store::wrong_guess(&state.db, mobile.as_str(), CODE_MAX_ATTEMPTS)
            .await
            .map_err(internal)?;
        Err(ReporterError::BadCode)
    }
}

async fn hash_off_thread(password: &str) -> Result<String, ReporterError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(ReporterError::WeakPassword);
    }
    let password = password.to_string();
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(internal)?
        .map_err(internal)
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
    if limited(state, client, mobile.as_str()) {
        return Err(ReporterError::RateLimited);
    }
    let hash = check_code(state, &mobile, code, now).await?;
    let password_hash = hash_off_thread(password).await?;
    let row = store::reset_password(&state.db, mobile.as_str(), &hash, &password_hash, now)
        .await
        .map_err(internal)?
        .ok_or(ReporterError::BadCode)?;
    tracing::info!(reporter = row.id, "reporter password reset");
    open_session(
        state,
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

async fn open_session(
    state: &AppState,
    reporter: Reporter,
    now: DateTime<Utc>,
) -> Result<Session, ReporterError> {
    let token = hex::encode(rand::random::<[u8; 32]>());
    store::create_session(
        &state.db,
        &sha256_hex(&token),
        reporter.id,
        now,
        now + Duration::days(SESSION_DAYS),
    )
    .await
    .map_err(internal)?;
    Ok(Session { token, reporter })
}

/// Signs in with mobile and password. Unknown mobiles cost the same hashing time.
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
    if limited(state, client, &mobile_text) {
        return Err(ReporterError::RateLimited);
    }
    let row = store::by_mobile(&state.db, &mobile_text)
        .await
        .map_err(internal)?;
    let hash = row
        .as_ref()
        .map(|r| r.password_hash.clone())
        .unwrap_or_else(|| state.dummy_password_hash.to_string());
    let password = password.to_string();
    let ok = tokio::task::spawn_blocking(move || super::staff::verify_password(&password, &hash))
        .await
        .map_err(internal)?;
    match row.and_then(|r| if ok { Reporter::from_row(r) } else { None }) {
        Some(reporter) => open_session(state, reporter, now).await,
        None => Err(ReporterError::BadCredentials),
    }
}

/// The reporter behind a session token, if the session is valid.
pub async fn current(
    state: &AppState,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Reporter>, ReporterError> {
    if token.len() != 64 {
        return Ok(None);
    }
    Ok(store::session_reporter(&state.db, &sha256_hex(token), now)
        .await
        .map_err(internal)?
        .and_then(Reporter::from_row))
}

pub async fn sign_out(state: &AppState, token: &str) -> Result<(), ReporterError> {
    store::delete_session(&state.db, &sha256_hex(token))
        .await
        .map_err(internal)
}

/// Gives the real name and payout account a payout needs (asked only then).
pub async fn claim(
    state: &AppState,
    reporter: &Reporter,
    real_name: &str,
    account: &str,
) -> Result<(), ReporterError> {
    let real_name = real_name.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = real_name.chars().count();
    if !(2..=REAL_NAME_MAX_CHARS).contains(&n) || real_name.chars().any(char::is_control) {
        return Err(ReporterError::BadRealName);
    }
    let account = parse_payout_account(account).ok_or(ReporterError::BadAccount)?;
    store::set_payout(&state.db, reporter.id, &real_name, &account)
        .await
        .map_err(internal)
}

/// The `Set-Cookie` value for a reporter session (or, with `None`, one that removes it).
pub fn session_cookie(session: Option<&Session>, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    match session {
        // Lax, not Strict: a reporter who follows a link to /snap arrives signed in.
        Some(s) => format!(
            "{SESSION_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
            s.token,
            SESSION_DAYS * 24 * 3600
        ),
        None => format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    }
}
