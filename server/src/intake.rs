//! `POST /api/v1/reports`: the report intake endpoint, for the web form and any other intake
//! channel. Multipart form: the fields of `ReportDraft` and up to 6 files named `photos`.
//! A snap report (随手拍) sends `snap` (the snap category), the place fields, `description`
//! (the optional line) and 1–3 photos; the reporter's session cookie links it to them.
//! Answers `201` with the ticket number and query code, or `4xx` with every field error.
use crate::listener::BodyDeadline;
use crate::ServerState;
use app::api::intake::{Created, Refused, RefusedField};
use app::i18n::Locale;
use app::model::report::MAX_PHOTOS;
use app::model::snap::SnapDraft;
use app::model::ReportDraft;
use app::model::{Field, FieldError, Problem};
use app::services::intake::{self, Channel, SubmitError};
use app::services::photos::Upload;
use app::services::reporters;
use axum::extract::multipart::{Field as Part, MultipartRejection};
use axum::extract::{ConnectInfo, Multipart, State};
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio::time::Instant;

/// Largest text field accepted (a 2000-character description is about 6 KB).
const MAX_TEXT_FIELD: usize = 64 << 10;

/// What a busy server asks the client to wait before trying again.
const RETRY_AFTER_SECS: u64 = 10;

/// How much of a refused upload is read and thrown away so the client sees the answer.
const DRAIN_FOR: Duration = Duration::from_secs(2);

/// Bounds on the submissions being received at once.
#[derive(Clone, Copy, Debug)]
pub struct UploadBounds {
    /// Submissions received and processed at once.
    pub in_flight: usize,
    /// Bytes of all submissions held in memory at once.
    pub buffer_bytes: u64,
    /// Time to send a whole submission.
    pub body_timeout: Duration,
}

/// The shared counters behind [`UploadBounds`]. When either is exhausted, a submission is
/// answered `503` with `Retry-After` at once instead of waiting in an unbounded queue.
#[derive(Clone)]
pub struct UploadGate {
    slots: Arc<Semaphore>,
    bytes: Arc<Semaphore>,
    body_timeout: Duration,
}

impl UploadGate {
    pub fn new(bounds: UploadBounds) -> UploadGate {
        UploadGate {
            slots: Arc::new(Semaphore::new(bounds.in_flight)),
            bytes: Arc::new(Semaphore::new(bounds.buffer_bytes as usize)),
            body_timeout: bounds.body_timeout,
        }
    }
}

/// Upload bytes one submission holds in memory, given back when it is dropped.
struct Buffered {
    pool: Arc<Semaphore>,
    held: usize,
}

impl Buffered {
    /// Counts `n` more bytes; `false` when the shared budget has no room.
    fn take(&mut self, n: usize) -> bool {
        let Ok(n32) = u32::try_from(n) else {
            return false;
        };
        match self.pool.try_acquire_many(n32) {
            Ok(permit) => {
                permit.forget();
                self.held += n;
                true
            }
            Err(_) => false,
        }
    }
}

impl Drop for Buffered {
    fn drop(&mut self) {
        self.pool.add_permits(self.held);
    }
}

pub async fn submit(
    State(state): State<ServerState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    deadline: Option<Extension<BodyDeadline>>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let app = &state.app;
    let gate = &state.uploads;
    let deadline = deadline.map_or_else(|| Instant::now() + gate.body_timeout, |d| d.0 .0);
    let locale = Locale::from_headers(&headers);
    let refuse = |status: StatusCode, errors: Vec<FieldError>| refused(status, errors, locale);
    let ip = app.client_ip(Some(peer.ip()), &headers);
    let Ok(mut multipart) = multipart else {
        return refuse(
            StatusCode::BAD_REQUEST,
            vec![FieldError::new(Field::Form, Problem::MalformedUpload)],
        );
    };
    if app.submit_limiter.check_key(&ip).is_err() {
        tracing::warn!(%ip, "submission rate limited");
        drain(&mut multipart).await;
        return refuse(
            StatusCode::TOO_MANY_REQUESTS,
            vec![FieldError::new(Field::Form, Problem::TooManySubmissions)],
        );
    }
    let busy = || {
        let mut response = refused(
            StatusCode::SERVICE_UNAVAILABLE,
            vec![FieldError::new(
                Field::Form,
                Problem::ServerBusy {
                    retry_after_secs: RETRY_AFTER_SECS,
                },
            )],
            locale,
        );
        response
            .headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECS));
        response
    };
    let Ok(_slot) = gate.slots.clone().try_acquire_owned() else {
        tracing::warn!(%ip, "submission refused: too many uploads in flight");
        let _ = tokio::time::timeout(DRAIN_FOR, drain(&mut multipart)).await;
        return busy();
    };
    let mut buffered = Buffered {
        pool: gate.bytes.clone(),
        held: 0,
    };
    let read = tokio::time::timeout_at(
        deadline,
        read_form(&mut multipart, &app.limits, &mut buffered),
    )
    .await;
    let too_slow = || {
        tracing::warn!(%ip, "submission refused: body not received in time");
        refuse(
            StatusCode::REQUEST_TIMEOUT,
            vec![FieldError::new(
                Field::Form,
                Problem::UploadTooSlow {
                    max_secs: gate.body_timeout.as_secs(),
                },
            )],
        )
    };
    let (draft, snap, uploads) = match read {
        Ok(Ok(parts)) => parts,
        Err(_elapsed) => return too_slow(),
        Ok(Err(_)) if Instant::now() >= deadline => return too_slow(),
        Ok(Err((StatusCode::SERVICE_UNAVAILABLE, _))) => {
            tracing::warn!(%ip, "submission refused: upload buffer full");
            drop(buffered);
            let _ = tokio::time::timeout(DRAIN_FOR, drain(&mut multipart)).await;
            return busy();
        }
        Ok(Err((status, error))) => {
            let _ = tokio::time::timeout_at(deadline, drain(&mut multipart)).await;
            return refuse(status, vec![error]);
        }
    };
    let channel = match headers
        .get("x-minsheng-channel")
        .and_then(|v| v.to_str().ok())
    {
        Some("web") => Channel::Web,
        Some("snap") => Channel::Snap,
        _ => Channel::Api,
    };
    let now = chrono::Utc::now();
    let submitted = match snap {
        // 随手拍: the same fields, the snap category instead of kind and category, and the
        // signed-in reporter (if any) from the session cookie.
        Some(category) => {
            let reporter =
                match app::services::staff::cookie_value(&headers, reporters::SESSION_COOKIE) {
                    Some(token) => reporters::current(app, &token, now).await.ok().flatten(),
                    None => None,
                };
            let snap = SnapDraft {
                category,
                district: draft.district,
                street: draft.street,
                latitude: draft.latitude,
                longitude: draft.longitude,
                text: draft.description,
                photo_count: 0,
            };
            intake::submit_snap(app, snap, reporter.as_ref(), uploads, now).await
        }
        None => intake::submit(app, draft, uploads, channel, now).await,
    };
    match submitted {
        Ok(done) => {
            let tracking_url = app.tracking_url(&done.ticket_no, &done.query_code);
            let qr_svg = match channel {
                Channel::Web | Channel::Snap => app::services::qr_svg(&tracking_url),
                _ => None,
            };
            let body = Created {
                ticket_no: done.ticket_no.to_string(),
                query_code: done.query_code.as_str().to_string(),
                tracking_url,
                qr_svg,
            };
            (
                StatusCode::CREATED,
                [(axum::http::header::CACHE_CONTROL, "no-store")],
                Json(body),
            )
                .into_response()
        }
        Err(SubmitError::Invalid(errors)) => refuse(StatusCode::UNPROCESSABLE_ENTITY, errors),
        Err(SubmitError::Internal(e)) => {
            tracing::error!(error = %e, "submission failed");
            let body =
                serde_json::json!({ "errors": [], "message": locale.texts().error_internal });
            (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response()
        }
    }
}

fn refused(status: StatusCode, errors: Vec<FieldError>, locale: Locale) -> Response {
    let errors = errors
        .into_iter()
        .map(|error| RefusedField {
            message: locale.problem(&error.problem),
            error,
        })
        .collect();
    (status, Json(Refused { errors })).into_response()
}

type PartError = (StatusCode, FieldError);

fn form_error(status: StatusCode, problem: Problem) -> PartError {
    (status, FieldError::new(Field::Form, problem))
}

/// Reads the multipart body, enforcing the per-photo and total caps while reading.
async fn read_form(
    multipart: &mut Multipart,
    limits: &app::services::Limits,
    buffered: &mut Buffered,
) -> Result<(ReportDraft, Option<String>, Vec<Upload>), PartError> {
    let too_large = || {
        form_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            Problem::BodyTooLarge {
                max_bytes: limits.max_upload_bytes,
            },
        )
    };
    let malformed = || form_error(StatusCode::BAD_REQUEST, Problem::MalformedUpload);
    let mut draft = ReportDraft::default();
    let mut snap = None;
    let mut uploads = Vec::new();
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
                buffered,
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
            let bytes = read_capped(part, MAX_TEXT_FIELD, over, too_large(), buffered).await?;
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
                "snap" => snap = Some(value),
                _ => {} // unknown fields are ignored, as HTML forms expect
            }
        }
    }
    Ok((draft, snap, uploads))
}

/// Reads and discards what is left of a refused upload (never more than the body limit), so
/// the client gets to read the answer instead of a connection reset in the middle of sending.
async fn drain(multipart: &mut Multipart) {
    while let Ok(Some(mut part)) = multipart.next_field().await {
        while let Ok(Some(_)) = part.chunk().await {}
    }
}

/// Reads one part chunk by chunk and stops as soon as it passes `cap`, or when the shared
/// upload buffer has no room for the next chunk (`503`).
async fn read_capped(
    mut part: Part<'_>,
    cap: usize,
    over_cap: PartError,
    body_too_large: PartError,
    buffered: &mut Buffered,
) -> Result<Vec<u8>, PartError> {
    let mut bytes = Vec::new();
    loop {
        match part.chunk().await {
            Ok(Some(chunk)) => {
                if bytes.len() + chunk.len() > cap {
                    return Err(over_cap);
                }
                if !buffered.take(chunk.len()) {
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
