//! Open311 clients this project did not write (issue 15): civicbot files a request with a key
//! (checking it against our live services and definition first), georeport reads services,
//! definitions and requests in JSON and XML, and civicbot exchanges the token. They run from
//! the virtual environment `.ci/install-tools test` makes (`server/tests/open311_clients.py`).
use crate::common;

use common::staff::*;

fn client(args: &[&str]) -> String {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let python = manifest.join("../.ci/open311-venv/bin/python");
    assert!(
        python.exists(),
        "{} is missing: run .ci/install-tools test",
        python.display()
    );
    let out = std::process::Command::new(python)
        .arg(manifest.join("tests/open311_clients.py"))
        .args(args)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "open311_clients.py {args:?}:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test]
async fn open311_clients_we_did_not_write_file_and_read_in_json_and_xml() {
    let server = demo_server(&[]);
    let key = server.command(&["api-key", "create", "civicbot"]);
    let key = key.lines().next().unwrap().trim().to_string();
    let base = server.at("/open311/v2");
    let out = client(&["post", &base, &key]);
    let mut lines = out.lines();
    let (token, ticket) = (lines.next().unwrap(), lines.next().unwrap());
    let channel = app::with_pool!(&server.database().await, |pool| {
        sqlx::query_scalar::<_, String>("SELECT channel FROM tickets WHERE ticket_no = $1")
            .bind(ticket)
            .fetch_one(pool)
            .await
            .unwrap()
    });
    assert_eq!(channel, "civicbot");
    // Replied and consenting: on the board, so the clients can read it.
    let operator = sign_in(&server, "operator").await;
    dispatch(&server, &operator, ticket, "dept-rencheng").await;
    release_reply(&server, ticket).await;
    let id = client(&["read", &base, token]);
    let expected = server
        .scalar("SELECT id FROM tickets WHERE ticket_no = $1", &[ticket])
        .await;
    assert_eq!(id.trim(), expected.to_string());
}
