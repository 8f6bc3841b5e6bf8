//! The answers of `POST /api/v1/reports` (the report intake endpoint served by the server
//! crate), shared with the browser that reads them.
use crate::model::FieldError;
use serde::{Deserialize, Serialize};

/// `201 Created`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Created {
    pub ticket_no: String,
    /// Shown once; the server keeps only a keyed hash.
    pub query_code: String,
    /// A link that opens the lookup with both filled in.
    pub tracking_url: String,
    /// An SVG QR code of `tracking_url`; sent only to the web form (`X-Minsheng-Channel: web`),
    /// which shows it on the success page without another round trip.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr_svg: Option<String>,
}

/// `4xx`: every problem found, each with a machine-readable `field` and `code` and a
/// `message` in the requester's language (`Accept-Language` or the `lang` cookie).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Refused {
    pub errors: Vec<RefusedField>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RefusedField {
    #[serde(flatten)]
    pub error: FieldError,
    pub message: String,
}
