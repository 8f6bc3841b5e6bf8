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

/// `server figures rebuild`: recomputes every stored service-quality figure from the events.
pub async fn figures(args: &[String]) -> Result<String, StartupError> {
    if !matches!(args, [verb] if verb == "rebuild") {
        return Err(StartupError::FiguresUsage);
    }
    let config = Config::from_env()?;
    let state = app_state(&config).await?;
    let started = std::time::Instant::now();
    let n = app::services::figures::rebuild(&state)
        .await
        .map_err(StartupError::Figures)?;
    Ok(format!(
        "rebuilt the figures of {n} case(s) from their events in {:.1} s",
        started.elapsed().as_secs_f64()
    ))
}

/// `server api-key create NAME` (prints the new key, once), `list`, `revoke NAME`: the keys
/// of systems that file cases through Open311 (`/open311/v2`).
pub async fn api_key(args: &[String]) -> Result<String, StartupError> {
    use app::services::api_keys;
    let verb: Vec<&str> = args.iter().map(String::as_str).collect();
    if !matches!(verb.as_slice(), ["create", _] | ["list"] | ["revoke", _]) {
        return Err(StartupError::ApiKeyUsage);
    }
    let config = Config::from_env()?;
    let state = app_state(&config).await?;
    let now = chrono::Utc::now();
    match verb.as_slice() {
        ["create", name] => {
            let key = api_keys::create(&state, name, now).await?;
            Ok(format!(
                "{key}\n(the key of {name}: give it to that system now; it is not stored and \
                 cannot be shown again)"
            ))
        }
        ["revoke", name] => {
            api_keys::revoke(&state, name, now).await?;
            Ok(format!(
                "revoked the key of {name}: it is refused from now on"
            ))
        }
        _ => {
            let keys = api_keys::list(&state).await?;
            if keys.is_empty() {
                return Ok("no keys (server api-key create NAME makes one)".into());
            }
            Ok(keys
                .iter()
                .map(|k| match k.revoked_at {
                    None => format!("{}\tcreated {}", k.name, k.created_at.to_rfc3339()),
                    Some(at) => format!(
                        "{}\tcreated {}\trevoked {}",
                        k.name,
                        k.created_at.to_rfc3339(),
                        at.to_rfc3339()
                    ),
                })
                .collect::<Vec<_>>()
                .join("\n"))
        }
    }
}

/// `server bulletin --week 2026-W48 [--out DIR]` or `server ranking --month 2026-11
/// [--out DIR]`: generates the report as of now, stores it (the printable page shows it) and
/// writes its `.xlsx` sheet into DIR (the current directory).
pub async fn report(
    kind: app::model::figures::report::ReportKind,
    args: &[String],
) -> Result<String, StartupError> {
    use app::model::figures::report::ReportKind;
    let (flag, usage) = match kind {
        ReportKind::Bulletin => ("--week", "bulletin --week 2026-W48 [--out DIR]"),
        ReportKind::Ranking => ("--month", "ranking --month 2026-11 [--out DIR]"),
    };
    let (mut period, mut out) = (None, None);
    for pair in args.chunks(2) {
        match pair {
            [f, v] if f == flag && period.is_none() => period = Some(v.as_str()),
            [f, v] if f == "--out" && out.is_none() => out = Some(v.as_str()),
            _ => return Err(StartupError::ReportUsage(usage)),
        }
    }
    let period = period.ok_or(StartupError::ReportUsage(usage))?;
    let period = kind
        .period(period)
        .map_err(app::services::reports::ReportError::Period)?;
    let config = Config::from_env()?;
    let state = app_state(&config).await?;
    let report = app::services::reports::generate(&state, kind, period, chrono::Utc::now()).await?;
    let code = report.period.code();
    let path = std::path::Path::new(out.unwrap_or(".")).join(kind.file_name(&code, "xlsx"));
    let bytes = app::services::reports::xlsx(&report, app::i18n::Locale::Zh)?;
    std::fs::write(&path, bytes).map_err(|error| StartupError::ReportFile {
        path: path.display().to_string(),
        error,
    })?;
    let names = |keys: &[String]| {
        let labels: Vec<&str> = keys
            .iter()
            .filter_map(|k| report.rows.iter().find(|r| &r.key == k))
            .map(|r| r.label.as_str())
            .collect();
        if labels.is_empty() {
            "—".to_string()
        } else {
            labels.join("、")
        }
    };
    Ok(format!(
        "{} {code} ({} – {}): {} received, {} department(s), {} ranked; 红榜 {}; 黑榜 {}; {} overdue and {} 督办 case(s) now\nsheet: {}\nprintable page: {}{}",
        app::i18n::Locale::Zh.figures().report_kind(kind),
        report.period.period.first,
        report.period.period.last,
        report.total.received,
        report.rows.len(),
        report.ranked,
        names(&report.red),
        names(&report.black),
        report.overdue.total,
        report.supervised.total,
        path.display(),
        state.public_url.trim_end_matches('/'),
        app::routes::Page::StaffReports.with(&[("kind", kind.code()), ("period", &code)]),
    ))
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

/// `server migrate [--to postgres://…] [--photos s3://…]`: at least one of them. Both
/// targets are checked empty before anything is copied; the database goes first.
pub async fn migrate(args: &[String]) -> Result<String, StartupError> {
    let (mut to, mut photos) = (None, None);
    for pair in args.chunks(2) {
        match pair {
            [flag, url] if flag == "--to" && to.is_none() => to = Some(url.as_str()),
            [flag, url] if flag == "--photos" && photos.is_none() => photos = Some(url.as_str()),
            _ => return Err(StartupError::MigrateUsage),
        }
    }
    if to.is_none() && photos.is_none() {
        return Err(StartupError::MigrateUsage);
    }
    let config = Config::from_env()?;
    let state = app_state(&config).await?;
    let bucket = match photos {
        Some(url) => Some(app::services::transfer::empty_bucket(url).await?),
        None => None,
    };
    let mut out = String::new();
    if let Some(target) = to {
        let copies = app::services::transfer::to_postgres(&state.db, target).await?;
        out.push_str(&format!(
            "copied into {} (every table's rows and checksum match):\n",
            app::storage::redacted_url(target)
        ));
        for c in &copies {
            out.push_str(&format!("  {:<18} {:>9} rows\n", c.table, c.target_rows));
        }
    }
    match bucket {
        Some(bucket) => {
            let done = app::services::transfer::photos_to_bucket(&state.db, &state.photos, &bucket)
                .await?;
            out.push_str(&format!(
                "copied {} photo files ({:.1} MB) from {} into {} (each read back and matching its hash; all {} that cases refer to present)\n",
                done.photos,
                done.bytes as f64 / 1_048_576.0,
                state.photos.describe(),
                bucket.describe(),
                done.referenced
            ));
            out.push_str("start the server with MINSHENG_PHOTO_STORE set to the bucket");
        }
        None => out.push_str(&format!("photos stay in {}", state.photos.describe())),
    }
    if to.is_some() {
        out.push_str("; set DATABASE_URL to the new database");
    }
    Ok(out)
}
