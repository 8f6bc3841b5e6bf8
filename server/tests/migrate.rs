//! `server migrate --to postgres://…`: an embedded deployment moved into PostgreSQL, checked,
//! then served from there. Runs where the suite has a PostgreSQL server (`make test` runs the
//! suite a second time under `.ci/with-postgres`).
mod common;

use common::staff::*;
use common::*;

#[tokio::test]
async fn an_embedded_deployment_moves_to_postgresql_and_citizens_and_staff_carry_on() {
    if std::env::var("MINSHENG_TEST_POSTGRES").is_err() {
        eprintln!("no PostgreSQL server (MINSHENG_TEST_POSTGRES): run under .ci/with-postgres");
        return;
    }
    let embedded = TestServer::start_embedded(&[("MINSHENG_DEMO_DATA", "true")]);
    // A case with a photo and a reply, a reporter with an award, a staff session.
    let photo = Photo::jpeg("street.jpg", jpeg(&halves(1200, 900), None));
    let (status, body) = submit(&embedded, form(fields(), vec![photo])).await;
    let filed = created(status, &body);
    let (replied, replied_code) = replied_case(&embedded, fields()).await;
    let reporter = common::rewards::register(&embedded, "13900002222", "迁移者").await;
    let operator = sign_in(&embedded, "operator").await;
    let snap = common::rewards::verified_snap(
        &embedded,
        &reporter,
        &operator,
        common::rewards::real_photo("coffee.jpg"),
    )
    .await;

    // An empty PostgreSQL database (made for a directory of its own).
    let target_dir = tempfile::tempdir().unwrap();
    let target = TestServer::database_of(target_dir.path());
    let printed = embedded.command(&["migrate", "--to", &target]);
    assert!(
        printed.contains("every table's rows and checksum match"),
        "{printed}"
    );
    let tickets = embedded.count("tickets").await;
    let tickets_line = format!("tickets {tickets} rows");
    assert!(
        printed
            .lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>().join(" ") == tickets_line),
        "{printed}"
    );
    // A second run into the same database is refused and changes nothing.
    let (ok, _, err) = embedded.try_command(&["migrate", "--to", &target]);
    assert!(!ok && err.contains("not empty"), "{err}");

    // The portal on PostgreSQL with the same photos and secret key.
    let data = tempfile::tempdir().unwrap();
    copy_tree(embedded.data.path(), data.path());
    let moved = TestServer::start_on(data, target, &[]);
    for table in [
        "tickets",
        "ticket_events",
        "ticket_photos",
        "staff",
        "points_ledger",
    ] {
        assert_eq!(
            moved.count(table).await,
            embedded.count(table).await,
            "{table}"
        );
    }
    // Citizens' numbers and codes work, photos included; the replied case can be rated.
    let case = look_up_created(&moved, &filed).await;
    assert_eq!(case.photos.len(), 1);
    let photo = reqwest::get(moved.at(&case.photos[0].display_url))
        .await
        .unwrap();
    assert_eq!(photo.status().as_u16(), 200);
    assert_eq!(
        rate(&moved, &replied, &replied_code, "satisfied").await.0,
        200
    );
    // The staff session made before the move still works; the reporter keeps the award.
    assert_eq!(
        detail(&moved, &operator, &snap, false).await.ticket_no,
        snap
    );
    assert!(common::rewards::mine(&moved, &reporter).await.points.earned > 0);
    // New rows get new ids after the copied ones (identity sequences moved on).
    let (status, body) = submit(&moved, form(fields(), vec![])).await;
    let new = created(status, &body);
    assert_eq!(
        look_up_created(&moved, &new).await.status,
        Status::Submitted
    );
    assert_eq!(moved.count("tickets").await, tickets + 1);
}
