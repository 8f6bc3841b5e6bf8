//! Pure domain types and rules. Compiled for the browser (instant feedback) and the server
//! (the authority). No I/O in here.
#[macro_use]
mod codes;
pub mod accounts;
pub mod api_key;
pub mod board;
pub mod calendar;
pub mod city;
pub mod console;
pub mod figures;
pub mod help;
pub mod idempotency;
pub mod near_dup;
pub mod notice;
pub mod open311;
pub mod phone;
pub mod position;
pub mod problem;
pub mod progress;
pub mod public_case;
pub mod queue;
pub mod redact;
pub mod repeat;
pub mod report;
pub mod reward;
pub mod reward_view;
pub mod routing;
pub mod snap;
pub mod staff;
pub mod surnames;
pub mod ticket;
pub mod time;
pub mod url;
pub mod visibility;
pub mod workflow;

pub use city::City;
pub use phone::MobilePhone;
pub use problem::{Field, FieldError, Problem};
pub use report::{ReportDraft, ValidReport};
pub use ticket::{QueryCode, TicketKind, TicketNo};
pub use workflow::{EventKind, Status};
