//! One-time codes over HTTP: the caps per code and per mobile and Beijing day, under
//! parallel guessing, counted apart from the codes themselves.
use crate::common;
use common::rewards::*;
use common::staff::demo_server;
use common::*;

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
    assert_eq!(
        (status, api_error(&body)),
        (422, Some(ApiError::Reporter(ReporterError::BadCode)))
    );
    assert_eq!(server.count("reporters").await, 0);
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
        (status, api_error(&body)),
        (429, Some(ApiError::Reporter(ReporterError::TooManyCodes)))
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
    let statuses = all_at_once((0..12).map(|_| {
        reqwest::Client::new()
            .post(server.at("/api/fn/rewards/code"))
            .form(&[("mobile", other)])
    }))
    .await;
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        5,
        "{statuses:?}"
    );
    assert_eq!(server.wait_for_sms(other, 6), 5);
}

/// Fires `n` wrong entries for `mobile`'s code at once; returns their statuses, sorted.
async fn wrong_entries_at_once(
    server: &TestServer,
    mobile: &'static str,
    code: &str,
    n: usize,
) -> Vec<u16> {
    let mut statuses = all_at_once((0..n).map(|_| {
        reqwest::Client::new()
            .post(server.at("/api/fn/rewards/register"))
            .form(&[
                ("mobile", mobile),
                ("code", wrong(code)),
                ("nickname", "猜码者"),
                ("password", "reporter-secret-1"),
            ])
    }))
    .await;
    statuses.sort();
    statuses
}

#[tokio::test]
async fn twenty_wrong_codes_at_once_never_pass_the_caps() {
    let server = demo_server(NO_RESEND_WAIT);
    let mobile = "13700000051";
    let attempts = "SELECT attempts FROM mobile_codes WHERE mobile = $1";
    let failures = "SELECT failures FROM code_counters WHERE mobile = $1";
    // Two codes, each guessed 20 times at once: each is compared 5 times at most, and only
    // those comparisons count against the mobile's day.
    for n in 1..=2 {
        post(&server, "", "/api/fn/rewards/code", &[("mobile", mobile)]).await;
        let code = server.nth_sms_code(mobile, n).unwrap();
        let statuses = wrong_entries_at_once(&server, mobile, &code, 20).await;
        assert_eq!(statuses, vec![422; 20], "wrong, or the code has ended");
        assert_eq!(
            server.scalar(attempts, &[mobile]).await,
            5,
            "the code itself was compared 5 times at most"
        );
        assert_eq!(server.scalar(failures, &[mobile]).await, 5 * n as i64);
    }
    // 10 wrong entries make the day's cap: even the right code of a third one waits.
    post(&server, "", "/api/fn/rewards/code", &[("mobile", mobile)]).await;
    let code = server.nth_sms_code(mobile, 3).unwrap();
    let (status, body) = try_register(&server, mobile, &code).await;
    assert_eq!(
        (status, api_error(&body)),
        (
            429,
            Some(ApiError::Reporter(ReporterError::TooManyFailures))
        ),
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
    // A new code starts its own 5, but the day's count goes on: 5 more wrong entries...
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
    for _ in 0..5 {
        assert_eq!(try_register(&server, mobile, wrong(&second)).await.0, 422);
    }
    // ...make 10 for the day (an entry after a code has ended counts for nothing).
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
        (status, api_error(&body)),
        (
            429,
            Some(ApiError::Reporter(ReporterError::TooManyFailures))
        )
    );
    assert_eq!(server.count("reporters").await, 0);
}
