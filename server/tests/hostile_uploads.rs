//! Uploads under hostile load, over real sockets to the real server: clients that disconnect in
//! the middle of an upload or right after it, bodies that trickle in a byte a second, pixel
//! floods, decompression bombs and progressive-JPEG bombs — while a citizen sends a normal
//! report, which must go through within 5 seconds. Also: a motion photo (a JPEG with a video
//! after its end) is accepted and nothing of the video is stored.
//!
//! The CI test is small; `bench/run hostile` runs the ignored one with 50 concurrent hostile
//! uploads against a release build and prints its figures.
mod common;
use common::hostile::*;
use common::*;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_citizen_report_goes_through_while_others_disconnect_trickle_and_send_bombs() {
    let body_timeout = Duration::from_secs(3);
    let server = start(&env_for(body_timeout));
    let mut attacks = Vec::new();
    attacks.extend([Attack::DisconnectMidUpload; 3]);
    attacks.extend([Attack::DisconnectAfterUpload; 4]);
    attacks.extend([Attack::SlowBody; 3]);
    attacks.extend([
        Attack::PixelFloodPng,
        Attack::PixelFloodJpeg,
        Attack::ProgressiveBomb,
    ]);
    let run = hostile_run(&server, attacks, 1, false, body_timeout).await;
    report(&run);
    check(&run, body_timeout);
    // Nothing of the refused or abandoned uploads half-saved: every ticket has its photo.
    let without_photos = server
        .scalar(
            "SELECT COUNT(*) FROM tickets t WHERE NOT EXISTS \
             (SELECT 1 FROM ticket_photos p WHERE p.ticket_id = t.id)",
            &[],
        )
        .await;
    assert_eq!(without_photos, 0);
}

/// `bench/run hostile`: 50 concurrent hostile uploads (each repeated 3 times) against the
/// server named by MINSHENG_TEST_SERVER_BIN (a release build), default limits.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "benchmark: bench/run hostile"]
async fn bench_fifty_hostile_uploads_and_a_citizen() {
    let body_timeout = Duration::from_secs(60);
    let mut env = env_for(body_timeout);
    env.retain(|(k, _)| *k != "MINSHENG_BODY_TIMEOUT_SECS");
    let server = start(&env);
    let mut attacks = Vec::new();
    for (kind, n) in [
        (Attack::DisconnectMidUpload, 8),
        (Attack::DisconnectAfterUpload, 8),
        (Attack::SlowBody, 8),
        (Attack::PixelFloodPng, 5),
        (Attack::PixelFloodJpeg, 5),
        (Attack::ProgressiveBomb, 6),
        (Attack::PngBomb, 5),
        (Attack::HeavyProgressive, 5),
    ] {
        attacks.extend(std::iter::repeat_n(kind, n));
    }
    assert_eq!(attacks.len(), 50);
    let rounds: usize = std::env::var("HOSTILE_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let run = hostile_run(&server, attacks, rounds, true, body_timeout).await;
    report(&run);
    check(&run, body_timeout);
    assert!(
        run.peak_rss_kib < 1 << 20,
        "peak RSS {} KiB",
        run.peak_rss_kib
    );
}

#[tokio::test]
async fn a_motion_photo_is_accepted_and_only_the_picture_is_stored() {
    let server = TestServer::start();
    let still = jpeg(&halves(800, 600), Some(exif_with_orientation_and_gps(1)));
    let mut motion = still.clone();
    motion.extend(b"MotionPhoto_Data");
    motion.extend([0, 0, 0, 0x18]);
    motion.extend(b"ftypmp42\0\0\0\0mp42isom");
    let video: Vec<u8> = (0..300_000u32).map(|i| (i * 31 % 253) as u8).collect();
    motion.extend(&video);
    let (status, body) = submit(
        &server,
        form(fields(), vec![Photo::jpeg("MVIMG_20261130.jpg", motion)]),
    )
    .await;
    let case = look_up_created(&server, &created(status, &body)).await;
    let mut served = Vec::new();
    for url in [&case.photos[0].display_url, &case.photos[0].thumb_url] {
        served.push(
            reqwest::get(server.at(url))
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap(),
        );
    }
    let display = image::load_from_memory(&served[0]).unwrap();
    assert_eq!((display.width(), display.height()), (800, 600));
    let files = server.photo_files();
    assert_eq!(files.len(), 2, "display copy and thumbnail only: {files:?}");
    for bytes in served
        .iter()
        .map(|b| b.to_vec())
        .chain(files.iter().map(|f| std::fs::read(f).unwrap()))
    {
        assert!(!bytes.windows(4).any(|w| w == b"ftyp"), "no video");
        assert!(!bytes.windows(11).any(|w| w == b"MotionPhoto"));
        assert!(
            !bytes.windows(64).any(|w| w == &video[1000..1064]),
            "no video bytes"
        );
        assert!(bytes.len() < 200_000, "{}", bytes.len());
        assert_eq!(
            &bytes[bytes.len() - 2..],
            [0xFF, 0xD9],
            "ends with the picture"
        );
    }
}
