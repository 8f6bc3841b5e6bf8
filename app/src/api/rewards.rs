//! The reward scheme's citizen functions (市民通): registration with a one-time code, sign-in
//! and out, the payout claim, the reporter's page, the rules and leaderboard, and the
//! district of a position for `/snap`. Forms are plain HTML posts: they redirect (to the next
//! page, or back with the error in `?error=`); other clients get JSON and a status.
use super::ApiError;
#[cfg(feature = "ssr")]
use super::{answered, app_state, client_ip};
use crate::model::reward_view::{MyRewards, RulesView};
#[cfg(feature = "ssr")]
use crate::routes::Page;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod server {
    use super::ApiError;
    use crate::services::reporters::{self, Reporter, ReporterError};
    use crate::services::AppState;
    use leptos::prelude::*;

    impl From<ReporterError> for ApiError {
        fn from(e: ReporterError) -> Self {
            ApiError::Reporter(e)
        }
    }

    impl From<crate::services::rewards::RewardError> for ApiError {
        fn from(e: crate::services::rewards::RewardError) -> Self {
            use crate::services::rewards::RewardError;
            match e {
                RewardError::NotFound => ApiError::NotFound,
                RewardError::Refused(r) => ApiError::Refused(r),
                RewardError::AlreadyVerified => ApiError::Changed,
                RewardError::Db(e) => {
                    tracing::error!(error = %e, "reward service failed");
                    ApiError::Internal
                }
            }
        }
    }

    pub fn token() -> Option<String> {
        use_context::<http::request::Parts>().and_then(|p| {
            crate::services::accounts::cookie_value(&p.headers, reporters::SESSION_COOKIE)
        })
    }

    /// The signed-in reporter, if any.
    pub async fn reporter(state: &AppState) -> Result<Option<Reporter>, ApiError> {
        match token() {
            Some(token) => Ok(reporters::current(state, &token, chrono::Utc::now()).await?),
            None => Ok(None),
        }
    }

    pub fn set_session(state: &AppState, session: Option<&reporters::Session>) {
        crate::api::answer::set_cookie(&reporters::session_cookie(session, state.secure_cookies));
    }
}

/// Only local pages may be the `next` of a sign-in.
#[cfg(feature = "ssr")]
fn local_next(next: Option<String>, default: &str) -> String {
    next.filter(|n| crate::model::url::same_site_path(n).is_some())
        .unwrap_or_else(|| default.to_string())
}

/// Asks for a one-time code from the form `step` and answers a form post with its page
/// (`page`): `?sent=1` ("if this number can receive a code, one was sent") on success, the
/// error otherwise. Never tells whether the mobile has an account.
#[cfg(feature = "ssr")]
async fn send_code(
    mobile: String,
    step: crate::services::reporters::CodeStep,
    page: crate::routes::Page,
) -> Result<(), ApiError> {
    use crate::api::answer::finish;
    let result = async {
        let state = app_state()?;
        let ip = client_ip(&state);
        crate::services::reporters::request_code(&state, ip, &mobile, step, chrono::Utc::now())
            .await?;
        Ok(())
    }
    .await;
    // The mobile comes back to the form in the form cookie, never in the URL.
    crate::api::answer::keep_for_next_page(&[("mobile", mobile.trim())]);
    finish(result, &page.with(&[("sent", "1")]), page.path(), &[])
}

/// Sends a registration code to the mobile (step 1 of registering).
#[server(prefix = "/api/fn/rewards", endpoint = "code")]
pub async fn reporter_code(mobile: String) -> Result<(), ApiError> {
    use crate::services::reporters::CodeStep;
    send_code(mobile, CodeStep::Join, Page::RewardsJoin).await
}

/// Creates the account with the code from the message and signs it in (step 2).
#[server(prefix = "/api/fn/rewards", endpoint = "register")]
pub async fn reporter_register(
    mobile: String,
    code: String,
    nickname: String,
    password: String,
) -> Result<(), ApiError> {
    use crate::api::answer::finish;
    use crate::services::reporters::{register, Registration};
    let result = async {
        let state = app_state()?;
        let ip = client_ip(&state);
        let form = Registration {
            mobile: &mobile,
            code: &code,
            nickname: &nickname,
            password: &password,
        };
        let session = register(&state, ip, form, chrono::Utc::now()).await?;
        server::set_session(&state, Some(&session));
        Ok(())
    }
    .await;
    finish(
        result,
        &Page::RewardsMe.with(&[("done", "registered")]),
        &Page::RewardsJoin.with(&[("sent", "1")]),
        &[("mobile", mobile.trim()), ("nickname", nickname.trim())],
    )
}

/// Sends a code to reset a forgotten password (step 1).
#[server(prefix = "/api/fn/rewards", endpoint = "reset_code")]
pub async fn reporter_reset_code(mobile: String) -> Result<(), ApiError> {
    use crate::services::reporters::CodeStep;
    send_code(mobile, CodeStep::Reset, Page::RewardsReset).await
}

/// Sets a new password with the code (step 2); ends every other session, signs in.
#[server(prefix = "/api/fn/rewards", endpoint = "reset")]
pub async fn reporter_reset(
    mobile: String,
    code: String,
    password: String,
) -> Result<(), ApiError> {
    use crate::api::answer::finish;
    let result = async {
        let state = app_state()?;
        let ip = client_ip(&state);
        let session = crate::services::reporters::reset_password(
            &state,
            ip,
            &mobile,
            &code,
            &password,
            chrono::Utc::now(),
        )
        .await?;
        server::set_session(&state, Some(&session));
        Ok(())
    }
    .await;
    finish(
        result,
        &Page::RewardsMe.with(&[("done", "password")]),
        &Page::RewardsReset.with(&[("sent", "1")]),
        &[("mobile", mobile.trim())],
    )
}

/// Signs a reporter in with mobile and password.
#[server(prefix = "/api/fn/rewards", endpoint = "sign_in")]
pub async fn reporter_sign_in(
    mobile: String,
    password: String,
    next: Option<String>,
) -> Result<(), ApiError> {
    use crate::api::answer::finish;
    let next = local_next(next, Page::RewardsMe.path());
    let result = async {
        let state = app_state()?;
        let ip = client_ip(&state);
        let session =
            crate::services::reporters::sign_in(&state, ip, &mobile, &password, chrono::Utc::now())
                .await?;
        server::set_session(&state, Some(&session));
        Ok(())
    }
    .await;
    let back = Page::RewardsSignIn.with(&[("next", &next)]);
    finish(result, &next, &back, &[("mobile", mobile.trim())])
}

#[server(prefix = "/api/fn/rewards", endpoint = "sign_out")]
pub async fn reporter_sign_out() -> Result<(), ApiError> {
    use crate::api::answer::finish;
    let state = app_state()?;
    if let Some(token) = server::token() {
        crate::services::reporters::sign_out(&state, &token).await?;
    }
    server::set_session(&state, None);
    finish(
        Ok::<(), ApiError>(()),
        Page::Rewards.path(),
        Page::Rewards.path(),
        &[],
    )
}

/// Sends a one-time code to the signed-in reporter's own mobile, needed to give or change the
/// payout details (step 1 of the payout form).
#[server(prefix = "/api/fn/rewards", endpoint = "payout_code")]
pub async fn reporter_payout_code() -> Result<(), ApiError> {
    use crate::api::answer::finish;
    let result = async {
        let state = app_state()?;
        let reporter = server::reporter(&state).await?.ok_or(ApiError::Reporter(
            crate::model::accounts::ReporterError::SignedOut,
        ))?;
        crate::services::reporters::request_payout_code(&state, &reporter, chrono::Utc::now())
            .await?;
        Ok(())
    }
    .await;
    finish(
        result,
        &format!("{}#claim", Page::RewardsMe.with(&[("code", "sent")])),
        Page::RewardsMe.path(),
        &[],
    )
}

/// Gives or changes the real name and payout account, needed only to be paid, with the code
/// sent to the account's mobile.
#[server(prefix = "/api/fn/rewards", endpoint = "claim")]
pub async fn reporter_claim(
    real_name: String,
    account: String,
    code: Option<String>,
) -> Result<(), ApiError> {
    use crate::api::answer::finish;
    let result = async {
        let state = app_state()?;
        let reporter = server::reporter(&state).await?.ok_or(ApiError::Reporter(
            crate::model::accounts::ReporterError::SignedOut,
        ))?;
        crate::services::reporters::claim(
            &state,
            &reporter,
            &real_name,
            &account,
            code.as_deref().unwrap_or(""),
            chrono::Utc::now(),
        )
        .await?;
        Ok(())
    }
    .await;
    finish(
        result,
        &Page::RewardsMe.with(&[("done", "claimed")]),
        &Page::RewardsMe.with(&[("code", "sent")]),
        &[("real_name", real_name.trim())],
    )
}

/// The signed-in reporter's page: snaps and their verification, points, payouts.
#[server(prefix = "/api/fn/rewards", endpoint = "mine")]
pub async fn reporter_page() -> Result<MyRewards, ApiError> {
    answered(
        async {
            let state = app_state()?;
            let reporter = server::reporter(&state).await?.ok_or(ApiError::Reporter(
                crate::model::accounts::ReporterError::SignedOut,
            ))?;
            Ok(
                crate::services::rewards::my_rewards(&state, &reporter, crate::current_locale())
                    .await?,
            )
        }
        .await,
    )
}

/// The rules (points per category, caps) and the month's leaderboard (`YYYY-MM`).
#[server(prefix = "/api/fn/rewards", endpoint = "rules")]
pub async fn reward_rules(month: Option<String>) -> Result<RulesView, ApiError> {
    answered(
        async {
            let state = app_state()?;
            let reporter = server::reporter(&state).await?;
            Ok(crate::services::rewards::rules(
                &state,
                reporter.as_ref(),
                month.as_deref(),
                crate::current_locale(),
                chrono::Utc::now(),
            )
            .await?)
        }
        .await,
    )
}

/// The nickname of the signed-in reporter (for `/snap`), if any.
#[server(prefix = "/api/fn/rewards", endpoint = "me")]
pub async fn reporter_nickname() -> Result<Option<String>, ApiError> {
    let state = app_state()?;
    Ok(server::reporter(&state).await?.map(|r| r.nickname))
}

/// The district whose boundary contains a position (for `/snap`): its code, or none.
#[server(prefix = "/api/fn/rewards", endpoint = "district")]
pub async fn district_at(latitude: f64, longitude: f64) -> Result<Option<String>, ApiError> {
    answered(
        async {
            let state = app_state()?;
            if !latitude.is_finite() || !longitude.is_finite() {
                return Err(ApiError::BadInput {
                    field: crate::api::Input::Position,
                });
            }
            Ok(
                crate::services::places::district_at(&state.city, latitude, longitude)
                    .map(|d| d.code.clone()),
            )
        }
        .await,
    )
}
