//! Several instances of one deployment: two server processes on one database (the suite's
//! engine: SQLite, and PostgreSQL under `.ci/with-postgres`) and one photo directory. A case
//! filed on one is looked up, joined, rated and verified on the other; a staff session made on
//! one works on the other; the periodic sweeps run on one of them only; two instances changing
//! one case at once keep its history in order.
use crate::common;

use common::rewards::*;
use common::staff::*;
use common::*;

const JOBS: [&str; 6] = [
    "photo-sweep",
    "rating-sweep",
    "progress-sms",
    "reports",
    "accounts-sweep",
    "intake-keys-sweep",
];

/// Instances A and B of one deployment (on one host: each named, as the README says).
fn two_instances() -> (TestServer, TestServer) {
    let env = [("MINSHENG_DEMO_DATA", "true"), ("RUST_LOG", "info")];
    let a = TestServer::start_with(&[env[0], env[1], ("MINSHENG_INSTANCE", "a")]);
    let b = TestServer::start_beside(&a, &[env[0], env[1], ("MINSHENG_INSTANCE", "b")]);
    (a, b)
}

#[tokio::test]
async fn a_case_filed_on_one_instance_is_followed_rated_and_verified_on_another() {
    let (a, b) = two_instances();

    // A citizen files on A; B finds it with the same code, photo included.
    let (no, code) = replied_case(&a, fields()).await;
    let on_b = public_case(&b, &no, &code).await;
    assert_eq!(on_b.status, Status::Replied);
    assert!(on_b.can_rate);
    // A staff member signed in on A acts on B with the same session.
    let operator = sign_in(&a, "operator").await;
    let seen = detail(&b, &operator, &no, false).await;
    assert_eq!(seen.ticket_no, no);
    // The citizen rates on B; A sees the rating.
    assert_eq!(rate(&b, &no, &code, "satisfied").await.0, 200);
    assert_eq!(public_case(&a, &no, &code).await.status, Status::Closed);

    // "Me too" on B for a public case filed on A.
    let mut public = fields();
    for (k, v) in public.iter_mut() {
        match *k {
            "confidential" => *v = "false".into(),
            "publish_consent" => *v = "true".into(),
            _ => {}
        }
    }
    let (public_no, _) = replied_case(&a, public).await;
    let (list, _) = nearby_at(&b, "rencheng-guhuai", "35.4152", "116.5871").await;
    assert_eq!(list.len(), 1);
    let (status, joined) = post(
        &b,
        "",
        "/api/fn/join",
        &[("handle", list[0].handle.as_str())],
    )
    .await;
    assert_eq!(status, 200, "{joined}");
    let joined: Joined = joined.json();
    assert_eq!(
        (joined.ticket_no.as_str(), joined.supporters),
        (public_no.as_str(), 1)
    );
    assert_eq!(
        public_case(&a, &public_no, joined.code.as_str())
            .await
            .supporters,
        1
    );

    // A reporter's snap sent to A is verified on B, and the award shows on A.
    let reporter = register(&a, "13900001111", "两地拍").await;
    let (status, body) = snap(&a, &reporter, "snap-road", real_photo("coffee.jpg")).await;
    let snap_no = created(status, &body).ticket_no;
    let verifier = sign_in(&b, "operator").await;
    assert_eq!(verify(&b, &verifier, &snap_no, "valid").await, 200);
    assert_eq!(
        verify(&a, &operator, &snap_no, "valid").await,
        409,
        "verified once"
    );
    assert!(mine(&a, &reporter).await.points.earned > 0);

    // The photos of A's case are served by B (one photo directory).
    let case = detail(&b, &operator, &snap_no, false).await;
    let photo = case.photos.first().expect("the snap's photo");
    let response = reqwest::Client::new()
        .get(b.at(&photo.display_url))
        .header("Cookie", &verifier)
        .send()
        .await
        .expect("photo");
    assert_eq!(response.status().as_u16(), 200);
}

#[tokio::test]
async fn each_periodic_sweep_runs_on_one_instance_only() {
    let (a, b) = two_instances();
    // Both ask for every job's lease at start; wait until each has answered for all of them.
    let said = |server: &TestServer, job: &str, what: &str| {
        server
            .log_lines()
            .iter()
            .map(|l| common::hostile::strip_ansi(l))
            .filter(|l| l.contains(what) && l.contains(&format!("job=\"{job}\"")))
            .count()
    };
    for _ in 0..200 {
        let answered = JOBS.iter().all(|job| {
            [&a, &b].iter().all(|s| {
                said(s, job, "job runs on this instance")
                    + said(s, job, "job runs on another instance")
                    > 0
            })
        });
        if answered {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    for job in JOBS {
        let runs =
            said(&a, job, "job runs on this instance") + said(&b, job, "job runs on this instance");
        let skips = said(&a, job, "job runs on another instance")
            + said(&b, job, "job runs on another instance");
        assert_eq!(
            (runs, skips),
            (1, 1),
            "{job}:\n{}\n{}",
            a.log_text(),
            b.log_text()
        );
    }
    assert_eq!(a.count("job_leases").await, JOBS.len() as i64);
}

#[tokio::test]
async fn two_instances_changing_one_case_at_once_keep_its_history_in_order() {
    let (a, b) = two_instances();
    let operator_a = sign_in(&a, "operator").await;
    let operator_b = sign_in(&b, "operator").await;
    let mut accepted = 0;
    for _ in 0..5 {
        let no = new_case(&a).await;
        let before = a.events_of(&no).await;
        let version = detail(&a, &operator_a, &no, false)
            .await
            .version
            .to_string();
        // The same step, asked of both instances at once from the same version: one wins.
        let statuses = all_at_once([
            reqwest::Client::new()
                .post(a.at("/api/fn/staff/act"))
                .header("Cookie", &operator_a)
                .form(&[
                    ("ticket_no", no.as_str()),
                    ("action", "accepted"),
                    ("version", &version),
                ]),
            reqwest::Client::new()
                .post(b.at("/api/fn/staff/act"))
                .header("Cookie", &operator_b)
                .form(&[
                    ("ticket_no", no.as_str()),
                    ("action", "accepted"),
                    ("version", &version),
                ]),
        ])
        .await;
        let ok = statuses.iter().filter(|s| **s == 200).count();
        assert_eq!(ok, 1, "exactly one of A and B accepts: {statuses:?}");
        assert!(statuses.contains(&409), "{statuses:?}");
        assert_eq!(a.events_of(&no).await, before + 1);
        let case = detail(&b, &operator_b, &no, false).await;
        assert_eq!(case.status, Status::Accepted);
        accepted += ok;
    }
    assert_eq!(accepted, 5);
}
