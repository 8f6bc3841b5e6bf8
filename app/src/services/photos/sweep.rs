//! Photo files no ticket refers to, and the lock that keeps a submission's files from being
//! swept between their write and the ticket's commit.

/// Held (shared) by a submission from writing its photo files until its ticket is committed,
/// and (exclusively) by the orphan sweep while it decides about and removes one file: a
/// submission that reuses an old unreferenced file (the same photo sent again) can never have
/// it removed between its write and its commit.
static FILES_IN_USE: tokio::sync::RwLock<()> = tokio::sync::RwLock::const_new(());

/// Taken by a submission while it writes photo files and commits the ticket referring to them.
pub async fn writing_files() -> tokio::sync::RwLockReadGuard<'static, ()> {
    FILES_IN_USE.read().await
}

/// Taken to remove photo files: no submission is then between writing a file (or finding it
/// there already) and committing its ticket, so "no ticket refers to it" is the truth.
pub async fn removing_files() -> tokio::sync::RwLockWriteGuard<'static, ()> {
    FILES_IN_USE.write().await
}

/// Why the orphan sweep stopped (files removed before it stay removed).
#[derive(Debug, thiserror::Error)]
pub enum SweepError {
    /// The photo store could not be listed.
    #[error("photo store: {0}")]
    Directory(#[from] std::io::Error),
    /// Whether a file is in use could not be asked.
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    /// The thread listing the directory panicked or was cancelled.
    #[error("the photo directory listing thread failed: {0}")]
    Thread(#[from] tokio::task::JoinError),
}

/// The cutoff of this process's previous sweep.
static LAST_CUTOFF: std::sync::Mutex<Option<std::time::SystemTime>> = std::sync::Mutex::new(None);

/// Removes photo files no ticket refers to: left behind only if the process died between
/// writing a submission's files and committing its ticket (a failed submission cleans up after
/// itself). Only files older than `grace` are looked at, so a submission in flight on this or
/// another instance is never touched. Runs at start and every hour. Returns how many files
/// were removed.
pub async fn sweep_orphans(
    state: &crate::services::AppState,
    grace: std::time::Duration,
) -> Result<usize, SweepError> {
    use crate::storage::photos::PhotoKey;
    let cutoff = std::time::SystemTime::now() - grace;
    // Files last written before the previous sweep's cutoff were looked at then (a reused
    // file is freshened, so it comes round again): each sweep reads the directory but asks
    // the database only about the files of its own window.
    let since = {
        let mut last = LAST_CUTOFF.lock().unwrap_or_else(|e| e.into_inner());
        last.replace(cutoff).unwrap_or(std::time::UNIX_EPOCH)
    };
    let stale = state.photos.written_before(cutoff).await?;
    let stale = stale.into_iter().filter(|item| item.modified >= since);
    let mut removed = 0;
    for item in stale {
        let key = PhotoKey::parse(&item.name);
        let temporary = item.name.starts_with('.') && item.name.ends_with(".tmp");
        let in_use = |key: Option<PhotoKey>| async move {
            match key {
                Some(key) => crate::storage::case_photos::photo_in_use(&state.db, key.as_str())
                    .await
                    .map_err(SweepError::Db),
                None => Ok(false),
            }
        };
        // Most old files belong to cases: found without the lock.
        if !temporary && (key.is_none() || in_use(key.clone()).await?) {
            continue; // in use, or not ours: leave it
        }
        let _exclusive = removing_files().await;
        let orphan = temporary || !in_use(key).await?;
        // A submission that reuses this photo freshens it before committing: look again.
        let still_stale = matches!(state.photos.modified(&item).await, Ok(Some(t)) if t < cutoff);
        if orphan && still_stale {
            match state.photos.remove_item(&item).await {
                Ok(()) => removed += 1,
                Err(e) => {
                    tracing::warn!(name = %item.name, error = %e, "could not remove orphan photo")
                }
            }
        }
    }
    Ok(removed)
}
