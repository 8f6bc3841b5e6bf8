//! One file per route.
pub mod home;
pub mod mine;
pub mod not_found;
pub mod public_board;
pub mod report;
pub mod report_done;
pub mod staff;
pub mod staff_accounts;
pub mod staff_case;
pub mod track;
