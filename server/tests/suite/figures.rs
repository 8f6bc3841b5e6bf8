//! Service-quality figures (issue 14): the stored figures kept with every event equal a
//! rebuild from the events, whatever the sequence of actions. On the suite's engine (SQLite,
//! and PostgreSQL in its pass). The pages are in `figure_pages.rs`.
use crate::common;

use app::model::workflow::Status;
use common::figures::stored_figures;
use common::staff::*;
use common::*;
use rand::{Rng, SeedableRng};

const DEPARTMENTS: [&str; 3] = ["dept-rencheng", "dept-urban", "dept-water"];

#[tokio::test]
async fn the_stored_figures_equal_a_rebuild_from_the_events_after_any_sequence_of_actions() {
    let server = demo_server(&[("MINSHENG_SUBMISSIONS_PER_MINUTE", "1000")]);
    let mut cases = Vec::new();
    for _ in 0..16 {
        let (status, body) = submit(&server, form(fields(), vec![])).await;
        let c = created(status, &body);
        cases.push((c.ticket_no, c.query_code));
    }
    let mut staff = Vec::new();
    for name in [
        "operator",
        "supervisor",
        "urban.handler",
        "urban.head",
        "urban.handler",
        "urban.head",
        "water.handler",
        "water.head",
    ] {
        staff.push(sign_in(&server, name).await);
    }
    let db = server.database().await;
    assert_eq!(
        server.count("figure_cases").await,
        server.count("tickets").await,
        "every case has its figures' row from the start"
    );
    let mut rng = rand::rngs::StdRng::seed_from_u64(14);
    let until =
        (app::model::time::beijing_date(chrono::Utc::now()) + chrono::Days::new(20)).to_string();
    let (mut done, mut checks) = (0, 0);
    let mut taken = std::collections::BTreeMap::new();
    for step in 0..200 {
        if step % 10 == 9 {
            let (status, body) = submit(&server, form(fields(), vec![])).await;
            let c = created(status, &body);
            cases.push((c.ticket_no, c.query_code));
        }
        let (no, code) = cases[rng.random_range(0..cases.len())].clone();
        let department = DEPARTMENTS[rng.random_range(0..DEPARTMENTS.len())];
        let rating = ["satisfied", "basic", "unsatisfied", "unsatisfied"][rng.random_range(0..4)];
        let seen = detail(&server, &staff[1], &no, false).await;
        // An action the case's status allows (most of the time), chosen at random.
        let reply = [
            ("action", "reply_drafted"),
            ("text", REPLY),
            ("responder", "孙丽"),
            ("phone", "0537-2345678"),
        ];
        let choices: Vec<Vec<(&str, &str)>> = match seen.status {
            Status::Submitted => vec![
                vec![("action", "accepted")],
                vec![("action", "accepted")],
                vec![("action", "accepted")],
                vec![
                    ("action", "rejected"),
                    ("reason", "invalid"),
                    ("note", "无效诉求"),
                ],
            ],
            Status::Accepted => vec![vec![("action", "dispatched"), ("department", department)]],
            Status::Dispatched => vec![
                vec![("action", "first_contact")],
                vec![("action", "first_contact")],
                vec![("action", "first_contact")],
                vec![("action", "handed_back"), ("note", "不属本单位职责")],
                vec![
                    ("action", "reassigned"),
                    ("department", department),
                    ("note", "改派"),
                ],
                vec![
                    ("action", "supervision_added"),
                    ("note", "限期整改"),
                    ("date", &until),
                ],
            ],
            Status::Handling if seen.pending_extension.is_some() => vec![
                vec![("action", "extension_approved")],
                vec![("action", "extension_approved")],
                vec![("action", "extension_refused"), ("note", "不同意")],
            ],
            Status::Handling => vec![
                reply.to_vec(),
                reply.to_vec(),
                reply.to_vec(),
                vec![
                    ("action", "extension_requested"),
                    ("date", &until),
                    ("note", "需协调"),
                ],
                vec![
                    ("action", "extension_requested"),
                    ("date", &until),
                    ("note", "需协调"),
                ],
                vec![
                    ("action", "supervision_added"),
                    ("note", "限期整改"),
                    ("date", &until),
                ],
                vec![
                    ("action", "reassigned"),
                    ("department", department),
                    ("note", "改派"),
                ],
            ],
            Status::ReplyDrafted => vec![
                vec![("action", "reply_approved")],
                vec![("action", "reply_approved")],
                vec![("action", "reply_sent_back"), ("note", "请补充")],
            ],
            Status::Replied | Status::FollowedUp => {
                vec![vec![("action", "rate")], vec![("action", "second_contact")]]
            }
            Status::Unresolved => vec![vec![("action", "closed"), ("note", "已尽力")]],
            Status::Closed | Status::Rejected => vec![vec![("action", "accepted")]],
        };
        let fields = &choices[rng.random_range(0..choices.len())];
        let ok = if fields[0].1 == "rate" {
            rate(&server, &no, &code, rating).await.0 == 200
        } else {
            let (action, rest) = (fields[0].1, &fields[1..]);
            let mut ok = false;
            for cookie in &staff {
                if act(&server, cookie, &no, action, rest).await.0 == 200 {
                    ok = true;
                    break;
                }
            }
            ok
        };
        done += usize::from(ok);
        if ok {
            *taken.entry(fields[0].1).or_insert(0) += 1;
        }
        if step % 20 == 19 {
            let kept = stored_figures(&db).await;
            let out = server.command(&["figures", "rebuild"]);
            let tickets = server.count("tickets").await;
            assert!(out.contains(&format!("of {tickets} case(s)")), "{out}");
            let rebuilt = stored_figures(&db).await;
            assert_eq!(kept, rebuilt, "after step {step}");
            checks += 1;
        }
    }
    // The sequence did things, and figures were filled.
    // Every kind of action was taken, reopenings and moves between departments included.
    eprintln!("actions taken: {taken:?}");
    assert!(done >= 60, "only {done} actions were taken: {taken:?}");
    for action in [
        "accepted",
        "rejected",
        "dispatched",
        "first_contact",
        "handed_back",
        "reassigned",
        "reply_approved",
        "rate",
        "supervision_added",
        "extension_approved",
    ] {
        assert!(taken.contains_key(action), "never {action}: {taken:?}");
    }
    assert_eq!(checks, 10);
    assert!(server.count("figure_days").await > 10);
    assert!(server.count("figure_places").await > 0);
}

/// Repeat decisions and events on one case at the same moment (an operator deciding two
/// links while the case is dispatched and moved between departments): whichever comes first,
/// the other works its figures out again from what the first changed, so the stored figures
/// still equal a rebuild, and every request either lands or is told the case changed.
#[tokio::test]
async fn repeat_decisions_racing_events_on_one_case_leave_the_figures_equal_to_a_rebuild() {
    let server = demo_server(&[]);
    let mut numbers = Vec::new();
    for _ in 0..8 {
        let (status, body) = submit(&server, form(fields(), vec![])).await;
        numbers.push(created(status, &body).ticket_no);
    }
    let (earlier, later) = numbers.split_at(2);
    let operator = sign_in(&server, "operator").await;
    let supervisor = sign_in(&server, "supervisor").await;
    let db = server.database().await;
    let decide = |no: &str, earlier: &str, decision: &'static str| {
        let (server, operator) = (&server, operator.clone());
        let (no, earlier) = (no.to_string(), earlier.to_string());
        async move {
            let form = [
                ("ticket_no", no.as_str()),
                ("earlier", earlier.as_str()),
                ("decision", decision),
            ];
            post(server, &operator, "/api/fn/staff/repeat", &form)
                .await
                .0
        }
    };
    let mut rng = rand::rngs::StdRng::seed_from_u64(27);
    let (mut decided, mut moved) = (0, 0);
    for no in later {
        let seen = detail(&server, &operator, no, false).await;
        for e in earlier {
            assert!(
                seen.repeats.iter().any(|l| &l.earlier_no == e),
                "{no} is not linked to {e}: {:?}",
                seen.repeats
            );
        }
        assert_eq!(act(&server, &operator, no, "accepted", &[]).await.0, 200);
        // Dispatched, then moved three times (the most a case may be).
        for round in 0..4 {
            let pick =
                |rng: &mut rand::rngs::StdRng| ["confirmed", "dismissed"][rng.random_range(0..2)];
            let (a, b) = (pick(&mut rng), pick(&mut rng));
            let department = ["dept-urban", "dept-water"][round % 2];
            let (who, action, fields) = if round == 0 {
                (&operator, "dispatched", vec![("department", department)])
            } else {
                let fields = vec![("department", department), ("note", "改派")];
                (&supervisor, "reassigned", fields)
            };
            let (first, second, event) = tokio::join!(
                decide(no, &earlier[0], a),
                decide(no, &earlier[1], b),
                act(&server, who, no, action, &fields)
            );
            for status in [first, second, event.0] {
                assert!(status == 200 || status == 409, "{status}: {}", event.1);
            }
            decided += usize::from(first == 200) + usize::from(second == 200);
            moved += usize::from(event.0 == 200);
            let kept = stored_figures(&db).await;
            server.command(&["figures", "rebuild"]);
            assert_eq!(kept, stored_figures(&db).await, "{no}, round {round}");
        }
    }
    assert!(
        decided >= 24 && moved >= 12,
        "decided {decided}, moved {moved}"
    );
}

/// A deployment upgraded from a version before migrations 0015 and 0016 (running deadlines
/// without their case's slices, no monthly counts per place): the migrations fill both from
/// the stored cases, and every stored figure is what this version would have written itself.
#[tokio::test]
async fn a_database_from_before_the_deadline_slices_and_place_counts_upgrades_to_the_same_figures()
{
    let server = demo_server(&[]);
    let operator = sign_in(&server, "operator").await;
    for (i, department) in ["dept-urban", "dept-water", "dept-urban", ""]
        .into_iter()
        .enumerate()
    {
        let (status, body) = submit(&server, form(fields(), vec![])).await;
        let no = created(status, &body).ticket_no;
        if i < 3 {
            assert_eq!(act(&server, &operator, &no, "accepted", &[]).await.0, 200);
        }
        if !department.is_empty() {
            let to = [("department", department)];
            assert_eq!(act(&server, &operator, &no, "dispatched", &to).await.0, 200);
        }
    }
    let written = stored_figures(&server.database().await).await;
    assert!(written.iter().any(|r| r.starts_with("place ")));
    assert!(written
        .iter()
        .any(|r| r.starts_with("deadline ") && r.contains("dept-water")));
    // Back to the schema of migration 0014, as an older version left it (the tables of the
    // later migrations gone too).
    let db = server.writable_database().await;
    let postgres = db.engine() == app::storage::Engine::Postgres;
    app::with_pool!(&db, |pool| {
        if postgres {
            for sql in [
                "DROP FUNCTION help_terms_words CASCADE",
                "DROP FUNCTION help_articles_totals CASCADE",
            ] {
                sqlx::query(sql).execute(pool).await.expect(sql);
            }
        }
        for sql in [
            "DROP TABLE intake_keys",
            "DROP TABLE help_totals",
            "DROP TABLE help_words",
            "DROP TABLE help_terms",
            "DROP TABLE help_revisions",
            "DROP TABLE help_articles",
            "DROP TABLE sms_outbox",
            "ALTER TABLE tickets DROP COLUMN progress_sms",
            "ALTER TABLE tickets DROP COLUMN locale",
            "DROP TABLE notice_cases",
            "DROP TABLE notices",
            "DROP TABLE api_keys",
            "DROP TABLE figure_places",
            "DROP INDEX figure_deadlines_by_day",
            "ALTER TABLE figure_deadlines DROP COLUMN department",
            "ALTER TABLE figure_deadlines DROP COLUMN district",
            "ALTER TABLE figure_deadlines DROP COLUMN category",
            "ALTER TABLE figure_deadlines DROP COLUMN channel",
            "CREATE INDEX figure_deadlines_by_day ON figure_deadlines (day, due)",
            "DELETE FROM _sqlx_migrations WHERE version >= 15",
        ] {
            sqlx::query(sql).execute(pool).await.expect(sql);
        }
        pool.close().await;
    });
    let server = server.restart_with(&[("RUST_LOG", "warn,app=info,server=info")]);
    let upgraded = stored_figures(&server.database().await).await;
    assert_eq!(upgraded, written);
    assert!(
        !server.log_text().contains("rebuilt"),
        "the migrations filled them, not a rebuild: {}",
        server.log_text()
    );
    assert!(
        server.log_text().contains("listening on"),
        "the log is read"
    );
    // A case accepted by an instance of the old version still running after the upgrade
    // (its place never counted): the next start finds the counts short and rebuilds them.
    let db = server.writable_database().await;
    app::with_pool!(&db, |pool| {
        sqlx::query("DELETE FROM figure_places")
            .execute(pool)
            .await
            .unwrap();
        pool.close().await;
    });
    let server = server.restart_with(&[("RUST_LOG", "warn,app=info,server=info")]);
    assert_eq!(stored_figures(&server.database().await).await, written);
    assert!(
        server
            .log_text()
            .contains("rebuilt the service-quality figures"),
        "{}",
        server.log_text()
    );
}
