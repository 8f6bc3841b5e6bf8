//! Background jobs of a running portal: sweeps that keep the data tidy and the rate limiters
//! small, and filling the near-duplicate index. Each runs at start and then periodically.
//! The sweeps of shared data run on one instance of a deployment at a time (the holder of the
//! job's lease, `services::leases`); the in-memory ones on every instance.
use app::services::AppState;
use std::future::Future;
use std::time::Duration;

const MINUTE: Duration = Duration::from_secs(60);

/// Starts every job.
pub fn spawn_all(state: &AppState) {
    // Photo files of submissions a crash left unfinished: older than an hour, no ticket.
    once_across(state, "photo-sweep", 60 * MINUTE, |state| async move {
        match app::services::photos::sweep_orphans(&state, Duration::from_secs(3600)).await {
            Ok(0) => {}
            Ok(removed) => tracing::info!(removed, "removed photo files of unfinished submissions"),
            Err(e) => tracing::warn!(error = %e, "photo sweep failed"),
        }
    });
    // Released replies whose rating window has ended close as "not rated".
    once_across(state, "rating-sweep", 10 * MINUTE, |state| async move {
        match app::services::followup::close_unrated(&state, chrono::Utc::now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(closed = n, "closed replies not rated in time"),
            Err(e) => tracing::warn!(error = %e, "rating sweep failed"),
        }
    });
    // Progress messages (SMS) waiting in the outbox: sent within seconds of their event,
    // failed ones tried again with back-off.
    once_across(
        state,
        "progress-sms",
        Duration::from_secs(5),
        |state| async move {
            match app::services::progress::send_due(&state, chrono::Utc::now()).await {
                Ok(round) if round == Default::default() => {}
                Ok(round) => tracing::info!(?round, "progress messages"),
                Err(e) => tracing::warn!(error = %e, "progress messages: outbox unreadable"),
            }
        },
    );
    // 周通报 and 月排名: each generated once its week or month has ended.
    once_across(state, "reports", 60 * MINUTE, |state| async move {
        match app::services::reports::generate_due(&state, chrono::Utc::now()).await {
            Ok(made) => {
                for (kind, period) in made {
                    tracing::info!(report = kind.code(), period, "report generated");
                }
            }
            Err(e) => tracing::warn!(error = %e, "generating the reports failed"),
        }
    });
    // Expired sessions (staff and reporters), one-time codes, counters and throttle rows.
    once_across(state, "accounts-sweep", 10 * MINUTE, |state| async move {
        match app::services::accounts::sweep_expired(&state, chrono::Utc::now()).await {
            Ok(swept) if swept.total() > 0 => {
                tracing::info!(?swept, "expired sessions and codes deleted")
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "accounts sweep failed"),
        }
    });
    // Idempotency-Keys of submissions older than the days a draft's repeat is answered.
    once_across(
        state,
        "intake-keys-sweep",
        60 * MINUTE,
        |state| async move {
            match app::services::intake::sweep_keys(&state, chrono::Utc::now()).await {
                Ok(swept) if swept > 0 => tracing::info!(swept, "old submission keys deleted"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "submission keys sweep failed"),
            }
        },
    );
    // Rate-limit maps forget clients back at full allowance (else they grow forever).
    every(state, MINUTE, |state| async move {
        state.prune_limiters();
    });
    // The near-duplicate index, filled in the background; each check tops it up anyway.
    let state = state.clone();
    tokio::spawn(async move {
        let start = std::time::Instant::now();
        match state.near.refresh(&state.db).await {
            Ok(n) => tracing::info!(
                photos = n,
                ms = start.elapsed().as_millis() as u64,
                "near-duplicate index filled"
            ),
            Err(e) => tracing::warn!(error = %e, "near-duplicate index"),
        }
    });
}

/// Runs `job` now and then every `period` on the one instance that holds the job's lease.
fn once_across<F, Fut>(state: &AppState, name: &'static str, period: Duration, job: F)
where
    F: Fn(AppState) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send,
{
    use std::sync::atomic::{AtomicU8, Ordering};
    let job = std::sync::Arc::new(job);
    // What this instance last knew: 0 nothing yet, 1 the lease is its own, 2 another's.
    let holding = std::sync::Arc::new(AtomicU8::new(0));
    every(state, period, move |state| {
        let (job, holding) = (job.clone(), holding.clone());
        async move {
            let mine = match app::services::leases::my_turn(&state.db, name, period).await {
                Ok(mine) => mine,
                Err(e) => {
                    tracing::warn!(job = name, error = %e, "job lease");
                    false
                }
            };
            let known = if mine { 1 } else { 2 };
            if holding.swap(known, Ordering::Relaxed) != known {
                let instance = app::services::leases::this_instance();
                match mine {
                    true => tracing::info!(job = name, instance, "job runs on this instance"),
                    false => tracing::info!(job = name, instance, "job runs on another instance"),
                }
            }
            if mine {
                job(state).await
            }
        }
    });
}

/// Runs `job` now and then every `period`.
fn every<F, Fut>(state: &AppState, period: Duration, job: F)
where
    F: Fn(AppState) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send,
{
    let state = state.clone();
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(period);
        loop {
            ticks.tick().await;
            job(state.clone()).await;
        }
    });
}
