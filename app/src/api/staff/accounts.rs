//! Staff accounts: the administrator's list, creating, disabling and enabling.
#[cfg(feature = "ssr")]
use super::guard;
use super::StaffError;
#[cfg(feature = "ssr")]
use crate::api::answer;
use crate::model::console::AccountsPage;
#[cfg(feature = "ssr")]
use crate::routes::Page;
use leptos::prelude::*;

/// The administrator's list of accounts.
#[server(prefix = "/api/fn/staff", endpoint = "accounts")]
pub async fn staff_accounts() -> Result<AccountsPage, StaffError> {
    let state = guard::state()?;
    let result = async {
        let staff = guard::admin(&state).await?;
        let locale = guard::locale();
        let accounts = crate::storage::staff::list(&state.db)
            .await
            .map_err(|_| StaffError::Internal)?
            .into_iter()
            .filter_map(|a| {
                Some(crate::model::console::Account {
                    role: crate::model::staff::Role::from_code(&a.role)?,
                    department_label: a
                        .department
                        .as_deref()
                        .map(|d| state.city.department_label(d, locale)),
                    username: a.username,
                    display_name: a.display_name,
                    active: a.active,
                })
            })
            .collect();
        Ok(AccountsPage {
            me: crate::services::cases::me(&state, &staff, locale),
            accounts,
            departments: state
                .city
                .departments
                .iter()
                .map(|d| (d.code.clone(), d.name.get(locale).to_string()))
                .collect(),
        })
    }
    .await;
    answer::page(result)
}

/// Creates a staff account (administrators only).
#[server(prefix = "/api/fn/staff", endpoint = "create_account")]
pub async fn staff_create_account(
    username: String,
    display_name: String,
    role: String,
    department: Option<String>,
    password: String,
) -> Result<(), StaffError> {
    let state = guard::state()?;
    let result = async {
        let staff = guard::admin(&state).await?;
        let role = crate::model::staff::Role::from_code(&role).ok_or(StaffError::BadInput {
            field: crate::api::Input::Role,
        })?;
        crate::services::staff::create_account(
            &state,
            &username,
            &display_name,
            role,
            department.as_deref(),
            &password,
        )
        .await
        .map_err(StaffError::Account)?;
        tracing::info!(
            by = staff.username,
            username,
            "account created by administrator"
        );
        Ok(())
    }
    .await;
    answer::finish(
        result,
        &Page::StaffAccounts.with(&[("done", "created")]),
        Page::StaffAccounts.path(),
        &[],
    )
}

/// Enables or disables an account (administrators only); disabling ends its sessions.
#[server(prefix = "/api/fn/staff", endpoint = "set_active")]
pub async fn staff_set_active(username: String, active: bool) -> Result<(), StaffError> {
    let state = guard::state()?;
    let result = async {
        let staff = guard::admin(&state).await?;
        if staff.username == username && !active {
            return Err(StaffError::Account(
                crate::model::accounts::AccountError::OwnAccount,
            ));
        }
        let found = crate::storage::staff::set_active(&state.db, &username, active)
            .await
            .map_err(|_| StaffError::Internal)?;
        if !found {
            return Err(StaffError::NotFound);
        }
        tracing::info!(
            by = staff.username,
            username,
            active,
            "account activity changed"
        );
        Ok(())
    }
    .await;
    let done = if active { "enabled" } else { "disabled" };
    answer::finish(
        result,
        &Page::StaffAccounts.with(&[("done", done)]),
        Page::StaffAccounts.path(),
        &[],
    )
}
