//! What can be wrong with a submission, field by field: the vocabulary shared by validation in
//! the browser, the server's intake boundary and the i18n messages.
use serde::{Deserialize, Serialize};

/// Every form field a problem can be pinned to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Kind,
    Category,
    District,
    Street,
    Address,
    Position,
    Description,
    ContactName,
    ContactPhone,
    Photos,
    /// The submission as a whole (body too large, malformed upload).
    Form,
}

impl Field {
    /// The form and multipart field name.
    pub fn name(self) -> &'static str {
        match self {
            Field::Kind => "kind",
            Field::Category => "category",
            Field::District => "district",
            Field::Street => "street",
            Field::Address => "address",
            Field::Position => "position",
            Field::Description => "description",
            Field::ContactName => "contact_name",
            Field::ContactPhone => "contact_phone",
            Field::Photos => "photos",
            Field::Form => "form",
        }
    }
}

/// What is wrong with a field. Messages live in the i18n layer, in the user's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Problem {
    Required,
    TooShort {
        min: usize,
        actual: usize,
    },
    TooLong {
        max: usize,
        actual: usize,
    },
    UnknownChoice,
    StreetNotInDistrict,
    InvalidPhone,
    InvalidPosition,
    PositionOutsideCity,
    TooManyPhotos {
        max: usize,
    },
    /// `photo` counts from 1, as the citizen sees them.
    PhotoTooLarge {
        photo: usize,
        max_bytes: u64,
    },
    PhotoNotImage {
        photo: usize,
    },
    PhotoTypeMismatch {
        photo: usize,
        declared: String,
        actual: String,
    },
    PhotoUnreadable {
        photo: usize,
    },
    PhotoTooManyPixels {
        photo: usize,
        max_megapixels: u64,
    },
    BodyTooLarge {
        max_bytes: u64,
    },
    MalformedUpload,
    TooManySubmissions,
    /// The upload did not arrive within the time allowed for a whole submission.
    UploadTooSlow {
        max_secs: u64,
    },
    /// Too many uploads are being received at once; try again after a short wait.
    ServerBusy {
        retry_after_secs: u64,
    },
    /// Photos (or the case) could not be stored just now: nothing was saved; try again.
    StoreUnavailable {
        retry_after_secs: u64,
    },
    /// The `Idempotency-Key` header is not a UUID.
    BadIdempotencyKey,
    /// The `Idempotency-Key` came before with other content: a client's mistake, never the
    /// citizen's, but the citizen's draft stays where it is.
    IdempotencyKeyReused,
    /// The server failed (logged); nothing was saved.
    ServerFault,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    #[serde(flatten)]
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: Field, problem: Problem) -> Self {
        Self { field, problem }
    }
}

/// The problems of one field, for showing next to it.
pub fn problems_of(errors: &[FieldError], field: Field) -> impl Iterator<Item = &Problem> {
    errors
        .iter()
        .filter(move |e| e.field == field)
        .map(|e| &e.problem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_errors_serialise_with_a_machine_readable_code() {
        let e = FieldError::new(Field::Description, Problem::TooShort { min: 10, actual: 3 });
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["field"], "description");
        assert_eq!(json["code"], "too_short");
        assert_eq!(json["min"], 10);
        let back: FieldError = serde_json::from_value(json).unwrap();
        assert_eq!(back, e);
    }
}
