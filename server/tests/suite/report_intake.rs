//! A citizen (or another intake system) submits reports over HTTP to the real server.
use crate::common;
use common::*;
use image::ImageFormat;

#[tokio::test]
async fn citizen_reports_with_jpeg_png_and_webp_photos_and_gets_a_ticket_number_and_code() {
    let server = TestServer::start();
    let img = halves(640, 480);
    let photos = vec![
        Photo::jpeg("a.jpg", jpeg(&img, None)),
        Photo {
            name: "b.png",
            mime: "image/png",
            bytes: encode(&img, ImageFormat::Png),
        },
        Photo {
            name: "c.webp",
            mime: "image/webp",
            bytes: encode(&img, ImageFormat::WebP),
        },
    ];
    let (status, body) = submit(&server, form(fields(), photos)).await;
    let created = created(status, &body);
    let (no, code) = (created.ticket_no.as_str(), created.query_code.as_str());
    assert!(regex_like_ticket_no(no), "{no}");
    assert_eq!(code.len(), 8);
    assert!(created.tracking_url.contains(&format!("no={no}")));

    assert_eq!(server.count("tickets").await, 1);
    assert_eq!(server.count("ticket_events").await, 1);
    assert_eq!(server.count("ticket_photos").await, 3);
    // Display copy and thumbnail per photo (content-hash names; identical pictures may share).
    assert!(server.photo_files().len() >= 2);

    let (status, answer) = lookup(&server, no, code).await;
    assert_eq!(status, 200, "{answer}");
    let case: PublicCase = answer.json();
    assert_eq!(case.ticket_no, no);
    assert_eq!(case.status, Status::Submitted);
    assert_eq!(case.kind, app::model::TicketKind::Complaint);
    assert_eq!(case.district.zh, "任城区");
    assert_eq!(case.timeline[0].step, PublicStep::Submitted);
    assert_eq!(case.photos.len(), 3);
    // The public view carries no personal data, not even in a field the type does not read.
    let text = answer.text();
    for private in ["张三", "13805371234", "古槐路", "rencheng-guhuai", "35.415"] {
        assert!(!text.contains(private), "lookup leaks {private}: {text}");
    }
    // The query code is stored only as a hash.
    let stored = server
        .texts("SELECT code_hash FROM tickets")
        .await
        .remove(0);
    assert!(!stored.contains(code) && stored.len() == 64);
}

fn regex_like_ticket_no(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 15
        && b[8] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 8 || c.is_ascii_digit())
}

#[tokio::test]
async fn invalid_fields_get_one_message_each_in_the_citizens_language_and_change_nothing() {
    let server = TestServer::start();
    let mut bad = fields();
    for (k, v) in bad.iter_mut() {
        match *k {
            "description" => *v = "太短".into(),
            "contact_phone" => *v = "12345".into(),
            "street" => *v = "qufu-lucheng".into(),
            _ => {}
        }
    }
    let (status, body) = submit(&server, form(bad.clone(), vec![])).await;
    assert_eq!(status, 422);
    let errors = refused(&body);
    let by_field = |f: Field| {
        errors
            .iter()
            .find(|e| e.error.field == f)
            .unwrap_or_else(|| panic!("no error for {f:?}: {body}"))
    };
    assert!(
        matches!(
            by_field(Field::Description).error.problem,
            Problem::TooShort { .. }
        ),
        "{body}"
    );
    assert!(by_field(Field::Description)
        .message
        .contains("至少 10 个字"));
    assert_eq!(
        by_field(Field::ContactPhone).error.problem,
        Problem::InvalidPhone
    );
    assert_eq!(
        by_field(Field::Street).error.problem,
        Problem::StreetNotInDistrict
    );
    assert_eq!(errors.len(), 3);

    let (_, body) = submit_as(&server, form(bad, vec![]), "en-US,en;q=0.9").await;
    let msg = &refused(&body)[0].message;
    assert!(msg.is_ascii() && !msg.is_empty(), "English message: {msg}");
    assert_eq!(server.count("tickets").await, 0);
}

#[tokio::test]
async fn more_than_six_photos_are_refused() {
    let server = TestServer::start();
    let photos = (0..7)
        .map(|_| Photo::jpeg("a.jpg", jpeg(&halves(32, 32), None)))
        .collect();
    let (status, body) = submit(&server, form(fields(), photos)).await;
    assert_eq!(status, 422);
    assert!(
        matches!(
            refused(&body)[0].error.problem,
            Problem::TooManyPhotos { .. }
        ),
        "{body}"
    );
    assert_eq!(server.count("tickets").await, 0);
}

#[tokio::test]
async fn a_request_that_is_not_multipart_is_refused() {
    let server = TestServer::start();
    let response = reqwest::Client::new()
        .post(server.at("/api/v1/reports"))
        .json(&serde_json::json!({"kind": "complaint"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let (_, body) = intake_answer(response).await;
    assert_eq!(refused(&body)[0].error.problem, Problem::MalformedUpload);
}

#[tokio::test]
async fn concurrent_reports_get_unique_sequential_ticket_numbers() {
    let server = TestServer::start_with(&[("MINSHENG_SUBMISSIONS_PER_MINUTE", "1000")]);
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let url = server.at("/api/v1/reports");
        tasks.push(tokio::spawn(async move {
            let r = reqwest::Client::new()
                .post(url)
                .multipart(form(fields(), vec![]))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 201);
            r.json::<Created>().await.unwrap().ticket_no
        }));
    }
    let mut numbers = Vec::new();
    for t in tasks {
        numbers.push(t.await.unwrap());
    }
    numbers.sort();
    let sequences: Vec<u32> = numbers.iter().map(|n| n[9..].parse().unwrap()).collect();
    assert_eq!(sequences, (1..=20).collect::<Vec<_>>());
}

#[tokio::test]
async fn submissions_from_one_address_are_rate_limited() {
    let server = TestServer::start_with(&[("MINSHENG_SUBMISSIONS_PER_MINUTE", "2")]);
    for _ in 0..2 {
        assert_eq!(submit(&server, form(fields(), vec![])).await.0, 201);
    }
    let (status, body) = submit(&server, form(fields(), vec![])).await;
    assert_eq!(status, 429);
    assert_eq!(refused(&body)[0].error.problem, Problem::TooManySubmissions);
    assert_eq!(server.count("tickets").await, 2);
}

#[tokio::test]
async fn the_web_form_gets_a_qr_code_of_the_tracking_link_and_other_channels_do_not() {
    let server = TestServer::start();
    let (status, body) = submit(&server, form(fields(), vec![])).await;
    let api = created(status, &body);
    assert_eq!(api.qr_svg, None, "{body}");
    // Not even an empty field on the wire.
    assert!(!body.text().contains("qr_svg"), "{body}");

    let response = reqwest::Client::new()
        .post(server.at("/api/v1/reports"))
        .header("X-Minsheng-Channel", "web")
        .multipart(form(fields(), vec![]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 201);
    let web: Created = response.json().await.unwrap();
    let svg = web.qr_svg.expect("an SVG for the success page");
    assert!(svg.contains("<svg") && svg.contains("</svg>"), "{svg}");
    assert_ne!(web.ticket_no, api.ticket_no);
}
