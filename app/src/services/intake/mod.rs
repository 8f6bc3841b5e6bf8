//! Intake: one path for every channel (the web form, the HTTP API, demo data). Validates the
//! form, runs the photo pipeline, stores photo files and the ticket, and guarantees that a
//! failed submission leaves nothing behind.
use super::photos::{self, Upload};
use super::reporters::Reporter;
use super::rewards;
use super::AppState;
use crate::model::position::Position;
use crate::model::report::{validate, ReportDraft, ValidReport};
use crate::model::snap::{validate_snap, SnapDraft};
use crate::model::time::beijing_date;
use crate::model::{Field, FieldError};
use crate::model::{QueryCode, TicketNo};
use crate::storage::cases::{self as case_store, InsertError, NewCase, NewKey, NewSnap};
use chrono::{DateTime, Utc};
use rand::Rng;

mod files;
mod once;
use files::{process_all, remove_unreferenced, store_files};
use once::{earlier, repeated_if_taken, Stored};
pub use once::{sweep_keys, Once, KEYS_KEPT_DAYS};

/// How the case reached us.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Channel {
    /// A system with an Open311 key: the channel is the key's name.
    Partner(crate::model::api_key::KeyName),
    /// The citizen web form (sends `X-Minsheng-Channel: web`).
    Web,
    /// Another intake system through the HTTP API.
    Api,
    /// Demo data seeded at start.
    Demo,
    /// 随手拍 from `/snap`.
    Snap,
}

impl Channel {
    pub fn code(&self) -> &str {
        match self {
            Channel::Partner(name) => name.as_str(),
            Channel::Web => "web",
            Channel::Api => "api",
            Channel::Demo => "demo",
            Channel::Snap => "snap",
        }
    }
}

#[derive(Debug)]
pub struct Submitted {
    pub ticket_no: TicketNo,
    /// Shown to the citizen once; only its keyed hash is stored.
    pub query_code: QueryCode,
    /// A repeat of a submission under the same Idempotency-Key: nothing new was stored.
    pub repeated: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
    #[error("the report has {} problem(s)", .0.len())]
    Invalid(Vec<FieldError>),
    #[error("internal error: {0}")]
    Internal(String),
    /// The photo store failed: nothing was saved, the citizen can send again.
    #[error("photo store unavailable: {0}")]
    StoreUnavailable(String),
}

fn internal(e: impl std::fmt::Display) -> SubmitError {
    SubmitError::Internal(e.to_string())
}

pub fn new_query_code() -> QueryCode {
    let mut rng = rand::rng();
    let n = crate::model::ticket::QUERY_CODE_ALPHABET.len() as u8;
    QueryCode::from_indices(std::array::from_fn(|_| rng.random_range(0..n)))
}

/// Submits a report with its photos. All problems are reported at once; nothing is stored
/// unless everything is right. Under a client's key (`once`), a repeat answers the ticket the
/// first submission made and stores nothing.
pub async fn submit(
    state: &AppState,
    draft: ReportDraft,
    uploads: Vec<Upload>,
    channel: Channel,
    now: DateTime<Utc>,
    once: Option<&Once>,
) -> Result<Submitted, SubmitError> {
    if let Some(once) = once {
        if let Some(done) = earlier(state, once).await? {
            return Ok(done);
        }
    }
    let code = once.map_or_else(new_query_code, |o| o.query_code.clone());
    let submitted = filed(state, draft, uploads, channel, now, code, once).await;
    repeated_if_taken(state, once, submitted).await
}

/// `submit` with a chosen query code: for demo data whose code the README documents.
pub async fn submit_with_code(
    state: &AppState,
    draft: ReportDraft,
    uploads: Vec<Upload>,
    channel: Channel,
    now: DateTime<Utc>,
    query_code: QueryCode,
) -> Result<Submitted, SubmitError> {
    repeated_if_taken(
        state,
        None,
        filed(state, draft, uploads, channel, now, query_code, None).await,
    )
    .await
}

async fn filed(
    state: &AppState,
    mut draft: ReportDraft,
    uploads: Vec<Upload>,
    channel: Channel,
    now: DateTime<Utc>,
    query_code: QueryCode,
    once: Option<&Once>,
) -> Result<Stored, SubmitError> {
    draft.photo_count = uploads.len();
    let (report, uploads) = checked(state, validate(&draft, &state.city), uploads).await?;
    let notices = super::notices::covering(state, &report, &draft.seen_notices, now).await;
    // Progress messages go to citizens who filed themselves, on the web form or through the
    // intake API, and did not opt out; a partner system or the demo tells its own people.
    let wants_sms =
        matches!(channel, Channel::Web | Channel::Api | Channel::Snap) && !draft.no_progress_sms;
    let intake = Intake {
        channel,
        now,
        query_code,
        notices: &notices,
        progress_sms: wants_sms.then(|| message_locale(&draft.locale)),
        once,
    };
    store_report(state, &report, uploads, intake, None).await
}

/// What makes a report a snap report (随手拍) at intake.
pub struct SnapIntake<'a> {
    pub category: &'a str,
    /// The signed-in reporter; none: anonymous, earns nothing.
    pub reporter_id: Option<i64>,
}

/// Submits a snap report: the district comes from the position unless the citizen chose one;
/// the photos are checked for exact and near repeats of earlier photos for the verifier.
pub async fn submit_snap(
    state: &AppState,
    mut draft: SnapDraft,
    reporter: Option<&Reporter>,
    uploads: Vec<Upload>,
    now: DateTime<Utc>,
    once: Option<&Once>,
) -> Result<Submitted, SubmitError> {
    if let Some(once) = once {
        if let Some(done) = earlier(state, once).await? {
            return Ok(done);
        }
    }
    draft.photo_count = uploads.len();
    if draft.district.trim().is_empty() {
        if let Ok(Some(p)) = Position::parse(&draft.latitude, &draft.longitude) {
            if let Some(d) = super::places::district_at(&state.city, p.latitude, p.longitude) {
                draft.district = d.code.clone();
            }
        }
    }
    let contact = reporter.map(Reporter::contact);
    let validated = validate_snap(&draft, &state.city, contact.as_ref());
    let (report, uploads) = checked(state, validated, uploads).await?;
    let snap = SnapIntake {
        category: draft.category.trim(),
        reporter_id: reporter.map(|r| r.id),
    };
    let notices = super::notices::covering(state, &report, &draft.seen_notices, now).await;
    let intake = Intake {
        channel: Channel::Snap,
        now,
        query_code: once.map_or_else(new_query_code, |o| o.query_code.clone()),
        notices: &notices,
        progress_sms: (!draft.no_progress_sms).then(|| message_locale(&draft.locale)),
        once,
    };
    let submitted = store_report(state, &report, uploads, intake, Some(snap)).await;
    repeated_if_taken(state, once, submitted).await
}

/// A validated report together with its inspected photos, or every problem of both at once:
/// the citizen fixes the form and the photos in one pass.
async fn checked(
    state: &AppState,
    validated: Result<ValidReport, Vec<FieldError>>,
    uploads: Vec<Upload>,
) -> Result<(ValidReport, Vec<Upload>), SubmitError> {
    let (report, mut errors) = match validated {
        Ok(report) => (Some(report), Vec::new()),
        Err(errors) => (None, errors),
    };
    let uploads = inspect_all(state, uploads, &mut errors).await?;
    match report {
        Some(report) if errors.is_empty() => Ok((report, uploads)),
        _ => Err(SubmitError::Invalid(errors)),
    }
}

/// Cheap photo checks (type, header) before any decoding, so every problem is listed in one
/// answer. On a blocking thread: walking a JPEG's markers reads all of its bytes.
async fn inspect_all(
    state: &AppState,
    uploads: Vec<Upload>,
    errors: &mut Vec<FieldError>,
) -> Result<Vec<Upload>, SubmitError> {
    if uploads.len() > crate::model::report::MAX_PHOTOS {
        return Ok(uploads);
    }
    let limits = state.limits;
    let (uploads, problems) = tokio::task::spawn_blocking(move || {
        let problems: Vec<_> = uploads
            .iter()
            .enumerate()
            .filter_map(|(i, upload)| photos::inspect(i + 1, upload, &limits).err())
            .collect();
        (uploads, problems)
    })
    .await
    .map_err(internal)?;
    errors.extend(
        problems
            .into_iter()
            .map(|problem| FieldError::new(Field::Photos, problem)),
    );
    Ok(uploads)
}

/// How a valid report is filed: its channel, time, query code, the notices that cover it and
/// the language of progress messages if the citizen wants them.
struct Intake<'a> {
    channel: Channel,
    now: DateTime<Utc>,
    query_code: QueryCode,
    notices: &'a [(i64, bool)],
    progress_sms: Option<&'static str>,
    once: Option<&'a Once>,
}

/// The language tag progress messages are written in: the form's, Chinese by default.
fn message_locale(tag: &str) -> &'static str {
    crate::i18n::Locale::from_tag(tag).unwrap_or_default().tag()
}

/// Processes and stores the photos, then the ticket (with its snap row and notice links) in
/// one transaction.
async fn store_report(
    state: &AppState,
    report: &ValidReport,
    uploads: Vec<Upload>,
    intake: Intake<'_>,
    snap: Option<SnapIntake<'_>>,
) -> Result<Stored, SubmitError> {
    let Intake {
        channel,
        now,
        query_code,
        notices,
        progress_sms,
        once,
    } = intake;
    let processed = process_all(state, uploads).await?;
    let (exact_repeat_of, matches) = match &snap {
        Some(_) => rewards::photo_checks(state, &processed)
            .await
            .map_err(internal)?,
        None => (None, Vec::new()),
    };
    // Until the ticket is committed, the orphan sweep leaves the files alone.
    let files = photos::writing_files().await;
    let (new_photos, created) = match store_files(state, &processed).await {
        Ok(stored) => stored,
        Err((e, created)) => {
            // The sweep's lock is released first: removing waits for every writer.
            drop(files);
            remove_unreferenced(state, &created).await;
            return Err(SubmitError::StoreUnavailable(e.to_string()));
        }
    };
    let inserted = case_store::insert(
        &state.db,
        NewCase {
            report,
            day: beijing_date(now),
            created_at: now,
            channel: channel.code(),
            photos: &new_photos,
            snap: snap.as_ref().map(|s| NewSnap {
                reporter_id: s.reporter_id,
                snap_category: s.category,
                exact_repeat_of,
                matches: &matches,
            }),
            notices,
            progress_sms,
            key: once.map(|o| NewKey {
                key_hash: &o.key_hash,
                fingerprint: &o.fingerprint,
            }),
        },
        |no| state.codes.hash(no, &query_code),
    )
    .await;
    drop(files);
    match inserted {
        Ok(ticket_no) => {
            tracing::info!(%ticket_no, channel = channel.code(), photos = new_photos.len(), "ticket created");
            super::repeats::detect_new(state, &ticket_no).await;
            Ok(Stored::Filed(Submitted {
                ticket_no,
                query_code,
                repeated: false,
            }))
        }
        Err(e) => {
            remove_unreferenced(state, &created).await;
            match e {
                InsertError::KeyTaken => Ok(Stored::KeyTaken),
                e => Err(internal(e)),
            }
        }
    }
}

/// An SVG QR code of `text` (the tracking link on the success page), scanned from paper or
/// another phone's screen: error correction M, at least 200 px with its quiet zone.
pub fn qr_svg(text: &str) -> Option<String> {
    let qr =
        qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M).ok()?;
    Some(
        qr.render::<qrcode::render::svg::Color>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build(),
    )
}
