//! Progress messages (SMS), against the real server, database and sender: a citizen who left
//! a mobile hears when the case is accepted, when the reply is released and when it closes;
//! one message per event, in the form's language, never with the query code; nothing for
//! one who opted out; a gateway that refuses is tried again later; a mobile over its daily cap
//! gets no more; a kill -9 between the event and the sending neither loses nor repeats it.
use crate::common;
use app::model::progress::{Delivery, Progress, SentMessage};
use common::rewards::{real_photo, register};
use common::staff::{demo_server, detail, dispatch, rate, release_reply, sign_in};
use common::*;
use std::time::{Duration, Instant};

/// A report's fields with this mobile (and more fields set or added).
fn report(mobile: &str, more: &[(&'static str, &str)]) -> reqwest::multipart::Form {
    let mut fields = fields();
    for (name, value) in fields.iter_mut() {
        if *name == "contact_phone" {
            *value = mobile.to_string();
        }
    }
    for (name, value) in more {
        fields.retain(|(n, _)| n != name);
        fields.push((name, value.to_string()));
    }
    form(fields, vec![])
}

/// A report with this mobile, accepted by the operator: its number.
async fn accepted_case(server: &TestServer, operator: &str, mobile: &str) -> String {
    let (status, body) = submit(server, report(mobile, &[])).await;
    let no = created(status, &body).ticket_no;
    let (status, answer) = common::staff::act(server, operator, &no, "accepted", &[]).await;
    assert_eq!(status, 200, "{answer}");
    no
}

/// The case's messages once `n` of them are no longer pending (at most 30 s).
async fn settled(server: &TestServer, cookie: &str, no: &str, n: usize) -> Vec<SentMessage> {
    let start = Instant::now();
    loop {
        let messages = detail(server, cookie, no, false).await.messages;
        let done = messages
            .iter()
            .filter(|m| m.delivery != Delivery::Pending)
            .count();
        if done >= n || start.elapsed() > Duration::from_secs(30) {
            return messages;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// The log sender's lines for `mobile`.
fn sms_lines(lines: &[String], mobile: &str) -> Vec<String> {
    let prefix = format!("SMS to {mobile}: ");
    lines
        .iter()
        .filter_map(|l| l.split_once(&prefix).map(|(_, text)| text.to_string()))
        .collect()
}

#[tokio::test]
async fn a_citizen_who_left_a_mobile_hears_when_the_case_is_accepted_replied_and_closed() {
    let server = demo_server(&[]);
    let operator = sign_in(&server, "operator").await;
    let mobile = "13805370001";
    let (status, body) = submit(&server, report(mobile, &[])).await;
    let case = created(status, &body);
    let no = case.ticket_no.as_str();
    dispatch(&server, &operator, no, "dept-rencheng").await;
    release_reply(&server, no).await;
    let (status, body) = rate(&server, no, &case.query_code, "satisfied").await;
    assert_eq!(status, 200, "{body}");

    let messages = settled(&server, &operator, no, 3).await;
    let kinds: Vec<_> = messages.iter().map(|m| (m.progress, m.delivery)).collect();
    assert_eq!(
        kinds,
        vec![
            (Progress::Accepted, Delivery::Sent),
            (Progress::Replied, Delivery::Sent),
            (Progress::Closed, Delivery::Sent),
        ],
        "one message per moment, none for dispatching, contacting or drafting"
    );
    assert!(messages
        .iter()
        .all(|m| m.sent_at.is_some_and(|s| s >= m.written_at)));
    assert_eq!(
        messages[0].mobile, "138****0001",
        "staff see the mobile masked"
    );
    let link = format!("/track?no={no}");
    for m in &messages {
        assert!(m.text.contains(no) && m.text.contains(&link), "{}", m.text);
        assert!(
            !m.text.contains(&case.query_code),
            "never the query code: {}",
            m.text
        );
    }
    assert!(messages[0].text.contains("已受理"), "{}", messages[0].text);
    // What the gateway (here the log) got: exactly those three texts.
    let sent = sms_lines(&server.log_lines(), mobile);
    assert_eq!(sent.len(), 3, "{sent:#?}");
    for (line, m) in sent.iter().zip(&messages) {
        assert!(line.starts_with(&m.text), "{line}");
    }
    let html = page_with_cookie(&server, &operator, &format!("/staff/case?no={no}")).await;
    assert!(html.contains("data-testid=\"messages\"") && html.contains("已发送"));

    // A department sees that messages went out, not to which mobile (the case is confidential).
    let handler = sign_in(&server, "rencheng.handler").await;
    let seen = detail(&server, &handler, no, false).await.messages;
    assert_eq!(seen.len(), 3);
    assert!(seen.iter().all(|m| m.mobile.is_empty()));
}

#[tokio::test]
async fn an_english_form_gets_english_messages_and_an_opt_out_gets_none() {
    let server = demo_server(&[]);
    let operator = sign_in(&server, "operator").await;
    let (status, body) = submit_as(&server, report("13805370002", &[]), "en").await;
    let english = created(status, &body).ticket_no;
    let (status, body) = submit(
        &server,
        report("13805370003", &[("no_progress_sms", "true")]),
    )
    .await;
    let quiet = created(status, &body).ticket_no;
    for no in [&english, &quiet] {
        assert_eq!(
            common::staff::act(&server, &operator, no, "accepted", &[])
                .await
                .0,
            200
        );
    }
    let messages = settled(&server, &operator, &english, 1).await;
    assert_eq!(messages.len(), 1);
    assert!(
        messages[0].text.starts_with("[12345] Your case"),
        "{}",
        messages[0].text
    );
    // The opt-out: no outbox row was written with the event.
    assert!(detail(&server, &operator, &quiet, false)
        .await
        .messages
        .is_empty());
    assert_eq!(
        server
            .scalar(
                "SELECT COUNT(*) FROM sms_outbox o JOIN tickets t ON t.id = o.ticket_id WHERE t.ticket_no = $1",
                &[&quiet],
            )
            .await,
        0
    );
    assert!(sms_lines(&server.log_lines(), "13805370003").is_empty());
}

#[tokio::test]
async fn a_mobile_gets_at_most_its_daily_cap_of_messages() {
    let server = demo_server(&[]);
    let operator = sign_in(&server, "operator").await;
    let mobile = "13805370004";
    let mut numbers = Vec::new();
    for _ in 0..6 {
        numbers.push(accepted_case(&server, &operator, mobile).await);
    }
    // The sender takes them in the order they were written; the cap counts those sent.
    let mut deliveries = Vec::new();
    for no in &numbers {
        deliveries.extend(
            settled(&server, &operator, no, 1)
                .await
                .iter()
                .map(|m| m.delivery),
        );
    }
    assert_eq!(
        deliveries,
        [vec![Delivery::Sent; 5], vec![Delivery::Capped]].concat(),
        "the city file's cap: 5 a day"
    );
    assert_eq!(sms_lines(&server.log_lines(), mobile).len(), 5);
}

#[tokio::test]
async fn a_gateway_that_refuses_is_tried_again_with_back_off_and_the_message_goes_once() {
    let dir = tempfile::tempdir().unwrap();
    let program = dir.path().join("send-sms");
    std::fs::write(
        &program,
        "#!/bin/sh\n\
         # A gateway client that is refused twice, then records the message once.\n\
         dir=$(dirname \"$0\")\n\
         n=$(cat \"$dir/tries\" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > \"$dir/tries\"\n\
         if [ $n -le 2 ]; then echo 'gateway busy' >&2; exit 75; fi\n\
         printf '%s %s %s\\n' \"$1\" \"$2\" \"$(cat)\" >> \"$dir/sent\"\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
    let sender = format!("command:{}", program.display());
    let server = demo_server(&[
        ("MINSHENG_SMS_SENDER", &sender),
        ("MINSHENG_SMS_RETRY_SECS", "1"),
    ]);
    let operator = sign_in(&server, "operator").await;
    let mobile = "13805370005";
    let no = accepted_case(&server, &operator, mobile).await;
    let messages = settled(&server, &operator, &no, 1).await;
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].delivery, Delivery::Sent, "{messages:?}");
    assert_eq!(
        messages[0].attempts, 3,
        "refused twice, sent at the third try"
    );
    let sent = std::fs::read_to_string(dir.path().join("sent")).unwrap();
    let lines: Vec<_> = sent.lines().collect();
    assert_eq!(lines.len(), 1, "{sent}");
    assert!(lines[0].starts_with(&format!("{mobile} ")), "{sent}");
    assert!(
        lines[0].contains(&no) && lines[0].contains("已受理"),
        "{sent}"
    );
}

#[tokio::test]
async fn a_kill_between_the_event_and_the_sending_neither_loses_nor_repeats_the_message() {
    let server = demo_server(&[]);
    let operator = sign_in(&server, "operator").await;
    let mobile = "13805370006";
    let no = accepted_case(&server, &operator, mobile).await;
    // SIGKILL at once: the message was committed with its event, sent or not yet.
    let before = sms_lines(&server.log_lines(), mobile);
    let server = server.restart_with(&[
        ("MINSHENG_DEMO_DATA", "true"),
        ("MINSHENG_SMS_RETRY_SECS", "1"),
    ]);
    let operator = sign_in(&server, "operator").await;
    let messages = settled(&server, &operator, &no, 1).await;
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].delivery, Delivery::Sent);
    let after = sms_lines(&server.log_lines(), mobile);
    assert_eq!(
        before.len() + after.len(),
        1,
        "sent exactly once: {before:?} {after:?}"
    );
}

#[tokio::test]
async fn a_signed_in_reporters_snap_is_followed_on_their_mobile_unless_they_opt_out() {
    let server = demo_server(&[]);
    let operator = sign_in(&server, "operator").await;
    let mobile = "13805370007";
    let reporter = register(&server, mobile, "随手拍达人").await;
    let snap = |cookie: String, opt_out: &'static str| {
        let server = &server;
        async move {
            let form = form(
                vec![
                    ("snap", "snap-stall".into()),
                    ("latitude", "35.41".into()),
                    ("longitude", "116.59".into()),
                    ("description", "人行道上".into()),
                    ("no_progress_sms", opt_out.into()),
                ],
                vec![Photo::jpeg("snap.jpg", real_photo("brick.jpg"))],
            );
            let mut request = reqwest::Client::new()
                .post(server.at("/api/v1/reports"))
                .multipart(form);
            if !cookie.is_empty() {
                request = request.header("Cookie", cookie);
            }
            let (status, body) = intake_answer(request.send().await.unwrap()).await;
            created(status, &body).ticket_no
        }
    };
    let followed = snap(reporter.clone(), "false").await;
    let quiet = snap(reporter, "true").await;
    let anonymous = snap(String::new(), "false").await;
    for no in [&followed, &quiet, &anonymous] {
        let (status, answer) = common::staff::act(&server, &operator, no, "accepted", &[]).await;
        assert_eq!(status, 200, "{answer}");
    }
    let messages = settled(&server, &operator, &followed, 1).await;
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].delivery, Delivery::Sent);
    assert_eq!(
        messages[0].mobile, "138****0007",
        "the reporter's verified mobile"
    );
    assert!(detail(&server, &operator, &quiet, false)
        .await
        .messages
        .is_empty());
    assert!(detail(&server, &operator, &anonymous, false)
        .await
        .messages
        .is_empty());
    let sent = sms_lines(&server.log_lines(), mobile);
    assert_eq!(
        sent.iter().filter(|l| l.contains("已受理")).count(),
        1,
        "{sent:#?}"
    );
}
