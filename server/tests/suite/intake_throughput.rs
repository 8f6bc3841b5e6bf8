//! `bench/run intake`: how many reports with one phone photo (2048 px, ≤ 250 KB, as the form
//! sends it after shrinking) the server takes per second, from 8 citizens sending at once, on
//! the database and photo store the suite runs on (`.ci/with-postgres`, `.ci/with-s3`). Drives
//! the server named by MINSHENG_TEST_SERVER_BIN (a release build).
use crate::common;

use common::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A 2048 × 1536 picture made of four test photographs of 1024 × 768 (a street photo's amount
/// of detail), with `variant` drawn into a corner so that no two uploads are the same file;
/// encoded at the highest quality that keeps it within 250 KB, as the form sends it.
fn phone_photos(variants: usize) -> (Vec<Vec<u8>>, u8) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/tests/photos");
    let tiles: Vec<image::RgbImage> = ["chelsea", "coffee", "motorcycle_left", "rocket"]
        .iter()
        .map(|name| {
            let img = image::open(dir.join(format!("{name}.jpg")))
                .unwrap()
                .to_rgb8();
            image::imageops::resize(&img, 1024, 768, image::imageops::FilterType::CatmullRom)
        })
        .collect();
    let mut canvas = image::RgbImage::new(2048, 1536);
    for (n, tile) in tiles.iter().enumerate() {
        image::imageops::replace(
            &mut canvas,
            tile,
            (n as i64 % 2) * 1024,
            (n as i64 / 2) * 768,
        );
    }
    let quality = (40..=95)
        .rev()
        .step_by(5)
        .find(|&q| encode(&canvas, q).len() <= 250_000)
        .unwrap_or(40);
    let photos = (0..variants)
        .map(|v| {
            let mut img = canvas.clone();
            for bit in 0..16 {
                let on = (v >> bit) & 1 == 1;
                for y in 0..16 {
                    for x in 0..16 {
                        img.put_pixel(
                            bit * 16 + x,
                            y,
                            image::Rgb(if on { [250; 3] } else { [5; 3] }),
                        );
                    }
                }
            }
            encode(&img, quality)
        })
        .collect();
    (photos, quality)
}

fn encode(img: &image::RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, quality)
        .encode(img.as_raw(), 2048, 1536, jpeg_encoder::ColorType::Rgb)
        .unwrap();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: bench/run intake"]
async fn bench_reports_with_a_photo_per_second() {
    let count: usize = std::env::var("INTAKE_REPORTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400);
    let (photos, quality) = phone_photos(count);
    let photos = Arc::new(photos);
    let size = photos.iter().map(Vec::len).sum::<usize>() / count;
    let server = Arc::new(TestServer::start_with(&[(
        "MINSHENG_SUBMISSIONS_PER_MINUTE",
        "1000000",
    )]));
    let engine = if server.database_url.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let store = match TestServer::photo_store_of(server.data.path()) {
        Some(_) => "an S3 bucket",
        None => "a directory",
    };
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let citizens: Vec<_> = (0..8)
        .map(|_| {
            let (server, photos, next) = (server.clone(), photos.clone(), next.clone());
            tokio::spawn(async move {
                let mut took = Vec::new();
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= photos.len() {
                        return took;
                    }
                    let mut report = fields();
                    report.retain(|(k, _)| *k != "contact_phone");
                    report.push(("contact_phone", format!("139{n:08}")));
                    let sent = Instant::now();
                    let (status, body) = submit(
                        &server,
                        form(report, vec![Photo::jpeg("IMG_2048.jpg", photos[n].clone())]),
                    )
                    .await;
                    assert_eq!(status, 201, "{body:?}");
                    took.push(sent.elapsed());
                }
            })
        })
        .collect();
    let mut took: Vec<Duration> = Vec::new();
    for citizen in citizens {
        took.extend(citizen.await.unwrap());
    }
    let secs = start.elapsed().as_secs_f64();
    took.sort();
    println!(
        "  {count} reports with one 2048 × 1536 photo ({} KB, quality {quality}) from 8 citizens at once, {engine} \
         and photos in {store}: {:.1} reports/s, p50 {:.0} ms, p99 {:.0} ms",
        size / 1024,
        count as f64 / secs,
        took[took.len() / 2].as_secs_f64() * 1000.0,
        took[took.len() * 99 / 100].as_secs_f64() * 1000.0,
    );
}
