//! Periodic jobs that must run on one instance of a deployment at a time: the instance that
//! holds a job's lease runs it; the others skip their turn. A lease outlives one period by a
//! margin, so its holder keeps it from turn to turn, and lapses when the holder stops.
use crate::storage::{leases, Db};
use std::sync::OnceLock;
use std::time::Duration;

static INSTANCE: OnceLock<String> = OnceLock::new();

/// Names this process as a lease holder, once, at start (`MINSHENG_INSTANCE`). The same name
/// after a restart takes its own leases back at once; a new name waits until they lapse.
pub fn name_this_instance(name: String) {
    let _ = INSTANCE.set(name);
}

/// This process's name as a lease holder (random when `name_this_instance` was not called).
pub fn this_instance() -> &'static str {
    INSTANCE.get_or_init(|| hex::encode(rand::random::<[u8; 8]>()))
}

/// Whether this instance runs job `name` now (it holds or took its lease for `period` and a
/// half).
pub async fn my_turn(db: &Db, name: &str, period: Duration) -> Result<bool, sqlx::Error> {
    let now = chrono::Utc::now();
    let lease = chrono::Duration::from_std(period + period / 2).unwrap_or(chrono::Duration::MAX);
    leases::take(db, name, this_instance(), now, now + lease).await
}
