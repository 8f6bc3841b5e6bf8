//! The reward scheme over HTTP, against the real binary and database: reporter accounts with
//! one-time codes, snap reports, verification and points (caps, first reporter, exact and near
//! repeats), payout batches (never twice, even at once), exports, and fraud flags.
mod common;
use common::rewards::*;
use common::staff::{demo_server, sign_in};
use common::*;

const LIMITS: &[(&str, &str)] = &[
    ("MINSHENG_SIGNINS_PER_MINUTE", "1000"),
    ("MINSHENG_SUBMISSIONS_PER_MINUTE", "1000"),
];

/// As `LIMITS`, and no wait between two codes for a mobile (only the daily caps).
const NO_RESEND_WAIT: &[(&str, &str)] = &[
    ("MINSHENG_SIGNINS_PER_MINUTE", "1000"),
    ("MINSHENG_SUBMISSIONS_PER_MINUTE", "1000"),
    ("MINSHENG_CODE_RESEND_SECONDS", "0"),
];

/// A code that is not `code`.
fn wrong(code: &str) -> &'static str {
    if code == "000000" {
        "111111"
    } else {
        "000000"
    }
}

/// Posts the registration form with `code`.
async fn try_register(server: &TestServer, mobile: &str, code: &str) -> (u16, serde_json::Value) {
    post(
        server,
        "",
        "/api/fn/rewards/register",
        &[
            ("mobile", mobile),
            ("code", code),
            ("nickname", "猜码者"),
            ("password", "reporter-secret-1"),
        ],
    )
    .await
}

#[tokio::test]
async fn a_reporter_registers_with_a_one_time_code_that_works_once() {
    let server = demo_server(LIMITS);
    let (status, body) = post(&server, "", "/api/fn/rewards/code", &[("mobile", "12345")]).await;
    assert_eq!(
        (status, body["Reporter"].as_str()),
        (422, Some("bad_mobile")),
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
    assert_eq!((status, body["Reporter"].as_str()), (409, Some("too_soon")));

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
    assert_eq!((status, body["Reporter"].as_str()), (422, Some("bad_code")));
    let (status, body) = register(code.clone(), "a").await;
    assert_eq!(
        (status, body["Reporter"].as_str()),
        (422, Some("bad_nickname"))
    );
    assert_eq!(server.count("reporters").await, 0);

    let (status, body) = register(code.clone(), "拍客甲").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(server.count("reporters").await, 1);
    // Used once: the same code does nothing more.
    let (status, body) = register(code, "拍客乙").await;
    assert_eq!((status, body["Reporter"].as_str()), (422, Some("bad_code")));
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
    assert_eq!(mine(&server, &cookie).await["nickname"], "拍客甲");
    let (status, _) = post(&server, "", "/api/fn/rewards/mine", &[]).await;
    assert_eq!(status, 401, "signed out");
}

#[tokio::test]
async fn five_wrong_guesses_end_a_code() {
    let server = demo_server(LIMITS);
    let mobile = "13700000002";
    post(&server, "", "/api/fn/rewards/code", &[("mobile", mobile)]).await;
    let code = server.sms_code(mobile).unwrap();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let (status, _) = post(
            &server,
            "",
            "/api/fn/rewards/register",
            &[
                ("mobile", mobile),
                ("code", wrong),
                ("nickname", "猜码者"),
                ("password", "reporter-secret-1"),
            ],
        )
        .await;
        assert_eq!(status, 422);
    }
    let (status, body) = post(
        &server,
        "",
        "/api/fn/rewards/register",
        &[
            ("mobile", mobile),
            ("code", &code),
            ("nickname", "猜码者"),
            ("password", "reporter-secret-1"),
        ],
    )
    .await;
    assert_eq!((status, body["Reporter"].as_str()), (422, Some("bad_code")));
    assert_eq!(server.count("reporters").await, 0);
}

#[tokio::test]
async fn a_valid_snap_earns_its_points_once_and_an_anonymous_one_earns_nothing() {
    let server = demo_server(LIMITS);
    let reporter = register(&server, "13700000003", "拍客丙").await;
    let (status, created) = snap(&server, &reporter, "snap-stall", real_photo("coffee.jpg")).await;
    assert_eq!(status, 201, "{created}");
    let no = created["ticket_no"].as_str().unwrap().to_string();
    let (status, anon) = snap(&server, "", "snap-road", real_photo("rocket.jpg")).await;
    assert_eq!(status, 201, "{anon}");
    let anon_no = anon["ticket_no"].as_str().unwrap().to_string();
    // The district came from the position; the case is confidential and filed by category.
    assert_eq!(
        server
            .scalar(
                "SELECT COUNT(*) FROM tickets WHERE ticket_no = $1 AND district = 'rencheng' \
                 AND category = 'city.road-occupation' AND confidential AND channel = 'snap'",
                &[&no],
            )
            .await,
        1
    );
    let page = mine(&server, &reporter).await;
    assert_eq!(page["snaps"][0]["state"], "Pending");
    assert_eq!(page["balance"], 0);

    let handler = sign_in(&server, "urban.handler").await;
    assert_eq!(verify(&server, &handler, &no, "valid").await, 403);
    let operator = sign_in(&server, "operator").await;
    let snaps_tab = post(
        &server,
        &operator,
        "/api/fn/staff/queue",
        &[("queue", "snaps")],
    )
    .await
    .1;
    assert_eq!(
        snaps_tab["items"].as_array().unwrap().len(),
        2,
        "{snaps_tab}"
    );
    let r = review(&server, &operator, &no).await;
    assert_eq!(
        (r["reporter"].as_str(), r["rate"].as_u64()),
        (Some("拍客丙"), Some(3))
    );
    assert_eq!(verify(&server, &operator, &no, "valid").await, 200);
    assert_eq!(
        verify(&server, &operator, &no, "invalid").await,
        409,
        "one verdict per snap"
    );
    assert_eq!(verify(&server, &operator, &anon_no, "valid").await, 200);
    assert_eq!(
        server.count("points_ledger").await,
        1,
        "the anonymous snap earned nothing"
    );

    let page = mine(&server, &reporter).await;
    assert_eq!(page["balance"], 3);
    assert_eq!(page["snaps"][0]["state"], "Earned");
    assert_eq!(page["snaps"][0]["verdict"], "valid");
    assert_eq!(review(&server, &operator, &no).await["points"], 3);
    let queue = post(
        &server,
        &operator,
        "/api/fn/staff/queue",
        &[("queue", "snaps")],
    )
    .await
    .1;
    assert!(queue["items"].as_array().unwrap().is_empty(), "{queue}");
    // A department never sees the snap section (nor who sent it).
    assert!(review(&server, &handler, &no).await.is_null());
}

#[tokio::test]
async fn a_repeated_photo_earns_nothing_and_a_re_encoded_one_is_shown_beside_the_earlier() {
    let server = demo_server(LIMITS);
    let first = register(&server, "13700000004", "拍客丁").await;
    let second = register(&server, "13700000005", "拍客戊").await;
    let photo = real_photo("motorcycle_left.jpg");
    let (_, original) = snap(&server, &first, "snap-clutter", photo.clone()).await;
    let original = original["ticket_no"].as_str().unwrap().to_string();
    let (_, exact) = snap(&server, &second, "snap-clutter", photo.clone()).await;
    let exact = exact["ticket_no"].as_str().unwrap().to_string();
    let (_, near) = snap(&server, &second, "snap-clutter", re_encoded(&photo, 40)).await;
    let near = near["ticket_no"].as_str().unwrap().to_string();
    let (_, other) = snap(
        &server,
        &second,
        "snap-clutter",
        real_photo("astronaut.jpg"),
    )
    .await;
    let other = other["ticket_no"].as_str().unwrap().to_string();

    let operator = sign_in(&server, "operator").await;
    let r = review(&server, &operator, &exact).await;
    assert_eq!(
        r["exact_repeat_of"].as_str(),
        Some(original.as_str()),
        "{r}"
    );
    let r = review(&server, &operator, &near).await;
    assert!(r["exact_repeat_of"].is_null(), "{r}");
    let matches = r["matches"].as_array().unwrap();
    assert!(
        matches
            .iter()
            .any(|m| m["earlier_ticket_no"] == original.as_str()),
        "the re-encoded photo is set beside the original: {r}"
    );
    let r = review(&server, &operator, &other).await;
    assert!(
        r["matches"].as_array().unwrap().is_empty(),
        "a different photo: {r}"
    );

    for no in [&original, &exact, &near, &other] {
        assert_eq!(verify(&server, &operator, no, "valid").await, 200);
    }
    assert_eq!(mine(&server, &first).await["balance"], 2);
    // The exact repeat earned nothing; the near duplicate was judged valid by the verifier.
    assert_eq!(mine(&server, &second).await["balance"], 4);
    let page = mine(&server, &second).await;
    let exact_row = page["snaps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["ticket_no"] == exact.as_str())
        .unwrap()
        .clone();
    assert_eq!(exact_row["state"], "NoPoints", "{exact_row}");
}

#[tokio::test]
async fn the_daily_cap_cuts_a_reporters_points() {
    let server = demo_server(LIMITS);
    let reporter = register(&server, "13700000006", "拍客己").await;
    let operator = sign_in(&server, "operator").await;
    // Illegal building: 5 points each; the demo city's daily cap is 20.
    let photos = [
        "brick.jpg",
        "grass.jpg",
        "gravel.jpg",
        "camera.jpg",
        "chelsea.jpg",
    ];
    for photo in photos {
        let (status, created) = snap(&server, &reporter, "snap-building", real_photo(photo)).await;
        assert_eq!(status, 201, "{created}");
        let no = created["ticket_no"].as_str().unwrap();
        assert_eq!(verify(&server, &operator, no, "valid").await, 200);
    }
    let page = mine(&server, &reporter).await;
    assert_eq!(page["balance"], 20, "{page}");
    let states: Vec<&str> = page["snaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["state"].as_str().unwrap())
        .collect();
    assert_eq!(
        states.iter().filter(|s| **s == "NoPoints").count(),
        1,
        "{states:?}"
    );
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
    assert_eq!((status, body["Reporter"].as_str()), (409, Some("too_soon")));
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
    assert_eq!(mine(&server, &new_session).await["nickname"], "健忘的拍客");
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
    assert_eq!((status, body["Reporter"].as_str()), (422, Some("bad_code")));
    assert_eq!(server.count("reporters").await, 2);
}

#[tokio::test]
async fn the_sixth_code_request_of_the_day_is_refused_without_an_sms() {
    let server = demo_server(NO_RESEND_WAIT);
    let mobile = "13700000041";
    for n in 1..=5 {
        let (status, body) = post(&server, "", "/api/fn/rewards/code", &[("mobile", mobile)]).await;
        assert_eq!(status, 200, "request {n}: {body}");
    }
    assert_eq!(server.wait_for_sms(mobile, 5), 5);
    let (status, body) = post(&server, "", "/api/fn/rewards/code", &[("mobile", mobile)]).await;
    assert_eq!(
        (status, body["Reporter"].as_str()),
        (429, Some("too_many_codes"))
    );
    let (status, _) = post(
        &server,
        "",
        "/api/fn/rewards/reset_code",
        &[("mobile", mobile)],
    )
    .await;
    assert_eq!(status, 429, "the reset form shares the mobile's count");
    assert_eq!(server.wait_for_sms(mobile, 6), 5, "no sixth message");
    // Parallel requests for another mobile cannot pass the cap either.
    let other = "13700000042";
    let requests = (0..12).map(|_| {
        let url = server.at("/api/fn/rewards/code");
        tokio::spawn(async move {
            reqwest::Client::new()
                .post(url)
                .form(&[("mobile", other)])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        })
    });
    let mut ok = 0;
    for r in requests {
        ok += (r.await.unwrap() == 200) as usize;
    }
    assert_eq!(ok, 5);
    assert_eq!(server.wait_for_sms(other, 6), 5);
}

#[tokio::test]
async fn twenty_wrong_codes_at_once_never_pass_the_caps() {
    let server = demo_server(LIMITS);
    let mobile = "13700000051";
    post(&server, "", "/api/fn/rewards/code", &[("mobile", mobile)]).await;
    let code = server.sms_code(mobile).unwrap();
    let guesses = (0..20).map(|_| {
        let url = server.at("/api/fn/rewards/register");
        let wrong = wrong(&code);
        tokio::spawn(async move {
            reqwest::Client::new()
                .post(url)
                .form(&[
                    ("mobile", mobile),
                    ("code", wrong),
                    ("nickname", "猜码者"),
                    ("password", "reporter-secret-1"),
                ])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        })
    });
    let mut statuses = Vec::new();
    for g in guesses {
        statuses.push(g.await.unwrap());
    }
    statuses.sort();
    assert_eq!(
        statuses,
        [vec![422; 10], vec![429; 10]].concat(),
        "10 entries a day; the rest refused"
    );
    assert_eq!(
        server
            .scalar(
                "SELECT attempts FROM mobile_codes WHERE mobile = $1",
                &[mobile]
            )
            .await,
        5,
        "the code itself was compared 5 times at most"
    );
    let (status, body) = try_register(&server, mobile, &code).await;
    assert_eq!(
        (status, body["Reporter"].as_str()),
        (429, Some("too_many_failures")),
        "even the right code waits for tomorrow"
    );
    assert_eq!(server.count("reporters").await, 0);
}

#[tokio::test]
async fn the_days_wrong_code_count_outlives_the_code() {
    let server = demo_server(NO_RESEND_WAIT);
    let mobile = "13700000061";
    // First code: 5 wrong entries end it.
    post(&server, "", "/api/fn/rewards/code", &[("mobile", mobile)]).await;
    let first = server.nth_sms_code(mobile, 1).unwrap();
    for _ in 0..5 {
        assert_eq!(try_register(&server, mobile, wrong(&first)).await.0, 422);
    }
    assert_eq!(try_register(&server, mobile, &first).await.0, 422, "ended");
    // A new code starts its own 5, but the day's count goes on: 4 more wrong entries...
    post(&server, "", "/api/fn/rewards/code", &[("mobile", mobile)]).await;
    let second = server.nth_sms_code(mobile, 2).unwrap();
    assert_eq!(
        server
            .scalar(
                "SELECT attempts FROM mobile_codes WHERE mobile = $1",
                &[mobile]
            )
            .await,
        0
    );
    for _ in 0..4 {
        assert_eq!(try_register(&server, mobile, wrong(&second)).await.0, 422);
    }
    // ...make 10 for the day (the 6th entry of the first code counted too).
    assert_eq!(
        server
            .scalar(
                "SELECT failures FROM code_counters WHERE mobile = $1",
                &[mobile]
            )
            .await,
        10
    );
    // A third code replaces the stored one; the day's count still holds.
    post(&server, "", "/api/fn/rewards/code", &[("mobile", mobile)]).await;
    let third = server.nth_sms_code(mobile, 3).unwrap();
    let (status, body) = try_register(&server, mobile, &third).await;
    assert_eq!(
        (status, body["Reporter"].as_str()),
        (429, Some("too_many_failures"))
    );
    assert_eq!(server.count("reporters").await, 0);
}

#[tokio::test]
async fn changing_payout_details_needs_a_code_sent_to_the_accounts_mobile() {
    let server = demo_server(NO_RESEND_WAIT);
    let mobile = "13700000071";
    let reporter = register(&server, mobile, "收款人甲").await;
    let details = [("real_name", "赵六"), ("account", "6222 3333 0000 0003")];
    // Without a code, or with a made-up one: refused, nothing saved.
    let (status, body) = post(&server, &reporter, "/api/fn/rewards/claim", &details).await;
    assert_eq!((status, body["Reporter"].as_str()), (422, Some("bad_code")));
    let mut with_code = details.to_vec();
    with_code.push(("code", "123456"));
    let (status, _) = post(&server, &reporter, "/api/fn/rewards/claim", &with_code).await;
    assert_eq!(status, 422);
    assert!(mine(&server, &reporter).await["account_masked"].is_null());
    // A password reset code of the same mobile does not work for payout details.
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
    let reset_code = server.nth_sms_code(mobile, 2).unwrap();
    let mut with_reset = details.to_vec();
    with_reset.push(("code", &reset_code));
    let (status, _) = post(&server, &reporter, "/api/fn/rewards/claim", &with_reset).await;
    assert_eq!(status, 422);
    assert!(mine(&server, &reporter).await["account_masked"].is_null());
    // Signed out: no code is sent.
    assert_eq!(
        post(&server, "", "/api/fn/rewards/payout_code", &[])
            .await
            .0,
        401
    );
    // The payout code (texted to the account's own mobile) works, once.
    let (status, body) = claim(&server, &reporter, mobile, "赵六", "6222 3333 0000 0003").await;
    assert_eq!(status, 200, "{body}");
    assert!(server.sms_texts(mobile).last().unwrap().contains("收款"));
    assert_eq!(mine(&server, &reporter).await["account_masked"], "****0003");
    let payout_code = server.nth_sms_code(mobile, 3).unwrap();
    let mut again = vec![("real_name", "赵六"), ("account", "6222 4444 0000 0004")];
    again.push(("code", &payout_code));
    let (status, _) = post(&server, &reporter, "/api/fn/rewards/claim", &again).await;
    assert_eq!(status, 422, "used once");
    assert_eq!(mine(&server, &reporter).await["account_masked"], "****0003");
}
