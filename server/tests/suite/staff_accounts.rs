//! Staff accounts and sessions over HTTP: sign-in limits, sign-out and disabling, account
//! creation by administrators, and the admin command that creates the first administrator.
use crate::common;

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
        (status, staff_error(&answer)),
        (422, Some(StaffError::Account(AccountError::BadDepartment)))
    );
    assert_eq!(
        post(&server, &admin, "/api/fn/staff/create_account", &new)
            .await
            .0,
        200
    );
    assert_eq!(try_sign_in(&server, "li.na", "long-enough-pw").await.0, 200);
    let (status, answer) = post(&server, &admin, "/api/fn/staff/create_account", &new).await;
    assert_eq!(
        (status, staff_error(&answer)),
        (422, Some(StaffError::Account(AccountError::Taken)))
    );
}

#[tokio::test]
async fn the_admin_command_creates_the_first_administrator() {
    let data = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["admin", "create", "root", "admin", "--name", "首位管理员"])
        .env("MINSHENG_DATA_DIR", data.path())
        .env("MINSHENG_ADMIN_PASSWORD", "a-long-secret-1")
        .env("DATABASE_URL", TestServer::database_of(data.path()))
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
        .env("DATABASE_URL", TestServer::database_of(data.path()))
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

/// Signs in as `username` from the client address `ip` (the server trusts X-Forwarded-For).
async fn sign_in_from(server: &TestServer, ip: &str, username: &str, password: &str) -> u16 {
    reqwest::Client::new()
        .post(server.at("/api/fn/staff/sign_in"))
        .header("X-Forwarded-For", ip)
        .form(&[("username", username), ("password", password)])
        .send()
        .await
        .expect("request")
        .status()
        .as_u16()
}

#[tokio::test]
async fn fifty_wrong_passwords_for_admin_from_elsewhere_do_not_lock_the_real_admin_out() {
    let server = demo_server(&[("MINSHENG_TRUST_FORWARDED_FOR", "true")]);
    // The administrator's usual address.
    assert_eq!(
        sign_in_from(&server, "10.0.0.1", "admin", PASSWORD).await,
        200
    );

    // 50 guesses at once, each from its own address (so no per-address limit applies).
    let started = std::time::Instant::now();
    let statuses = all_at_once((0..50).map(|i| {
        reqwest::Client::new()
            .post(server.at("/api/fn/staff/sign_in"))
            .header(
                "X-Forwarded-For",
                format!("10.1.{}.{}", i / 200, i % 200 + 1),
            )
            .form(&[
                ("username", "admin"),
                ("password", format!("guess-{i:04}-pw").as_str()),
            ])
    }))
    .await;
    let took = started.elapsed();
    let checked = statuses.iter().filter(|s| **s == 401).count();
    let held = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(checked + held, 50, "{statuses:?}");
    // 5 free failures and one more; the next slot opens 1 s after the 6th (a slow machine
    // that took longer than that for the 50 may have let one more through).
    let allowed = if took < std::time::Duration::from_secs(1) {
        6
    } else {
        7
    };
    assert!(
        (6..=allowed).contains(&checked),
        "{checked} passwords checked in {took:?}: {statuses:?}"
    );
    // Guessing stays slow: from a new address even the right password waits for the slot.
    if started.elapsed() < std::time::Duration::from_millis(900) {
        assert_eq!(
            sign_in_from(&server, "10.2.0.1", "admin", PASSWORD).await,
            429
        );
    }

    // The real administrator, from the usual address, is not held up.
    let at = std::time::Instant::now();
    assert_eq!(
        sign_in_from(&server, "10.0.0.1", "admin", PASSWORD).await,
        200
    );
    assert!(at.elapsed() < std::time::Duration::from_secs(2));
    // Other accounts are not affected.
    assert_eq!(
        sign_in_from(&server, "10.2.0.2", "operator", PASSWORD).await,
        200
    );
    // From a new address the real administrator gets in once the slot opens: within
    // seconds here (the wait doubles with each further failure, at most 5 minutes).
    let mut n = 0;
    while sign_in_from(&server, &format!("10.3.0.{}", n + 1), "admin", PASSWORD).await != 200 {
        n += 1;
        assert!(n < 40, "still held after {:?}", started.elapsed());
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

#[tokio::test]
async fn the_sweep_deletes_expired_sessions_and_codes() {
    use common::rewards::register;
    let server = demo_server(&[("MINSHENG_SIGNINS_PER_MINUTE", "1000")]);
    sign_in(&server, "operator").await;
    let kept_staff = sign_in(&server, "supervisor").await;
    register(&server, "13700000081", "过期的拍客").await;
    assert_eq!(
        post(
            &server,
            "",
            "/api/fn/rewards/code",
            &[("mobile", "13700000082")]
        )
        .await
        .0,
        200
    );
    assert_eq!(
        post(
            &server,
            "",
            "/api/fn/rewards/code",
            &[("mobile", "13700000083")]
        )
        .await
        .0,
        200
    );
    let data = server.stop();
    // The operator's and the reporter's sessions and one code end in the past; a counter of
    // an old day is there too (yesterday's and today's stay).
    TestServer::execute_in(
        data.path(),
        "UPDATE staff_sessions SET expires_at = '2000-01-01T00:00:00+00:00' \
           WHERE staff_id = (SELECT id FROM staff WHERE username = 'operator'); \
         UPDATE reporter_sessions SET expires_at = '2000-01-01T00:00:00+00:00'; \
         UPDATE mobile_codes SET expires_at = '2000-01-01T00:00:00+00:00' \
           WHERE mobile = '13700000082'; \
         INSERT INTO code_counters (mobile, day, requests) VALUES ('13700000084', '2000-01-01', 1);",
    )
    .await;
    let server = TestServer::start_in(data, &[("MINSHENG_DEMO_DATA", "true")]);
    let mut left = (0, 0, 0, 0);
    for _ in 0..100 {
        left = (
            server.count("staff_sessions").await,
            server.count("reporter_sessions").await,
            server.count("mobile_codes").await,
            server
                .scalar(
                    "SELECT COUNT(*) FROM code_counters WHERE day = '2000-01-01'",
                    &[],
                )
                .await,
        );
        if left == (1, 0, 1, 0) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(
        left,
        (1, 0, 1, 0),
        "the unexpired staff session and code stay"
    );
    assert_eq!(
        post(&server, &kept_staff, "/api/fn/staff/queue", &[])
            .await
            .0,
        200
    );
}
