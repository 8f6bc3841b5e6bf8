//! Why the server (or `server close-unrated`, or the state an `admin` command opens) could not
//! start. `main` prints it after `error: ` and exits with status 1. Each message names what to
//! fix: the variable, the file, the directory or the address.
use app::model::calendar::CalendarError;
use app::model::city::CityError;
use app::services::accounts::HashError;
use app::services::cases::CaseError;
use app::services::demo::DemoError;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// A `MINSHENG_*` variable is missing its form or out of range.
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error("cannot create data directory {}: {error}", path.display())]
    DataDirectory {
        path: PathBuf,
        #[source]
        error: std::io::Error,
    },
    /// A file a city supplies (`what`: city, calendar) could not be read.
    #[error("{what} file {}: {error}", path.display())]
    ReadFile {
        what: &'static str,
        path: PathBuf,
        #[source]
        error: std::io::Error,
    },
    /// The city file (or the built-in demo city) is not TOML of a city.
    #[error("city file {file}: {error}")]
    CityFormat {
        file: String,
        #[source]
        error: toml::de::Error,
    },
    /// The city file parses but contradicts itself.
    #[error("city file {file}: {error}")]
    City {
        file: String,
        #[source]
        error: CityError,
    },
    /// A calendar file is not TOML of a calendar.
    #[error("calendar file {file}: {error}")]
    CalendarFormat {
        file: String,
        #[source]
        error: toml::de::Error,
    },
    /// A calendar file parses but one of its years contradicts itself.
    #[error("calendar file {file}: {error}")]
    Calendar {
        file: String,
        #[source]
        error: CalendarError,
    },
    #[error("MINSHENG_SECRET must be at least 32 characters")]
    SecretTooShort,
    /// The key file in the data directory could not be read or written.
    #[error("{}: {error}", path.display())]
    SecretFile {
        path: PathBuf,
        #[source]
        error: std::io::Error,
    },
    /// The key file in the data directory is not hexadecimal.
    #[error("{}: {error}", path.display())]
    SecretNotHex {
        path: PathBuf,
        #[source]
        error: hex::FromHexError,
    },
    /// The database could not be opened or migrated.
    #[error("database {url}: {error}")]
    Database {
        url: String,
        #[source]
        error: sqlx::Error,
    },
    /// The stored service-quality figures were incomplete and could not be rebuilt.
    #[error("rebuilding the service-quality figures from the events: {0}")]
    Figures(#[source] sqlx::Error),
    #[error("photo directory: {0}")]
    PhotoDirectory(#[source] std::io::Error),
    /// `MINSHENG_PHOTO_STORE=s3://…` names a bucket that could not be reached or read.
    #[error("photo store {0}")]
    PhotoBucket(#[from] app::storage::photos::BucketError),
    /// The hash that equalises sign-in time for unknown usernames could not be made.
    #[error("{0}")]
    DummyPasswordHash(#[from] HashError),
    #[error("leptos configuration: {0}")]
    Leptos(#[from] leptos::config::errors::LeptosConfigError),
    /// `MINSHENG_DEMO_DATA` is on and the demo accounts or cases could not be seeded.
    #[error(transparent)]
    DemoData(#[from] DemoError),
    #[error("cannot listen on {addr}: {error}")]
    Listen {
        addr: SocketAddr,
        #[source]
        error: std::io::Error,
    },
    #[error("cannot read the address listened on: {0}")]
    LocalAddress(#[source] std::io::Error),
    /// `server close-unrated` with arguments it does not take.
    #[error("usage: server close-unrated [--at 2026-12-01T00:00:00+08:00]")]
    CloseUnratedUsage,
    /// `server close-unrated --at` with a time that is not RFC 3339.
    #[error("--at {at:?}: {error}")]
    BadTime {
        at: String,
        #[source]
        error: chrono::ParseError,
    },
    /// The rating sweep of `server close-unrated` failed.
    #[error(transparent)]
    CloseUnrated(CaseError),
    /// `server figures` without `rebuild`.
    #[error("usage: server figures rebuild")]
    FiguresUsage,
    /// `server api-key` without a verb it knows.
    #[error("usage: server api-key create NAME | list | revoke NAME")]
    ApiKeyUsage,
    #[error(transparent)]
    ApiKey(#[from] app::services::api_keys::ApiKeyError),
    /// `server bulletin` or `server ranking` without its period, or with other arguments.
    #[error("usage: server {0}")]
    ReportUsage(&'static str),
    /// A report could not be generated (boxed: the error is large).
    #[error(transparent)]
    Report(Box<app::services::reports::ReportError>),
    /// The report's sheet could not be written.
    #[error("writing {path}: {error}")]
    ReportFile {
        path: String,
        #[source]
        error: std::io::Error,
    },
    /// `server backup` without its one argument.
    #[error("usage: server backup DIR   (DIR new or empty)")]
    BackupUsage,
    #[error("backup: {0}")]
    Backup(#[from] app::services::backup::BackupError),
    /// `server migrate` without `--to URL` or `--photos URL`.
    #[error("usage: server migrate [--to postgres://USER:PASSWORD@HOST:PORT/DB] [--photos s3://BUCKET/PREFIX]   (at least one)")]
    MigrateUsage,
    #[error("migrate: {0}")]
    Migrate(#[from] app::services::transfer::MigrateError),
}

impl From<app::services::reports::ReportError> for StartupError {
    fn from(e: app::services::reports::ReportError) -> Self {
        StartupError::Report(Box::new(e))
    }
}
