//! Photos in an S3-compatible bucket that fails: a submission while the store is down is
//! refused with a retryable answer and saves nothing; a portal whose bucket cannot be reached
//! does not start. Runs its own S3 server (s3s-fs, which `.ci/install-tools test` installs),
//! so that it can stop it.
use crate::common;

use common::*;
use std::process::{Child, Command, Stdio};

struct S3Server {
    child: Child,
    port: u16,
    root: Option<tempfile::TempDir>,
}

const KEY: &str = "store-test";
const SECRET: &str = "store-test-secret-0123456789";

impl S3Server {
    fn start(root: tempfile::TempDir, port: u16) -> S3Server {
        let binary = [
            "s3s-fs".to_string(),
            format!("{}/.cargo/bin/s3s-fs", env!("HOME")),
        ]
        .into_iter()
        .find(|b| Command::new(b).arg("--version").output().is_ok())
        .expect("s3s-fs is installed (.ci/install-tools test)");
        std::fs::create_dir_all(root.path().join("photos")).unwrap();
        let child = Command::new(binary)
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .args(["--access-key", KEY, "--secret-key", SECRET])
            .arg(root.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("s3s-fs starts");
        for _ in 0..200 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
        S3Server {
            child,
            port,
            root: Some(root),
        }
    }

    fn stop(mut self) -> (tempfile::TempDir, u16) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        (self.root.take().expect("root"), self.port)
    }

    fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("MINSHENG_PHOTO_STORE", "s3://photos/portal".into()),
            ("AWS_ENDPOINT", format!("http://127.0.0.1:{}", self.port)),
            ("AWS_ALLOW_HTTP", "true".into()),
            ("AWS_REGION", "us-east-1".into()),
            ("AWS_ACCESS_KEY_ID", KEY.into()),
            ("AWS_SECRET_ACCESS_KEY", SECRET.into()),
        ]
    }

    fn objects(&self) -> usize {
        fn walk(dir: &std::path::Path) -> usize {
            std::fs::read_dir(dir)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| {
                    if e.path().is_dir() {
                        walk(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        }
        walk(
            &self
                .root
                .as_ref()
                .expect("root")
                .path()
                .join("photos")
                .join("portal"),
        )
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn with_photo() -> reqwest::multipart::Form {
    let photo = Photo::jpeg("street.jpg", noise_jpeg(900, 700, 3));
    form(fields(), vec![photo])
}

#[tokio::test]
async fn when_the_photo_store_fails_the_citizen_is_told_to_retry_and_nothing_is_saved() {
    let s3 = S3Server::start(tempfile::tempdir().unwrap(), free_port());
    let env = s3.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let server = TestServer::start_with(&env);
    let (status, body) = submit(&server, with_photo()).await;
    let first = created(status, &body);
    assert_eq!(s3.objects(), 2, "display copy and thumbnail in the bucket");
    let (tickets, events) = (
        server.count("tickets").await,
        server.count("ticket_events").await,
    );

    // The store goes down: a retryable refusal, and no case, event or object.
    let (root, port) = s3.stop();
    let response = reqwest::Client::new()
        .post(server.at("/api/v1/reports"))
        .multipart(with_photo())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 503);
    assert!(response.headers().contains_key("retry-after"));
    let (_, body) = intake_answer(response).await;
    let refusal = refused(&body);
    assert!(
        matches!(refusal[0].error.problem, Problem::StoreUnavailable { .. }),
        "{body}"
    );
    assert!(refusal[0].message.contains("没有提交"), "{body}");
    assert_eq!(server.count("tickets").await, tickets);
    assert_eq!(server.count("ticket_events").await, events);

    // Back up: the same report goes through, and the first case's photo is served.
    let s3 = S3Server::start(root, port);
    assert_eq!(s3.objects(), 2);
    let (status, body) = submit(&server, with_photo()).await;
    created(status, &body);
    assert_eq!(server.count("tickets").await, tickets + 1);
    let case = look_up_created(&server, &first).await;
    let photo = reqwest::get(server.at(&case.photos[0].display_url))
        .await
        .unwrap();
    assert_eq!(photo.status().as_u16(), 200);
}

#[test]
fn a_portal_whose_bucket_cannot_be_reached_does_not_start() {
    let s3 = S3Server::start(tempfile::tempdir().unwrap(), free_port());
    let env = s3.env();
    let (_root, _port) = s3.stop();
    let data = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_server"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("MINSHENG_ADDR", "127.0.0.1:0")
        .env("MINSHENG_DATA_DIR", data.path())
        .env_remove("DATABASE_URL")
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(
        lines[0].starts_with("error: photo store s3://photos/portal: "),
        "{stderr}"
    );
}
