//! Test harness: the real server binary on a random port with a fresh data directory, and
//! real image files made here.
#![allow(dead_code, unused_imports)]
pub mod atom;
pub mod database;
pub mod figures;
pub mod hostile;
pub mod images;
pub mod notices;
pub mod raw;
pub mod rewards;
pub mod server;
pub mod staff;
pub use app::api::report_answers::{Created, Refused, RefusedField};
pub use app::api::{ApiError, StaffError};
pub use app::model::accounts::{AccountError, ReporterError};
pub use app::model::public_case::{
    CaseRef, CaseSummary, Joined, NearbyCase, PublicCase, PublicStep,
};
pub use app::model::reward::PayoutRefusal;
pub use app::model::workflow::{Refusal, Status};
pub use app::model::{Field, Problem};
pub use images::*;
pub use server::TestServer;

/// The body of a server's answer exactly as it came over the wire (JSON, or text when it is
/// not), read as the API's own types with `json`, `api_error` and `staff_error`. Shown by
/// `{}` as the raw text, which is also what checks about the wire (a field or a phone number
/// that must never appear) look at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Body(pub String);

impl Body {
    /// The answer as the type `T` the server function or endpoint returns; the test fails,
    /// showing the body, when it is not one.
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.0).unwrap_or_else(|e| {
            panic!(
                "the answer is not a {}: {e}: {}",
                std::any::type_name::<T>(),
                self.0
            )
        })
    }

    /// The raw text of the answer.
    pub fn text(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The answer of a citizen's server function read as the API's own error type (`None` when
/// it is not one).
pub fn api_error(body: &Body) -> Option<ApiError> {
    serde_json::from_str(&body.0).ok()
}

/// The answer of a console function read as the console's error type.
pub fn staff_error(body: &Body) -> Option<StaffError> {
    serde_json::from_str(&body.0).ok()
}

/// A refused report's problems (the intake endpoint's `4xx` answer).
pub fn refused(body: &Body) -> Vec<RefusedField> {
    body.json::<Refused>().errors
}

/// A valid report's text fields.
pub fn fields() -> Vec<(&'static str, String)> {
    vec![
        ("kind", "complaint".into()),
        ("category", "city.road-occupation".into()),
        ("district", "rencheng".into()),
        ("street", "rencheng-guhuai".into()),
        ("address", "古槐路 88 号东门".into()),
        ("latitude", "35.4150".into()),
        ("longitude", "116.5870".into()),
        (
            "description",
            "人行道上长期有摊贩占道经营，行人只能走机动车道。".into(),
        ),
        ("contact_name", "张三".into()),
        ("contact_phone", "138 0537 1234".into()),
        ("confidential", "true".into()),
        ("publish_consent", "false".into()),
    ]
}

#[derive(Clone)]
pub struct Photo {
    pub name: &'static str,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

impl Photo {
    /// A file sent as `image/jpeg` (whatever `bytes` really are).
    pub fn jpeg(name: &'static str, bytes: Vec<u8>) -> Photo {
        Photo {
            name,
            mime: "image/jpeg",
            bytes,
        }
    }
}

pub fn form(fields: Vec<(&'static str, String)>, photos: Vec<Photo>) -> reqwest::multipart::Form {
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in fields {
        form = form.text(k, v);
    }
    for p in photos {
        let part = reqwest::multipart::Part::bytes(p.bytes)
            .file_name(p.name)
            .mime_str(p.mime)
            .unwrap();
        form = form.part("photos", part);
    }
    form
}

pub async fn submit(server: &TestServer, form: reqwest::multipart::Form) -> (u16, Body) {
    submit_as(server, form, "zh-CN").await
}

pub async fn submit_as(
    server: &TestServer,
    form: reqwest::multipart::Form,
    lang: &str,
) -> (u16, Body) {
    let response = reqwest::Client::new()
        .post(server.at("/api/v1/reports"))
        .header("Accept-Language", lang)
        .multipart(form)
        .send()
        .await
        .expect("request");
    intake_answer(response).await
}

/// The status and body of an answer of the intake endpoint, which answers a `Created` or a
/// `Refused` and nothing else.
pub async fn intake_answer(response: reqwest::Response) -> (u16, Body) {
    let (status, body) = answer(response).await;
    if status == 201 {
        body.json::<Created>();
    } else {
        body.json::<Refused>();
    }
    (status, body)
}

/// The status and body of an answer.
pub async fn answer(response: reqwest::Response) -> (u16, Body) {
    let status = response.status().as_u16();
    (status, Body(response.text().await.expect("answer text")))
}

/// The intake's `201` answer: ticket number, query code and tracking link.
pub fn created(status: u16, body: &Body) -> Created {
    assert_eq!(status, 201, "{body}");
    body.json()
}

/// A server-rendered page as a browser with the language choice `lang` (cookie) gets it.
pub async fn page(server: &TestServer, path: &str, lang: &str) -> String {
    page_with_cookie(server, &format!("lang={lang}"), path).await
}

/// A server-rendered page as a browser holding `cookie` gets it; it must be a 200.
pub async fn page_with_cookie(server: &TestServer, cookie: &str, path: &str) -> String {
    let (status, text) = page_status(server, cookie, path).await;
    assert_eq!(status, 200, "{path}");
    text
}

/// A server-rendered page's status and text as a browser holding `cookie` gets it.
pub async fn page_status(server: &TestServer, cookie: &str, path: &str) -> (u16, String) {
    let response = reqwest::Client::new()
        .get(server.at(path))
        .header("Cookie", cookie)
        .send()
        .await
        .expect("request");
    (
        response.status().as_u16(),
        response.text().await.expect("page text"),
    )
}

/// Sends every request at once (each on its own task, all started before any is awaited) and
/// answers their statuses in the order sent.
pub async fn all_at_once(requests: impl IntoIterator<Item = reqwest::RequestBuilder>) -> Vec<u16> {
    let tasks: Vec<_> = requests
        .into_iter()
        .map(|request| {
            tokio::spawn(async move { request.send().await.expect("request").status().as_u16() })
        })
        .collect();
    let mut statuses = Vec::with_capacity(tasks.len());
    for task in tasks {
        statuses.push(task.await.expect("request task"));
    }
    statuses
}

/// Looks up the case a `201` answer of the intake endpoint names; it must be found.
pub async fn look_up_created(server: &TestServer, created: &Created) -> PublicCase {
    public_case(server, &created.ticket_no, &created.query_code).await
}

/// Looks a case up through the lookup server function, as the browser does.
pub async fn lookup(server: &TestServer, no: &str, code: &str) -> (u16, Body) {
    post(
        server,
        "",
        "/api/fn/lookup",
        &[("ticket_no", no), ("code", code)],
    )
    .await
}

/// The public view of a case the lookup finds (it must answer `200`).
pub async fn public_case(server: &TestServer, no: &str, code: &str) -> PublicCase {
    let (status, case) = lookup(server, no, code).await;
    assert_eq!(status, 200, "{case}");
    case.json()
}

/// Asks for the status of the cases a browser keeps (`my cases`): a JSON body, as the page
/// sends it. A `200` answer is a `Vec<Option<CaseSummary>>`.
pub async fn my_cases(server: &TestServer, cases: Vec<CaseRef>) -> (u16, Body) {
    let response = reqwest::Client::new()
        .post(server.at("/api/fn/my-cases"))
        .json(&app::api::followup::MyCases { cases })
        .send()
        .await
        .expect("request");
    answer(response).await
}

/// A case a browser keeps.
pub fn case_ref(ticket_no: &str, code: &str) -> CaseRef {
    CaseRef {
        ticket_no: ticket_no.to_string(),
        code: code.to_string(),
    }
}

/// Posts a form (with a `Cookie` header unless empty); the status and the body as sent, to be
/// read as the function's answer (`Body::json`) or error (`api_error`, `staff_error`).
pub async fn post(
    server: &TestServer,
    cookie: &str,
    path: &str,
    form: &[(&str, &str)],
) -> (u16, Body) {
    let mut request = reqwest::Client::new().post(server.at(path)).form(form);
    if !cookie.is_empty() {
        request = request.header("Cookie", cookie);
    }
    answer(request.send().await.expect("request")).await
}

/// The open road-occupation cases "near" a position on Guhuai road in Rencheng, as the report
/// form asks for them (an empty `street` looks by position only): the list, and the answer as
/// it came over the wire.
pub async fn nearby_at(
    server: &TestServer,
    street: &str,
    latitude: &str,
    longitude: &str,
) -> (Vec<NearbyCase>, Body) {
    let (status, list) = post(
        server,
        "",
        "/api/fn/nearby",
        &[
            ("category", "city.road-occupation"),
            ("district", "rencheng"),
            ("street", street),
            ("latitude", latitude),
            ("longitude", longitude),
        ],
    )
    .await;
    assert_eq!(status, 200, "{list}");
    (list.json(), list)
}

/// GETs `url` without following redirects.
pub async fn unfollowed(url: &str) -> reqwest::Response {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(url)
        .send()
        .await
        .unwrap()
}

/// The bytes of a photo URL the server gave (asserting it answers 200).
pub async fn photo_bytes(server: &TestServer, url: &str) -> Vec<u8> {
    let response = reqwest::get(server.at(url)).await.expect("photo");
    assert_eq!(response.status().as_u16(), 200, "{url}");
    response.bytes().await.unwrap().to_vec()
}

/// Copies a directory tree (a data directory or a backup) file by file, leaving out the
/// harness's own `test-database-url` (the copy gets a database of its own).
pub fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else if entry.file_name() != "test-database-url" {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
