//! Reward-scheme helpers: registering reporters (the code is read from the server log, where
//! the shipped message sender writes it), snap reports, verdicts, a reporter's page.
use super::*;
pub use app::model::reward::Verdict;
pub use app::model::reward_view::{MyRewards, PayoutsView, RewardState, SnapReview};

/// The `Set-Cookie` session of a reporter function's answer, as a `Cookie` header value.
pub fn reporter_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("minsheng_reporter=") && !v.contains("Max-Age=0"))
        .map(|v| {
            assert!(v.contains("HttpOnly"), "{v}");
            v.split(';').next().unwrap().to_string()
        })
}

/// Registers a reporter through the two steps a browser takes; returns the session cookie.
pub async fn register(server: &TestServer, mobile: &str, nickname: &str) -> String {
    let (status, body) = post(server, "", "/api/fn/rewards/code", &[("mobile", mobile)]).await;
    assert_eq!(status, 200, "{body}");
    let code = server.sms_code(mobile).expect("code in the log");
    let response = reqwest::Client::new()
        .post(server.at("/api/fn/rewards/register"))
        .form(&[
            ("mobile", mobile),
            ("code", code.as_str()),
            ("nickname", nickname),
            ("password", "reporter-secret-1"),
        ])
        .send()
        .await
        .expect("request");
    assert_eq!(response.status().as_u16(), 200);
    reporter_cookie(&response).expect("session cookie")
}

/// Gives or changes a signed-in reporter's payout details the way the page does: a code to
/// the account's mobile, then the details with that code. Returns the claim's answer.
pub async fn claim(
    server: &TestServer,
    cookie: &str,
    mobile: &str,
    real_name: &str,
    account: &str,
) -> (u16, Body) {
    let before = server.sms_texts(mobile).len();
    let (status, body) = post(server, cookie, "/api/fn/rewards/payout_code", &[]).await;
    assert_eq!(status, 200, "{body}");
    let code = server
        .nth_sms_code(mobile, before + 1)
        .expect("the payout code in the log");
    post(
        server,
        cookie,
        "/api/fn/rewards/claim",
        &[
            ("real_name", real_name),
            ("account", account),
            ("code", &code),
        ],
    )
    .await
}

/// A real photograph of the test set (`app/tests/photos`).
pub fn real_photo(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../app/tests/photos/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture photo")
}

/// The same photograph re-encoded at another JPEG quality.
pub fn re_encoded(bytes: &[u8], quality: u8) -> Vec<u8> {
    let img = image::load_from_memory(bytes).unwrap().to_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(&img)
        .unwrap();
    out
}

/// Sends a snap report (signed in when `cookie` is not empty) at a position in Rencheng.
pub async fn snap(
    server: &TestServer,
    cookie: &str,
    category: &str,
    photo: Vec<u8>,
) -> (u16, Body) {
    let form = form(
        vec![
            ("snap", category.into()),
            ("latitude", "35.41".into()),
            ("longitude", "116.59".into()),
            ("description", "人行道上".into()),
        ],
        vec![Photo::jpeg("snap.jpg", photo)],
    );
    let mut request = reqwest::Client::new()
        .post(server.at("/api/v1/reports"))
        .multipart(form);
    if !cookie.is_empty() {
        request = request.header("Cookie", cookie);
    }
    intake_answer(request.send().await.expect("request")).await
}

/// The signed-in reporter's page.
pub async fn mine(server: &TestServer, cookie: &str) -> MyRewards {
    let (status, body) = post(server, cookie, "/api/fn/rewards/mine", &[]).await;
    assert_eq!(status, 200, "{body}");
    body.json()
}

/// A verdict by a staff member; returns the status.
pub async fn verify(server: &TestServer, staff: &str, no: &str, verdict: &str) -> u16 {
    post(
        server,
        staff,
        "/api/fn/staff/verify_snap",
        &[("ticket_no", no), ("verdict", verdict)],
    )
    .await
    .0
}

/// A snap by the signed-in reporter `cookie`, verified valid by `operator`; its ticket number.
pub async fn verified_snap(
    server: &TestServer,
    cookie: &str,
    operator: &str,
    photo: Vec<u8>,
) -> String {
    let (status, body) = snap(server, cookie, "snap-road", photo).await;
    let no = created(status, &body).ticket_no;
    assert_eq!(
        verify(server, operator, &no, "valid").await,
        200,
        "verify {no}"
    );
    no
}

/// The verifier's section of a case (`None` for a viewer who does not verify).
pub async fn review(server: &TestServer, staff: &str, no: &str) -> Option<SnapReview> {
    let (status, body) = post(server, staff, "/api/fn/staff/snap", &[("ticket_no", no)]).await;
    assert_eq!(status, 200, "{body}");
    body.json()
}

pub const LIMITS: &[(&str, &str)] = &[
    ("MINSHENG_SIGNINS_PER_MINUTE", "1000"),
    ("MINSHENG_SUBMISSIONS_PER_MINUTE", "1000"),
];

/// As `LIMITS`, and no wait between two codes for a mobile (only the daily caps).
pub const NO_RESEND_WAIT: &[(&str, &str)] = &[
    ("MINSHENG_SIGNINS_PER_MINUTE", "1000"),
    ("MINSHENG_SUBMISSIONS_PER_MINUTE", "1000"),
    ("MINSHENG_CODE_RESEND_SECONDS", "0"),
];

/// A code that is not `code`.
pub fn wrong(code: &str) -> &'static str {
    if code == "000000" {
        "111111"
    } else {
        "000000"
    }
}

/// Posts the registration form with `code`.
pub async fn try_register(server: &TestServer, mobile: &str, code: &str) -> (u16, Body) {
    post(
        server,
        "",
        "/api/fn/rewards/register",
        &[
            ("mobile", mobile),
            ("code", code),
            ("nickname", "猜码者"),
            ("password", "reporter-secret-1"),
        ],
    )
    .await
}
