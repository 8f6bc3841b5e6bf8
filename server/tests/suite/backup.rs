//! `server backup DIR` of an embedded deployment while it serves, and the restore the README
//! shows (copy the backup's files into the data directory of a stopped server).
use crate::common;

use common::staff::*;
use common::*;

#[tokio::test]
async fn a_backup_taken_while_serving_restores_to_a_portal_where_citizens_find_their_cases() {
    let server = demo_server(&[]);
    let photo = Photo::jpeg("street.jpg", jpeg(&halves(1200, 900), None));
    let (status, body) = submit(&server, form(fields(), vec![photo])).await;
    let filed = created(status, &body);
    let target = tempfile::tempdir().unwrap();
    let dir = target.path().join("backup-2026-12-01");
    let dir_text = dir.to_str().unwrap();

    if !server.database_url.starts_with("sqlite") {
        // A PostgreSQL deployment is backed up with PostgreSQL's own tools: the command says
        // so and writes nothing.
        let (ok, _, err) = server.try_command(&["backup", dir_text]);
        assert!(!ok && err.contains("pg_dump"), "{err}");
        assert!(!dir.join("minsheng.db").exists());
        return;
    }

    // Taken while the portal serves (a second process on the live database).
    let printed = server.command(&["backup", dir_text]);
    let cases = server.count("tickets").await;
    let photo_files = server.photo_files().len();
    assert!(
        printed.contains(&format!(" {cases} cases, {photo_files} photo files"))
            && printed.contains("checked"),
        "{printed}"
    );
    // Into a directory that holds something: refused, nothing changed.
    let before = std::fs::metadata(dir.join("minsheng.db")).unwrap().len();
    let (ok, _, err) = server.try_command(&["backup", dir_text]);
    assert!(!ok && err.contains("not empty"), "{err}");
    assert_eq!(
        std::fs::metadata(dir.join("minsheng.db")).unwrap().len(),
        before
    );

    // Restore: the backup's files in the data directory of a new portal.
    let data = tempfile::tempdir().unwrap();
    copy_tree(&dir, data.path());
    let restored = TestServer::start_in(data, &[]);
    // The citizen's number and code still work (the secret key came along), photo included.
    let case = look_up_created(&restored, &filed).await;
    let original = look_up_created(&server, &filed).await;
    assert_eq!(case.status, original.status);
    assert_eq!(case.photos.len(), 1);
    assert_eq!(
        photo_bytes(&restored, &case.photos[0].display_url).await,
        photo_bytes(&server, &original.photos[0].display_url).await
    );
    // Every case and every event is there; staff sign in with their passwords.
    assert_eq!(restored.count("tickets").await, cases);
    assert_eq!(
        restored.count("ticket_events").await,
        server.count("ticket_events").await
    );
    sign_in(&restored, "operator").await;
}
