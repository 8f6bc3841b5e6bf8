//! Test harness: the real server binary on a random port with a fresh data directory, and
//! real image files made here.
#![allow(dead_code, unused_imports)]
pub mod hostile;
pub mod images;
pub mod raw;
pub mod rewards;
pub mod server;
pub mod staff;
pub use app::api::{ApiError, StaffError};
pub use app::model::accounts::{AccountError, ReporterError};
pub use app::model::reward::PayoutRefusal;
pub use app::model::workflow::{Refusal, Status};
pub use images::*;
pub use server::TestServer;

/// The answer of a citizen's server function read as the API's own error type (`None` when
/// it is not one).
pub fn api_error(body: &serde_json::Value) -> Option<ApiError> {
    serde_json::from_value(body.clone()).ok()
}

/// The answer of a console function read as the console's error type.
pub fn staff_error(body: &serde_json::Value) -> Option<StaffError> {
    serde_json::from_value(body.clone()).ok()
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

pub async fn submit(
    server: &TestServer,
    form: reqwest::multipart::Form,
) -> (u16, serde_json::Value) {
    submit_as(server, form, "zh-CN").await
}

pub async fn submit_as(
    server: &TestServer,
    form: reqwest::multipart::Form,
    lang: &str,
) -> (u16, serde_json::Value) {
    let response = reqwest::Client::new()
        .post(server.at("/api/v1/reports"))
        .header("Accept-Language", lang)
        .multipart(form)
        .send()
        .await
        .expect("request");
    let status = response.status().as_u16();
    (status, response.json().await.expect("json answer"))
}

/// A server-rendered page as a browser with the language choice `lang` (cookie) gets it.
pub async fn page(server: &TestServer, path: &str, lang: &str) -> String {
    page_with_cookie(server, &format!("lang={lang}"), path).await
}

/// A server-rendered page as a browser holding `cookie` gets it; it must be a 200.
pub async fn page_with_cookie(server: &TestServer, cookie: &str, path: &str) -> String {
    let response = reqwest::Client::new()
        .get(server.at(path))
        .header("Cookie", cookie)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status().as_u16(), 200, "{path}");
    response.text().await.expect("page text")
}

/// Looks up the case a `201` answer of the intake endpoint names; it must be found.
pub async fn look_up_created(
    server: &TestServer,
    created: &serde_json::Value,
) -> serde_json::Value {
    let (status, case) = lookup(
        server,
        created["ticket_no"].as_str().expect("ticket_no"),
        created["query_code"].as_str().expect("query_code"),
    )
    .await;
    assert_eq!(status, 200, "{case}");
    case
}

/// Looks a case up through the lookup server function, as the browser does.
pub async fn lookup(server: &TestServer, no: &str, code: &str) -> (u16, serde_json::Value) {
    post(
        server,
        "",
        "/api/fn/lookup",
        &[("ticket_no", no), ("code", code)],
    )
    .await
}

/// Asks for the status of the cases a browser keeps (`my cases`): a JSON body.
pub async fn my_cases(server: &TestServer, cases: serde_json::Value) -> (u16, serde_json::Value) {
    let response = reqwest::Client::new()
        .post(server.at("/api/fn/my-cases"))
        .header("Content-Type", "application/json")
        .body(serde_json::json!({ "cases": cases }).to_string())
        .send()
        .await
        .expect("request");
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
    )
}

/// Posts a form (with a `Cookie` header unless empty) and reads the JSON answer, or the text
/// when it is not JSON.
pub async fn post(
    server: &TestServer,
    cookie: &str,
    path: &str,
    form: &[(&str, &str)],
) -> (u16, serde_json::Value) {
    let mut request = reqwest::Client::new().post(server.at(path)).form(form);
    if !cookie.is_empty() {
        request = request.header("Cookie", cookie);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
    )
}

/// The open road-occupation cases "near" a position on Guhuai road in Rencheng, as the report
/// form asks for them (an empty `street` looks by position only).
pub async fn nearby_at(
    server: &TestServer,
    street: &str,
    latitude: &str,
    longitude: &str,
) -> serde_json::Value {
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
    list
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
