//! Start-up configuration: files a city supplies are checked before the server listens.
use crate::common;
use chrono::Datelike;
use common::*;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs the server binary with `env` and returns its exit status and stderr, or `None` if it
/// was still running after a few seconds (it started).
fn run_until_exit(env: &[(&str, &str)]) -> Option<(i32, String)> {
    let data = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("MINSHENG_ADDR", "127.0.0.1:0")
        .env("MINSHENG_DATA_DIR", data.path())
        .env("LEPTOS_SITE_ROOT", data.path().join("site"))
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(10) {
        if let Some(status) = child.try_wait().unwrap() {
            let mut stderr = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
            return Some((status.code().unwrap_or(-1), stderr));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

/// Starts the server with a city calendar file holding `content`; it must refuse to start.
/// Returns what it printed, which must name the file.
fn refused_calendar(name: &str, content: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, content).unwrap();
    let (code, stderr) = run_until_exit(&[("MINSHENG_CALENDAR_FILE", file.to_str().unwrap())])
        .expect("the server must refuse to start");
    assert_ne!(code, 0);
    assert!(stderr.contains(name), "{stderr}");
    stderr
}

#[test]
fn a_city_calendar_that_lists_a_day_as_both_holiday_and_working_day_stops_the_start() {
    let stderr = refused_calendar(
        "jining-2026.toml",
        "[[year]]\nyear = 2026\nholidays = [\"2026-11-23\"]\nworkdays = [\"2026-11-23\"]\n",
    );
    assert!(
        stderr.contains("2026-11-23 is listed both as a holiday and as a working day"),
        "{stderr}"
    );
}

#[test]
fn a_calendar_file_with_a_date_that_is_not_a_date_stops_the_start() {
    refused_calendar(
        "typo.toml",
        "[[year]]\nyear = 2026\nholidays = [\"2026-13-01\"]\n",
    );
}

#[tokio::test]
async fn a_valid_city_calendar_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("jining-2026.toml");
    std::fs::write(
        &file,
        "[[year]]\nyear = 2026\nholidays = [\"2026-11-23\"]\nworkdays = [\"2026-10-07\"]\n",
    )
    .unwrap();
    let server = TestServer::start_with(&[("MINSHENG_CALENDAR_FILE", file.to_str().unwrap())]);
    let health = reqwest::get(server.at("/healthz")).await.unwrap();
    assert_eq!(health.status().as_u16(), 200);
}

/// The Beijing date a case's reply is due, after it was dispatched now.
async fn reply_due_of_a_case_dispatched_now(server: &TestServer) -> chrono::NaiveDate {
    use common::staff::{dispatch, new_case, sign_in};
    let operator = sign_in(server, "operator").await;
    let no = new_case(server).await;
    dispatch(server, &operator, &no, "dept-rencheng").await;
    let due = server
        .time("SELECT reply_due FROM tickets WHERE ticket_no = $1", &[&no])
        .await
        .expect("a reply deadline");
    (due + chrono::Duration::hours(8)).date_naive()
}

#[tokio::test]
async fn holidays_in_the_city_calendar_move_the_reply_deadline() {
    // The next twenty days after today (Beijing) are declared holidays by the city: a case
    // dispatched today is due only after them, later than on the national calendar alone.
    let today = (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive();
    let holidays: Vec<chrono::NaiveDate> = (1..=20).map(|d| today + chrono::Days::new(d)).collect();
    let mut file_text = String::new();
    for year in [today.year(), today.year() + 1] {
        let days: Vec<String> = holidays
            .iter()
            .filter(|d| d.year() == year)
            .map(|d| format!("\"{d}\""))
            .collect();
        file_text.push_str(&format!(
            "[[year]]\nyear = {year}\nholidays = [{}]\n",
            days.join(", ")
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("city-days.toml");
    std::fs::write(&file, file_text).unwrap();

    let national = common::staff::demo_server(&[]);
    let city = common::staff::demo_server(&[("MINSHENG_CALENDAR_FILE", file.to_str().unwrap())]);
    let due_national = reply_due_of_a_case_dispatched_now(&national).await;
    let due_city = reply_due_of_a_case_dispatched_now(&city).await;
    let last_holiday = *holidays.last().unwrap();
    assert!(
        due_national <= last_holiday,
        "4 working days from {today} end by {due_national}, within the twenty days"
    );
    assert!(
        due_city > last_holiday,
        "with the city's holidays the case is due after {last_holiday}, not {due_city}"
    );
}

#[test]
fn an_https_portal_refuses_to_start_on_the_log_sender_unless_told_so() {
    let (code, stderr) = run_until_exit(&[("MINSHENG_PUBLIC_URL", "https://12345.example.gov.cn")])
        .expect("the server must refuse to start");
    assert_ne!(code, 0);
    assert!(
        stderr.contains("MINSHENG_SMS_SENDER") && stderr.contains("MINSHENG_ALLOW_LOG_SENDER"),
        "{stderr}"
    );
    let (code, stderr) = run_until_exit(&[("MINSHENG_SMS_SENDER", "carrier-pigeon")])
        .expect("an unknown sender stops the start");
    assert_ne!(code, 0);
    assert!(stderr.contains("MINSHENG_SMS_SENDER"), "{stderr}");
}

#[tokio::test]
async fn on_an_https_portal_told_to_use_the_log_sender_no_code_reaches_the_log() {
    let server = TestServer::start_with(&[
        ("MINSHENG_PUBLIC_URL", "https://12345.example.gov.cn"),
        ("MINSHENG_ALLOW_LOG_SENDER", "true"),
    ]);
    let mobile = "13812345678";
    let (status, body) = post(&server, "", "/api/fn/rewards/code", &[("mobile", mobile)]).await;
    assert_eq!(status, 200, "{body}");
    let mut log = String::new();
    for _ in 0..50 {
        log = server.log_text();
        if log.contains("138****5678") {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(log.contains("SMS to 138****5678: code sent"), "{log}");
    assert!(!log.contains(mobile), "the whole mobile: {log}");
    assert!(!log.contains("验证码"), "the message text: {log}");
    let stored: i64 = server
        .scalar(
            "SELECT COUNT(*) FROM mobile_codes WHERE mobile = $1",
            &[mobile],
        )
        .await;
    assert_eq!(stored, 1, "the code was made and stored, just not logged");
}

#[test]
fn an_unreachable_database_stops_the_start_with_one_line_that_says_why() {
    // A port nothing listens on (taken from the system, then let go).
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("postgres://minsheng:s3cret-pw@127.0.0.1:{port}/minsheng");
    let (code, stderr) = run_until_exit(&[("DATABASE_URL", &url)]).expect("the server stops");
    assert_ne!(code, 0);
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(
        lines[0].starts_with(&format!(
            "error: database postgres://minsheng:***@127.0.0.1:{port}/minsheng: "
        )),
        "{stderr}"
    );
    assert!(lines[0].contains("Connection refused"), "{stderr}");
    assert!(
        !stderr.contains("s3cret-pw"),
        "the password never reaches a log"
    );
}
