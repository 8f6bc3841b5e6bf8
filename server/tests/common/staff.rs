//! Staff helpers: demo accounts, signing in, reading and acting on a case over HTTP.
use super::*;
use serde_json::Value;

pub const PASSWORD: &str = "minsheng-demo";

pub fn demo_server(extra: &[(&str, &str)]) -> TestServer {
    let mut env = vec![("MINSHENG_DEMO_DATA", "true")];
    env.extend_from_slice(extra);
    TestServer::start_with(&env)
}

/// Signs in and returns the `Cookie` header value of the session.
pub async fn sign_in(server: &TestServer, username: &str) -> String {
    let (status, cookie) = try_sign_in(server, username, PASSWORD).await;
    assert_eq!(status, 200, "sign-in of {username}");
    cookie.expect("session cookie")
}

pub async fn try_sign_in(
    server: &TestServer,
    username: &str,
    password: &str,
) -> (u16, Option<String>) {
    let response = reqwest::Client::new()
        .post(server.at("/api/fn/staff/sign_in"))
        .form(&[("username", username), ("password", password)])
        .send()
        .await
        .expect("request");
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("minsheng_staff="))
        .map(|v| {
            assert!(
                v.contains("HttpOnly") && v.contains("SameSite=Strict"),
                "{v}"
            );
            v.split(';').next().unwrap().to_string()
        });
    (response.status().as_u16(), cookie)
}

pub async fn case(server: &TestServer, cookie: &str, no: &str, reveal: bool) -> (u16, Value) {
    let reveal = reveal.to_string();
    post(
        server,
        cookie,
        "/api/fn/staff/case",
        &[("ticket_no", no), ("reveal", &reveal)],
    )
    .await
}

/// Acts on a case with the version the actor currently sees.
pub async fn act(
    server: &TestServer,
    cookie: &str,
    no: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> (u16, Value) {
    let (_, seen) = case(server, cookie, no, false).await;
    let version = seen["version"].as_i64().unwrap_or(1).to_string();
    let mut form = vec![
        ("ticket_no", no),
        ("version", version.as_str()),
        ("action", action),
    ];
    form.extend_from_slice(fields);
    post(server, cookie, "/api/fn/staff/act", &form).await
}

/// A new confidential road-occupation case in Rencheng (routed to dept-rencheng).
pub async fn new_case(server: &TestServer) -> String {
    let (status, created) = submit(server, form(fields(), vec![])).await;
    assert_eq!(status, 201, "{created}");
    created["ticket_no"].as_str().unwrap().to_string()
}

/// Accepts a case and dispatches it to `department`, as the operator.
pub async fn dispatch(server: &TestServer, operator: &str, no: &str, department: &str) {
    assert_eq!(act(server, operator, no, "accepted", &[]).await.0, 200);
    let (status, answer) = act(
        server,
        operator,
        no,
        "dispatched",
        &[("department", department)],
    )
    .await;
    assert_eq!(status, 200, "{answer}");
}

pub const REPLY: &str =
    "经现场核查，古槐路东门的占道摊贩已于今日清理完毕，执法中队每日早晚巡查两次，防止反弹。";

/// The Rencheng department contacts the citizen, drafts `REPLY` and its head releases it.
pub async fn release_reply(server: &TestServer, no: &str) {
    let handler = sign_in(server, "rencheng.handler").await;
    let head = sign_in(server, "rencheng.head").await;
    assert_eq!(act(server, &handler, no, "first_contact", &[]).await.0, 200);
    let (status, answer) = act(
        server,
        &handler,
        no,
        "reply_drafted",
        &[
            ("text", REPLY),
            ("responder", "任城区 孙丽"),
            ("phone", "0537-2345678"),
        ],
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(act(server, &head, no, "reply_approved", &[]).await.0, 200);
}

/// A case submitted with `fields`, dispatched to Rencheng and replied; returns number and code.
pub async fn replied_case(
    server: &TestServer,
    fields: Vec<(&'static str, String)>,
) -> (String, String) {
    let (status, created) = submit(server, form(fields, vec![])).await;
    assert_eq!(status, 201, "{created}");
    let no = created["ticket_no"].as_str().unwrap().to_string();
    let code = created["query_code"].as_str().unwrap().to_string();
    let operator = sign_in(server, "operator").await;
    dispatch(server, &operator, &no, "dept-rencheng").await;
    release_reply(server, &no).await;
    (no, code)
}

/// The citizen rates through the rating server function (as a JSON client).
pub async fn rate(server: &TestServer, no: &str, code: &str, rating: &str) -> (u16, Value) {
    post(
        server,
        "",
        "/api/fn/rate",
        &[
            ("ticket_no", no),
            ("code", code),
            ("rating", rating),
            ("comment", ""),
        ],
    )
    .await
}

/// The ticket numbers in one of the signed-in viewer's queues.
pub async fn queue(server: &TestServer, cookie: &str, queue: &str) -> Vec<(String, u64)> {
    let (status, page) = post(
        server,
        cookie,
        "/api/fn/staff/queue",
        &[("queue", queue), ("page", "0")],
    )
    .await;
    assert_eq!(status, 200, "{page}");
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["ticket_no"].as_str().unwrap().to_string(),
                i["level"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The supervisor's figures (confirmed repeats by department, ratings) from their queue page.
pub async fn supervisor_stats(server: &TestServer, supervisor: &str) -> Value {
    let (status, page) = post(
        server,
        supervisor,
        "/api/fn/staff/queue",
        &[("queue", "overdue")],
    )
    .await;
    assert_eq!(status, 200, "{page}");
    page["stats"].clone()
}
