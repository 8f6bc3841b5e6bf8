//! Services (server only): the rules that need I/O. Server functions and HTTP handlers call
//! these; these call storage.
pub mod accounts;
pub mod api_keys;
pub mod backup;
pub mod board;
pub mod case_detail;
pub mod cases;
pub mod charts;
pub mod demo;
pub mod figures;
pub mod fingerprint;
pub mod followup;
pub mod intake;
pub mod leases;
pub mod lookup;
pub mod near;
pub mod notices;
pub mod open311;
pub mod payouts;
pub mod photo_access;
pub mod photos;
pub mod places;
pub mod query_codes;
pub mod queues;
pub mod rate_limits;
pub mod repeats;
pub mod reporters;
pub mod reports;
pub mod rewards;
pub mod sms;
pub mod staff;
pub mod state;
pub mod transfer;

pub use intake::qr_svg;
pub use query_codes::CodeHasher;
pub use rate_limits::{per_minute_limiter, rate_key, ClientLimiter};
pub use state::{AppState, UploadLimits};
