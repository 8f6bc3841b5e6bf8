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
