//! Server functions: thin. Parse, check, call a service, map errors to `ApiError` (citizens)
//! or `StaffError` (the console), one file per feature.
//! The report intake itself is an HTTP endpoint (`POST /api/v1/reports`, see the server crate)
//! because it carries photos with upload progress; it calls the same intake service.
#[cfg(feature = "ssr")]
pub(crate) mod answer;
pub mod board;
pub mod error;
pub mod followup;
pub mod help;
pub mod lookup;
pub mod notices;
pub mod report_answers;
mod request;
pub mod rewards;
pub mod staff;

#[cfg(feature = "ssr")]
pub(crate) use answer::answered;
pub use error::{ApiError, FormError, Input, StaffError};
pub use lookup::{lookup_case, LookupCase};
pub use request::page_city;
#[cfg(feature = "ssr")]
pub(crate) use request::{app_state, client_ip, spend_lookup};
