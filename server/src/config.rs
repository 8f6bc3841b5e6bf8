//! Configuration from environment variables, with defaults for a first run on one machine.
use app::services::UploadLimits;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct Config {
    pub addr: SocketAddr,
    pub data_dir: PathBuf,
    pub database_url: String,
    /// Largest PostgreSQL connection pool of this instance.
    /// `None`: the engine's default (`app::storage::DEFAULT_*_CONNECTIONS`).
    pub db_connections: Option<u32>,
    /// This instance's name among the instances of a deployment (job leases).
    pub instance: String,
    /// Where photos are kept: a directory, or `s3://bucket/prefix` (None: `<data dir>/photos`).
    pub photo_store: Option<String>,
    pub city_file: Option<PathBuf>,
    pub calendar_file: Option<PathBuf>,
    pub secret: Option<String>,
    pub public_url: String,
    pub limits: UploadLimits,
    pub lookups_per_minute: u32,
    pub submissions_per_minute: u32,
    pub open311_per_minute: u32,
    pub trust_forwarded_for: bool,
    pub demo_data: bool,
    /// Cases of demo history to add over the last year to a new demo database (0: none).
    pub demo_history: usize,
    pub signins_per_minute: u32,
    pub secure_cookies: bool,
    pub deadlines: app::model::calendar::Limits,
    /// Which sender delivers text messages (one-time codes, progress messages).
    pub sms_sender: SmsSender,
    /// The first wait before a refused progress message is tried again.
    pub sms_retry_secs: i64,
    /// Limits of one-time codes and the sign-in throttle.
    pub accounts: app::services::accounts::Policy,
    pub listener: crate::listener::Bounds,
    pub uploads: crate::intake::UploadBounds,
}

/// The shipped message senders (`MINSHENG_SMS_SENDER`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SmsSender {
    /// Writes messages to the server log: codes and mobiles in full on an http (development)
    /// portal; on an https portal only the masked mobile and "code sent".
    Log,
    /// Runs a program for each message (the city's gateway client).
    Command(std::path::PathBuf),
}

pub use crate::variables::VARIABLES;

#[derive(Debug)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

fn var(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

fn parsed<T: std::str::FromStr>(name: &str, default: T) -> Result<T, ConfigError> {
    match var(name) {
        None => Ok(default),
        Some(v) => v
            .parse()
            .map_err(|_| ConfigError(format!("{name}={v:?} is not valid"))),
    }
}

fn flag(name: &str) -> Result<bool, ConfigError> {
    match var(name).as_deref().map(str::to_ascii_lowercase).as_deref() {
        None | Some("0" | "false" | "no" | "off") => Ok(false),
        Some("1" | "true" | "yes" | "on") => Ok(true),
        Some(v) => Err(ConfigError(format!("{name}={v:?}: use true or false"))),
    }
}

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
        let addr_text = var("MINSHENG_ADDR")
            .or_else(|| var("LEPTOS_SITE_ADDR"))
            .unwrap_or_else(|| "127.0.0.1:3000".into());
        let addr: SocketAddr = addr_text
            .parse()
            .map_err(|_| ConfigError(format!("MINSHENG_ADDR={addr_text:?} is not host:port")))?;
        let data_dir = PathBuf::from(var("MINSHENG_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = var("DATABASE_URL")
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("minsheng.db").display()));
        let mb = |name, default: u64| parsed(name, default).map(|v: u64| v << 20);
        let defaults = UploadLimits::default();
        let limits = UploadLimits {
            max_photo_bytes: mb("MINSHENG_MAX_PHOTO_MB", defaults.max_photo_bytes >> 20)?,
            max_upload_bytes: mb("MINSHENG_MAX_UPLOAD_MB", defaults.max_upload_bytes >> 20)?,
            max_pixels: parsed("MINSHENG_MAX_MEGAPIXELS", defaults.max_pixels / 1_000_000)?
                * 1_000_000,
            max_decode_bytes: mb("MINSHENG_DECODE_MEMORY_MB", defaults.max_decode_bytes >> 20)?,
            ..defaults
        };
        let positive = |name, default: u64| -> Result<u64, ConfigError> {
            match parsed(name, default)? {
                0 => Err(ConfigError(format!("{name}=0: use a positive number"))),
                v => Ok(v),
            }
        };
        let secs = |name, default| positive(name, default).map(std::time::Duration::from_secs);
        let listener = crate::listener::Bounds {
            header_timeout: secs("MINSHENG_HEADER_TIMEOUT_SECS", 10)?,
            body_timeout: secs("MINSHENG_BODY_TIMEOUT_SECS", 60)?,
            max_connections: positive("MINSHENG_MAX_CONNECTIONS", 1024)? as usize,
        };
        let uploads = crate::intake::UploadBounds {
            in_flight: positive("MINSHENG_UPLOADS_IN_FLIGHT", 64)? as usize,
            buffer_bytes: positive("MINSHENG_UPLOAD_BUFFER_MB", 128)? << 20,
            body_timeout: listener.body_timeout,
        };
        if uploads.buffer_bytes < 2 * limits.max_upload_bytes {
            return Err(ConfigError(
                "MINSHENG_UPLOAD_BUFFER_MB must be at least twice MINSHENG_MAX_UPLOAD_MB (buffers grow by doubling)".into(),
            ));
        }
        let public_url = var("MINSHENG_PUBLIC_URL")
            .unwrap_or_else(|| format!("http://{addr}"))
            .trim_end_matches('/')
            .to_string();
        let secure_default = public_url.starts_with("https://");
        let secure_cookies = match var("MINSHENG_SECURE_COOKIES") {
            None => secure_default,
            Some(_) => flag("MINSHENG_SECURE_COOKIES")?,
        };
        let limit_defaults = app::model::calendar::Limits::default();
        let days = |name, default: u32| -> Result<u32, ConfigError> {
            let v: u32 = parsed(name, default)?;
            if (1..=30).contains(&v) {
                Ok(v)
            } else {
                Err(ConfigError(format!("{name}={v}: use 1 to 30 working days")))
            }
        };
        let deadlines = app::model::calendar::Limits {
            hand_back: days("MINSHENG_HAND_BACK_DAYS", limit_defaults.hand_back)?,
            reply: days("MINSHENG_REPLY_DAYS", limit_defaults.reply)?,
            reply_utility: days("MINSHENG_REPLY_DAYS_UTILITY", limit_defaults.reply_utility)?,
            rating_days: {
                let v: u32 = parsed("MINSHENG_RATING_DAYS", limit_defaults.rating_days)?;
                if !(1..=60).contains(&v) {
                    return Err(ConfigError(format!(
                        "MINSHENG_RATING_DAYS={v}: use 1 to 60 calendar days"
                    )));
                }
                v
            },
        };
        let sms_sender = match var("MINSHENG_SMS_SENDER").as_deref() {
            None | Some("log") => SmsSender::Log,
            Some(other) => match other.strip_prefix("command:") {
                Some(program) if std::path::Path::new(program).is_file() => {
                    SmsSender::Command(program.into())
                }
                _ => {
                    return Err(ConfigError(format!(
                        "MINSHENG_SMS_SENDER={other:?}: use `log` or `command:/path/to/program` \
                         (an existing program file)"
                    )))
                }
            },
        };
        let sms_retry_secs = match var("MINSHENG_SMS_RETRY_SECS") {
            None => 30,
            Some(v) => match v.parse::<i64>() {
                Ok(n) if (1..=3600).contains(&n) => n,
                _ => {
                    return Err(ConfigError(format!(
                        "MINSHENG_SMS_RETRY_SECS={v}: use 1 to 3600 seconds"
                    )))
                }
            },
        };
        let allow_log_sender = flag("MINSHENG_ALLOW_LOG_SENDER")?;
        if sms_sender == SmsSender::Log
            && !crate::public_url::is_local(&public_url)
            && !allow_log_sender
        {
            return Err(ConfigError(format!(
                "MINSHENG_PUBLIC_URL={public_url} is a public portal but MINSHENG_SMS_SENDER=log \
                 sends no text messages: configure an SMS gateway, or set MINSHENG_ALLOW_LOG_SENDER=true \
                 to run without one (codes are then never written to the log, so nobody can register)"
            )));
        }
        let policy_defaults = app::services::accounts::Policy::default();
        let count = |name, default: i64, max: i64| -> Result<i64, ConfigError> {
            let v: i64 = parsed(name, default)?;
            if (0..=max).contains(&v) {
                Ok(v)
            } else {
                Err(ConfigError(format!("{name}={v}: use 0 to {max}")))
            }
        };
        let accounts = app::services::accounts::Policy {
            codes_per_day: count("MINSHENG_CODES_PER_DAY", policy_defaults.codes_per_day, 100)?,
            code_failures_per_day: count(
                "MINSHENG_CODE_FAILURES_PER_DAY",
                policy_defaults.code_failures_per_day,
                100,
            )?,
            code_resend_seconds: count(
                "MINSHENG_CODE_RESEND_SECONDS",
                policy_defaults.code_resend_seconds,
                3600,
            )?,
            ..policy_defaults
        };
        Ok(Config {
            sms_sender,
            sms_retry_secs,
            accounts,
            public_url,
            signins_per_minute: parsed("MINSHENG_SIGNINS_PER_MINUTE", 10)?,
            secure_cookies,
            deadlines,
            addr,
            data_dir,
            database_url,
            db_connections: match var("MINSHENG_DB_CONNECTIONS") {
                None => None,
                Some(_) => Some(parsed("MINSHENG_DB_CONNECTIONS", 0u32)?),
            },
            photo_store: var("MINSHENG_PHOTO_STORE"),
            instance: var("MINSHENG_INSTANCE").unwrap_or_else(|| {
                let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
                    .map(|h| h.trim().to_string())
                    .unwrap_or_else(|_| "localhost".into());
                format!("{host}:{}", addr.port())
            }),
            city_file: var("MINSHENG_CITY_FILE").map(PathBuf::from),
            calendar_file: var("MINSHENG_CALENDAR_FILE").map(PathBuf::from),
            secret: var("MINSHENG_SECRET"),
            limits,
            lookups_per_minute: parsed("MINSHENG_LOOKUPS_PER_MINUTE", 30)?,
            submissions_per_minute: parsed("MINSHENG_SUBMISSIONS_PER_MINUTE", 10)?,
            open311_per_minute: parsed("MINSHENG_OPEN311_PER_MINUTE", 60)?,
            trust_forwarded_for: flag("MINSHENG_TRUST_FORWARDED_FOR")?,
            demo_data: flag("MINSHENG_DEMO_DATA")?,
            demo_history: parsed("MINSHENG_DEMO_HISTORY", 0)?,
            listener,
            uploads,
        })
    }
}
