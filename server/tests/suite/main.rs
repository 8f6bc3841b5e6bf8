//! The server's integration tests, one binary: the real server binary over HTTP, on SQLite with
//! photos in a directory, or on PostgreSQL and S3 when `.ci/with-postgres .ci/with-s3` set them.
//! One binary rather than one per file: each file linked the whole server and compiled the
//! harness again, which cost CI minutes. `cargo test -p server --test suite notices::` runs one
//! file's tests.
#[path = "../common/mod.rs"]
mod common;

mod backup;
mod case_totals;
mod configuration;
mod demo_history;
mod figure_pages;
mod figures;
mod followup;
mod help;
mod help_scale;
mod help_staff;
mod hostile_multipart;
mod installable;
mod instances;
mod intake_throughput;
mod lookup;
mod migrate;
mod notices;
mod one_time_codes;
mod open311;
mod open311_clients;
mod page_snapshots;
mod payouts;
mod photo_store;
mod photos;
mod plain_form;
mod privacy;
mod progress_messages;
mod public_board;
mod repeats;
mod report_intake;
mod reporter_accounts;
mod reports;
mod resent_drafts;
mod rewards;
mod staff_accounts;
mod staff_workflow;
mod static_assets;
mod stranger;
mod web_hardening;
