//! The files the server reads at start: the city (built-in demo city or
//! `MINSHENG_CITY_FILE`), the working-day calendar (the national years shipped with the server,
//! the city's own days on top) and the query-code hashing key (`MINSHENG_SECRET` or
//! `secret.key` in the data directory). Each error names the file it is about.
use crate::config::Config;
use crate::startup_error::StartupError;
use app::model::calendar::{CalendarFile, WorkCalendar};

const DEMO_CITY: &str = include_str!("../../app/city/demo-city.toml");
/// The national holiday calendars shipped with the server, one file per published year.
const NATIONAL_CALENDARS: &[(&str, &str)] = &[(
    "cn-2026.toml",
    include_str!("../../app/calendar/cn-2026.toml"),
)];

pub fn load_city(config: &Config) -> Result<app::model::City, StartupError> {
    let (source, text) = match &config.city_file {
        Some(path) => (path.display().to_string(), read_file("city", path)?),
        None => ("built-in demo city".to_string(), DEMO_CITY.to_string()),
    };
    let city: app::model::City =
        toml::from_str(&text).map_err(|error| StartupError::CityFormat {
            file: source.clone(),
            error,
        })?;
    city.check().map_err(|error| StartupError::City {
        file: source.clone(),
        error,
    })?;
    tracing::info!(city = %city.name.zh, districts = city.districts.len(), source, "city loaded");
    Ok(city)
}

/// The national calendars, then the city's own days (`MINSHENG_CALENDAR_FILE`) on top.
/// An error names the file it is in.
pub fn load_calendar(config: &Config) -> Result<WorkCalendar, StartupError> {
    let mut sources: Vec<(String, String)> = NATIONAL_CALENDARS
        .iter()
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect();
    if let Some(path) = &config.calendar_file {
        sources.push((path.display().to_string(), read_file("calendar", path)?));
    }
    let mut calendar = WorkCalendar::default();
    let mut covered = Vec::new();
    for (source, text) in &sources {
        let file: CalendarFile =
            toml::from_str(text).map_err(|error| StartupError::CalendarFormat {
                file: source.clone(),
                error,
            })?;
        for year in &file.years {
            calendar
                .add_year(year)
                .map_err(|error| StartupError::Calendar {
                    file: source.clone(),
                    error,
                })?;
            covered.push(year.year);
        }
    }
    tracing::info!(
        ?covered,
        city_file = config.calendar_file.is_some(),
        "working-day calendar loaded"
    );
    Ok(calendar)
}

/// A configuration file a city supplies; the error says which one could not be read.
fn read_file(what: &'static str, path: &std::path::Path) -> Result<String, StartupError> {
    std::fs::read_to_string(path).map_err(|error| StartupError::ReadFile {
        what,
        path: path.to_path_buf(),
        error,
    })
}

/// The query-code hashing key: `MINSHENG_SECRET`, or a random key kept in the data directory.
pub fn load_secret(config: &Config) -> Result<Vec<u8>, StartupError> {
    if let Some(secret) = &config.secret {
        if secret.len() < 32 {
            return Err(StartupError::SecretTooShort);
        }
        return Ok(secret.as_bytes().to_vec());
    }
    let path = config.data_dir.join("secret.key");
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            hex::decode(text.trim()).map_err(|error| StartupError::SecretNotHex { path, error })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key: [u8; 32] = rand::random();
            if let Err(error) = write_private(&path, hex::encode(key).as_bytes()) {
                return Err(StartupError::SecretFile { path, error });
            }
            tracing::info!(path = %path.display(), "generated a new secret key");
            Ok(key.to_vec())
        }
        Err(error) => Err(StartupError::SecretFile { path, error }),
    }
}

fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}
