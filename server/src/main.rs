#![recursion_limit = "256"]
//! The Minsheng server: configuration, HTTP wiring, photo serving, the intake API.
mod admin;
mod assets;
mod commands;
mod config;
mod configuration_files;
mod intake;
mod jobs;
mod listener;
mod notices_feed;
mod open311;
mod public_url;
mod pwa;
mod routes;
mod sheets;
mod startup_error;
mod variables;

use app::model::figures::report::ReportKind;
use app::services::{per_minute_limiter, AppState, CodeHasher};
use app::storage::{photos::PhotoStore, Db};
use app::{shell, App};
use axum::extract::FromRef;
use config::Config;
use configuration_files::{load_calendar, load_city, load_secret};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use startup_error::StartupError;
use std::sync::Arc;

/// glibc's allocator spent a quarter of the lookup benchmark's CPU time in malloc/free under
/// many threads; mimalloc is built for that.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Axum state: the Leptos options and the application state.
#[derive(Clone, FromRef)]
pub struct ServerState {
    pub leptos_options: LeptosOptions,
    pub app: AppState,
    /// Bounds on the report uploads received at once.
    pub uploads: intake::UploadGate,
    /// The content-hashed addresses of the static files, which pages write.
    pub urls: app::assets::AssetUrls,
}

/// What every rendered page finds in its context besides what Leptos provides.
pub fn page_context(state: &ServerState) -> impl Fn() + Clone + Send + Sync + 'static {
    let (app_state, urls) = (state.app.clone(), state.urls.clone());
    move || {
        provide_context(app_state.clone());
        provide_context(urls.clone());
    }
}

fn usage() -> String {
    let mut s = String::from(
        "Minsheng (民声) server\n\nUSAGE:\n  server [serve]\n  server admin create USERNAME ROLE [--department CODE] [--name NAME]\n  server admin password USERNAME\n  server admin disable USERNAME\n  server admin enable USERNAME\n  server close-unrated [--at RFC3339]\n  server figures rebuild\n  server api-key create NAME | list | revoke NAME\n  server bulletin --week 2026-W48 [--out DIR]\n  server ranking --month 2026-11 [--out DIR]\n  server backup DIR\n  server migrate [--to postgres://USER:PASSWORD@HOST:PORT/DB] [--photos s3://BUCKET/PREFIX]\n\n\
         ROLE is operator, handler, head, supervisor or admin. The password is read from\n\
         MINSHENG_ADMIN_PASSWORD or, if unset, from the first line of standard input.\n\nEnvironment:\n",
    );
    for (name, default, meaning) in config::VARIABLES {
        s.push_str(&format!(
            "  {name:<34} {meaning}\n  {:<34} default: {default}\n",
            ""
        ));
    }
    s
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None | Some("serve") => {}
        Some("admin") => {
            tracing_subscriber::fmt()
                .with_env_filter(
                    tracing_subscriber::EnvFilter::try_from_default_env()
                        .unwrap_or_else(|_| "warn".into()),
                )
                .init();
            commands::finish(admin::run(&args[1..]).await)
        }
        // The rating sweep on demand (the server also runs it every 10 minutes).
        Some("close-unrated") => commands::finish(commands::close_unrated(&args[1..]).await),
        // The keys of systems that file cases through Open311.
        Some("api-key") => commands::finish(commands::api_key(&args[1..]).await),
        // The stored service-quality figures recomputed from the events.
        Some("figures") => commands::finish(commands::figures(&args[1..]).await),
        // 周通报 and 月排名 on demand (the server also makes each when its period ends).
        Some("bulletin") => {
            commands::finish(commands::report(ReportKind::Bulletin, &args[1..]).await)
        }
        Some("ranking") => {
            commands::finish(commands::report(ReportKind::Ranking, &args[1..]).await)
        }
        // An online copy of an embedded deployment: database, photos, secret key.
        Some("backup") => commands::finish(commands::backup(&args[1..]).await),
        // An embedded deployment's database into an empty PostgreSQL database.
        Some("migrate") => commands::finish(commands::migrate(&args[1..]).await),
        Some("-h" | "--help" | "help") => {
            print!("{}", usage());
            return;
        }
        Some(other) => {
            eprintln!("unknown command {other:?}\n\n{}", usage());
            std::process::exit(2);
        }
    }
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,tower_http=info".into()),
        )
        .init();
    if let Err(e) = serve().await {
        tracing::error!("{e}");
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

/// Opens everything a running portal (or an admin command) needs.
async fn app_state(config: &Config) -> Result<AppState, StartupError> {
    std::fs::create_dir_all(&config.data_dir).map_err(|error| StartupError::DataDirectory {
        path: config.data_dir.clone(),
        error,
    })?;

    let city = load_city(config)?;
    let calendar = load_calendar(config)?;
    let secret = load_secret(config)?;
    let db = Db::open_with(&config.database_url, config.db_connections)
        .await
        .map_err(|error| StartupError::Database {
            url: app::storage::redacted_url(&config.database_url),
            error,
        })?;
    let photos = match config.photo_store.as_deref() {
        Some(url) if url.starts_with("s3://") => PhotoStore::open_bucket(url).await?,
        Some(dir) => PhotoStore::open(dir).map_err(StartupError::PhotoDirectory)?,
        None => PhotoStore::open(config.data_dir.join("photos"))
            .map_err(StartupError::PhotoDirectory)?,
    };
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2);
    let dummy_password_hash =
        app::services::accounts::hash_off_thread("not a password of anyone").await?;
    Ok(AppState {
        db,
        photos,
        city: Arc::new(city),
        calendar: Arc::new(calendar),
        codes: CodeHasher::new(&secret),
        limits: config.limits,
        lookup_limiter: per_minute_limiter(config.lookups_per_minute),
        submit_limiter: per_minute_limiter(config.submissions_per_minute),
        open311_limiter: per_minute_limiter(config.open311_per_minute),
        photo_permits: Arc::new(tokio::sync::Semaphore::new(cores)),
        trust_forwarded_for: config.trust_forwarded_for,
        public_url: config.public_url.clone(),
        signin_limiter: per_minute_limiter(config.signins_per_minute),
        dummy_password_hash: dummy_password_hash.into(),
        secure_cookies: config.secure_cookies,
        deadlines: config.deadlines,
        near: Default::default(),
        sender: match &config.sms_sender {
            // Codes in the log only on a portal reachable from this machine alone.
            config::SmsSender::Log => Arc::new(app::services::sms::LogSender {
                reveal: public_url::is_local(&config.public_url),
            }) as Arc<dyn app::services::sms::MessageSender>,
            config::SmsSender::Command(program) => Arc::new(app::services::sms::CommandSender {
                program: program.clone(),
            }),
        },
        sms_retry_secs: config.sms_retry_secs,
        accounts: config.accounts,
    })
}

/// A year of demo history for a new demo database, written while the portal already serves
/// (the pages fill as it goes).
fn spawn_demo_history(state: &AppState, count: usize) {
    let state = state.clone();
    tokio::spawn(async move {
        tracing::info!(count, "writing a year of demo history in the background");
        let started = std::time::Instant::now();
        match app::services::demo::seed_history(&state, count, chrono::Utc::now()).await {
            Ok(n) => tracing::info!(
                cases = n,
                seconds = started.elapsed().as_secs(),
                "demo history written"
            ),
            Err(e) => tracing::warn!(error = %e, "demo history stopped"),
        }
    });
}

async fn serve() -> Result<(), StartupError> {
    let config = Config::from_env()?;
    let mut leptos_options = leptos_options(&config)?;
    let app_state = app_state(&config).await?;
    if config.demo_data {
        let accounts = app::services::staff::seed_demo_accounts(&app_state).await?;
        if accounts > 0 {
            tracing::info!(
                accounts,
                password = app::services::staff::DEMO_PASSWORD,
                "seeded demo staff accounts (see the README)"
            );
        }
        let added = app::services::demo::seed_if_empty(&app_state, chrono::Utc::now()).await?;
        let notices =
            app::services::demo::seed_notices_if_none(&app_state, chrono::Utc::now()).await?;
        if notices > 0 {
            tracing::info!(notices, "seeded demo notices");
        }
        let articles =
            app::services::demo::seed_help_if_empty(&app_state, chrono::Utc::now()).await?;
        if articles > 0 {
            tracing::info!(articles, "seeded demo knowledge-base articles");
        }
        if added > 0 {
            tracing::info!(
                added,
                ticket_no = app::services::demo::DEMO_TICKET_NO,
                query_code = app::services::demo::DEMO_QUERY_CODE,
                "seeded demo cases"
            );
            if config.demo_history > 0 {
                spawn_demo_history(&app_state, config.demo_history);
            }
        }
    }
    app::services::figures::rebuild_if_incomplete(&app_state)
        .await
        .map_err(StartupError::Figures)?;
    app::services::leases::name_this_instance(config.instance.clone());
    jobs::spawn_all(&app_state);
    let site_root = std::path::PathBuf::from(leptos_options.site_root.as_ref());
    // The site root's scripts and icon as well as /pkg: they were compressed per request at a
    // lower quality (notices.js 1 135 bytes instead of 930).
    assets::precompress(&site_root);
    assets::precompress(&site_root.join(leptos_options.site_pkg_dir.as_ref()));
    let (fingerprints, output_name) =
        assets::fingerprint(&site_root, leptos_options.output_name.as_ref());
    leptos_options.output_name = output_name.into();

    let state = ServerState {
        leptos_options: leptos_options.clone(),
        app: app_state.clone(),
        uploads: intake::UploadGate::new(config.uploads),
        urls: fingerprints.urls.clone(),
    };
    let leptos_routes = generate_route_list(App);
    let context = page_context(&state);
    let router = routes::api_routes(&config)
        .leptos_routes_with_context(&state, leptos_routes, context.clone(), {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            ServerState,
            _,
        >(context, shell));
    let worker = pwa::Worker::load(&site_root, &leptos_options.output_name);
    let router = router.route(
        app::routes::SERVICE_WORKER,
        axum::routing::get(move || async move { worker.response() }),
    );
    let router = routes::with_layers(router, &site_root, fingerprints, &config).with_state(state);

    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|error| StartupError::Listen {
            addr: config.addr,
            error,
        })?;
    let addr = listener.local_addr().map_err(StartupError::LocalAddress)?;
    tracing::info!("listening on http://{addr}");
    println!("listening on http://{addr}");
    listener::serve(listener, router, config.listener, shutdown_signal()).await;
    Ok(())
}

/// Leptos options from `LEPTOS_*` variables (set by cargo-leptos), with defaults so the
/// binary also runs on its own from the repository root.
fn leptos_options(config: &Config) -> Result<LeptosOptions, StartupError> {
    let defaults = [
        ("LEPTOS_OUTPUT_NAME", "minsheng"),
        ("LEPTOS_SITE_ROOT", "target/site"),
        ("LEPTOS_SITE_PKG_DIR", "pkg"),
        ("LEPTOS_ENV", "PROD"),
    ];
    for (name, value) in defaults {
        if std::env::var_os(name).is_none() {
            std::env::set_var(name, value);
        }
    }
    std::env::set_var("LEPTOS_SITE_ADDR", config.addr.to_string());
    Ok(get_configuration(None)?.leptos_options)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
    tracing::info!("shutting down");
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_router_mounts_exactly_the_pages_the_app_lists() {
        let mut mounted: Vec<String> = leptos_axum::generate_route_list(app::App)
            .iter()
            .map(|r| r.path().to_string())
            .collect();
        mounted.sort();
        mounted.dedup();
        let mut listed: Vec<String> = app::routes::Page::ALL
            .iter()
            .map(|p| p.path().to_string())
            .collect();
        listed.sort();
        assert_eq!(mounted, listed);
    }
}
