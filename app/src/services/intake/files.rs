//! The photos of a submission: decoded and re-encoded under permits, written to the photo
//! store, and removed again when the submission fails.
use super::{internal, SubmitError};
use crate::model::{Field, FieldError};
use crate::services::photos::{self, Processed, Upload};
use crate::services::AppState;
use crate::storage::case_photos;
use crate::storage::cases::NewPhoto;
use crate::storage::photos::PhotoKey;

/// Decodes and re-encodes the photos one after another on a blocking thread, each under a
/// photo permit: memory stays at one photo in flight per submission, and the permits bound
/// the photos decoded at once across all submissions. The permits move into the blocking
/// task: a client that disconnects abandons this future, not the decode, so the permit is
/// released only when the decode really ends. Large decodes also take the one large lane.
pub(super) async fn process_all(
    state: &AppState,
    uploads: Vec<Upload>,
) -> Result<Vec<Processed>, SubmitError> {
    let mut processed = Vec::with_capacity(uploads.len());
    let mut errors = Vec::new();
    for (i, upload) in uploads.into_iter().enumerate() {
        let limits = state.limits;
        let (upload, cost) = tokio::task::spawn_blocking(move || {
            let cost = photos::inspect(i + 1, &upload, &limits).map(|p| p.decode_bytes);
            (upload, cost)
        })
        .await
        .map_err(internal)?;
        let decode_bytes = match cost {
            Ok(bytes) => bytes,
            Err(problem) => {
                errors.push(FieldError::new(Field::Photos, problem));
                continue;
            }
        };
        let large = photos::large_decode_permit(decode_bytes).await;
        let permit = state
            .photo_permits
            .clone()
            .acquire_owned()
            .await
            .map_err(internal)?;
        let result = tokio::task::spawn_blocking(move || {
            let _permits = (permit, large);
            let _in_flight = photos::DecodeInFlight::start();
            let inspected = photos::inspect(i + 1, &upload, &limits)?;
            photos::process(i + 1, &inspected, &limits)
        })
        .await
        .map_err(internal)?;
        match result {
            Ok(p) => processed.push(p),
            Err(problem) => errors.push(FieldError::new(Field::Photos, problem)),
        }
    }
    if errors.is_empty() {
        Ok(processed)
    } else {
        Err(SubmitError::Invalid(errors))
    }
}

/// Writes the files; returns the rows to insert and the keys this call created, or the store's
/// error and the keys created before it (for the caller to remove once it let go of the
/// writers' lock: removing takes that lock exclusively).
pub(super) async fn store_files(
    state: &AppState,
    processed: &[Processed],
) -> Result<(Vec<NewPhoto>, Vec<PhotoKey>), (std::io::Error, Vec<PhotoKey>)> {
    let mut rows = Vec::new();
    let mut created = Vec::new();
    for p in processed {
        let display_key = PhotoKey::for_bytes(&p.display);
        let thumb_key = PhotoKey::for_bytes(&p.thumb);
        for (key, bytes) in [(&display_key, &p.display), (&thumb_key, &p.thumb)] {
            match state.photos.put(key, bytes).await {
                Ok(true) => created.push(key.clone()),
                Ok(false) => {}
                Err(e) => return Err((e, created)),
            }
        }
        rows.push(NewPhoto {
            display_key: display_key.as_str().to_string(),
            thumb_key: thumb_key.as_str().to_string(),
            width: p.width,
            height: p.height,
            original_sha256: p.original_sha256.clone(),
            phash: p.phash,
        });
    }
    Ok((rows, created))
}

/// Deletes files this submission created, unless a committed ticket refers to them meanwhile.
pub(super) async fn remove_unreferenced(state: &AppState, created: &[PhotoKey]) {
    // Another submission may have found one of these files and not committed yet.
    let _exclusive = photos::removing_files().await;
    for key in created {
        match case_photos::photo_in_use(&state.db, key.as_str()).await {
            Ok(false) => {
                if let Err(e) = state.photos.remove(key).await {
                    tracing::error!(key = key.as_str(), error = %e, "could not remove photo of failed submission");
                }
            }
            Ok(true) => {}
            Err(e) => tracing::error!(key = key.as_str(), error = %e, "could not check photo use"),
        }
    }
}
