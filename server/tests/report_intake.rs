//! A citizen (or another intake system) submits reports over HTTP to the real server.
mod common;
use common::*;
use image::ImageFormat;

#[tokio::test]
async fn citizen_reports_with_jpeg_png_and_webp_photos_and_gets_a_ticket_number_and_code() {
    let server = TestServer::start();
    let img = halves(640, 480);
    let photos = vec![
        Photo {
            name: "a.jpg",
            mime: "image/jpeg",
            bytes: jpeg(&img, None),
        },
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
    assert_eq!(status, 201, "{body}");
    let no = body["ticket_no"].as_str().unwrap();
    let code = body["query_code"].as_str().unwrap();
    assert!(regex_like_ticket_no(no), "{no}");
    assert_eq!(code.len(), 8);
    assert!(body["tracking_url"]
        .as_str()
        .unwrap()
        .contains(&format!("no={no}")));

    assert_eq!(server.count("tickets").await, 1);
    assert_eq!(server.count("ticket_events").await, 1);
    assert_eq!(server.count("ticket_photos").await, 3);
    // Display copy and thumbnail per photo (content-hash names; identical pictures may share).
    assert!(server.photo_files().len() >= 2);

    let (status, case) = lookup(&server, no, code).await;
    assert_eq!(status, 200, "{case}");
    assert_eq!(case["ticket_no"], no);
    assert_eq!(case["status"], "submitted");
    assert_eq!(case["kind"], "complaint");
    assert_eq!(case["district"]["zh"], "任城区");
    assert_eq!(case["timeline"][0]["kind"], "created");
    assert_eq!(case["photos"].as_array().unwrap().len(), 3);
    // The public view carries no personal data.
    let text = case.to_string();
    for private in ["张三", "13805371234", "古槐路", "rencheng-guhuai", "35.415"] {
        assert!(!text.contains(private), "lookup leaks {private}: {text}");
    }
    // The query code is stored only as a hash.
    let url = format!(
        "sqlite://{}?mode=ro",
        server.data.path().join("minsheng.db").display()
    );
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    let stored: String = sqlx::query_scalar("SELECT code_hash FROM tickets")
        .fetch_one(&pool)
        .await
        .unwrap();
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
async fn a_rotated_phone_photo_with_gps_is_stored_upright_and_without_any_metadata() {
    let server = TestServer::start();
    // Landscape pixels with orientation 6: the phone was held upright, so the picture is portrait.
    let original = jpeg(&halves(400, 200), Some(exif_with_orientation_and_gps(6)));
    assert!(original.windows(4).any(|w| w == b"Exif"));
    let photos = vec![Photo {
        name: "IMG_0001.JPG",
        mime: "image/jpeg",
        bytes: original,
    }];
    let (status, body) = submit(&server, form(fields(), photos)).await;
    assert_eq!(status, 201, "{body}");
    let case = look_up_created(&server, &body).await;
    let display_url = case["photos"][0]["display_url"].as_str().unwrap();
    let response = reqwest::get(server.at(display_url)).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/jpeg");
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    assert!(response.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
    let stored = response.bytes().await.unwrap();
    assert!(
        !stored.windows(4).any(|w| w == b"Exif"),
        "EXIF must be stripped"
    );
    assert!(
        !stored.windows(2).any(|w| w == [0xFF, 0xE1]),
        "no APP1 segment at all"
    );
    let img = image::load_from_memory(&stored).unwrap().to_rgb8();
    assert_eq!(img.dimensions(), (200, 400), "turned upright");
    let (top, bottom) = (img.get_pixel(100, 20), img.get_pixel(100, 380));
    assert!(
        top[0] > 150 && top[2] < 100,
        "left half (red) is now on top: {top:?}"
    );
    assert!(
        bottom[2] > 150 && bottom[0] < 100,
        "right half (blue) is now at the bottom: {bottom:?}"
    );

    let thumb_url = case["photos"][0]["thumb_url"].as_str().unwrap();
    let thumb = reqwest::get(server.at(thumb_url))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let thumb = image::load_from_memory(&thumb).unwrap();
    assert!(thumb.width().max(thumb.height()) <= 320);
}

#[tokio::test]
async fn a_large_photo_is_shrunk_to_2048_pixels() {
    let server = TestServer::start();
    let photos = vec![Photo {
        name: "big.png",
        mime: "image/png",
        bytes: encode(&halves(4032, 3024), ImageFormat::Png),
    }];
    let (status, body) = submit(&server, form(fields(), photos)).await;
    assert_eq!(status, 201, "{body}");
    let case = look_up_created(&server, &body).await;
    let stored = reqwest::get(server.at(case["photos"][0]["display_url"].as_str().unwrap()))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let img = image::load_from_memory(&stored).unwrap();
    assert_eq!((img.width(), img.height()), (2048, 1536));
}

/// Submits one bad photo and checks the answer names it and nothing was stored.
async fn refused_photo(server: &TestServer, photo: Photo, want_status: u16, want_code: &str) {
    let (status, body) = submit(
        server,
        form(
            fields(),
            vec![
                Photo {
                    name: "ok.jpg",
                    mime: "image/jpeg",
                    bytes: jpeg(&halves(64, 64), None),
                },
                photo,
            ],
        ),
    )
    .await;
    assert_eq!(status, want_status, "{body}");
    let error = &body["errors"][0];
    assert_eq!(error["code"], want_code, "{body}");
    assert!(!error["message"].as_str().unwrap().is_empty());
    assert_eq!(server.count("tickets").await, 0, "no ticket row");
    assert_eq!(server.count("ticket_photos").await, 0, "no photo row");
    assert_eq!(
        server.photo_files(),
        Vec::<std::path::PathBuf>::new(),
        "no orphan files"
    );
}

#[tokio::test]
async fn bad_photos_are_refused_with_a_clear_error_and_leave_nothing_behind() {
    let server = TestServer::start_with(&[
        ("MINSHENG_MAX_PHOTO_MB", "1"),
        ("MINSHENG_MAX_UPLOAD_MB", "2"),
    ]);
    let png = encode(&halves(64, 64), ImageFormat::Png);
    refused_photo(
        &server,
        Photo {
            name: "renamed.jpg",
            mime: "image/jpeg",
            bytes: png,
        },
        422,
        "photo_type_mismatch",
    )
    .await;
    refused_photo(
        &server,
        Photo {
            name: "notes.jpg",
            mime: "image/jpeg",
            bytes: b"just some text, not a picture".to_vec(),
        },
        422,
        "photo_not_image",
    )
    .await;
    let mut truncated = jpeg(&halves(640, 480), None);
    truncated.truncate(truncated.len() / 2);
    refused_photo(
        &server,
        Photo {
            name: "cut.jpg",
            mime: "image/jpeg",
            bytes: truncated,
        },
        422,
        "photo_unreadable",
    )
    .await;
    let huge = huge_png(20_000, 20_000);
    assert!(
        huge.len() < 1 << 20,
        "the 20000×20000 file itself is small: {}",
        huge.len()
    );
    refused_photo(
        &server,
        Photo {
            name: "huge.png",
            mime: "image/png",
            bytes: huge,
        },
        422,
        "photo_too_many_pixels",
    )
    .await;
    refused_photo(
        &server,
        Photo {
            name: "big.jpg",
            mime: "image/jpeg",
            bytes: noise_jpeg(1200, 1000, 1),
        },
        413,
        "photo_too_large",
    )
    .await;

    // Each photo under the per-photo cap, together over the body cap.
    let photos = (0..4)
        .map(|i| Photo {
            name: "n.jpg",
            mime: "image/jpeg",
            bytes: noise_jpeg(700, 600, i + 2),
        })
        .collect::<Vec<_>>();
    assert!(photos.iter().all(|p| p.bytes.len() < 1 << 20));
    let (status, body) = submit(&server, form(fields(), photos)).await;
    assert_eq!(status, 413, "{body}");
    assert_eq!(body["errors"][0]["code"], "body_too_large");
    assert_eq!(server.count("tickets").await, 0);
    assert!(server.photo_files().is_empty());
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
    let errors = body["errors"].as_array().unwrap();
    let by_field = |f: &str| {
        errors
            .iter()
            .find(|e| e["field"] == f)
            .unwrap_or_else(|| panic!("no error for {f}: {body}"))
    };
    assert_eq!(by_field("description")["code"], "too_short");
    assert!(by_field("description")["message"]
        .as_str()
        .unwrap()
        .contains("至少 10 个字"));
    assert_eq!(by_field("contact_phone")["code"], "invalid_phone");
    assert_eq!(by_field("street")["code"], "street_not_in_district");
    assert_eq!(errors.len(), 3);

    let (_, body) = submit_as(&server, form(bad, vec![]), "en-US,en;q=0.9").await;
    let msg = body["errors"][0]["message"].as_str().unwrap();
    assert!(msg.is_ascii() && !msg.is_empty(), "English message: {msg}");
    assert_eq!(server.count("tickets").await, 0);
}

#[tokio::test]
async fn more_than_six_photos_are_refused() {
    let server = TestServer::start();
    let photos = (0..7)
        .map(|_| Photo {
            name: "a.jpg",
            mime: "image/jpeg",
            bytes: jpeg(&halves(32, 32), None),
        })
        .collect();
    let (status, body) = submit(&server, form(fields(), photos)).await;
    assert_eq!(status, 422);
    assert_eq!(body["errors"][0]["code"], "too_many_photos");
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
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["errors"][0]["code"], "malformed_upload");
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
            r.json::<serde_json::Value>().await.unwrap()["ticket_no"]
                .as_str()
                .unwrap()
                .to_string()
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
    assert_eq!(body["errors"][0]["code"], "too_many_submissions");
    assert_eq!(server.count("tickets").await, 2);
}

#[tokio::test]
async fn the_web_form_gets_a_qr_code_of_the_tracking_link_and_other_channels_do_not() {
    let server = TestServer::start();
    let (status, api) = submit(&server, form(fields(), vec![])).await;
    assert_eq!(status, 201, "{api}");
    assert!(api.get("qr_svg").is_none(), "{api}");

    let response = reqwest::Client::new()
        .post(server.at("/api/v1/reports"))
        .header("X-Minsheng-Channel", "web")
        .multipart(form(fields(), vec![]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 201);
    let web: serde_json::Value = response.json().await.unwrap();
    let svg = web["qr_svg"].as_str().expect("an SVG for the success page");
    assert!(svg.contains("<svg") && svg.contains("</svg>"), "{svg}");
    assert_ne!(web["ticket_no"], api["ticket_no"]);
}

#[tokio::test]
async fn photo_files_left_by_a_crash_are_removed_at_start_and_case_photos_are_kept() {
    let server = TestServer::start();
    let photo = Photo {
        name: "street.jpg",
        mime: "image/jpeg",
        bytes: noise_jpeg(800, 600, 7),
    };
    let (status, body) = submit(&server, form(fields(), vec![photo])).await;
    assert_eq!(status, 201, "{body}");
    let kept = server.photo_files();
    assert_eq!(kept.len(), 2, "display copy and thumbnail");

    // What a crash between writing the files and committing the ticket leaves behind, long ago,
    // and a file of a submission still in flight.
    let shard = server.data.path().join("photos").join("ab");
    std::fs::create_dir_all(&shard).unwrap();
    let orphan = shard.join(format!("ab{}.jpg", "0".repeat(62)));
    let temp = shard.join(format!(".ab{}.jpg.123.tmp", "1".repeat(62)));
    let in_flight = shard.join(format!("ab{}.jpg", "2".repeat(62)));
    let not_ours = shard.join("README");
    for f in [&orphan, &temp, &in_flight, &not_ours] {
        std::fs::write(f, b"x").unwrap();
    }
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    for f in kept.iter().chain([&orphan, &temp, &not_ours]) {
        let file = std::fs::File::options().write(true).open(f).unwrap();
        file.set_modified(two_hours_ago).unwrap();
    }

    let server = server.restart();
    let mut left = server.photo_files();
    for _ in 0..50 {
        if !left.contains(&orphan) && !left.contains(&temp) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        left = server.photo_files();
    }
    left.sort();
    let mut expected = kept.clone();
    expected.extend([in_flight, not_ours]);
    expected.sort();
    assert_eq!(left, expected);
    // The case's photos still load.
    let case = look_up_created(&server, &body).await;
    let thumb = case["photos"][0]["thumb_url"]
        .as_str()
        .expect("thumbnail url");
    let response = reqwest::get(server.at(thumb)).await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
}
