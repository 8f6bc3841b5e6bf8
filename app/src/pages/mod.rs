//! One file per route.
pub mod home;
pub mod mine;
pub mod not_found;
pub mod public_board;
pub mod report;
pub mod report_done;
pub mod rewards;
pub mod rewards_join;
pub mod rewards_me;
pub mod rewards_reset;
pub mod rewards_signin;
pub mod snap;
pub mod staff;
pub mod staff_accounts;
pub mod staff_case;
pub mod staff_payouts;
pub mod track;
