//! The staff workflow over HTTP against the real server and database: each role's allowed and
//! refused actions, confidentiality of the reporter, sessions and accounts.
mod common;

use common::*;
use serde_json::Value;

const PASSWORD: &str = "minsheng-demo";

fn demo_server(extra: &[(&str, &str)]) -> TestServer {
    let mut env = vec![("MINSHENG_DEMO_DATA", "true")];
    env.extend_from_slice(extra);
    TestServer::start_with(&env)
}

/// Signs in and returns the `Cookie` header value of the session.
async fn sign_in(server: &TestServer, username: &str) -> String {
    let (status, cookie) = try_sign_in(server, username, PASSWORD).await;
    assert_eq!(status, 200, "sign-in of {username}");
    cookie.expect("session cookie")
}

async fn try_sign_in(server: &TestServer, username: &str, password: &str) -> (u16, Option<String>) {
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

async fn post(
    server: &TestServer,
    cookie: &str,
    path: &str,
    form: &[(&str, &str)],
) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(server.at(path))
        .header("Cookie", cookie)
        .form(form)
        .send()
        .await
        .expect("request");
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

async fn case(server: &TestServer, cookie: &str, no: &str, reveal: bool) -> (u16, Value) {
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
async fn act(
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
async fn new_case(server: &TestServer) -> String {
    let (status, created) = submit(server, form(fields(), vec![])).await;
    assert_eq!(status, 201, "{created}");
    created["ticket_no"].as_str().unwrap().to_string()
}

async fn events_of(server: &TestServer, no: &str) -> i64 {
    let url = format!(
        "sqlite://{}?mode=ro",
        server.data.path().join("minsheng.db").display()
    );
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    let n = sqlx::query_scalar(
        "SELECT COUNT(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.ticket_no = $1",
    )
    .bind(no)
    .fetch_one(&pool)
    .await
    .unwrap();
    pool.close().await;
    n
}

const REPLY: &str =
    "经现场核查，古槐路东门的占道摊贩已于今日清理完毕，执法中队每日早晚巡查两次，防止反弹。";

#[tokio::test]
async fn each_role_does_only_its_own_steps_and_a_refused_step_changes_nothing() {
    let server = demo_server(&[]);
    let no = new_case(&server).await;
    let operator = sign_in(&server, "operator").await;
    let handler = sign_in(&server, "rencheng.handler").await;
    let head = sign_in(&server, "rencheng.head").await;
    let other_handler = sign_in(&server, "water.handler").await;
    let supervisor = sign_in(&server, "supervisor").await;
    let admin = sign_in(&server, "admin").await;

    // Only the operator accepts.
    for who in [&handler, &head, &supervisor, &admin] {
        let (status, answer) = act(&server, who, &no, "accepted", &[]).await;
        assert!(status == 403 || status == 404, "{status} {answer}");
    }
    assert_eq!(
        events_of(&server, &no).await,
        1,
        "refusals recorded nothing"
    );
    assert_eq!(act(&server, &operator, &no, "accepted", &[]).await.0, 200);

    // The routing table proposes the district government; the operator dispatches there.
    let (_, seen) = case(&server, &operator, &no, false).await;
    assert_eq!(seen["suggested_department"], "dept-rencheng");
    let (status, answer) = act(
        &server,
        &operator,
        &no,
        "dispatched",
        &[("department", "dept-nowhere")],
    )
    .await;
    assert_eq!(
        (status, answer["code"].as_str()),
        (409, Some("unknown_department"))
    );
    assert_eq!(
        act(
            &server,
            &operator,
            &no,
            "dispatched",
            &[("department", "dept-rencheng")]
        )
        .await
        .0,
        200
    );

    // Another department neither sees nor touches it; the operator cannot handle it.
    assert_eq!(case(&server, &other_handler, &no, false).await.0, 404);
    assert_eq!(
        act(&server, &other_handler, &no, "first_contact", &[])
            .await
            .0,
        404
    );
    assert_eq!(
        act(&server, &operator, &no, "first_contact", &[]).await.0,
        403
    );
    // Replying before the first contact is out of order.
    let reply = [
        ("text", REPLY),
        ("responder", "孙丽"),
        ("phone", "0537-2213456"),
    ];
    let (status, answer) = act(&server, &handler, &no, "reply_drafted", &reply).await;
    assert_eq!((status, answer["code"].as_str()), (409, Some("not_now")));
    assert_eq!(
        act(
            &server,
            &handler,
            &no,
            "first_contact",
            &[("note", "电话联系")]
        )
        .await
        .0,
        200
    );

    // A boilerplate reply and a reply without a phone are refused.
    let (status, answer) = act(
        &server,
        &handler,
        &no,
        "reply_drafted",
        &[
            ("text", "已处理。"),
            ("responder", "孙丽"),
            ("phone", "0537-2213456"),
        ],
    )
    .await;
    assert_eq!(
        (status, answer["code"].as_str()),
        (409, Some("reply_too_short"))
    );
    let (status, answer) = act(
        &server,
        &handler,
        &no,
        "reply_drafted",
        &[("text", REPLY), ("responder", "孙丽"), ("phone", "")],
    )
    .await;
    assert_eq!(
        (status, answer["code"].as_str()),
        (409, Some("responder_phone"))
    );
    assert_eq!(
        act(&server, &handler, &no, "reply_drafted", &reply).await.0,
        200
    );

    // Only the head approves; sending back needs a reason.
    assert_eq!(
        act(&server, &handler, &no, "reply_approved", &[]).await.0,
        403
    );
    let (status, answer) = act(&server, &head, &no, "reply_sent_back", &[]).await;
    assert_eq!(
        (status, answer["code"].as_str()),
        (409, Some("note_required"))
    );
    assert_eq!(
        act(
            &server,
            &head,
            &no,
            "reply_sent_back",
            &[("note", "写明巡查安排")]
        )
        .await
        .0,
        200
    );
    assert_eq!(
        act(&server, &handler, &no, "reply_drafted", &reply).await.0,
        200
    );

    // A page that is out of date cannot act.
    let (status, answer) = post(
        &server,
        &head,
        "/api/fn/staff/act",
        &[
            ("ticket_no", no.as_str()),
            ("version", "2"),
            ("action", "reply_approved"),
        ],
    )
    .await;
    assert_eq!((status, answer["error"].as_str()), (409, Some("changed")));
    assert_eq!(
        act(&server, &supervisor, &no, "reply_approved", &[])
            .await
            .0,
        403
    );
    let before = events_of(&server, &no).await;
    assert_eq!(act(&server, &head, &no, "reply_approved", &[]).await.0, 200);
    assert_eq!(events_of(&server, &no).await, before + 1);

    // Supervisors supervise; an administrator sees no cases at all.
    assert_eq!(
        act(
            &server,
            &supervisor,
            &no,
            "supervision_added",
            &[("note", "三日内回访"), ("date", "2099-01-01")]
        )
        .await
        .0,
        200
    );
    assert_eq!(case(&server, &admin, &no, false).await.0, 403);

    // The department finishes the two contacts and closes; the citizen sees the reply.
    assert_eq!(
        act(&server, &handler, &no, "second_contact", &[]).await.0,
        200
    );
    assert_eq!(act(&server, &handler, &no, "closed", &[]).await.0, 200);
    let (_, seen) = case(&server, &operator, &no, false).await;
    assert_eq!(seen["status"], "closed");
    assert!(
        seen["supervision"].is_null(),
        "closing ends the supervision"
    );
}

#[tokio::test]
async fn a_confidential_reporter_is_hidden_from_the_department_and_every_view_is_logged() {
    let server = demo_server(&[]);
    let no = new_case(&server).await; // fields() asks for confidentiality
    let operator = sign_in(&server, "operator").await;
    let handler = sign_in(&server, "rencheng.handler").await;
    act(&server, &operator, &no, "accepted", &[]).await;
    act(
        &server,
        &operator,
        &no,
        "dispatched",
        &[("department", "dept-rencheng")],
    )
    .await;

    let (status, seen) = case(&server, &handler, &no, true).await;
    assert_eq!(status, 200);
    assert_eq!(seen["contact"]["type"], "confidential");
    let text = seen.to_string();
    assert!(
        !text.contains("张三") && !text.contains("13805371234"),
        "{text}"
    );
    let response = reqwest::Client::new()
        .get(server.at(&format!("/staff/case?no={no}&contact=1")))
        .header("Cookie", &handler)
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["cache-control"], "no-store");
    let page = response.text().await.unwrap();
    assert!(
        page.contains("contact-confidential")
            && !page.contains("张三")
            && !page.contains("1380537")
    );
    assert_eq!(
        server.count("contact_views").await,
        0,
        "nothing was shown, nothing logged"
    );

    // The operator sees the details on request only, and the view is logged with who.
    let (_, seen) = case(&server, &operator, &no, false).await;
    assert_eq!(seen["contact"]["type"], "on_request");
    assert!(!seen.to_string().contains("张三"));
    let (_, seen) = case(&server, &operator, &no, true).await;
    assert_eq!(seen["contact"]["name"], "张三");
    assert_eq!(seen["contact"]["phone"], "13805371234");
    assert_eq!(server.count("contact_views").await, 1);
    let (_, seen) = case(&server, &operator, &no, false).await;
    assert!(
        seen["contact_views"][0]["who"]
            .as_str()
            .unwrap()
            .contains("operator"),
        "{seen}"
    );
}

#[tokio::test]
async fn sign_in_is_rate_limited_and_signing_out_or_disabling_ends_the_session() {
    let server = demo_server(&[("MINSHENG_SIGNINS_PER_MINUTE", "4")]);
    let operator = sign_in(&server, "operator").await;
    assert_eq!(
        post(&server, &operator, "/api/fn/staff/queue", &[]).await.0,
        200
    );
    assert_eq!(post(&server, "", "/api/fn/staff/queue", &[]).await.0, 401);
    assert_eq!(
        post(&server, "minsheng_staff=forged", "/api/fn/staff/queue", &[])
            .await
            .0,
        401
    );

    // Wrong password and unknown user look the same.
    assert_eq!(
        try_sign_in(&server, "supervisor", "wrong-password").await,
        (401, None)
    );
    assert_eq!(
        try_sign_in(&server, "nobody", "wrong-password").await,
        (401, None)
    );

    // Disabling ends the sessions the account has; the administrator does it.
    let admin = sign_in(&server, "admin").await;
    let (status, _) = post(
        &server,
        &admin,
        "/api/fn/staff/set_active",
        &[("username", "operator"), ("active", "false")],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        post(&server, &operator, "/api/fn/staff/queue", &[]).await.0,
        401
    );
    assert_eq!(
        try_sign_in(&server, "operator", PASSWORD).await.0,
        429,
        "fifth attempt from this address in a minute"
    );

    // Sign-out ends the session on the server, not just in the browser.
    assert_eq!(
        post(&server, &admin, "/api/fn/staff/sign_out", &[]).await.0,
        200
    );
    assert_eq!(
        post(&server, &admin, "/api/fn/staff/accounts", &[]).await.0,
        401
    );
}

#[tokio::test]
async fn only_an_administrator_creates_accounts_and_the_rules_of_a_role_hold() {
    let server = demo_server(&[]);
    let admin = sign_in(&server, "admin").await;
    let operator = sign_in(&server, "operator").await;
    let new = [
        ("username", "li.na"),
        ("display_name", "李娜"),
        ("role", "handler"),
        ("department", "dept-water"),
        ("password", "long-enough-pw"),
    ];
    assert_eq!(
        post(&server, &operator, "/api/fn/staff/create_account", &new)
            .await
            .0,
        403
    );
    let mut no_dept = new;
    no_dept[3] = ("department", "");
    let (status, answer) = post(&server, &admin, "/api/fn/staff/create_account", &no_dept).await;
    assert_eq!(
        (status, answer["code"].as_str()),
        (422, Some("bad_department"))
    );
    assert_eq!(
        post(&server, &admin, "/api/fn/staff/create_account", &new)
            .await
            .0,
        200
    );
    assert_eq!(try_sign_in(&server, "li.na", "long-enough-pw").await.0, 200);
    let (status, answer) = post(&server, &admin, "/api/fn/staff/create_account", &new).await;
    assert_eq!((status, answer["code"].as_str()), (422, Some("taken")));
}

#[tokio::test]
async fn the_admin_command_creates_the_first_administrator() {
    let data = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["admin", "create", "root", "admin", "--name", "首位管理员"])
        .env("MINSHENG_DATA_DIR", data.path())
        .env("MINSHENG_ADMIN_PASSWORD", "a-long-secret-1")
        .env_remove("DATABASE_URL")
        .env_remove("MINSHENG_DEMO_DATA")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let short = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["admin", "create", "second", "admin"])
        .env("MINSHENG_DATA_DIR", data.path())
        .env("MINSHENG_ADMIN_PASSWORD", "short")
        .output()
        .unwrap();
    assert!(!short.status.success(), "a short password is refused");
    let server = TestServer::start_in(data, &[]);
    assert_eq!(try_sign_in(&server, "root", "a-long-secret-1").await.0, 200);
    assert_eq!(try_sign_in(&server, "second", "short").await.0, 401);
    assert_eq!(
        server.count("staff").await,
        1,
        "no demo accounts without demo data"
    );
}

#[tokio::test]
async fn the_operator_reassigns_a_case_and_only_the_new_department_sees_it() {
    let server = demo_server(&[]);
    let no = new_case(&server).await;
    let operator = sign_in(&server, "operator").await;
    let rencheng = sign_in(&server, "rencheng.handler").await;
    let urban = sign_in(&server, "urban.handler").await;
    act(&server, &operator, &no, "accepted", &[]).await;
    act(
        &server,
        &operator,
        &no,
        "dispatched",
        &[("department", "dept-rencheng")],
    )
    .await;
    assert_eq!(
        act(&server, &rencheng, &no, "first_contact", &[]).await.0,
        200
    );

    // Departments cannot move cases themselves; the same department is no re-assignment.
    let to_urban = [("department", "dept-urban"), ("note", "属于市城管局职责")];
    assert_eq!(
        act(&server, &rencheng, &no, "reassigned", &to_urban)
            .await
            .0,
        403
    );
    let (status, answer) = act(
        &server,
        &operator,
        &no,
        "reassigned",
        &[("department", "dept-rencheng"), ("note", "x")],
    )
    .await;
    assert_eq!(
        (status, answer["code"].as_str()),
        (409, Some("same_department"))
    );
    assert_eq!(
        act(&server, &operator, &no, "reassigned", &to_urban)
            .await
            .0,
        200
    );

    assert_eq!(case(&server, &rencheng, &no, false).await.0, 404);
    let (status, seen) = case(&server, &urban, &no, false).await;
    assert_eq!(status, 200);
    assert_eq!(
        seen["status"], "dispatched",
        "the new department starts with its own first contact"
    );
    assert!(
        seen["actions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "first_contact"),
        "{seen}"
    );
}
