//! The photo pipeline over HTTP: what is stored of a citizen's photos, what is refused, and
//! that nothing is left behind.
use crate::common;
use common::*;
use image::ImageFormat;

/// No EXIF (with its GPS position) and no APP1 segment at all in a stored photo.
fn assert_no_exif(stored: &[u8]) {
    assert!(
        !stored.windows(4).any(|w| w == b"Exif"),
        "EXIF must be stripped"
    );
    assert!(
        !stored.windows(2).any(|w| w == [0xFF, 0xE1]),
        "no APP1 segment at all"
    );
}

#[tokio::test]
async fn a_rotated_phone_photo_with_gps_is_stored_upright_and_without_any_metadata() {
    let server = TestServer::start();
    // Landscape pixels with orientation 6: the phone was held upright, so the picture is portrait.
    let original = jpeg(&halves(400, 200), Some(exif_with_orientation_and_gps(6)));
    assert!(original.windows(4).any(|w| w == b"Exif"));
    let photos = vec![Photo::jpeg("IMG_0001.JPG", original)];
    let (status, body) = submit(&server, form(fields(), photos)).await;
    let case = look_up_created(&server, &created(status, &body)).await;
    let display_url = &case.photos[0].display_url;
    let response = reqwest::get(server.at(display_url)).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/jpeg");
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    // The reporter's own (confidential) case: their browser may cache it, nothing shared.
    let cache = response.headers()["cache-control"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cache.starts_with("private") && !cache.contains("public"),
        "{cache}"
    );
    let stored = response.bytes().await.unwrap();
    assert_no_exif(&stored);
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

    let thumb_url = &case.photos[0].thumb_url;
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
async fn an_upright_phone_photo_with_gps_keeps_its_picture_as_coded_and_loses_the_gps() {
    let server = TestServer::start();
    let original = jpeg(&halves(800, 600), Some(exif_with_orientation_and_gps(1)));
    let photos = vec![Photo::jpeg("IMG_0002.JPG", original.clone())];
    let (status, body) = submit(&server, form(fields(), photos)).await;
    let case = look_up_created(&server, &created(status, &body)).await;
    let stored = photo_bytes(&server, &case.photos[0].display_url).await;
    // Not re-encoded: the coded picture (from the first start-of-scan marker) is the upload's.
    let scan = |b: &[u8]| b.windows(2).position(|m| m == [0xFF, 0xDA]).unwrap();
    assert!(
        stored[scan(&stored)..] == original[scan(&original)..],
        "re-encoded"
    );
    assert_no_exif(&stored);
    assert_eq!(
        image::load_from_memory(&stored).unwrap().to_rgb8(),
        image::load_from_memory(&original).unwrap().to_rgb8(),
        "the same pixels"
    );
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
    let case = look_up_created(&server, &created(status, &body)).await;
    let stored = reqwest::get(server.at(&case.photos[0].display_url))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let img = image::load_from_memory(&stored).unwrap();
    assert_eq!((img.width(), img.height()), (2048, 1536));
}

/// Submits one bad photo (the second) and checks the answer names it with the problem `want`
/// finds, and nothing was stored.
async fn refused_photo(
    server: &TestServer,
    photo: Photo,
    want_status: u16,
    want: fn(&Problem) -> bool,
) {
    let (status, body) = submit(
        server,
        form(
            fields(),
            vec![Photo::jpeg("ok.jpg", jpeg(&halves(64, 64), None)), photo],
        ),
    )
    .await;
    assert_eq!(status, want_status, "{body}");
    let error = &refused(&body)[0];
    assert_eq!(error.error.field, Field::Photos, "{body}");
    assert!(want(&error.error.problem), "{body}");
    assert!(!error.message.is_empty());
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
        ("MINSHENG_SUBMISSIONS_PER_MINUTE", "60"),
    ]);
    let png = encode(&halves(64, 64), ImageFormat::Png);
    refused_photo(&server, Photo::jpeg("renamed.jpg", png), 422, |p| {
        matches!(p, Problem::PhotoTypeMismatch { photo: 2, .. })
    })
    .await;
    refused_photo(
        &server,
        Photo::jpeg("notes.jpg", b"just some text, not a picture".to_vec()),
        422,
        |p| matches!(p, Problem::PhotoNotImage { photo: 2 }),
    )
    .await;
    let mut truncated = jpeg(&halves(640, 480), None);
    truncated.truncate(truncated.len() / 2);
    refused_photo(&server, Photo::jpeg("cut.jpg", truncated), 422, |p| {
        matches!(p, Problem::PhotoUnreadable { photo: 2 })
    })
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
        |p| matches!(p, Problem::PhotoTooManyPixels { photo: 2, .. }),
    )
    .await;
    refused_photo(
        &server,
        Photo::jpeg("big.jpg", noise_jpeg(1200, 1000, 1)),
        413,
        |p| matches!(p, Problem::PhotoTooLarge { photo: 2, .. }),
    )
    .await;

    // Each photo under the per-photo cap, together over the body cap: the sender reads the
    // answer (not a reset while still sending), every time.
    let photos = (0..4)
        .map(|i| Photo::jpeg("n.jpg", noise_jpeg(700, 600, i + 2)))
        .collect::<Vec<_>>();
    assert!(photos.iter().all(|p| p.bytes.len() < 1 << 20));
    let total: usize = photos.iter().map(|p| p.bytes.len()).sum();
    assert!(total > 2 << 20, "over the 2 MB cap: {total}");
    for _ in 0..8 {
        let (status, body) = submit(&server, form(fields(), photos.clone())).await;
        assert_eq!(status, 413, "{body}");
        assert!(
            matches!(
                refused(&body)[0].error.problem,
                Problem::BodyTooLarge { max_bytes } if max_bytes == 2 << 20
            ),
            "{body}"
        );
    }
    assert_eq!(server.count("tickets").await, 0);
    assert!(server.photo_files().is_empty());
}

#[tokio::test]
async fn photo_files_left_by_a_crash_are_removed_at_start_and_case_photos_are_kept() {
    let server = TestServer::start();
    let photo = Photo::jpeg("street.jpg", noise_jpeg(800, 600, 7));
    let (status, body) = submit(&server, form(fields(), vec![photo])).await;
    let created = created(status, &body);
    let kept = server.photo_files();
    assert_eq!(kept.len(), 2, "display copy and thumbnail");

    // What a crash between writing the files and committing the ticket leaves behind, long ago,
    // and a file of a submission still in flight.
    let shard = server.photo_dir().join("ab");
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
    let case = look_up_created(&server, &created).await;
    let thumb = &case.photos.first().expect("the case's photo").thumb_url;
    let response = reqwest::get(server.at(thumb)).await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
}
