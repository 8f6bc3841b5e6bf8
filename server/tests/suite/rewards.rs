//! The reward scheme over HTTP, against the real binary and database: snap reports,
//! verification and points (caps, first reporter, exact and near repeats), payout details.
//! Reporter accounts and one-time codes: `reporter_accounts.rs`; batches: `payouts.rs`.
use crate::common;
use common::rewards::*;
use common::staff::{demo_server, queue, sign_in};
use common::*;

#[tokio::test]
async fn a_valid_snap_earns_its_points_once_and_an_anonymous_one_earns_nothing() {
    let server = demo_server(LIMITS);
    let reporter = register(&server, "13700000003", "拍客丙").await;
    let (status, body) = snap(&server, &reporter, "snap-stall", real_photo("coffee.jpg")).await;
    let no = created(status, &body).ticket_no;
    let (status, anon) = snap(&server, "", "snap-road", real_photo("rocket.jpg")).await;
    let anon_no = created(status, &anon).ticket_no;
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
    assert_eq!(page.snaps[0].state, RewardState::Pending);
    assert_eq!(page.balance, 0);

    let handler = sign_in(&server, "urban.handler").await;
    assert_eq!(verify(&server, &handler, &no, "valid").await, 403);
    let operator = sign_in(&server, "operator").await;
    let snaps_tab = queue(&server, &operator, "snaps").await;
    assert_eq!(snaps_tab.len(), 2, "{snaps_tab:?}");
    let r = review(&server, &operator, &no)
        .await
        .expect("the verifier's section");
    assert_eq!((r.reporter.as_deref(), r.rate), (Some("拍客丙"), 3));
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
    assert_eq!(page.balance, 3);
    assert_eq!(page.snaps[0].state, RewardState::Earned);
    assert_eq!(page.snaps[0].verdict, Some(Verdict::Valid));
    assert_eq!(
        review(&server, &operator, &no).await.and_then(|r| r.points),
        Some(3)
    );
    let waiting = queue(&server, &operator, "snaps").await;
    assert!(waiting.is_empty(), "{waiting:?}");
    // A department never sees the snap section (nor who sent it).
    assert_eq!(review(&server, &handler, &no).await, None);
}

#[tokio::test]
async fn a_repeated_photo_earns_nothing_and_a_re_encoded_one_is_shown_beside_the_earlier() {
    let server = demo_server(LIMITS);
    let first = register(&server, "13700000004", "拍客丁").await;
    let second = register(&server, "13700000005", "拍客戊").await;
    let photo = real_photo("motorcycle_left.jpg");
    let (status, body) = snap(&server, &first, "snap-clutter", photo.clone()).await;
    let original = created(status, &body).ticket_no;
    let (status, body) = snap(&server, &second, "snap-clutter", photo.clone()).await;
    let exact = created(status, &body).ticket_no;
    let (status, body) = snap(&server, &second, "snap-clutter", re_encoded(&photo, 40)).await;
    let near = created(status, &body).ticket_no;
    let (status, body) = snap(
        &server,
        &second,
        "snap-clutter",
        real_photo("astronaut.jpg"),
    )
    .await;
    let other = created(status, &body).ticket_no;

    let operator = sign_in(&server, "operator").await;
    let verifiers = "the verifier's section";
    let r = review(&server, &operator, &exact).await.expect(verifiers);
    assert_eq!(
        r.exact_repeat_of.as_deref(),
        Some(original.as_str()),
        "{r:?}"
    );
    let r = review(&server, &operator, &near).await.expect(verifiers);
    assert_eq!(r.exact_repeat_of, None, "{r:?}");
    assert!(
        r.matches.iter().any(|m| m.earlier_ticket_no == original),
        "the re-encoded photo is set beside the original: {r:?}"
    );
    let r = review(&server, &operator, &other).await.expect(verifiers);
    assert!(r.matches.is_empty(), "a different photo: {r:?}");

    for no in [&original, &exact, &near, &other] {
        assert_eq!(verify(&server, &operator, no, "valid").await, 200);
    }
    assert_eq!(mine(&server, &first).await.balance, 2);
    // The exact repeat earned nothing; the near duplicate was judged valid by the verifier.
    assert_eq!(mine(&server, &second).await.balance, 4);
    let page = mine(&server, &second).await;
    let exact_row = page
        .snaps
        .iter()
        .find(|s| s.ticket_no == exact)
        .expect("the exact repeat on the reporter's page");
    assert_eq!(exact_row.state, RewardState::NoPoints, "{exact_row:?}");
}

#[tokio::test]
async fn the_daily_cap_cuts_a_reporters_points() {
    let server = demo_server(LIMITS);
    let reporter = register(&server, "13700000006", "拍客己").await;
    let operator = sign_in(&server, "operator").await;
    // Illegal building: 5 points each; the demo city's daily cap is 20.
    // Five different photographs, none of them the demo cases' (which would be repeats).
    let photos = [
        "astronaut.jpg",
        "coffee.jpg",
        "rocket.jpg",
        "camera.jpg",
        "chelsea.jpg",
    ];
    for photo in photos {
        let (status, body) = snap(&server, &reporter, "snap-building", real_photo(photo)).await;
        let no = created(status, &body).ticket_no;
        assert_eq!(verify(&server, &operator, &no, "valid").await, 200);
    }
    let page = mine(&server, &reporter).await;
    assert_eq!(page.balance, 20, "{page:?}");
    let states: Vec<RewardState> = page.snaps.iter().map(|s| s.state).collect();
    assert_eq!(
        states
            .iter()
            .filter(|s| **s == RewardState::NoPoints)
            .count(),
        1,
        "{states:?}"
    );
}

#[tokio::test]
async fn changing_payout_details_needs_a_code_sent_to_the_accounts_mobile() {
    let server = demo_server(NO_RESEND_WAIT);
    let mobile = "13700000071";
    let reporter = register(&server, mobile, "收款人甲").await;
    let details = [("real_name", "赵六"), ("account", "6222 3333 0000 0003")];
    // Without a code, or with a made-up one: refused, nothing saved.
    let (status, body) = post(&server, &reporter, "/api/fn/rewards/claim", &details).await;
    assert_eq!(
        (status, api_error(&body)),
        (422, Some(ApiError::Reporter(ReporterError::BadCode)))
    );
    let mut with_code = details.to_vec();
    with_code.push(("code", "123456"));
    let (status, _) = post(&server, &reporter, "/api/fn/rewards/claim", &with_code).await;
    assert_eq!(status, 422);
    assert_eq!(mine(&server, &reporter).await.account_masked, None);
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
    assert_eq!(mine(&server, &reporter).await.account_masked, None);
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
    assert_eq!(
        mine(&server, &reporter).await.account_masked.as_deref(),
        Some("****0003")
    );
    let payout_code = server.nth_sms_code(mobile, 3).unwrap();
    let mut again = vec![("real_name", "赵六"), ("account", "6222 4444 0000 0004")];
    again.push(("code", &payout_code));
    let (status, _) = post(&server, &reporter, "/api/fn/rewards/claim", &again).await;
    assert_eq!(status, 422, "used once");
    assert_eq!(
        mine(&server, &reporter).await.account_masked.as_deref(),
        Some("****0003")
    );
}
