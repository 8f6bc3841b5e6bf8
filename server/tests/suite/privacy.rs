//! Privacy over every public page and answer: seeded marker names, phone numbers and addresses
//! never appear; ticket numbers cannot be enumerated.
use crate::common;

use common::staff::*;
use common::*;

const NAME: &str = "欧阳标记";
const PHONE: &str = "13912340000";
const HOUSE: &str = "光明巷777号";
const ID_CARD: &str = "370802199001017777";

/// Markers and the forms they could take (digits split by spaces, the bare house number).
const MARKERS: &[&str] = &[
    NAME,
    PHONE,
    "139 1234 0000",
    "1234 0000",
    HOUSE,
    "777号",
    ID_CARD,
];

fn marked(publish: bool, confidential: bool) -> Vec<(&'static str, String)> {
    let mut f = fields();
    for (k, v) in f.iter_mut() {
        match *k {
            "contact_name" => *v = NAME.into(),
            "contact_phone" => *v = PHONE.into(),
            "address" => *v = format!("{HOUSE}9单元"),
            "description" => {
                *v = format!(
                    "我叫{NAME}，电话 139 1234 0000，身份证 {ID_CARD}，住{HOUSE}。门口占道经营多日无人管。"
                )
            }
            "publish_consent" => *v = publish.to_string(),
            "confidential" => *v = confidential.to_string(),
            _ => {}
        }
    }
    f
}

fn assert_clean(what: &str, text: &str) {
    for m in MARKERS {
        assert!(!text.contains(m), "{m:?} leaked in {what}");
    }
}

async fn get(server: &TestServer, path: &str) -> String {
    reqwest::get(server.at(path))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test]
async fn no_public_page_or_answer_shows_a_reporters_name_phone_id_or_address() {
    let server = demo_server(&[("MINSHENG_LOOKUPS_PER_MINUTE", "10000")]);
    // A published, replied case whose reply greets the citizen by name; a confidential one;
    // one still waiting.
    let (published, code) = replied_case(&server, marked(true, false)).await;
    let (secret, secret_code) = replied_case(&server, marked(true, true)).await;
    let (status, answer) = submit(&server, form(marked(false, false), vec![])).await;
    let waiting = created(status, &answer);
    let waiting_no = waiting.ticket_no.as_str();
    assert_clean("the intake answer", answer.text());

    // The published case is on the board (so the test looks at real content).
    let board = get(&server, "/public").await;
    assert!(
        board.contains("门口占道经营多日无人管"),
        "the published case is on the board"
    );
    assert!(board.contains(REPLY));

    let pages = [
        "/".to_string(),
        "/report".into(),
        "/report?mode=snap".into(),
        "/report/done".into(),
        "/track".into(),
        format!("/track?no={published}&code={code}"),
        format!("/track?no={published}&code=ABCD2345"),
        format!("/track?no={waiting_no}&code={}", waiting.query_code),
        "/public".into(),
        "/public?category=city".into(),
        "/public?category=city.road-occupation&district=rencheng".into(),
        format!("/public?month={}", chrono::Utc::now().format("%Y-%m")),
        "/mine".into(),
        "/nowhere".into(),
    ];
    for p in &pages {
        assert_clean(p, &get(&server, p).await);
    }
    // "Me too" on the public case, by the handle the nearby list gives.
    let (list, nearby) = nearby_at(&server, "rencheng-guhuai", "35.4150", "116.5870").await;
    assert_eq!(list.len(), 1, "only the published case: {nearby}");
    let handle = list[0].handle.clone();
    let forms: Vec<(&str, Vec<(&str, String)>)> = vec![
        (
            "/api/fn/lookup",
            vec![("ticket_no", published.clone()), ("code", code.clone())],
        ),
        (
            "/api/fn/lookup",
            vec![("ticket_no", secret.clone()), ("code", secret_code.clone())],
        ),
        (
            "/api/fn/board",
            vec![
                ("category", "".into()),
                ("district", "".into()),
                ("month", "".into()),
                ("page", "0".into()),
            ],
        ),
        (
            "/api/fn/nearby",
            vec![
                ("category", "city.road-occupation".into()),
                ("district", "rencheng".into()),
                ("street", "rencheng-guhuai".into()),
                ("latitude", "35.4150".into()),
                ("longitude", "116.5870".into()),
            ],
        ),
        ("/api/fn/join", vec![("handle", handle.clone())]),
        (
            "/api/fn/rate",
            vec![
                ("ticket_no", secret.clone()),
                ("code", secret_code.clone()),
                ("rating", "unsatisfied".into()),
                ("comment", "还是没解决".into()),
            ],
        ),
    ];
    for (path, form) in &forms {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, answer) = post(&server, "", path, &form).await;
        assert_eq!(status, 200, "{path}: {answer}");
        // Each answer is the function's own type, and clean on the wire.
        match *path {
            "/api/fn/lookup" => {
                let _: PublicCase = answer.json();
            }
            "/api/fn/board" => {
                let _: app::model::board::BoardPage = answer.json();
            }
            "/api/fn/nearby" => {
                let _: Vec<NearbyCase> = answer.json();
            }
            "/api/fn/join" => {
                let _: Joined = answer.json();
            }
            "/api/fn/rate" => answer.json::<()>(),
            other => panic!("no answer type for {other}"),
        }
        assert_clean(path, answer.text());
    }
    // After the rating: the reopened case's page with the citizen's rating and comment.
    let rated = get(
        &server,
        &format!("/track?no={secret}&code={secret_code}&rated=1"),
    )
    .await;
    assert!(rated.contains("还是没解决"));
    assert_clean("/track after rating", &rated);
    let (status, mine) = my_cases(&server, vec![case_ref(&published, &code)]).await;
    assert_eq!(status, 200, "{mine}");
    let summaries: Vec<Option<CaseSummary>> = mine.json();
    assert_eq!(
        summaries
            .iter()
            .map(|c| c.as_ref().map(|c| c.status))
            .collect::<Vec<_>>(),
        [Some(Status::Replied)],
        "{mine}"
    );
    assert_clean("my cases", mine.text());
}

#[tokio::test]
async fn ten_thousand_guessed_ticket_numbers_find_nothing_and_get_rate_limited() {
    let server = demo_server(&[]);
    let (status, body) = submit(&server, form(fields(), vec![])).await;
    let real = created(status, &body).ticket_no;
    let (day, serial) = real.split_once('-').unwrap();
    let serial: i64 = serial.parse().unwrap();
    let client = reqwest::Client::new();
    let mut tries = tokio::task::JoinSet::new();
    let (mut found, mut limited, mut not_found) = (0, 0, 0);
    for i in 0..10_000i64 {
        // Numbers around the real one (the real one included), each with a random code.
        let no = format!("{day}-{:06}", (serial + i % 200 - 100).max(1));
        let code: String = (0..8)
            .map(|k| {
                b"23456789ABCDEFGHJKMNPQRSTUVWXYZ"[((i * 7919 + k * 104_729) % 31) as usize] as char
            })
            .collect();
        let (client, url) = (client.clone(), server.at("/api/fn/lookup"));
        tries.spawn(async move {
            client
                .post(url)
                .form(&[("ticket_no", no), ("code", code)])
                .send()
                .await
                .map(|r| r.status().as_u16())
        });
        if tries.len() >= 32 {
            match tries.join_next().await.unwrap().unwrap() {
                Ok(200) => found += 1,
                Ok(429) => limited += 1,
                Ok(404) => not_found += 1,
                other => panic!("unexpected answer {other:?}"),
            }
        }
    }
    while let Some(r) = tries.join_next().await {
        match r.unwrap() {
            Ok(200) => found += 1,
            Ok(429) => limited += 1,
            Ok(404) => not_found += 1,
            other => panic!("unexpected answer {other:?}"),
        }
    }
    assert_eq!(found, 0);
    assert_eq!(found + limited + not_found, 10_000);
    // 30 lookups a minute per address by default: almost everything is refused.
    assert!(limited >= 9_900, "{limited} limited, {not_found} not found");
    // The same allowance covers "my cases": a batch cannot go around it.
    let batch: Vec<_> = (0..30)
        .map(|i| case_ref(&format!("{day}-{:06}", i + 1), "ABCD2345"))
        .collect();
    let (status, answer) = my_cases(&server, batch).await;
    assert_eq!(status, 429);
    assert_eq!(api_error(&answer), Some(ApiError::RateLimited), "{answer}");
}

#[tokio::test]
async fn a_snap_its_supporters_and_the_leaderboard_show_no_reporter() {
    use common::rewards::*;
    let server = demo_server(&[("MINSHENG_LOOKUPS_PER_MINUTE", "10000")]);
    // A nickname that is a mobile number or a real name is refused: the leaderboard is public.
    for (mobile, nickname) in [
        ("13700000021", PHONE),
        ("13700000023", "欧阳标记"),
        ("13700000024", "１３９１２３４００００"),
    ] {
        let (status, _) = post(&server, "", "/api/fn/rewards/code", &[("mobile", mobile)]).await;
        assert_eq!(status, 200);
        let code = server.sms_code(mobile).expect("code");
        let (status, answer) = post(
            &server,
            "",
            "/api/fn/rewards/register",
            &[
                ("mobile", mobile),
                ("code", code.as_str()),
                ("nickname", nickname),
                ("password", "reporter-secret-1"),
            ],
        )
        .await;
        assert_eq!(status, 422, "{nickname}: {answer}");
    }
    let reporter = register(&server, "13700000022", "街角拍客").await;
    let photo = jpeg(&halves(320, 240), None);
    let (status, body) = snap(&server, &reporter, "snap-stall", photo).await;
    let no = created(status, &body).ticket_no;
    let operator = sign_in(&server, "operator").await;
    assert_eq!(verify(&server, &operator, &no, "valid").await, 200);
    for path in [
        "/snap",
        "/rewards",
        "/rewards/join",
        "/rewards/signin",
        "/public",
    ] {
        let html = get(&server, path).await;
        assert_clean(path, &html);
        assert!(
            !html.contains("13700000022") && !html.contains(&no),
            "{path}"
        );
    }
    assert!(
        get(&server, "/rewards").await.contains("街角拍客"),
        "on the leaderboard"
    );
    // A snap is confidential: never near anyone, never joinable.
    let (list, nearby) = nearby_at(&server, "", "35.41", "116.59").await;
    assert!(list.is_empty(), "{nearby}");
}
