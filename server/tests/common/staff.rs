//! Staff helpers: demo accounts, signing in, reading and acting on a case over HTTP.
use super::*;
pub use app::model::console::{CaseDetail, Contact, FollowStats, QueuePage};

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

/// The staff view of a case; a `200` answer is a `CaseDetail`.
pub async fn case(server: &TestServer, cookie: &str, no: &str, reveal: bool) -> (u16, Body) {
    let reveal = reveal.to_string();
    post(
        server,
        cookie,
        "/api/fn/staff/case",
        &[("ticket_no", no), ("reveal", &reveal)],
    )
    .await
}

/// The staff view of a case the viewer may see (it must answer `200`).
pub async fn detail(server: &TestServer, cookie: &str, no: &str, reveal: bool) -> CaseDetail {
    let (status, seen) = case(server, cookie, no, reveal).await;
    assert_eq!(status, 200, "{seen}");
    seen.json()
}

/// Acts on a case with the version the actor currently sees.
pub async fn act(
    server: &TestServer,
    cookie: &str,
    no: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> (u16, Body) {
    // A viewer who may not see the case acts on the first version (and is refused).
    let (status, seen) = case(server, cookie, no, false).await;
    let version = if status == 200 {
        seen.json::<CaseDetail>().version
    } else {
        1
    }
    .to_string();
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
    let (status, body) = submit(server, form(fields(), vec![])).await;
    created(status, &body).ticket_no
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
    let (status, body) = submit(server, form(fields, vec![])).await;
    let Created {
        ticket_no: no,
        query_code: code,
        ..
    } = created(status, &body);
    let operator = sign_in(server, "operator").await;
    dispatch(server, &operator, &no, "dept-rencheng").await;
    release_reply(server, &no).await;
    (no, code)
}

/// A new case dispatched to the urban-management bureau, contacted, answered and released.
pub async fn urban_replied_case(server: &TestServer, operator: &str) -> (String, String) {
    let (status, body) = submit(server, form(fields(), vec![])).await;
    let c = created(status, &body);
    dispatch(server, operator, &c.ticket_no, "dept-urban").await;
    let handler = sign_in(server, "urban.handler").await;
    let head = sign_in(server, "urban.head").await;
    assert_eq!(
        act(server, &handler, &c.ticket_no, "first_contact", &[])
            .await
            .0,
        200
    );
    let reply = [
        ("text", REPLY),
        ("responder", "城管局 王明"),
        ("phone", "0537-2345678"),
    ];
    let (status, answer) = act(server, &handler, &c.ticket_no, "reply_drafted", &reply).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        act(server, &head, &c.ticket_no, "reply_approved", &[])
            .await
            .0,
        200
    );
    (c.ticket_no, c.query_code)
}

/// The citizen rates through the rating server function (as a JSON client).
pub async fn rate(server: &TestServer, no: &str, code: &str, rating: &str) -> (u16, Body) {
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

/// The ticket numbers (with their 重办 levels) in one of the signed-in viewer's queues.
pub async fn queue(server: &TestServer, cookie: &str, queue: &str) -> Vec<(String, u8)> {
    let (status, page) = post(
        server,
        cookie,
        "/api/fn/staff/queue",
        &[("queue", queue), ("page", "0")],
    )
    .await;
    assert_eq!(status, 200, "{page}");
    page.json::<QueuePage>()
        .items
        .into_iter()
        .map(|i| (i.ticket_no, i.level))
        .collect()
}

/// The supervisor's figures (confirmed repeats by department, ratings) from their queue page.
pub async fn supervisor_stats(server: &TestServer, supervisor: &str) -> FollowStats {
    let (status, page) = post(
        server,
        supervisor,
        "/api/fn/staff/queue",
        &[("queue", "overdue")],
    )
    .await;
    assert_eq!(status, 200, "{page}");
    page.json::<QueuePage>()
        .stats
        .unwrap_or_else(|| panic!("no figures on the supervisor's page: {page}"))
}
