//! Staff accounts and sessions over HTTP: sign-in limits, sign-out and disabling, account
//! creation by administrators, and the admin command that creates the first administrator.
mod common;

use common::staff::*;
use common::*;

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
