//! `server admin …`: account commands for the first administrator and for emergencies
//! (a locked-out administrator, a leaked password). They use the same configuration and
//! database as the server, and the same rules as the accounts page.
use crate::config::Config;
use crate::startup_error::StartupError;
use app::model::accounts::AccountError;
use app::model::staff::Role;
use app::services::staff::{create_account, set_password};

const USAGE: &str = "server admin create USERNAME ROLE [--department CODE] [--name NAME] | \
                     password USERNAME | disable USERNAME | enable USERNAME";

/// Why an admin command failed. `main` prints it after `error: ` and exits with status 1.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    /// The configuration, the data directory or the database could not be opened.
    #[error(transparent)]
    Startup(#[from] StartupError),
    #[error("{USAGE}")]
    Usage,
    #[error("ROLE must be one of operator, handler, head, supervisor, admin\n{USAGE}")]
    BadRole,
    #[error("reading the password: {0}")]
    ReadPassword(#[source] std::io::Error),
    /// The account rules refused (a weak password, a taken username, …).
    #[error(transparent)]
    Account(#[from] AccountError),
    #[error("no account {0}")]
    NoAccount(String),
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
}

/// The new password: `MINSHENG_ADMIN_PASSWORD`, or the first line of standard input.
fn read_password() -> Result<String, AdminError> {
    if let Ok(p) = std::env::var("MINSHENG_ADMIN_PASSWORD") {
        return Ok(p);
    }
    eprintln!("password (at least 10 characters), then Enter:");
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(AdminError::ReadPassword)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

pub async fn run(args: &[String]) -> Result<String, AdminError> {
    let config = Config::from_env().map_err(StartupError::from)?;
    let state = crate::app_state(&config).await?;
    let arg = |i: usize| args.get(i).map(String::as_str);
    let option = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map(String::as_str)
    };
    match (arg(0), arg(1)) {
        (Some("create"), Some(username)) => {
            let role = arg(2)
                .and_then(Role::from_code)
                .ok_or(AdminError::BadRole)?;
            let name = option("--name").unwrap_or(username);
            let password = read_password()?;
            let staff = create_account(
                &state,
                username,
                name,
                role,
                option("--department"),
                &password,
            )
            .await?;
            Ok(format!("created {} ({})", staff.username, role.code()))
        }
        (Some("password"), Some(username)) => {
            let password = read_password()?;
            match set_password(&state, username, &password).await? {
                true => Ok(format!(
                    "password of {username} changed; its sessions are ended"
                )),
                false => Err(AdminError::NoAccount(username.to_string())),
            }
        }
        (Some(verb @ ("disable" | "enable")), Some(username)) => {
            let active = verb == "enable";
            match app::storage::staff::set_active(&state.db, username, active).await? {
                true if active => Ok(format!("{username} enabled")),
                true => Ok(format!("{username} disabled; its sessions are ended")),
                false => Err(AdminError::NoAccount(username.to_string())),
            }
        }
        _ => Err(AdminError::Usage),
    }
}
