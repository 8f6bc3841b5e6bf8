//! Staff server functions. Every one reads the session cookie and checks the role (and the
//! department, in the service); a refusal changes nothing.
//!
//! The console's forms are plain HTML forms posting to these functions, so the console
//! works without JavaScript: for such a post (`Accept: text/html`) the answer is a redirect,
//! to the next page on success or back to the form with `?error=` (the error as JSON,
//! `api::error`) otherwise. Other
//! clients get the JSON answer and an HTTP status (401, 403, 404, 409, 422, 429).
pub use super::error::StaffError;

#[cfg(feature = "ssr")]
pub(crate) mod guard;

mod accounts;
mod cases;
mod figures;
mod reports;
mod rewards;
mod session;

pub use accounts::*;
pub use cases::*;
pub use figures::*;
pub use reports::*;
pub use rewards::*;
pub use session::*;
