//! Reading the multipart body of a submission, with every cap enforced while reading.
use super::gate::{Buffered, RETRY_AFTER_SECS};
use app::model::report::MAX_PHOTOS;
use app::model::ReportDraft;
use app::model::{Field, FieldError, Problem};
use app::services::photos::Upload;
use axum::extract::multipart::Field as Part;
use axum::extract::Multipart;
use axum::http::StatusCode;

/// Largest text field accepted (a 2000-character description is about 6 KB).
const MAX_TEXT_FIELD: usize = 64 << 10;

pub(super) type PartError = (StatusCode, FieldError);

pub(super) fn form_error(status: StatusCode, problem: Problem) -> PartError {
    (status, FieldError::new(Field::Form, problem))
}

/// A submission's body as read: the fields, the snap category (a snap report), the photos and
/// the Idempotency-Key a plain HTML form carries as a field.
#[derive(Default)]
pub(super) struct Read {
    pub draft: ReportDraft,
    pub snap: Option<String>,
    pub uploads: Vec<Upload>,
    pub key: Option<String>,
}

/// Reads the multipart body into `read`, enforcing the per-photo and total caps while reading.
/// A refused body leaves in `read` what came before the problem (a plain form is shown again
/// with it).
pub(super) async fn read_form(
    multipart: &mut Multipart,
    limits: &app::services::UploadLimits,
    buffered: &mut Buffered,
    read: &mut Read,
) -> Result<(), PartError> {
    let too_large = || {
        form_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            Problem::BodyTooLarge {
                max_bytes: limits.max_upload_bytes,
            },
        )
    };
    let malformed = || form_error(StatusCode::BAD_REQUEST, Problem::MalformedUpload);
    let Read {
        draft,
        snap,
        uploads,
        key,
    } = read;
    // The content allowed in all; the route reads up to twice the cap before it cuts the
    // connection (`routes::api_routes`), so a body a little over is read to its end and its
    // sender gets this answer rather than a reset.
    let mut left = limits.max_upload_bytes as usize;
    loop {
        let part = match multipart.next_field().await {
            Ok(Some(part)) => part,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_large()),
            Err(_) => return Err(malformed()),
        };
        let name = part
            .name()
            .unwrap_or_default()
            .trim_end_matches("[]")
            .to_string();
        if name == "photos" || part.file_name().is_some() {
            let photo = uploads.len() + 1;
            if photo > MAX_PHOTOS {
                return Err((
                    StatusCode::UNPROCESSABLE_ENTITY,
                    FieldError::new(Field::Photos, Problem::TooManyPhotos { max: MAX_PHOTOS }),
                ));
            }
            let file_name = part.file_name().map(str::to_string);
            let content_type = part.content_type().map(str::to_string);
            let photo_too_large = (
                StatusCode::PAYLOAD_TOO_LARGE,
                FieldError::new(
                    Field::Photos,
                    Problem::PhotoTooLarge {
                        photo,
                        max_bytes: limits.max_photo_bytes,
                    },
                ),
            );
            let bytes = read_capped(
                part,
                limits.max_photo_bytes as usize,
                photo_too_large,
                too_large(),
                (&mut left, buffered),
            )
            .await?;
            if bytes.is_empty() && file_name.as_deref().unwrap_or_default().is_empty() {
                continue; // an empty file input
            }
            uploads.push(Upload {
                file_name,
                content_type,
                bytes,
            });
        } else {
            let over = form_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                Problem::BodyTooLarge {
                    max_bytes: MAX_TEXT_FIELD as u64,
                },
            );
            let budget = (&mut left, &mut *buffered);
            let bytes = read_capped(part, MAX_TEXT_FIELD, over, too_large(), budget).await?;
            let value = String::from_utf8(bytes).map_err(|_| malformed())?;
            let truthy = || {
                matches!(
                    value.trim().to_ascii_lowercase().as_str(),
                    "true" | "on" | "1" | "yes"
                )
            };
            match name.as_str() {
                "kind" => draft.kind = value,
                "category" => draft.category = value,
                "district" => draft.district = value,
                "street" => draft.street = value,
                "address" => draft.address = value,
                "latitude" => draft.latitude = value,
                "longitude" => draft.longitude = value,
                "description" => draft.description = value,
                "contact_name" => draft.contact_name = value,
                "contact_phone" => draft.contact_phone = value,
                "confidential" => draft.confidential = truthy(),
                "publish_consent" => draft.publish_consent = truthy(),
                "seen_notices" => draft.seen_notices = value,
                "no_progress_sms" => draft.no_progress_sms = truthy(),
                "locale" => draft.locale = value,
                "snap" => *snap = Some(value),
                "idempotency_key" => *key = Some(value),
                _ => {} // unknown fields are ignored, as HTML forms expect
            }
        }
    }
    Ok(())
}

/// Reads and discards what is left of a refused upload (never more than the route's body
/// limit: twice the upload cap), so the client gets to read the answer instead of a
/// connection reset in the middle of sending.
pub(super) async fn drain(multipart: &mut Multipart) {
    while let Ok(Some(mut part)) = multipart.next_field().await {
        while let Ok(Some(_)) = part.chunk().await {}
    }
}

/// Reads one part chunk by chunk and stops as soon as it passes `cap`, or the body's content
/// passes what is `left` of the upload cap (`body_too_large`), or when the shared upload
/// buffer has no room for the next chunk (`503`).
pub(super) async fn read_capped(
    mut part: Part<'_>,
    cap: usize,
    over_cap: PartError,
    body_too_large: PartError,
    (left, buffered): (&mut usize, &mut Buffered),
) -> Result<Vec<u8>, PartError> {
    let mut bytes = Vec::new();
    loop {
        match part.chunk().await {
            Ok(Some(chunk)) => {
                if bytes.len() + chunk.len() > cap {
                    return Err(over_cap);
                }
                *left = match left.checked_sub(chunk.len()) {
                    Some(rest) => rest,
                    None => return Err(body_too_large),
                };
                // What the buffer will really hold: its capacity (growth doubles it), not
                // just the bytes received.
                let before = bytes.capacity();
                bytes.reserve(chunk.len());
                if !buffered.take(bytes.capacity() - before) {
                    return Err(form_error(
                        StatusCode::SERVICE_UNAVAILABLE,
                        Problem::ServerBusy {
                            retry_after_secs: RETRY_AFTER_SECS,
                        },
                    ));
                }
                bytes.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(bytes),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(body_too_large),
            Err(_) => {
                return Err(form_error(
                    StatusCode::BAD_REQUEST,
                    Problem::MalformedUpload,
                ))
            }
        }
    }
}
