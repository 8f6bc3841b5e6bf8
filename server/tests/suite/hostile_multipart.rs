//! Fuzzing the report intake over HTTP: mutated and malformed multipart bodies against the
//! real server. Every answer is a clear refusal (4xx) or a stored report (201) — never a
//! server error, never a crash, and a refused body stores nothing. `bench/fuzz` runs it with
//! many more cases (`PROPTEST_CASES`).
use crate::common;

use common::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// A valid report body to mutate, with its boundary.
fn valid_body() -> (Vec<u8>, &'static str) {
    let boundary = "XyZfuzzBoundary7";
    let mut body = Vec::new();
    for (k, v) in fields() {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(&jpeg(&halves(64, 48), None));
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (body, boundary)
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(prop::sample::Index, u8),
    Cut(prop::sample::Index),
    Insert(prop::sample::Index, Vec<u8>),
    Duplicate(prop::sample::Index, prop::sample::Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        any::<prop::sample::Index>().prop_map(Mutation::Cut),
        (
            any::<prop::sample::Index>(),
            prop_oneof![
                Just(b"\r\n--XyZfuzzBoundary7\r\n".to_vec()),
                Just(b"\r\n\r\n".to_vec()),
                Just(
                    b"Content-Disposition: form-data; name=\"photos\"; filename=\"x.png\"\r\n"
                        .to_vec()
                ),
                Just(vec![0xff; 64]),
                proptest::collection::vec(any::<u8>(), 0..64),
            ]
        )
            .prop_map(|(i, bytes)| Mutation::Insert(i, bytes)),
        (any::<prop::sample::Index>(), any::<prop::sample::Index>())
            .prop_map(|(a, b)| Mutation::Duplicate(a, b)),
    ]
}

fn apply(mut body: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        if body.is_empty() {
            break;
        }
        match m {
            Mutation::Flip(i, b) => {
                let i = i.index(body.len());
                body[i] = *b;
            }
            Mutation::Cut(i) => body.truncate(i.index(body.len())),
            Mutation::Insert(i, bytes) => {
                let i = i.index(body.len());
                body.splice(i..i, bytes.iter().copied());
            }
            Mutation::Duplicate(a, b) => {
                let (a, b) = (a.index(body.len()), b.index(body.len()));
                let (a, b) = (a.min(b), a.max(b).min(a + 4096));
                let chunk = body[a..b].to_vec();
                body.extend_from_slice(&chunk);
            }
        }
    }
    body
}

#[test]
fn no_mangled_report_body_gets_a_server_error_or_stores_half_a_report() {
    let server = TestServer::start_with(&[("MINSHENG_SUBMISSIONS_PER_MINUTE", "1000000")]);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = reqwest::Client::new();
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(150);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let (valid, boundary) = valid_body();
    let content_types = [
        format!("multipart/form-data; boundary={boundary}"),
        "multipart/form-data; boundary=other".to_string(),
        "multipart/form-data".to_string(),
        "application/x-www-form-urlencoded".to_string(),
    ];
    let strategy = (
        proptest::collection::vec(mutation(), 1..6),
        0usize..content_types.len(),
    );
    let answers = std::cell::RefCell::new(std::collections::BTreeMap::<u16, u32>::new());
    runner
        .run(&strategy, |(mutations, ct)| {
            let body = apply(valid.clone(), &mutations);
            let before = runtime.block_on(server.count("tickets"));
            let status = runtime.block_on(async {
                client
                    .post(server.at("/api/v1/reports"))
                    .header("Content-Type", &content_types[ct])
                    .body(body)
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
            });
            let status = status.map_err(|e| TestCaseError::fail(format!("no answer: {e}")))?;
            *answers.borrow_mut().entry(status).or_default() += 1;
            prop_assert!(status < 500, "server error {status} for {mutations:?}");
            let after = runtime.block_on(server.count("tickets"));
            if status == 201 {
                prop_assert_eq!(after, before + 1);
            } else {
                prop_assert_eq!(after, before, "a refused body stored something");
            }
            Ok(())
        })
        .unwrap();
    // Still serving, and the photo rows match the tickets that were stored.
    let health = runtime
        .block_on(client.get(server.at("/healthz")).send())
        .unwrap();
    assert_eq!(health.status(), 200);
    let photo_tickets = runtime.block_on(server.scalar(
        "SELECT COUNT(*) FROM ticket_photos WHERE ticket_id NOT IN (SELECT id FROM tickets)",
        &[],
    ));
    assert_eq!(photo_tickets, 0);
    eprintln!("answers: {:?}", answers.borrow());
}
