//! Nothing a citizen was told is saved may be lost: the server is killed with SIGKILL at random
//! moments while citizens submit reports with photos, restarted, and every report that was
//! answered `201` is looked up by ticket number and query code, with each of its photos
//! served and decodable. Every ticket in the database has all its photo files.
//!
//! CI runs 10 cycles; `bench/run crash` runs 100 (CRASH_CYCLES) against a release build.
mod common;
use common::*;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A report the server answered `201`: ticket number, query code, photos sent.
#[derive(Clone, Debug)]
struct Answered {
    ticket_no: String,
    query_code: String,
    photos: usize,
}

const ENV: &[(&str, &str)] = &[
    ("MINSHENG_SUBMISSIONS_PER_MINUTE", "100000"),
    ("MINSHENG_LOOKUPS_PER_MINUTE", "100000"),
];

/// Sends reports one after another until the server goes away; keeps what was answered 201.
async fn citizen(url: String, id: u32, answered: Arc<Mutex<Vec<Answered>>>) -> usize {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let mut sent = 0u32;
    loop {
        sent += 1;
        let seed = id * 100_000 + sent + rand::random_range(0..1_000_000) * 7;
        // One photo of its own and, every other report, a photo every citizen sends (the
        // stored file is shared, so crashes hit its reuse too).
        let mut photos = vec![Photo::jpeg("own.jpg", noise_jpeg(320, 240, seed))];
        if sent.is_multiple_of(2) {
            photos.push(Photo::jpeg("same.jpg", jpeg(&halves(300, 200), None)));
        }
        let n = photos.len();
        let response = client
            .post(format!("{url}/api/v1/reports"))
            .multipart(form(fields(), photos))
            .send()
            .await;
        let Ok(response) = response else {
            return sent as usize;
        };
        let status = response.status().as_u16();
        // A body cut off by the kill is no answer.
        let Ok(text) = response.text().await else {
            return sent as usize;
        };
        let body = Body(text);
        if status == 201 {
            let created: Created = body.json();
            answered.lock().unwrap().push(Answered {
                ticket_no: created.ticket_no,
                query_code: created.query_code,
                photos: n,
            });
        } else {
            panic!("a valid report was answered {status}: {body}");
        }
    }
}

async fn photo_keys(server: &TestServer) -> Vec<String> {
    server
        .texts("SELECT display_key FROM ticket_photos UNION SELECT thumb_key FROM ticket_photos")
        .await
}

async fn kill_nine_cycles(cycles: usize) {
    let started = Instant::now();
    let answered = Arc::new(Mutex::new(Vec::new()));
    let mut server = TestServer::start_with(ENV);
    let mut attempts = 0;
    for _ in 0..cycles {
        let citizens: Vec<_> = (0..4)
            .map(|id| tokio::spawn(citizen(server.url.clone(), id, answered.clone())))
            .collect();
        tokio::time::sleep(Duration::from_millis(rand::random_range(100..900))).await;
        server = server.restart_with(ENV); // SIGKILL, then a fresh start on the same data
        for c in citizens {
            attempts += tokio::time::timeout(Duration::from_secs(30), c)
                .await
                .expect("citizen stops when the server is gone")
                .expect("citizen task");
        }
    }
    let answered = answered.lock().unwrap().clone();
    let client = reqwest::Client::new();
    for a in &answered {
        let (status, answer) = lookup(&server, &a.ticket_no, &a.query_code).await;
        assert_eq!(status, 200, "{a:?} lost: {answer}");
        let case: PublicCase = answer.json();
        assert_eq!(case.photos.len(), a.photos, "{a:?}: {answer}");
        for p in &case.photos {
            for url in [&p.display_url, &p.thumb_url] {
                let response = client.get(server.at(url)).send().await;
                let bytes = response.unwrap().bytes().await.unwrap();
                image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{a:?} {url}: {e}"));
            }
        }
    }
    // Every ticket, answered or not, is whole: photo rows, and each row's files decode.
    let half_saved = server
        .scalar(
            "SELECT COUNT(*) FROM tickets t WHERE NOT EXISTS \
             (SELECT 1 FROM ticket_photos p WHERE p.ticket_id = t.id)",
            &[],
        )
        .await;
    assert_eq!(half_saved, 0, "tickets without photos");
    let keys = photo_keys(&server).await;
    for key in &keys {
        let path = server.photo_dir().join(&key[..2]).join(key);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{key}: {e}"));
        image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{key}: {e}"));
    }
    let tickets = server.count("tickets").await;
    println!(
        "  kill -9 cycles: {cycles}; reports sent {attempts}, answered 201: {}, tickets in the \
         database: {tickets}, photo files checked: {}; lost: 0; {:.1} s",
        answered.len(),
        keys.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        answered.len() >= cycles,
        "too few reports got through to test anything"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn reports_answered_201_survive_kill_9_with_their_photos() {
    let cycles = std::env::var("CRASH_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    kill_nine_cycles(cycles).await;
}
