//! The public looks a case up by ticket number and query code.
use crate::common;
use common::*;

async fn one_case(server: &TestServer) -> (String, String) {
    let (status, body) = submit(server, form(fields(), vec![])).await;
    let created = created(status, &body);
    (created.ticket_no, created.query_code)
}

#[tokio::test]
async fn a_wrong_code_and_an_unknown_ticket_get_the_same_answer() {
    let server = TestServer::start();
    let (no, code) = one_case(&server).await;
    let first = if code.starts_with('A') { 'B' } else { 'A' };
    let wrong_code = format!("{first}{}", &code[1..]);
    let (s1, wrong) = lookup(&server, &no, &wrong_code).await;
    let (s2, unknown) = lookup(&server, "20200101-000001", &code).await;
    assert_eq!((s1, &wrong), (s2, &unknown));
    assert_eq!(api_error(&wrong), Some(ApiError::NotFound));
    // Typed loosely, the right code still works.
    let case = public_case(&server, &no.replace('-', ""), &code.to_lowercase()).await;
    assert_eq!(case.ticket_no, no);
}

#[tokio::test]
async fn lookups_are_rate_limited_per_client_address() {
    let server = TestServer::start_with(&[("MINSHENG_LOOKUPS_PER_MINUTE", "5")]);
    let (no, code) = one_case(&server).await;
    for _ in 0..5 {
        assert_eq!(
            api_error(&lookup(&server, &no, "ZZZZZZZZ").await.1),
            Some(ApiError::NotFound)
        );
    }
    let (_, answer) = lookup(&server, &no, &code).await;
    assert_eq!(
        api_error(&answer),
        Some(ApiError::RateLimited),
        "even the right code waits"
    );
}

#[tokio::test]
async fn the_track_page_works_without_javascript() {
    let server = TestServer::start();
    let photo = Photo::jpeg("a.jpg", jpeg(&halves(300, 200), None));
    let (status, body) = submit(&server, form(fields(), vec![photo])).await;
    let created = created(status, &body);
    let (no, code) = (created.ticket_no.as_str(), created.query_code.as_str());
    let html = page(&server, &format!("/track?no={no}&code={code}"), "zh-CN").await;
    assert!(html.contains(no), "server-rendered case");
    assert!(html.contains("已提交，等待受理"), "status in Chinese");
    assert!(html.contains("市民提交诉求"), "timeline");
    assert!(html.contains("<img src=\"/photos/"), "thumbnail");
    assert!(!html.contains("张三") && !html.contains("13805371234") && !html.contains("古槐路"));

    let html = page(&server, &format!("/track?no={no}&code=ZZZZZZZZ"), "zh-CN").await;
    assert!(html.contains("没有找到对应的工单"));

    let english = page(&server, &format!("/track?no={no}&code={code}"), "en").await;
    assert!(english.contains("Submitted, waiting to be accepted"));
    assert!(english.contains("<html lang=\"en\""));
}

#[tokio::test]
async fn photo_urls_only_serve_stored_photos() {
    let server = TestServer::start();
    for path in [
        "/photos/../secret.key",
        "/photos/abc.jpg",
        &format!("/photos/{}.jpg", "0".repeat(64)),
    ] {
        let status = reqwest::get(server.at(path)).await.unwrap().status();
        assert_eq!(status, 404, "{path}");
    }
}

#[tokio::test]
async fn the_language_switch_sets_a_cookie_and_returns_only_to_this_site() {
    let server = TestServer::start();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = client
        .get(server.at("/lang/en?back=/track%3Fno%3D1"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/track?no=1");
    assert!(r.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .starts_with("lang=en;"));
    let r = client
        .get(server.at("/lang/zh-CN?back=//evil.example/"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/");
}

#[tokio::test]
async fn a_newcomer_finds_the_documented_demo_case_waiting_for_a_rating_with_real_photos() {
    let server = TestServer::start_with(&[("MINSHENG_DEMO_DATA", "true")]);
    let (no, code) = (
        app::services::demo::DEMO_TICKET_NO,
        app::services::demo::DEMO_QUERY_CODE,
    );
    let case = public_case(&server, no, code).await;
    // Filed on 1 November, replied to in the hours before this first start: the whole
    // rating window is still ahead, whatever today's date.
    assert_eq!(case.status, app::model::Status::Replied, "{case:?}");
    assert!(case.can_rate);
    let due = case.rating_due.expect("a rating deadline");
    assert!(
        due > chrono::Utc::now() + chrono::Duration::days(6),
        "{due}"
    );
    // Its two photos are photographs (hundreds of shades), not drawn blocks of colour.
    assert_eq!(case.photos.len(), 2, "{case:?}");
    for photo in &case.photos {
        let bytes = reqwest::get(server.at(&photo.display_url))
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let img = image::load_from_memory(&bytes).expect("a JPEG").to_luma8();
        let shades: std::collections::HashSet<u8> = img.pixels().map(|p| p.0[0]).collect();
        assert!(shades.len() > 100, "{} shades", shades.len());
    }
    // And the newcomer can rate it: 满意 closes it.
    let (status, body) = common::staff::rate(&server, no, code, "satisfied").await;
    assert!(status < 400, "{status} {}", body.text());
    assert_eq!(
        public_case(&server, no, code).await.status,
        app::model::Status::Closed
    );
}
