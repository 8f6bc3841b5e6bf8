//! "My cases" without an account (browser only): the ticket numbers and codes this browser
//! submitted, looked up or joined, with the signature last seen. The format in local storage
//! has one owner, `public/my_cases.js`, which the pages that keep cases load (/report, /mine,
//! /track, /snap); the islands call it through `window.minshengCases`.
use crate::model::public_case::CaseRef;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Kept {
    pub ticket_no: String,
    pub code: String,
    /// `PublicCase::signature` when the citizen last saw the case.
    pub seen: String,
}

/// Calls `window.minshengCases[name](args…)`; `None` if the script is missing or throws.
fn call(name: &str, args: &[&str]) -> Option<JsValue> {
    let owner =
        js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("minshengCases")).ok()?;
    let f: js_sys::Function = js_sys::Reflect::get(&owner, &JsValue::from_str(name))
        .ok()?
        .dyn_into()
        .ok()?;
    let args: js_sys::Array = args.iter().map(|a| JsValue::from_str(a)).collect();
    f.apply(&owner, &args).ok()
}

pub fn list() -> Vec<Kept> {
    call("list", &[])
        .and_then(|v| js_sys::JSON::stringify(&v).ok())
        .and_then(|s| s.as_string())
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

/// Remembers a case (or updates its code) and marks `seen` as seen.
pub fn remember(ticket_no: &str, code: &str, seen: &str) {
    call("remember", &[ticket_no, code, seen]);
}

pub fn forget(ticket_no: &str) {
    call("forget", &[ticket_no]);
}

pub fn refs(list: &[Kept]) -> Vec<CaseRef> {
    list.iter()
        .map(|k| CaseRef {
            ticket_no: k.ticket_no.clone(),
            code: k.code.clone(),
        })
        .collect()
}
