//! A stranger with no account and no code, black-box over HTTP: what can they learn of a
//! confidential report, of a case they merely joined, and by walking ticket numbers or
//! guessing codes from many addresses? Nothing that opens a case, and no personal data.
use crate::common;

use common::staff::*;
use common::*;

const NAME: &str = "司马举报";
const PHONE: &str = "13912348888";

/// A confidential 举报 at a known spot, with a photo: the case a stranger wants to find.
fn confidential_report() -> Vec<(&'static str, String)> {
    let mut f = fields();
    for (k, v) in f.iter_mut() {
        match *k {
            "kind" => *v = "report".into(),
            "contact_name" => *v = NAME.into(),
            "contact_phone" => *v = PHONE.into(),
            "description" => {
                *v = format!("我叫{NAME}，电话{PHONE}。隔壁餐馆夜里往雨水井倒废油，已经好几个月。")
            }
            "confidential" => *v = "true".into(),
            // Even a confidential reporter who ticked "publish" is never listed.
            "publish_consent" => *v = "true".into(),
            _ => {}
        }
    }
    f
}

fn public_report(description: &str) -> Vec<(&'static str, String)> {
    let mut f = fields();
    for (k, v) in f.iter_mut() {
        match *k {
            "description" => *v = description.to_string(),
            "confidential" => *v = "false".into(),
            "publish_consent" => *v = "true".into(),
            _ => {}
        }
    }
    f
}

#[tokio::test]
async fn a_stranger_can_neither_find_nor_join_nor_locate_a_confidential_report() {
    let server = demo_server(&[("MINSHENG_LOOKUPS_PER_MINUTE", "10000")]);
    let photo = Photo::jpeg("oil.jpg", jpeg(&halves(320, 240), None));
    let (status, body) = submit(&server, form(confidential_report(), vec![photo])).await;
    let Created {
        ticket_no: no,
        query_code: code,
        ..
    } = created(status, &body);

    // Three points around the spot: the case is never listed, so nothing to triangulate.
    for (lat, lon) in [
        ("35.4150", "116.5870"),
        ("35.4154", "116.5866"),
        ("35.4146", "116.5874"),
    ] {
        let (list, answer) = nearby_at(&server, "rencheng-guhuai", lat, lon).await;
        assert!(list.is_empty(), "listed from {lat},{lon}: {answer}");
    }
    // The ticket number alone joins nothing, under any parameter name.
    for form in [[("handle", no.as_str())], [("ticket_no", no.as_str())]] {
        let (status, answer) = post(&server, "", "/api/fn/join", &form).await;
        assert_ne!(status, 200, "{answer}");
        // An error, not a `Joined`: no code to follow the case, anywhere on the wire.
        assert!(api_error(&answer).is_some(), "{answer}");
        assert!(!answer.text().contains("\"code\""), "{answer}");
    }
    assert_eq!(server.count("supporters").await, 0);

    // The reporter's page links photos signed for them; the plain address is refused to a
    // stranger, as is a forged or expired signature.
    let case = public_case(&server, &no, &code).await;
    let thumb = case.photos[0].thumb_url.clone();
    assert!(thumb.contains("?e=") && thumb.contains("&s="), "{thumb}");
    let signed = unfollowed(&server.at(&thumb)).await;
    assert_eq!(signed.status(), 200);
    let cache = signed.headers()["cache-control"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(cache.starts_with("private"), "{cache}");
    assert!(
        !cache.contains("public") && !cache.contains("immutable"),
        "{cache}"
    );
    let plain = thumb.split('?').next().unwrap();
    assert_eq!(unfollowed(&server.at(plain)).await.status(), 404);
    let forged = format!("{plain}?e=9999999999&s=00000000000000000000000000000000");
    assert_eq!(unfollowed(&server.at(&forged)).await.status(), 404);
    let expires: i64 = thumb
        .split("e=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let old = thumb.replace(&format!("e={expires}"), &format!("e={}", expires - 7200));
    assert_eq!(
        unfollowed(&server.at(&old)).await.status(),
        404,
        "another expiry, same signature"
    );

    // Staff see it with their session, never cached.
    let operator = sign_in(&server, "operator").await;
    let staff = reqwest::Client::new()
        .get(server.at(plain))
        .header("Cookie", &operator)
        .send()
        .await
        .unwrap();
    assert_eq!(staff.status(), 200);
    assert_eq!(staff.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn a_supporter_sees_the_steps_but_no_text_or_photo_until_the_case_is_on_the_board() {
    let server = demo_server(&[("MINSHENG_LOOKUPS_PER_MINUTE", "10000")]);
    let photo = Photo::jpeg("stall.jpg", jpeg(&halves(300, 200), None));
    let fields = public_report("古槐路东门早市摊贩占道，我叫张三，电话13805371234。");
    let (status, body) = submit(&server, form(fields, vec![photo])).await;
    let created = created(status, &body);
    let no = created.ticket_no.clone();
    let (list, answer) = nearby_at(&server, "rencheng-guhuai", "35.4151", "116.5871").await;
    let found = list.first().unwrap_or_else(|| panic!("listed: {answer}"));
    let handle = found.handle.clone();
    assert!(found.summary.contains("摊贩占道"), "{}", found.summary);
    for secret in ["张三", "13805371234", &no] {
        assert!(!answer.text().contains(secret), "{secret} in {answer}");
    }
    let (status, joined) = post(&server, "", "/api/fn/join", &[("handle", &handle)]).await;
    assert_eq!(status, 200, "{joined}");
    let supporter = joined.json::<Joined>().code;

    let seen = public_case(&server, &no, &supporter).await;
    assert_eq!(seen.supporters, 1);
    assert!(!seen.timeline.is_empty());
    assert!(seen.photos.is_empty(), "no photos off the board");

    // Handled and replied: now on the board, the supporter reads the published reply only.
    let operator = sign_in(&server, "operator").await;
    dispatch(&server, &operator, &no, "dept-rencheng").await;
    release_reply(&server, &no).await;
    let (status, answer) = lookup(&server, &no, &supporter).await;
    assert_eq!(status, 200, "{answer}");
    let seen: PublicCase = answer.json();
    let text = answer.text();
    let (reply, responder) = seen
        .timeline
        .iter()
        .find_map(|e| match &e.step {
            PublicStep::Replied { text, responder } => Some((text, responder)),
            _ => None,
        })
        .expect("the reply step");
    assert!(!reply.is_empty(), "{answer}");
    assert_eq!(responder, "", "no staff name for a supporter");
    assert!(
        !text.contains("张三") && !text.contains("13805371234"),
        "{text}"
    );
    assert_eq!(seen.photos.len(), 1, "board photos");

    // Once the case is closed, the handle joins nothing and does not tell how it ended.
    let reporter_code = created.query_code.as_str();
    assert_eq!(rate(&server, &no, reporter_code, "satisfied").await.0, 200);
    let (status, answer) = post(&server, "", "/api/fn/join", &[("handle", &handle)]).await;
    assert_eq!(
        (status, api_error(&answer)),
        (
            409,
            Some(ApiError::Refused(Refusal::NotNow { status: None }))
        ),
        "{answer}"
    );
}

#[tokio::test]
async fn walking_ticket_numbers_through_every_endpoint_opens_nothing() {
    let server = demo_server(&[("MINSHENG_LOOKUPS_PER_MINUTE", "100000")]);
    let mut numbers = Vec::new();
    for i in 0..10 {
        let fields = if i % 2 == 0 {
            confidential_report()
        } else {
            public_report("人行道上长期有摊贩占道经营，行人只能走机动车道。")
        };
        let (status, body) = submit(&server, form(fields, vec![])).await;
        numbers.push(created(status, &body).ticket_no);
    }
    let (day, _) = numbers[0].split_once('-').unwrap();
    let mut opened = 0;
    for seq in 1..=12 {
        let no = format!("{day}-{seq:06}");
        let answers = [
            post(&server, "", "/api/fn/join", &[("handle", &no)]).await,
            post(&server, "", "/api/fn/join", &[("ticket_no", &no)]).await,
            lookup(&server, &no, "ABCD2345").await,
            post(
                &server,
                "",
                "/api/fn/rate",
                &[
                    ("ticket_no", &no),
                    ("code", "ABCD2345"),
                    ("rating", "satisfied"),
                ],
            )
            .await,
            my_cases(&server, vec![case_ref(&no, "ABCD2345")]).await,
            post(
                &server,
                "",
                "/api/fn/staff/case",
                &[("ticket_no", &no), ("reveal", "true")],
            )
            .await,
            // The figures take a month or a period, never a case.
            post(&server, "", "/api/fn/figures", &[("month", &no)]).await,
            post(&server, "", "/api/fn/staff/figures", &[("period", &no)]).await,
            post(&server, "", "/api/fn/staff/figures", &[("key", &no)]).await,
            // Nor do the reports.
            post(
                &server,
                "",
                "/api/fn/staff/reports",
                &[("kind", "bulletin"), ("period", &no)],
            )
            .await,
            post(
                &server,
                "",
                "/api/fn/staff/generate_report",
                &[("kind", "ranking"), ("period", &no)],
            )
            .await,
        ];
        for (i, (status, answer)) in answers.iter().enumerate() {
            let text = answer.text();
            // "My cases" answers a wrong number or code with nothing in its place.
            let nothing =
                i == 4 && *status == 200 && answer.json::<Vec<Option<CaseSummary>>>() == [None];
            if *status == 200 && !nothing {
                opened += 1;
            }
            for secret in [NAME, PHONE, "雨水井"] {
                assert!(!text.contains(secret), "{secret} for {no}: {text}");
            }
        }
        let html = page(&server, &format!("/track?no={no}&code=ABCD2345"), "zh-CN").await;
        assert!(!html.contains(NAME) && !html.contains("雨水井"));
    }
    assert_eq!(opened, 0, "cases opened by a ticket number");
    assert_eq!(server.count("supporters").await, 0);
    // Open311 reads the board only: neither a case's number nor its internal id (the board's
    // anchor) nor a made-up token opens one that is not on it.
    for no in &numbers {
        let id = server
            .scalar("SELECT id FROM tickets WHERE ticket_no = $1", &[no])
            .await;
        for (path, want) in [
            (format!("/open311/v2/requests/{id}.json"), 404),
            (format!("/open311/v2/requests/{id}.xml"), 404),
            (format!("/open311/v2/requests/{no}.json"), 404),
            (format!("/open311/v2/tokens/{no}.json"), 404),
            (
                format!("/open311/v2/tokens/{no}.{}.json", "0".repeat(32)),
                404,
            ),
            (
                format!("/open311/v2/requests.json?service_request_id={id}"),
                200,
            ),
        ] {
            let r = reqwest::get(server.at(&path)).await.unwrap();
            let status = r.status().as_u16();
            let text = r.text().await.unwrap();
            assert_eq!(status, want, "{path}: {text}");
            assert!(want == 404 || text == "[]", "{path}: {text}");
            for secret in [NAME, PHONE, "雨水井"] {
                assert!(!text.contains(secret), "{secret} at {path}: {text}");
            }
        }
    }
    // The notices (公告) a stranger can read and count tell nothing of these cases.
    common::notices::show_nothing_of(&server, &numbers, &[NAME, PHONE, "雨水井"]).await;
    // This month's public figures: ten cases, one district, nobody's details; a stranger
    // cannot read the staff figures.
    let month = &numbers[0][..4];
    let month = format!("{month}-{}", &numbers[0][4..6]);
    let (status, answer) = post(&server, "", "/api/fn/figures", &[("month", &month)]).await;
    assert_eq!(status, 200, "{answer}");
    for secret in [NAME, PHONE, "雨水井", numbers[0].as_str()] {
        assert!(!answer.text().contains(secret), "{secret} in {answer}");
    }
    let (status, _) = post(&server, "", "/api/fn/staff/figures", &[]).await;
    assert_eq!(status, 401);
    // Nor one department or district alone, known or not: asked to sign in either way.
    for key in ["dept-rencheng", "rencheng", "dept-nowhere"] {
        let (status, _) = post(&server, "", "/api/fn/staff/figures", &[("key", key)]).await;
        assert_eq!(status, 401, "{key}");
    }
    // Nor the reports, by any name: asked to sign in before the name is even read.
    for file in [
        format!("bulletin-{}.xlsx", numbers[0]),
        "ranking-2026-11.xlsx".into(),
    ] {
        let response = reqwest::get(server.at(&format!("/staff/reports/{file}")))
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 401, "{file}");
    }
}

#[tokio::test]
async fn ten_thousand_code_guesses_from_256_addresses_open_no_case() {
    // A small allowance (5 a minute), so that the limit, not the number of guesses, bounds
    // what each client gets answered.
    let server = demo_server(&[
        ("MINSHENG_TRUST_FORWARDED_FOR", "true"),
        ("MINSHENG_LOOKUPS_PER_MINUTE", "5"),
    ]);
    let (status, body) = submit(&server, form(confidential_report(), vec![])).await;
    let no = created(status, &body).ticket_no;
    let client = reqwest::Client::new();
    let mut tries = tokio::task::JoinSet::new();
    let (mut opened, mut limited, mut not_found, mut v6_answered) = (0, 0, 0u32, 0u32);
    let mut tally = |r: Result<(bool, u16, String), reqwest::Error>| match r {
        Ok((_, 200, body)) => {
            assert!(!body.contains(NAME));
            opened += 1
        }
        Ok((_, 429, _)) => limited += 1,
        Ok((v6, 404, _)) => {
            not_found += 1;
            v6_answered += u32::from(v6);
        }
        other => panic!("unexpected answer {other:?}"),
    };
    let started = std::time::Instant::now();
    for i in 0..10_000u32 {
        // 128 IPv4 addresses and 128 IPv6 /64 networks, each guess from a fresh address
        // inside its /64 (a phone can pick any of 2^64).
        let n = i % 256;
        let addr = if n < 128 {
            format!("198.51.100.{n}")
        } else {
            format!("2001:db8:{:x}::{:x}", n, i)
        };
        let code: String = (0..8u32)
            .map(|k| {
                b"23456789ABCDEFGHJKMNPQRSTUVWXYZ"[((i * 7919 + k * 104_729) % 31) as usize] as char
            })
            .collect();
        let (client, url, no) = (client.clone(), server.at("/api/fn/lookup"), no.clone());
        let v6 = n >= 128;
        tries.spawn(async move {
            let r = client
                .post(url)
                .header("X-Forwarded-For", addr)
                .form(&[("ticket_no", no), ("code", code)])
                .send()
                .await?;
            let status = r.status().as_u16();
            Ok((v6, status, r.text().await?))
        });
        if tries.len() >= 32 {
            tally(tries.join_next().await.unwrap().unwrap());
        }
    }
    while let Some(r) = tries.join_next().await {
        tally(r.unwrap());
    }
    assert_eq!(opened, 0, "cases opened");
    assert_eq!(opened + limited + not_found, 10_000);
    // 5 lookups a minute per client (a burst of 5, then one every 12 s), and an IPv6 /64 is
    // one client: were each IPv6 address its own client, all ~5 000 would be answered.
    let per_client = 5 + (started.elapsed().as_secs_f64() / 12.0).ceil() as u32 + 1;
    assert!(
        not_found <= 256 * per_client && v6_answered <= 128 * per_client,
        "{not_found} answered ({v6_answered} IPv6), {limited} limited in {:?}",
        started.elapsed()
    );
    assert!(limited >= 10_000 - 256 * per_client);
}
