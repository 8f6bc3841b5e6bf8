//! One file per route.
pub mod home;
pub mod not_found;
pub mod report;
pub mod report_done;
pub mod staff;
pub mod staff_accounts;
pub mod staff_case;
pub mod track;
