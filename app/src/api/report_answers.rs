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

/// The report form sent as a plain HTML post (no JavaScript or no WASM: `POST /report`), as
/// the server hands it to the page it answers with.
#[derive(Clone, Debug, PartialEq)]
pub enum FormPost {
    /// Taken: the page shows the ticket number and query code, once.
    Created(Created),
    /// Refused: the form again, filled in as sent, with every problem.
    Refused(Box<Refill>),
}

/// A refused plain post: what was typed, every problem, and how many photos were sent (a
/// browser cannot put chosen files back into a page: they are picked again).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Refill {
    pub draft: crate::model::ReportDraft,
    pub errors: Vec<FieldError>,
    pub photos_sent: usize,
}
