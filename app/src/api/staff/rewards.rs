//! The reward scheme in the console: the verifier's section of a snap case and its verdict
//! (operators, supervisors); payout batches and their exports (administrators).
#[cfg(feature = "ssr")]
use super::guard;
use super::StaffError;
#[cfg(feature = "ssr")]
use crate::api::answer;
use crate::model::reward_view::{PayoutsView, SnapReview};
#[cfg(feature = "ssr")]
use crate::routes::Page;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
impl From<crate::services::rewards::RewardError> for StaffError {
    fn from(e: crate::services::rewards::RewardError) -> Self {
        use crate::services::rewards::RewardError;
        match e {
            RewardError::NotFound => StaffError::NotFound,
            RewardError::Refused(r) => r.into(),
            RewardError::AlreadyVerified => StaffError::Changed,
            RewardError::Db(e) => {
                tracing::error!(error = %e, "reward service failed");
                StaffError::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
impl From<crate::services::payouts::PayoutError> for StaffError {
    fn from(e: crate::services::payouts::PayoutError) -> Self {
        use crate::model::workflow::Refusal;
        use crate::services::payouts::PayoutError;
        match e {
            PayoutError::NotAdmin => Refusal::WrongRole.into(),
            PayoutError::NoSuchBatch => StaffError::NotFound,
            PayoutError::Refused(r) => StaffError::Payout(r),
            PayoutError::Db(e) => {
                tracing::error!(error = %e, "payout service failed");
                StaffError::Internal
            }
        }
    }
}

/// The snap section of a case (none: not a snap report, or the viewer does not verify).
#[server(prefix = "/api/fn/staff", endpoint = "snap")]
pub async fn staff_snap_review(ticket_no: String) -> Result<Option<SnapReview>, StaffError> {
    let state = guard::state()?;
    let result = async {
        let staff = guard::signed_in(&state).await?;
        Ok(crate::services::rewards::review(&state, &staff, &ticket_no, guard::locale()).await?)
    }
    .await;
    answer::page(result)
}

/// The verdict on a snap report: `valid`, `invalid` or `duplicate`, with an optional note.
/// Valid snaps by signed-in reporters are credited at once (within the caps).
#[server(prefix = "/api/fn/staff", endpoint = "verify_snap")]
pub async fn staff_verify_snap(
    ticket_no: String,
    verdict: String,
    note: Option<String>,
) -> Result<(), StaffError> {
    use crate::model::reward::Verdict;
    let state = guard::state()?;
    let result = async {
        let staff = guard::signed_in(&state).await?;
        let verdict = Verdict::from_code(verdict.trim()).ok_or(StaffError::BadInput {
            field: crate::api::Input::Verdict,
        })?;
        crate::services::rewards::verify(
            &state,
            &staff,
            &ticket_no,
            verdict,
            note.as_deref().unwrap_or(""),
            chrono::Utc::now(),
        )
        .await?;
        Ok(())
    }
    .await;
    let page = crate::routes::staff_case(&ticket_no);
    answer::finish(
        result,
        &answer::with_params(&page, &[("verified", "1")]),
        &page,
        &[],
    )
}

/// The administrator's payout page.
#[server(prefix = "/api/fn/staff", endpoint = "payouts")]
pub async fn staff_payouts() -> Result<PayoutsView, StaffError> {
    let state = guard::state()?;
    let result = async {
        let staff = guard::signed_in(&state).await?;
        Ok(crate::services::payouts::payouts(&state, &staff, guard::locale()).await?)
    }
    .await;
    answer::page(result)
}

/// Creates a payout batch (发放批次) of every verified unpaid award that can be paid.
#[server(prefix = "/api/fn/staff", endpoint = "create_batch")]
pub async fn staff_create_batch() -> Result<i64, StaffError> {
    let state = guard::state()?;
    let result: Result<i64, StaffError> = async {
        let staff = guard::signed_in(&state).await?;
        Ok(crate::services::payouts::create_batch(&state, &staff, chrono::Utc::now()).await?)
    }
    .await;
    let id = result.as_ref().ok().copied();
    let batch = id.unwrap_or(0).to_string();
    let next = Page::StaffPayouts.with(&[("done", "batch"), ("batch", &batch)]);
    answer::finish(result.map(|_| ()), &next, Page::StaffPayouts.path(), &[])?;
    Ok(id.unwrap_or(0))
}

/// Marks a batch paid once the finance office has paid it.
#[server(prefix = "/api/fn/staff", endpoint = "mark_paid")]
pub async fn staff_mark_paid(batch: i64) -> Result<(), StaffError> {
    let state = guard::state()?;
    let result = async {
        let staff = guard::signed_in(&state).await?;
        Ok(crate::services::payouts::mark_paid(&state, &staff, batch, chrono::Utc::now()).await?)
    }
    .await;
    answer::finish(
        result,
        &Page::StaffPayouts.with(&[("done", "paid")]),
        Page::StaffPayouts.path(),
        &[],
    )
}
