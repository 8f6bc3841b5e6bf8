//! `server migrate --to postgres://…`: an embedded deployment moved into PostgreSQL, checked,
//! then served from there. Runs where the suite has a PostgreSQL server (`make test` runs the
//! suite a second time under `.ci/with-postgres`).
use crate::common;

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

/// Every file under `dir`, recursively.
fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if entry.path().is_dir() {
            out.extend(files_under(&entry.path()));
        } else {
            out.push(entry.path());
        }
    }
    out
}

#[tokio::test]
async fn an_embedded_deployment_moves_to_postgresql_and_a_bucket_and_its_photos_are_served_from_there(
) {
    let (Ok(_), Ok(bucket)) = (
        std::env::var("MINSHENG_TEST_POSTGRES"),
        std::env::var("MINSHENG_TEST_S3_BUCKET"),
    ) else {
        eprintln!("no PostgreSQL server or S3 bucket: run under .ci/with-postgres .ci/with-s3");
        return;
    };
    // SQLite and photos in the data directory: two cases with photos.
    let embedded = TestServer::start_embedded_with_local_photos(&[]);
    let mut filed = Vec::new();
    for (name, pixels) in [("a.jpg", halves(1200, 900)), ("b.jpg", halves(800, 1000))] {
        let photo = Photo::jpeg(name, jpeg(&pixels, None));
        let (status, body) = submit(&embedded, form(fields(), vec![photo])).await;
        filed.push(created(status, &body));
    }
    let local = embedded.data.path().join("photos");
    let local_photos = files_under(&local).len();
    assert_eq!(local_photos, 4, "display copy and thumbnail of each");

    // A bucket prefix that holds something already is refused before anything is copied:
    // neither the database nor the bucket changes.
    let used = format!("s3://{bucket}/used-{}", rand::random::<u32>());
    let other = TestServer::start_with(&[("MINSHENG_PHOTO_STORE", &used)]);
    let photo = Photo::jpeg("c.jpg", jpeg(&halves(600, 600), None));
    let (status, body) = submit(&other, form(fields(), vec![photo])).await;
    created(status, &body);
    let target_dir = tempfile::tempdir().unwrap();
    let target = TestServer::database_of(target_dir.path());
    let (ok, _, err) = embedded.try_command(&["migrate", "--to", &target, "--photos", &used]);
    assert!(!ok && err.contains("is not empty"), "{err}");
    let (ok, _, err) = embedded.try_command(&["migrate", "--photos", "/srv/photos"]);
    assert!(!ok && err.contains("must be a bucket URL"), "{err}");

    // The move: database and photos, each checked.
    let moved_to = format!("s3://{bucket}/moved-{}", rand::random::<u32>());
    let printed = embedded.command(&["migrate", "--to", &target, "--photos", &moved_to]);
    assert!(
        printed.contains("every table's rows and checksum match"),
        "{printed}"
    );
    assert!(
        printed.contains(&format!("copied {local_photos} photo files"))
            && printed.contains("matching its hash"),
        "{printed}"
    );

    // The portal on PostgreSQL and the bucket, with no photos/ directory left to fall back on.
    let data = tempfile::tempdir().unwrap();
    copy_tree(embedded.data.path(), data.path());
    std::fs::remove_dir_all(data.path().join("photos")).unwrap();
    std::fs::write(data.path().join("test-photo-store"), &moved_to).unwrap();
    let moved = TestServer::start_on(data, target, &[("MINSHENG_PHOTO_STORE", &moved_to)]);
    for ticket in &filed {
        let before = look_up_created(&embedded, ticket).await;
        let after = look_up_created(&moved, ticket).await;
        assert_eq!(after.photos.len(), 1);
        for (was, is) in [
            (&before.photos[0].display_url, &after.photos[0].display_url),
            (&before.photos[0].thumb_url, &after.photos[0].thumb_url),
        ] {
            assert_eq!(
                photo_bytes(&moved, is).await,
                photo_bytes(&embedded, was).await
            );
        }
    }

    // A source photo altered on disk stops a move: it would be served as something else.
    let victim = files_under(&local).into_iter().next().unwrap();
    let mut bytes = std::fs::read(&victim).unwrap();
    let last = bytes.len() - 3;
    bytes[last] ^= 0xff;
    std::fs::write(&victim, bytes).unwrap();
    let again = format!("s3://{bucket}/again-{}", rand::random::<u32>());
    let (ok, _, err) = embedded.try_command(&["migrate", "--photos", &again]);
    assert!(!ok && err.contains("does not match its name"), "{err}");
}
