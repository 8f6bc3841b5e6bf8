//! A phone sends a draft again — the connection dropped before the answer came, or a draft
//! kept offline is sent when the network returns — under the `Idempotency-Key` it made for
//! that draft: one ticket, whatever how often and however concurrently it arrives.
use crate::common;
use common::*;

const KEY: &str = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

fn photo() -> Vec<Photo> {
    vec![Photo::jpeg("street.jpg", jpeg(&halves(640, 480), None))]
}

/// Sends the report form (`X-Minsheng-Channel: web`) under `key`; the answer and whether it
/// was marked a replay.
async fn send(
    server: &TestServer,
    key: &str,
    fields: Vec<(&'static str, String)>,
    photos: Vec<Photo>,
) -> (u16, Body, Option<String>) {
    send_to(
        server.at("/api/v1/reports"),
        key.to_string(),
        fields,
        photos,
    )
    .await
}

async fn send_to(
    url: String,
    key: String,
    fields: Vec<(&'static str, String)>,
    photos: Vec<Photo>,
) -> (u16, Body, Option<String>) {
    let response = reqwest::Client::new()
        .post(url)
        .header("X-Minsheng-Channel", "web")
        .header("Idempotency-Key", key)
        .header("Accept-Language", "zh-CN")
        .multipart(form(fields, photos))
        .send()
        .await
        .expect("request");
    let replayed = response
        .headers()
        .get("idempotent-replayed")
        .map(|v| v.to_str().unwrap().to_string());
    let (status, body) = intake_answer(response).await;
    (status, body, replayed)
}

#[tokio::test]
async fn a_report_sent_again_under_its_key_makes_one_ticket_and_answers_the_same_number_and_code() {
    let server = TestServer::start();
    let (status, body, replayed) = send(&server, KEY, fields(), photo()).await;
    let first = created(status, &body);
    assert_eq!(replayed.as_deref(), Some("false"));
    let files = server.photo_files().len();

    // The same draft again, the key in capitals as another client might write it.
    for key in [KEY, &KEY.to_uppercase()] {
        let (status, body, replayed) = send(&server, key, fields(), photo()).await;
        let again = created(status, &body);
        assert_eq!(replayed.as_deref(), Some("true"));
        assert_eq!(again.ticket_no, first.ticket_no);
        assert_eq!(again.query_code, first.query_code);
        assert_eq!(again.tracking_url, first.tracking_url);
    }
    assert_eq!(server.count("tickets").await, 1);
    assert_eq!(server.count("ticket_photos").await, 1);
    assert_eq!(server.photo_files().len(), files);
    // The code answered twice is the case's own; neither key nor code is stored as sent.
    assert_eq!(
        lookup(&server, &first.ticket_no, &first.query_code).await.0,
        200
    );
    let stored = server
        .texts("SELECT key_hash || ' ' || fingerprint FROM intake_keys")
        .await;
    assert_eq!(stored.len(), 1);
    assert!(!stored[0].contains(KEY) && !stored[0].contains(&first.query_code));

    // Another draft (another key) with the very same words is another report.
    let other = "8d7a3f10-0b6c-4e2a-9f1d-5c3b2a1e0f99";
    let (status, body, _) = send(&server, other, fields(), photo()).await;
    let second = created(status, &body);
    assert_ne!(second.ticket_no, first.ticket_no);
    assert_ne!(second.query_code, first.query_code);
    assert_eq!(server.count("tickets").await, 2);
}

#[tokio::test]
async fn a_key_sent_again_with_other_content_is_refused_and_changes_nothing() {
    let server = TestServer::start();
    let first = created_under(&server, KEY).await;
    let files = server.photo_files().len();
    let mut changed = fields();
    changed.retain(|(k, _)| *k != "description");
    changed.push((
        "description",
        "人行道上的摊贩换了地方，现在在公交站旁边。".into(),
    ));
    let other_photo = vec![Photo::jpeg("other.jpg", jpeg(&halves(480, 640), None))];
    for (what, fields, photos) in [
        ("other words", changed, photo()),
        ("another photo", fields(), other_photo),
        ("no photo", fields(), vec![]),
    ] {
        let (status, body, _) = send(&server, KEY, fields, photos).await;
        assert_eq!(status, 422, "{what}: {body}");
        let errors = refused(&body);
        assert_eq!(errors.len(), 1, "{what}: {body}");
        assert_eq!(errors[0].error.problem, Problem::IdempotencyKeyReused);
        // Whoever holds the key but not the report learns nothing of the first ticket.
        assert!(!body.0.contains(&first.ticket_no), "{what}: {body}");
        assert!(!body.0.contains(&first.query_code), "{what}: {body}");
        assert!(
            errors[0].message.contains("内容不同"),
            "{}",
            errors[0].message
        );
    }
    assert_eq!(server.count("tickets").await, 1);
    assert_eq!(server.count("intake_keys").await, 1);
    assert_eq!(server.photo_files().len(), files);
}

#[tokio::test]
async fn a_key_that_is_not_a_uuid_is_refused_and_changes_nothing() {
    let server = TestServer::start();
    for key in [
        "1",
        "retry",
        "00000000-0000-0000-0000-000000000000",
        "3f2504e0-4f89-41d3-9a0c-0305e82c330",
        "３f2504e0-4f89-41d3-9a0c-0305e82c3301",
    ] {
        let (status, body, _) = send(&server, key, fields(), photo()).await;
        assert_eq!(status, 400, "{key}: {body}");
        assert_eq!(refused(&body)[0].error.problem, Problem::BadIdempotencyKey);
    }
    assert_eq!(server.count("tickets").await, 0);
    assert!(server.photo_files().is_empty());
}

#[tokio::test]
async fn many_copies_of_a_draft_arriving_at_once_make_one_ticket() {
    let server = TestServer::start_with(&[("MINSHENG_SUBMISSIONS_PER_MINUTE", "1000")]);
    let sends: Vec<_> = (0..8)
        .map(|_| {
            let url = server.at("/api/v1/reports");
            tokio::spawn(send_to(url, KEY.into(), fields(), photo()))
        })
        .collect();
    let mut numbers = Vec::new();
    for send in sends {
        let (status, body, replayed) = send.await.unwrap();
        let c = created(status, &body);
        numbers.push((c.ticket_no, c.query_code, replayed));
    }
    assert!(numbers
        .iter()
        .all(|n| (&n.0, &n.1) == (&numbers[0].0, &numbers[0].1)));
    let firsts = numbers
        .iter()
        .filter(|n| n.2.as_deref() == Some("false"))
        .count();
    assert_eq!(firsts, 1, "exactly one copy made the ticket: {numbers:?}");
    assert_eq!(server.count("tickets").await, 1);
    assert_eq!(server.count("ticket_photos").await, 1);
    // The copies that lost the race removed the files they wrote: a display copy and a
    // thumbnail remain.
    assert_eq!(server.photo_files().len(), 2);
}

#[tokio::test]
async fn a_snap_report_sent_again_under_its_key_makes_one_ticket() {
    let server = TestServer::start();
    let snap = |key: &'static str| {
        let request = reqwest::Client::new()
            .post(server.at("/api/v1/reports"))
            .header("X-Minsheng-Channel", "snap")
            .header("Idempotency-Key", key)
            .multipart(form(
                vec![
                    ("snap", "snap-stall".into()),
                    ("latitude", "35.41".into()),
                    ("longitude", "116.59".into()),
                    ("description", "人行道上".into()),
                ],
                photo(),
            ));
        async move { intake_answer(request.send().await.unwrap()).await }
    };
    let (status, body) = snap(KEY).await;
    let first = created(status, &body);
    let (status, body) = snap(KEY).await;
    assert_eq!(created(status, &body).ticket_no, first.ticket_no);
    assert_eq!(server.count("tickets").await, 1);
    assert_eq!(server.count("snaps").await, 1);
    // The same key on the report form is other content.
    let (status, body, _) = send(&server, KEY, fields(), photo()).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(server.count("tickets").await, 1);
}

#[tokio::test]
async fn a_key_is_forgotten_after_ninety_days() {
    let server = TestServer::start();
    created_under(&server, KEY).await;
    let db = server.writable_database().await;
    let long_ago = chrono::Utc::now() - chrono::Duration::days(91);
    app::with_pool!(&db, |pool| {
        sqlx::query("UPDATE intake_keys SET created_at = $1")
            .bind(long_ago)
            .execute(pool)
            .await
            .unwrap();
    });
    db.close().await;
    // The sweep runs when the portal starts (and every hour).
    let server = server.restart();
    for _ in 0..100 {
        if server.count("intake_keys").await == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(server.count("intake_keys").await, 0);
    // The case itself stays; a draft sent now under the old key is a new report.
    let (status, body, replayed) = send(&server, KEY, fields(), photo()).await;
    created(status, &body);
    assert_eq!(replayed.as_deref(), Some("false"));
    assert_eq!(server.count("tickets").await, 2);
}

async fn created_under(server: &TestServer, key: &str) -> Created {
    let (status, body, _) = send(server, key, fields(), photo()).await;
    created(status, &body)
}
