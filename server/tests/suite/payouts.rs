//! Payout batches over HTTP, against the real binary and database: never the same points
//! twice even when requested at once, CSV and .xlsx exports, marking paid, held and flagged
//! shared payout accounts.
use crate::common;
use common::rewards::*;
use common::staff::{demo_server, sign_in};
use common::*;

const LIMITS: &[(&str, &str)] = &[
    ("MINSHENG_SIGNINS_PER_MINUTE", "1000"),
    ("MINSHENG_SUBMISSIONS_PER_MINUTE", "1000"),
];

#[tokio::test]
async fn concurrent_payout_batches_never_pay_the_same_points_twice() {
    let server = demo_server(LIMITS);
    let operator = sign_in(&server, "operator").await;
    let admin = sign_in(&server, "admin").await;
    let a = register(&server, "13700000007", "拍客庚").await;
    let b = register(&server, "13700000008", "拍客辛").await;
    for (cookie, photo) in [(&a, "coffee.jpg"), (&a, "rocket.jpg"), (&b, "chelsea.jpg")] {
        verified_snap(&server, cookie, &operator, real_photo(photo)).await;
    }
    // Only reporters who gave payment details are paid.
    assert_eq!(
        post(&server, &admin, "/api/fn/staff/create_batch", &[])
            .await
            .0,
        409
    );
    for (cookie, mobile, account) in [
        (&a, "13700000007", "6222 0000 0000 0007"),
        (&b, "13700000008", "6222 0000 0000 0008"),
    ] {
        let (status, body) = claim(&server, cookie, mobile, "张 三", account).await;
        assert_eq!(status, 200, "{body}");
    }
    let (status, _) = post(&server, &operator, "/api/fn/staff/create_batch", &[]).await;
    assert_eq!(status, 403, "administrators only");

    let mut statuses = all_at_once((0..8).map(|_| {
        reqwest::Client::new()
            .post(server.at("/api/fn/staff/create_batch"))
            .header("Cookie", &admin)
            .form(&[("x", "")])
    }))
    .await;
    statuses.sort();
    assert_eq!(statuses, vec![200, 409, 409, 409, 409, 409, 409, 409]);
    assert_eq!(server.count("payout_batches").await, 1);
    assert_eq!(server.count("payout_items").await, 3);
    let batch = server
        .scalar("SELECT id FROM payout_batches", &[])
        .await
        .to_string();
    assert_eq!(mine(&server, &a).await.points.in_batch, 6);

    let csv = page_with_cookie(&server, &admin, &sheet(&batch, "csv")).await;
    assert!(
        csv.contains("拍客庚") && csv.contains("6.00") && csv.contains("3.00"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 3, "{csv}");
    let xlsx = reqwest::Client::new()
        .get(server.at(&sheet(&batch, "xlsx")))
        .header("Cookie", &admin)
        .send()
        .await
        .unwrap();
    assert_eq!(xlsx.status().as_u16(), 200);
    assert!(
        xlsx.bytes().await.unwrap().starts_with(b"PK"),
        "an .xlsx is a zip file"
    );
    let forbidden = reqwest::Client::new()
        .get(server.at(&sheet(&batch, "csv")))
        .header("Cookie", &operator)
        .send()
        .await
        .unwrap();
    assert_eq!(forbidden.status().as_u16(), 403);

    assert_eq!(
        post(
            &server,
            &admin,
            "/api/fn/staff/mark_paid",
            &[("batch", &batch)]
        )
        .await
        .0,
        200
    );
    assert_eq!(
        post(
            &server,
            &admin,
            "/api/fn/staff/mark_paid",
            &[("batch", &batch)]
        )
        .await
        .0,
        409
    );
    let page = mine(&server, &a).await;
    assert_eq!((page.balance, page.points.paid), (0, 6));
    assert_eq!(page.payouts[0].yuan, "6.00");
    assert!(page.payouts[0].paid_at.is_some(), "{page:?}");
    assert_eq!(page.snaps[0].state, RewardState::Paid);
    // Balances are the ledger's sums.
    assert_eq!(
        server
            .scalar(
                "SELECT CAST(COALESCE(SUM(points), 0) AS BIGINT) FROM points_ledger",
                &[]
            )
            .await,
        0
    );
}

#[tokio::test]
async fn accounts_sharing_a_payout_account_are_held_and_flagged() {
    let server = demo_server(LIMITS);
    let operator = sign_in(&server, "operator").await;
    let admin = sign_in(&server, "admin").await;
    let a = register(&server, "13700000009", "拍客壬").await;
    let b = register(&server, "13700000010", "拍客癸").await;
    for (cookie, mobile, photo) in [
        (&a, "13700000009", "coffee.jpg"),
        (&b, "13700000010", "rocket.jpg"),
    ] {
        verified_snap(&server, cookie, &operator, real_photo(photo)).await;
        let (status, body) = claim(&server, cookie, mobile, "李四", "6222-0000-1111-2222").await;
        assert_eq!(status, 200, "{body}");
    }
    let (status, body) = post(&server, &admin, "/api/fn/staff/create_batch", &[]).await;
    assert_eq!(
        (status, staff_error(&body)),
        (409, Some(StaffError::Payout(PayoutRefusal::NothingToPay))),
        "{body}"
    );
    let (status, answer) = post(&server, &admin, "/api/fn/staff/payouts", &[]).await;
    assert_eq!(status, 200, "{answer}");
    let view: PayoutsView = answer.json();
    assert_eq!((view.ready_points, view.held_points), (0, 6));
    let (account, holders) = &view.shared_accounts[0];
    assert_eq!(account, "****2222", "{view:?}");
    assert_eq!(holders.len(), 2);
}

#[tokio::test]
async fn a_batch_sheet_keeps_the_account_given_when_the_batch_was_made() {
    let server = demo_server(LIMITS);
    let operator = sign_in(&server, "operator").await;
    let admin = sign_in(&server, "admin").await;
    let mobile = "13700000021";
    let reporter = register(&server, mobile, "搬家的拍客").await;
    let (status, body) = snap(&server, &reporter, "snap-road", real_photo("coffee.jpg")).await;
    let no = created(status, &body).ticket_no;
    assert_eq!(verify(&server, &operator, &no, "valid").await, 200);
    let (status, body) = claim(&server, &reporter, mobile, "王五", "6222 1111 0000 0001").await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = post(&server, &admin, "/api/fn/staff/create_batch", &[]).await;
    assert_eq!(status, 200, "{body}");
    let made: i64 = body.json();
    let batch = server
        .scalar("SELECT id FROM payout_batches", &[])
        .await
        .to_string();
    assert_eq!(made.to_string(), batch, "the answer names the batch");

    // The reporter changes the details after the batch was made (with a new code).
    let (status, body) = claim(&server, &reporter, mobile, "王五五", "6222 9999 0000 0009").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        mine(&server, &reporter).await.account_masked.as_deref(),
        Some("****0009")
    );

    // The CSV and the .xlsx are written from the same sheet lines.
    let csv = page_with_cookie(&server, &admin, &sheet(&batch, "csv")).await;
    assert!(
        csv.contains("6222111100000001"),
        "the account given at batch time: {csv}"
    );
    assert!(csv.contains("王五,"), "{csv}");
    assert!(
        !csv.contains("6222999900000009") && !csv.contains("王五五"),
        "not the details changed later: {csv}"
    );
}

/// The link to a batch's sheet, as the payouts page builds it.
fn sheet(batch: &str, extension: &str) -> String {
    app::routes::payout_sheet(batch.parse().expect("batch id"), extension)
}
