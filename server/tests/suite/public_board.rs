//! The public board (公开件) over HTTP: what it lists, its filters and pages, staff edits.
use crate::common;

use app::model::board::BoardPage;
use common::staff::*;
use common::*;

/// One page of the public board through its server function.
async fn board(
    server: &TestServer,
    category: &str,
    district: &str,
    month: &str,
    page: &str,
) -> BoardPage {
    let (status, answer) = post(
        server,
        "",
        "/api/fn/board",
        &[
            ("category", category),
            ("district", district),
            ("month", month),
            ("page", page),
        ],
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    answer.json()
}

#[tokio::test]
async fn the_public_board_filters_pages_and_shows_what_staff_published() {
    let server = demo_server(&[
        ("MINSHENG_SIGNINS_PER_MINUTE", "1000"),
        ("MINSHENG_SUBMISSIONS_PER_MINUTE", "1000"),
    ]);
    let mut public = fields();
    for (k, v) in public.iter_mut() {
        match *k {
            "confidential" => *v = "false".into(),
            "publish_consent" => *v = "true".into(),
            _ => {}
        }
    }
    // Months are Beijing months.
    let month = (chrono::Utc::now() + chrono::Duration::hours(8))
        .format("%Y-%m")
        .to_string();
    // The demo data may already have published cases: count from there.
    let before = board(&server, "city", "rencheng", &month, "0").await.total;
    let before_leaf = board(&server, "city.road-occupation", "", "", "0")
        .await
        .total;
    let mut published = Vec::new();
    for _ in 0..21 {
        published.push(replied_case(&server, public.clone()).await.0);
    }
    // Not consented, or confidential: never on the board.
    replied_case(&server, fields()).await;
    let first = board(&server, "city", "rencheng", &month, "0").await;
    assert_eq!(first.total, before + 21);
    assert_eq!(first.items.len(), 20);
    assert!(first.has_more);
    let second = board(&server, "city.road-occupation", "", "", "1").await;
    assert_eq!(second.total, before_leaf + 21);
    assert_eq!(second.items.len() as i64, before_leaf + 21 - 20);
    for (category, district, month) in [("utility", "", ""), ("", "other", ""), ("", "", "2020-01")]
    {
        assert_eq!(
            board(&server, category, district, month, "0").await.total,
            0
        );
    }
    let item = &first.items[0];
    assert!(item.request.contains("摊贩占道经营"));
    assert_eq!(item.reply, REPLY);
    assert_eq!(item.street.zh, "古槐街道");

    // An operator edits the published text of the newest case, then withdraws another.
    let all = board(&server, "", "", "", "0").await.total;
    let operator = sign_in(&server, "operator").await;
    let newest = published.last().unwrap();
    let edited = "古槐路东门人行道有摊贩占道（已编辑）。";
    let (status, _) = post(
        &server,
        &operator,
        "/api/fn/staff/publish",
        &[
            ("ticket_no", newest),
            ("request", edited),
            ("reply", "已清理。"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    let handler = sign_in(&server, "rencheng.handler").await;
    let (status, _) = post(
        &server,
        &handler,
        "/api/fn/staff/publish",
        &[
            ("ticket_no", &published[0]),
            ("request", "x"),
            ("reply", "y"),
            ("hidden", "1"),
        ],
    )
    .await;
    assert_eq!(status, 403, "departments do not edit the board");
    let (status, _) = post(
        &server,
        &operator,
        "/api/fn/staff/publish",
        &[
            ("ticket_no", &published[0]),
            ("request", "x"),
            ("reply", "y"),
            ("hidden", "1"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    let after = board(&server, "", "", "", "0").await;
    assert_eq!(after.total, all - 1, "withdrawn");
    assert_eq!(
        (
            after.items[0].request.as_str(),
            after.items[0].reply.as_str()
        ),
        (edited, "已清理。")
    );
}
