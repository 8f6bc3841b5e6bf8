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
    let (status, body) = post(
        &server,
        "",
        "/api/fn/rewards/reset_code",
        &[("mobile", "13700000099")],
    )
    .await;
    assert_eq!(
        (status, body["Reporter"].as_str()),
        (422, Some("not_registered"))
    );
    // Registration codes are only for new mobiles; reset codes only for registered ones.
    let (status, _) = post(&server, "", "/api/fn/rewards/code", &[("mobile", mobile)]).await;
    assert_eq!(status, 409);
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
