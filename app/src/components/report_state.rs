//! The report form's state: every input as typed, the sending phase, and sending it with its
//! photos to the intake endpoint (upload progress included).
use crate::components::photo_picker::PhotoItem;
use crate::model::report::ReportDraft;
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub enum Phase {
    Editing,
    Uploading(f64),
    Processing,
    NetworkError,
    /// No connection: the report is kept on the phone and sent when one returns (outbox.js).
    Queued,
}

/// Every input of the form, as typed (all empty at first).
#[derive(Clone, Copy, Default)]
pub struct FormState {
    pub(crate) kind: RwSignal<String>,
    pub(crate) group: RwSignal<String>,
    pub(crate) category: RwSignal<String>,
    pub(crate) district: RwSignal<String>,
    pub(crate) street: RwSignal<String>,
    pub(crate) address: RwSignal<String>,
    pub(crate) latitude: RwSignal<String>,
    pub(crate) longitude: RwSignal<String>,
    pub(crate) description: RwSignal<String>,
    pub(crate) contact_name: RwSignal<String>,
    pub(crate) contact_phone: RwSignal<String>,
    pub(crate) confidential: RwSignal<bool>,
    pub(crate) publish_consent: RwSignal<bool>,
    pub(crate) photos: RwSignal<Vec<PhotoItem>>,
    /// The opt-out of progress messages.
    pub(crate) no_progress_sms: RwSignal<bool>,
}

/// What the form knows of where and what, once it knows enough to look around it: (category,
/// district, street, latitude, longitude).
pub type CategoryAndPlace = (String, String, String, String, String);

impl FormState {
    /// The values of a refused plain post, as the island gets them (`filled`): strings in
    /// one order, so that no draft type's decoding goes into the WASM.
    pub fn values_of(draft: &ReportDraft) -> Vec<String> {
        let flag = |b: bool| if b { "true" } else { "" }.to_string();
        vec![
            draft.kind.clone(),
            draft.category.clone(),
            draft.district.clone(),
            draft.street.clone(),
            draft.address.clone(),
            draft.latitude.clone(),
            draft.longitude.clone(),
            draft.description.clone(),
            draft.contact_name.clone(),
            draft.contact_phone.clone(),
            flag(draft.confidential),
            flag(draft.publish_consent),
            flag(draft.no_progress_sms),
        ]
    }

    /// The form filled in with `values_of` a refused plain post (the photos are picked again);
    /// empty values: a new, empty form.
    pub fn filled(values: &[String]) -> Self {
        let text = |i: usize| RwSignal::new(values.get(i).cloned().unwrap_or_default());
        let flag = |i: usize| RwSignal::new(values.get(i).is_some_and(|v| !v.is_empty()));
        Self {
            kind: text(0),
            group: RwSignal::default(),
            category: text(1),
            district: text(2),
            street: text(3),
            address: text(4),
            latitude: text(5),
            longitude: text(6),
            description: text(7),
            contact_name: text(8),
            contact_phone: text(9),
            confidential: flag(10),
            publish_consent: flag(11),
            photos: RwSignal::default(),
            no_progress_sms: flag(12),
        }
    }

    /// The category and the place once both are chosen (a street or a position), for the
    /// parts of the form that look around them (nearby cases, notices); `None` before.
    pub fn category_and_place(&self) -> Option<CategoryAndPlace> {
        let (category, street, lat) = (self.category.get(), self.street.get(), self.latitude.get());
        if category.is_empty() || (street.is_empty() && lat.is_empty()) {
            return None;
        }
        Some((
            category,
            self.district.get(),
            street,
            lat,
            self.longitude.get(),
        ))
    }

    pub fn draft(&self) -> ReportDraft {
        ReportDraft {
            kind: self.kind.get(),
            category: self.category.get(),
            district: self.district.get(),
            street: self.street.get(),
            address: self.address.get(),
            latitude: self.latitude.get(),
            longitude: self.longitude.get(),
            description: self.description.get(),
            contact_name: self.contact_name.get(),
            contact_phone: self.contact_phone.get(),
            confidential: self.confidential.get(),
            publish_consent: self.publish_consent.get(),
            photo_count: self.photos.with(Vec::len),
            // Filled in when sending: the notices' script keeps what it showed.
            seen_notices: String::new(),
            no_progress_sms: self.no_progress_sms.get(),
            locale: crate::current_locale().tag().to_string(),
        }
    }
}

/// Moves the focus to the first field with an error, so the citizen sees what to fix.
pub fn focus_first_error() {
    focus_first(
        ".field.invalid input, .field.invalid select, .field.invalid textarea, .field-error",
    );
}

/// Moves the focus (and the view) to the first element `selector` finds once the page has
/// drawn: a field to fix, or the success view's heading, read out next by a screen reader.
pub fn focus_first(_selector: &'static str) {
    #[cfg(feature = "hydrate")]
    request_animation_frame(move || {
        if let Some(el) = document().query_selector(_selector).ok().flatten() {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
                el.scroll_into_view();
            }
        }
    });
}

/// Sends the form and its photos; on success hands the ticket number and code to `on_success`.
#[cfg(feature = "hydrate")]
pub async fn send(
    form: FormState,
    phase: RwSignal<Phase>,
    server_errors: RwSignal<Vec<crate::model::FieldError>>,
    on_success: impl Fn(crate::api::report_answers::Created),
) {
    use crate::api::report_answers::{Created, Refused};
    use crate::components::browser;
    let mut draft = form.draft();
    let notices = format!(
        "[data-part=\"{}\"]",
        crate::components::notice_match::REPORT_NOTICES
    );
    draft.seen_notices = document()
        .query_selector(&notices)
        .ok()
        .flatten()
        .and_then(|b| b.get_attribute("data-seen"))
        .unwrap_or_default();
    let Ok(data) = web_sys::FormData::new() else {
        return;
    };
    let fields = [
        ("kind", draft.kind.as_str()),
        ("category", &draft.category),
        ("district", &draft.district),
        ("street", &draft.street),
        ("address", &draft.address),
        ("latitude", &draft.latitude),
        ("longitude", &draft.longitude),
        ("description", &draft.description),
        ("contact_name", &draft.contact_name),
        ("contact_phone", &draft.contact_phone),
        ("seen_notices", &draft.seen_notices),
        ("locale", &draft.locale),
        (
            "no_progress_sms",
            if draft.no_progress_sms {
                "true"
            } else {
                "false"
            },
        ),
        (
            "confidential",
            if draft.confidential { "true" } else { "false" },
        ),
        (
            "publish_consent",
            if draft.publish_consent {
                "true"
            } else {
                "false"
            },
        ),
    ];
    for (name, value) in fields {
        let _ = data.append_with_str(name, value);
    }
    for (i, item) in form.photos.get_untracked().iter().enumerate() {
        if let Some(blob) = browser::photo(item.id) {
            let _ = data.append_with_blob_and_filename(
                "photos",
                &blob,
                &format!("photo-{}.jpg", i + 1),
            );
        }
    }
    phase.set(Phase::Uploading(0.0));
    let summary: String = draft.description.chars().take(40).collect();
    let result = browser::send_report(&data, &summary, move |p| {
        phase.set(if p >= 1.0 {
            Phase::Processing
        } else {
            Phase::Uploading(p)
        });
    })
    .await;
    let forget_photos = || {
        for item in form.photos.get_untracked() {
            browser::revoke_url(&item.preview_url);
            browser::drop_photo(item.id);
        }
        form.photos.set(Vec::new());
    };
    match result {
        Ok(None) => {
            forget_photos();
            phase.set(Phase::Queued);
        }
        Ok(Some((201, body))) => match serde_json::from_str::<Created>(&body) {
            Ok(case) => {
                forget_photos();
                phase.set(Phase::Editing);
                on_success(case);
            }
            Err(_) => phase.set(Phase::NetworkError),
        },
        Ok(Some((_, body))) => {
            phase.set(Phase::Editing);
            match serde_json::from_str::<Refused>(&body) {
                Ok(refused) => {
                    server_errors.set(refused.errors.into_iter().map(|e| e.error).collect());
                    focus_first_error();
                }
                Err(_) => phase.set(Phase::NetworkError),
            }
        }
        Err(_) => phase.set(Phase::NetworkError),
    }
}
