//! The one-shot subcommands of the server binary (`close-unrated`, `backup`, `migrate`): each
//! opens the same state as the server and prints one message, or `error: …` and exits 1.
use crate::app_state;
use crate::config::Config;
use crate::startup_error::StartupError;

/// Prints the command's message, or its error after `error: ` with exit status 1.
pub fn finish<E: std::fmt::Display>(result: Result<String, E>) -> ! {
    match result {
        Ok(message) => {
            println!("{message}");
            std::process::exit(0)
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1)
        }
    }
}

/// `server close-unrated [--at RFC3339]`: closes released replies nobody rated within
/// MINSHENG_RATING_DAYS, as of `--at` (now).
pub async fn close_unrated(args: &[String]) -> Result<String, StartupError> {
    let at = match args {
        [] => chrono::Utc::now(),
        [flag, at] if flag == "--at" => chrono::DateTime::parse_from_rfc3339(at)
            .map_err(|error| StartupError::BadTime {
                at: at.clone(),
                error,
            })?
            .to_utc(),
        _ => return Err(StartupError::CloseUnratedUsage),
    };
    let config = Config::from_env()?;
    let state = app_state(&config).await?;
    let n = app::services::followup::close_unrated(&state, at)
        .await
        .map_err(StartupError::CloseUnrated)?;
    Ok(format!("closed {n} case(s) as not rated"))
}

/// `server backup DIR`.
pub async fn backup(args: &[String]) -> Result<String, StartupError> {
    let [dir] = args else {
        return Err(StartupError::BackupUsage);
    };
    let config = Config::from_env()?;
    let state = app_state(&config).await?;
    let dir = std::path::Path::new(dir);
    let done = app::services::backup::backup(&state, &config.data_dir, dir).await?;
    Ok(format!(
        "backup in {}: {} cases, {} photo files, {:.1} MB{}; checked (database intact, every photo present and matching its hash)",
        dir.display(),
        done.cases,
        done.photo_files,
        done.bytes as f64 / 1_048_576.0,
        if done.secret_key {
            ", secret.key"
        } else {
            " (no secret.key: MINSHENG_SECRET is set; keep it with the backup)"
        }
    ))
}

/// `server migrate --to URL`.
pub async fn migrate(args: &[String]) -> Result<String, StartupError> {
    let [flag, target] = args else {
        return Err(StartupError::MigrateUsage);
    };
    if flag != "--to" {
        return Err(StartupError::MigrateUsage);
    }
    let config = Config::from_env()?;
    let state = app_state(&config).await?;
    let copies = app::services::transfer::to_postgres(&state.db, target).await?;
    let mut out = format!(
        "copied into {} (every table's rows and checksum match):\n",
        app::storage::redacted_url(target)
    );
    for c in &copies {
        out.push_str(&format!("  {:<18} {:>9} rows\n", c.table, c.target_rows));
    }
    out.push_str(&format!(
        "photos stay in {}; start the server with DATABASE_URL set to the new database",
        config.data_dir.join("photos").display()
    ));
    Ok(out)
}
