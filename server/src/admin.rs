//! `server admin …`: account commands for the first administrator and for emergencies
//! (a locked-out administrator, a leaked password). They use the same configuration and
//! database as the server, and the same rules as the accounts page.
use crate::config::Config;
use app::model::staff::Role;
use app::services::staff::{create_account, set_password};

const USAGE: &str = "server admin create USERNAME ROLE [--department CODE] [--name NAME] | \
                     password USERNAME | disable USERNAME | enable USERNAME";

/// The new password: `MINSHENG_ADMIN_PASSWORD`, or the first line of standard input.
fn read_password() -> Result<String, String> {
    if let Ok(p) = std::env::var("MINSHENG_ADMIN_PASSWORD") {
        return Ok(p);
    }
    eprintln!("password (at least 10 characters), then Enter:");
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| format!("reading the password: {e}"))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

pub async fn run(args: &[String]) -> Result<String, String> {
    let config = Config::from_env().map_err(|e| e.to_string())?;
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
            let role = arg(2).and_then(Role::from_code).ok_or_else(|| {
                format!("ROLE must be one of operator, handler, head, supervisor, admin\n{USAGE}")
            })?;
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
            .await
            .map_err(|e| e.to_string())?;
            Ok(format!("created {} ({})", staff.username, role.code()))
        }
        (Some("password"), Some(username)) => {
            let password = read_password()?;
            match set_password(&state, username, &password)
                .await
                .map_err(|e| e.to_string())?
            {
                true => Ok(format!(
                    "password of {username} changed; its sessions are ended"
                )),
                false => Err(format!("no account {username}")),
            }
        }
        (Some(verb @ ("disable" | "enable")), Some(username)) => {
            let active = verb == "enable";
            match app::storage::staff::set_active(&state.db, username, active)
                .await
                .map_err(|e| e.to_string())?
            {
                true if active => Ok(format!("{username} enabled")),
                true => Ok(format!("{username} disabled; its sessions are ended")),
                false => Err(format!("no account {username}")),
            }
        }
        _ => Err(USAGE.to_string()),
    }
}
