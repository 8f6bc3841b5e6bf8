//! Reporter accounts over HTTP, against the real binary and database: registering with a
//! one-time code, resetting a password, and the same answer whether or not a mobile is
//! registered. The caps on codes: `one_time_codes.rs`.
use crate::common;
use common::rewards::*;
use common::staff::demo_server;
use common::*;

#[tokio::test]
async fn a_reporter_registers_with_a_one_time_code_that_works_once() {
    let server = demo_server(LIMITS);
    let (status, body) = post(&server, "", "/api/fn/rewards/code", &[("mobile", "12345")]).await;
    assert_eq!(
        (status, api_error(&body)),
        (422, Some(ApiError::Reporter(ReporterError::BadMobile))),
        "{body}"
    );
    let mobile = "13700000001";
    assert_eq!(
        post(&server, "", "/api/fn/rewards/code", &[("mobile", mobile)])
            .await
            .0,
        200
    );
    let code = server
        .sms_code(mobile)
        .expect("the log sender wrote the code");
    assert_eq!(code.len(), 6);
    // Asking again at once is refused, and the first code stays the one that works.
    let (status, body) = post(&server, "", "/api/fn/rewards/code", &[("mobile", mobile)]).await;
    assert_eq!(
        (status, api_error(&body)),
        (
            409,
            Some(ApiError::Reporter(ReporterError::TooSoon { seconds: 60 }))
        )
    );

    let register = |code: String, nickname: &'static str| {
        let server = &server;
        async move {
            post(
                server,
                "",
                "/api/fn/rewards/register",
                &[
                    ("mobile", mobile),
                    ("code", &code),
                    ("nickname", nickname),
                    ("password", "reporter-secret-1"),
                ],
            )
            .await
        }
    };
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let (status, body) = register(wrong.into(), "拍客甲").await;
    assert_eq!(
        (status, api_error(&body)),
        (422, Some(ApiError::Reporter(ReporterError::BadCode)))
    );
    let (status, body) = register(code.clone(), "a").await;
    assert_eq!(
        (status, api_error(&body)),
        (422, Some(ApiError::Reporter(ReporterError::BadNickname)))
    );
    assert_eq!(server.count("reporters").await, 0);

    let (status, body) = register(code.clone(), "拍客甲").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(server.count("reporters").await, 1);
    // Used once: the same code does nothing more.
    let (status, body) = register(code, "拍客乙").await;
    assert_eq!(
        (status, api_error(&body)),
        (422, Some(ApiError::Reporter(ReporterError::BadCode)))
    );
    assert_eq!(server.count("reporters").await, 1);

    let (status, _) = post(
        &server,
        "",
        "/api/fn/rewards/sign_in",
        &[("mobile", mobile), ("password", "wrong-password-1")],
    )
    .await;
    assert_eq!(status, 401);
    let response = reqwest::Client::new()
        .post(server.at("/api/fn/rewards/sign_in"))
        .form(&[("mobile", mobile), ("password", "reporter-secret-1")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let cookie = reporter_cookie(&response).expect("session");
    assert_eq!(mine(&server, &cookie).await.nickname, "拍客甲");
    let (status, _) = post(&server, "", "/api/fn/rewards/mine", &[]).await;
    assert_eq!(status, 401, "signed out");
}

#[tokio::test]
async fn a_forgotten_password_is_reset_with_a_code_and_other_sessions_end() {
    let server = demo_server(LIMITS);
    let mobile = "13700000011";
    let old_session = register(&server, mobile, "健忘的拍客").await;
    assert_eq!(
        post(
            &server,
            "",
            "/api/fn/rewards/reset_code",
            &[("mobile", mobile)]
        )
        .await
        .0,
        200
    );
    let code = server
        .nth_sms_code(mobile, 2)
        .expect("the reset code follows the registration code");
    assert!(server.sms_texts(mobile)[1].contains("重设"), "a reset code");
    // A new code only after a minute.
    let (status, body) = post(
        &server,
        "",
        "/api/fn/rewards/reset_code",
        &[("mobile", mobile)],
    )
    .await;
    assert_eq!(
        (status, api_error(&body)),
        (
            409,
            Some(ApiError::Reporter(ReporterError::TooSoon { seconds: 60 }))
        )
    );
    let reset = |code: String, password: &'static str| {
        let server = &server;
        async move {
            reqwest::Client::new()
                .post(server.at("/api/fn/rewards/reset"))
                .form(&[
                    ("mobile", mobile),
                    ("code", code.as_str()),
                    ("password", password),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(reset(code.clone(), "short").await.status().as_u16(), 422);
    let response = reset(code.clone(), "a-new-password-2").await;
    assert_eq!(response.status().as_u16(), 200);
    let new_session = reporter_cookie(&response).expect("signed in anew");
    assert_eq!(
        reset(code, "another-password-3").await.status().as_u16(),
        422,
        "used once"
    );
    assert_eq!(
        post(&server, &old_session, "/api/fn/rewards/mine", &[])
            .await
            .0,
        401
    );
    assert_eq!(mine(&server, &new_session).await.nickname, "健忘的拍客");
    let sign_in = |password: &'static str| {
        let server = &server;
        async move {
            post(
                server,
                "",
                "/api/fn/rewards/sign_in",
                &[("mobile", mobile), ("password", password)],
            )
            .await
            .0
        }
    };
    assert_eq!(sign_in("reporter-secret-1").await, 401);
    assert_eq!(sign_in("a-new-password-2").await, 200);
}

#[tokio::test]
async fn asking_for_a_code_answers_the_same_whether_or_not_the_mobile_is_registered() {
    let server = demo_server(LIMITS);
    let registered = "13700000031";
    let (other_registered, fresh, other_fresh) = ("13700000032", "13700000033", "13700000034");
    register(&server, registered, "老拍客").await;
    register(&server, other_registered, "老拍客二").await;
    let ask = |path: &'static str, mobile: &'static str| {
        let server = &server;
        async move {
            let response = reqwest::Client::new()
                .post(server.at(path))
                .form(&[("mobile", mobile)])
                .send()
                .await
                .unwrap();
            (response.status().as_u16(), response.bytes().await.unwrap())
        }
    };
    // Join: a registered and a new mobile get byte-identical answers, now and a moment later.
    let first = ask("/api/fn/rewards/code", registered).await;
    assert_eq!(first.0, 200);
    assert_eq!(first, ask("/api/fn/rewards/code", fresh).await);
    let again = ask("/api/fn/rewards/code", registered).await;
    assert_eq!(again.0, 409, "too soon");
    assert_eq!(again, ask("/api/fn/rewards/code", fresh).await);
    // Reset: the same.
    let first = ask("/api/fn/rewards/reset_code", other_registered).await;
    assert_eq!(first.0, 200);
    assert_eq!(first, ask("/api/fn/rewards/reset_code", other_fresh).await);

    // Only the messages differ, and only the phone's holder reads them.
    server.wait_for_sms(registered, 2);
    let texts = server.sms_texts(registered);
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts[1].contains("已注册"), "{texts:?}");
    let texts = server.sms_texts(fresh);
    assert!(
        texts.len() == 1 && texts[0].contains("用于注册"),
        "{texts:?}"
    );
    assert_eq!(server.wait_for_sms(other_registered, 2), 2);
    assert_eq!(
        server.wait_for_sms(other_fresh, 1),
        0,
        "a reset code to a mobile without an account: nothing is sent"
    );

    // The code of the "already registered" message does not register the mobile again; it
    // fails like any wrong code.
    let reset_code = server.nth_sms_code(registered, 2).unwrap();
    let (status, body) = try_register(&server, registered, &reset_code).await;
    assert_eq!(
        (status, api_error(&body)),
        (422, Some(ApiError::Reporter(ReporterError::BadCode)))
    );
    assert_eq!(server.count("reporters").await, 2);
}
