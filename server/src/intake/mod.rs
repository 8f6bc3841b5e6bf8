//! `POST /api/v1/reports`: the report intake endpoint, for the web form and any other intake
//! channel. Multipart form: the fields of `ReportDraft` and up to 6 files named `photos`.
//! A snap report (随手拍) sends `snap` (the snap category), the place fields, `description`
//! (the optional line) and 1–3 photos; the reporter's session cookie links it to them.
//! Answers `201` with the ticket number and query code, or `4xx` with every field error.
//! A client that may send a submission again (a draft kept on the phone) sends an
//! `Idempotency-Key` (a UUID it made): a repeat answers the first one's ticket and code
//! (`Idempotent-Replayed: true`); the key with other content is refused with `422`.
use crate::listener::BodyDeadline;
use crate::ServerState;
use app::api::report_answers::{Created, Refused, RefusedField};
use app::i18n::Locale;
use app::model::idempotency::{self, IdempotencyKey};
use app::model::snap::SnapDraft;
use app::model::{Field, FieldError, Problem};
use app::services::intake::{self, Channel, SubmitError};
use app::services::reporters;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{ConnectInfo, Multipart, State};
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use std::net::SocketAddr;
use std::time::Duration;
use tokio::time::Instant;

mod form;
mod gate;

use form::{drain, read_form, Read};

mod page;
use gate::{Buffered, RETRY_AFTER_SECS};
pub use gate::{UploadBounds, UploadGate};
pub use page::submit_page;

/// How much of a refused upload is read and thrown away so the client sees the answer.
const DRAIN_FOR: Duration = Duration::from_secs(2);

pub async fn submit(
    State(state): State<ServerState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    deadline: Option<Extension<BodyDeadline>>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let locale = Locale::from_headers(&headers);
    let (answer, _) = receive(&state, peer, deadline, &headers, multipart, None).await;
    answer.json(locale)
}

/// What became of a submission, before it is written as JSON (the API) or as a page (a plain
/// post of the report form, `page`).
enum Answer {
    Created {
        created: Created,
        /// A repeat under the same Idempotency-Key, answered with the first one's ticket.
        replayed: bool,
    },
    Refused {
        status: StatusCode,
        errors: Vec<FieldError>,
    },
    /// Something broke on the server's side (logged).
    Failed,
}

impl Answer {
    fn refused(status: StatusCode, problem: Problem) -> Self {
        Answer::Refused {
            status,
            errors: vec![FieldError::new(Field::Form, problem)],
        }
    }

    fn busy() -> Self {
        let retry_after_secs = RETRY_AFTER_SECS;
        Self::refused(
            StatusCode::SERVICE_UNAVAILABLE,
            Problem::ServerBusy { retry_after_secs },
        )
    }

    /// `Retry-After` of a refusal that will pass later (a busy server, a photo store away).
    fn retry_after(&self) -> Option<HeaderValue> {
        match self {
            Answer::Refused { status, .. } if *status == StatusCode::SERVICE_UNAVAILABLE => {
                Some(HeaderValue::from(RETRY_AFTER_SECS))
            }
            _ => None,
        }
    }

    fn json(self, locale: Locale) -> Response {
        let retry_after = self.retry_after();
        let mut response = match self {
            Answer::Created { created, replayed } => {
                // A repeat under the same key answers the first one's ticket, marked as a replay.
                let replayed = if replayed { "true" } else { "false" };
                (
                    StatusCode::CREATED,
                    [
                        (axum::http::header::CACHE_CONTROL, "no-store"),
                        (HeaderName::from_static("idempotent-replayed"), replayed),
                    ],
                    Json(created),
                )
                    .into_response()
            }
            Answer::Refused { status, errors } => refused(status, errors, locale),
            Answer::Failed => {
                let body = serde_json::json!({ "errors": [], "message": locale.errors().internal });
                (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response()
            }
        };
        if let Some(value) = retry_after {
            response.headers_mut().insert(RETRY_AFTER, value);
        }
        response
    }
}

/// Receives one submission: the key, the rate limit, the bounds on uploads at once, the body
/// read with its caps and deadline, then the intake. Answers what became of it and what was
/// read (a plain form is shown again with it). `page`: the channel of a plain post of a form
/// (otherwise the `X-Minsheng-Channel` header's, or the API).
async fn receive(
    state: &ServerState,
    peer: SocketAddr,
    deadline: Option<Extension<BodyDeadline>>,
    headers: &HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
    page: Option<Channel>,
) -> (Answer, Read) {
    let app = &state.app;
    let gate = &state.uploads;
    let deadline = deadline.map_or_else(|| Instant::now() + gate.body_timeout, |d| d.0 .0);
    let mut read = Read::default();
    let ip = app.client_ip(Some(peer.ip()), headers);
    let Ok(mut multipart) = multipart else {
        let answer = Answer::refused(StatusCode::BAD_REQUEST, Problem::MalformedUpload);
        return (answer, read);
    };
    // A client that may send this submission again (a draft kept on the phone) names it in a
    // header; a plain form, in a field (read below).
    let key = headers.get(idempotency::HEADER).map(|value| {
        value
            .to_str()
            .map_err(|_| Problem::BadIdempotencyKey)
            .and_then(IdempotencyKey::parse)
    });
    let header_key = match key.transpose() {
        Ok(key) => key,
        Err(problem) => {
            let _ = tokio::time::timeout(DRAIN_FOR, drain(&mut multipart)).await;
            return (Answer::refused(StatusCode::BAD_REQUEST, problem), read);
        }
    };
    if app.submit_limiter.check_key(&ip).is_err() {
        tracing::warn!(%ip, "submission rate limited");
        drain(&mut multipart).await;
        let answer = Answer::refused(StatusCode::TOO_MANY_REQUESTS, Problem::TooManySubmissions);
        return (answer, read);
    }
    let Ok(_slot) = gate.slots.clone().try_acquire_owned() else {
        tracing::warn!(%ip, "submission refused: too many uploads in flight");
        let _ = tokio::time::timeout(DRAIN_FOR, drain(&mut multipart)).await;
        return (Answer::busy(), read);
    };
    let mut buffered = Buffered {
        pool: gate.bytes.clone(),
        held: 0,
    };
    let outcome = tokio::time::timeout_at(
        deadline,
        read_form(&mut multipart, &app.limits, &mut buffered, &mut read),
    )
    .await;
    let too_slow = || {
        tracing::warn!(%ip, "submission refused: body not received in time");
        Answer::refused(
            StatusCode::REQUEST_TIMEOUT,
            Problem::UploadTooSlow {
                max_secs: gate.body_timeout.as_secs(),
            },
        )
    };
    match outcome {
        Ok(Ok(())) => {}
        Err(_elapsed) => return (too_slow(), read),
        Ok(Err(_)) if Instant::now() >= deadline => return (too_slow(), read),
        Ok(Err((StatusCode::SERVICE_UNAVAILABLE, _))) => {
            tracing::warn!(%ip, "submission refused: upload buffer full");
            drop(buffered);
            let _ = tokio::time::timeout(DRAIN_FOR, drain(&mut multipart)).await;
            return (Answer::busy(), read);
        }
        Ok(Err((status, error))) => {
            let _ = tokio::time::timeout_at(deadline, drain(&mut multipart)).await;
            let errors = vec![error];
            return (Answer::Refused { status, errors }, read);
        }
    }
    let key = match (header_key, read.key.as_deref()) {
        (Some(key), _) => Some(key),
        (None, Some(field)) => match IdempotencyKey::parse(field) {
            Ok(key) => Some(key),
            Err(problem) => return (Answer::refused(StatusCode::BAD_REQUEST, problem), read),
        },
        (None, None) => None,
    };
    // Progress messages in the form's language; a client that does not say, in the request's.
    if read.draft.locale.trim().is_empty() {
        read.draft.locale = Locale::from_headers(headers).tag().to_string();
    }
    // A plain post is the report form's, never a snap (which names a reporter by cookie).
    if page.is_some() {
        read.snap = None;
    }
    let channel = page.unwrap_or_else(|| {
        match headers
            .get("x-minsheng-channel")
            .and_then(|v| v.to_str().ok())
        {
            Some("web") => Channel::Web,
            Some("snap") => Channel::Snap,
            _ => Channel::Api,
        }
    });
    let on_a_page = matches!(channel, Channel::Web | Channel::Snap);

    let (draft, snap, uploads) = (
        read.draft.clone(),
        read.snap.clone(),
        std::mem::take(&mut read.uploads),
    );
    let photos_sent = uploads.len();
    let once = key.map(|key| {
        let what = snap.as_deref().unwrap_or("report");
        intake::Once::new(app, &key, &channel, what, &draft, &uploads)
    });
    // The submission runs to its end in a task of its own that holds its upload slot and
    // buffered bytes: a client that disconnects (which drops this handler) neither leaves
    // photo files without their ticket nor frees its share of the bounds while the work goes
    // on.
    let owned = app.clone();
    let reporter_token = app::services::accounts::cookie_value(headers, reporters::SESSION_COOKIE);
    let work = tokio::spawn(async move {
        let _held = (_slot, buffered);
        let app = &owned;
        let now = chrono::Utc::now();
        match snap {
            // 随手拍: the same fields, the snap category instead of kind and category, and the
            // signed-in reporter (if any) from the session cookie.
            Some(category) => {
                let reporter = match reporter_token {
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
                    seen_notices: draft.seen_notices,
                    no_progress_sms: draft.no_progress_sms,
                    locale: draft.locale,
                };
                intake::submit_snap(app, snap, reporter.as_ref(), uploads, now, once.as_ref()).await
            }
            None => intake::submit(app, draft, uploads, channel, now, once.as_ref()).await,
        }
    });
    let submitted = work
        .await
        .unwrap_or_else(|e| Err(SubmitError::Internal(format!("submission task: {e}"))));
    read.draft.photo_count = photos_sent;
    let answer = match submitted {
        Ok(done) => {
            let tracking_url = app.tracking_url(&done.ticket_no, &done.query_code);
            let qr_svg = if on_a_page {
                app::services::qr_svg(&tracking_url)
            } else {
                None
            };
            let created = Created {
                ticket_no: done.ticket_no.to_string(),
                query_code: done.query_code.as_str().to_string(),
                tracking_url,
                qr_svg,
            };
            Answer::Created {
                created,
                replayed: done.repeated,
            }
        }
        Err(SubmitError::Invalid(errors)) => Answer::Refused {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            errors,
        },
        Err(SubmitError::StoreUnavailable(e)) => {
            tracing::error!(error = %e, "submission failed: photo store");
            let retry_after_secs = RETRY_AFTER_SECS;
            Answer::refused(
                StatusCode::SERVICE_UNAVAILABLE,
                Problem::StoreUnavailable { retry_after_secs },
            )
        }
        Err(SubmitError::Internal(e)) => {
            tracing::error!(error = %e, "submission failed");
            Answer::Failed
        }
    };
    (answer, read)
}

fn refused(status: StatusCode, errors: Vec<FieldError>, locale: Locale) -> Response {
    let errors = errors
        .into_iter()
        .map(|error| RefusedField {
            message: locale.texts().problem(&error.problem),
            error,
        })
        .collect();
    (status, Json(Refused { errors })).into_response()
}
