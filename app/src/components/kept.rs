//! "My cases" without an account: the ticket numbers and codes this browser submitted, looked
//! up or joined, kept in local storage with the signature last seen (browser only).
//! `public/live.js` writes the same list from `/track` (key `minsheng.cases`, newest first,
//! at most 30 entries of `{ticket_no, code, seen}`): change both together.
use crate::model::case::CaseRef;
use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

const KEY: &str = "minsheng.cases";
/// The list keeps this many, newest first.
const MAX: usize = 30;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Kept {
    pub ticket_no: String,
    pub code: String,
    /// `PublicCase::signature` when the citizen last saw the case.
    pub seen: String,
}

pub fn list() -> Vec<Kept> {
    LocalStorage::get(KEY).unwrap_or_default()
}

fn save(list: &[Kept]) {
    let _ = LocalStorage::set(KEY, list);
}

/// Remembers a case (or updates its code) and marks `seen` as seen.
pub fn remember(ticket_no: &str, code: &str, seen: &str) {
    let mut all = list();
    all.retain(|k| k.ticket_no != ticket_no);
    all.insert(
        0,
        Kept {
            ticket_no: ticket_no.to_string(),
            code: code.to_string(),
            seen: seen.to_string(),
        },
    );
    all.truncate(MAX);
    save(&all);
}

pub fn forget(ticket_no: &str) {
    let mut all = list();
    all.retain(|k| k.ticket_no != ticket_no);
    save(&all);
}

pub fn refs(list: &[Kept]) -> Vec<CaseRef> {
    list.iter()
        .map(|k| CaseRef {
            ticket_no: k.ticket_no.clone(),
            code: k.code.clone(),
        })
        .collect()
}
