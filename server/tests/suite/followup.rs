//! The citizen follow-through over HTTP against the real server and database: rating and 重办,
//! phone ratings and the rating window, "me too", my cases. Repeat complaints are in
//! repeats.rs, the public board in public_board.rs.
use crate::common;

use app::model::visibility::DistanceBand;
use app::model::workflow::Rating;
use common::staff::*;
use common::*;

#[tokio::test]
async fn an_unsatisfied_citizen_reopens_the_case_one_level_up_and_a_satisfied_rating_closes_it() {
    let server = demo_server(&[]);
    let (no, code) = replied_case(&server, fields()).await;
    let case = public_case(&server, &no, &code).await;
    assert_eq!((case.status, case.can_rate), (Status::Replied, true));

    // A wrong code or a made-up rating changes nothing.
    let before = server.events_of(&no).await;
    assert_eq!(rate(&server, &no, "ABCD2345", "unsatisfied").await.0, 404);
    assert_eq!(rate(&server, &no, &code, "great").await.0, 422);
    assert_eq!(server.events_of(&no).await, before);

    // 不满意: back to the same department at level 1 with a new deadline.
    assert_eq!(rate(&server, &no, &code, "unsatisfied").await.0, 200);
    let case = public_case(&server, &no, &code).await;
    assert_eq!(case.status, Status::Dispatched);
    assert_eq!(case.level, 1);
    assert!(!case.can_rate);
    let last = &case.timeline.last().expect("a timeline").step;
    assert!(
        matches!(
            last,
            PublicStep::Rated {
                reopened_at_level: Some(1),
                ..
            }
        ),
        "{last:?}"
    );
    let handler = sign_in(&server, "rencheng.handler").await;
    assert!(queue(&server, &handler, "to_handle")
        .await
        .contains(&(no.clone(), 1)));
    let supervisor = sign_in(&server, "supervisor").await;
    assert!(queue(&server, &supervisor, "reopened")
        .await
        .contains(&(no.clone(), 1)));
    // The department cannot hand a reopened case back.
    let (status, _) = act(
        &server,
        &handler,
        &no,
        "handed_back",
        &[("note", "不归我们")],
    )
    .await;
    assert_eq!(status, 409);

    // Second reply, 满意: closed; no second rating of the same reply.
    release_reply(&server, &no).await;
    assert_eq!(rate(&server, &no, &code, "satisfied").await.0, 200);
    let case = public_case(&server, &no, &code).await;
    assert_eq!(case.status, Status::Closed);
    let (status, answer) = rate(&server, &no, &code, "unsatisfied").await;
    assert_eq!(
        (status, api_error(&answer)),
        (
            409,
            Some(ApiError::Refused(Refusal::NotNow {
                status: Some(Status::Closed)
            }))
        ),
        "{answer}"
    );

    // The supervisor's figures count it.
    let stats = supervisor_stats(&server, &supervisor).await;
    assert!(stats.ratings.contains(&(Rating::Satisfied, 1)), "{stats:?}");
}

#[tokio::test]
async fn a_form_rating_comes_back_to_the_case_page_with_thanks() {
    let server = demo_server(&[]);
    let (no, code) = replied_case(&server, fields()).await;
    let response = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(server.at("/api/fn/rate"))
        .header("Accept", "text/html")
        .form(&[
            ("ticket_no", no.as_str()),
            ("code", &code),
            ("rating", "basic"),
            ("comment", "还可以"),
        ])
        .send()
        .await
        .unwrap();
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.starts_with("/track?no=") && location.ends_with("&rated=1"),
        "{location}"
    );
    let html = page(&server, &location, "zh-CN").await;
    assert!(html.contains("感谢您的评价") && html.contains("基本满意") && html.contains("还可以"));
}

#[tokio::test]
async fn an_operator_records_a_phone_rating_and_unrated_replies_close_after_the_window() {
    let server = demo_server(&[]);
    let operator = sign_in(&server, "operator").await;
    let (by_phone, code) = replied_case(&server, fields()).await;
    assert!(queue(&server, &operator, "rating")
        .await
        .iter()
        .any(|(n, _)| *n == by_phone));
    // Only the operator records a phone rating.
    let handler = sign_in(&server, "rencheng.handler").await;
    assert_eq!(
        act(
            &server,
            &handler,
            &by_phone,
            "rated",
            &[("rating", "basic")]
        )
        .await
        .0,
        403
    );
    let (status, answer) = act(
        &server,
        &operator,
        &by_phone,
        "rated",
        &[("rating", "basic"), ("note", "电话回访：基本满意")],
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    let case = public_case(&server, &by_phone, &code).await;
    assert_eq!(case.status, Status::Closed);
    let last = &case.timeline.last().expect("a timeline").step;
    assert!(
        matches!(
            last,
            PublicStep::Rated {
                rating: Rating::Basic,
                by_phone: true,
                ..
            }
        ),
        "{last:?}"
    );

    // Nobody rates this one: still open 6 days on, closed as "not rated" after 7.
    let (silent, code) = replied_case(&server, fields()).await;
    let in_days = |d: i64| (chrono::Utc::now() + chrono::Duration::days(d)).to_rfc3339();
    assert!(server
        .command(&["close-unrated", "--at", &in_days(6)])
        .contains("closed 0"));
    // Closed with it: the demo's documented case, replied to just before the server started.
    assert!(server
        .command(&["close-unrated", "--at", &in_days(8)])
        .contains("closed 2"));
    let case = public_case(&server, &silent, &code).await;
    assert_eq!(case.status, Status::Closed);
    assert_eq!(
        case.timeline.last().map(|e| &e.step),
        Some(&PublicStep::ClosedUnrated)
    );
    assert_eq!(rate(&server, &silent, &code, "satisfied").await.0, 409);
}

/// Fields of a case whose reporter allowed publication and did not ask for confidentiality.
fn public_fields() -> Vec<(&'static str, String)> {
    let mut f = fields();
    for (k, v) in f.iter_mut() {
        match *k {
            "confidential" => *v = "false".into(),
            "publish_consent" => *v = "true".into(),
            _ => {}
        }
    }
    f
}

#[tokio::test]
async fn a_citizen_joins_a_nearby_case_follows_it_with_their_own_code_but_cannot_rate_it() {
    let server = demo_server(&[]);
    let (no, reporter_code) = replied_case(&server, public_fields()).await;
    // A confidential case at the same place is never listed.
    let (secret, _) = replied_case(&server, fields()).await;
    // The reply is released, but the case is still open: it shows near the same place.
    let (list, nearby) = nearby_at(&server, "rencheng-guhuai", "35.4152", "116.5871").await;
    assert_eq!(list.len(), 1, "only the public case: {nearby}");
    let found = &list[0];
    // On the wire, not only in the fields the type reads.
    let text = nearby.text();
    assert!(
        !text.contains(&no) && !text.contains(&secret),
        "no ticket numbers: {text}"
    );
    // Distances in bands, never to the metre.
    assert_eq!(found.distance, Some(DistanceBand::Near));
    assert!(!text.contains("distance_m"), "{text}");
    // The text is shown redacted: no name, no number.
    let summary = &found.summary;
    assert!(summary.contains("摊贩占道经营"), "{summary}");
    let handle = found.handle.as_str();
    assert_eq!(handle.len(), 32);

    // A ticket number joins nothing, nor does a made-up handle.
    for (k, v) in [
        ("handle", no.as_str()),
        ("handle", "0123456789abcdef0123456789abcdef"),
        ("ticket_no", no.as_str()),
    ] {
        let (status, _) = post(&server, "", "/api/fn/join", &[(k, v)]).await;
        assert_ne!(status, 200, "{k}={v}");
    }
    let (status, joined) = post(&server, "", "/api/fn/join", &[("handle", handle)]).await;
    assert_eq!(status, 200, "{joined}");
    let joined: Joined = joined.json();
    assert_eq!(joined.ticket_no, no);
    assert_eq!(joined.supporters, 1);
    let code = joined.code.as_str();
    let case = public_case(&server, &no, code).await;
    assert_eq!((case.supporters, case.can_rate), (1, false));
    assert_eq!(
        rate(&server, &no, code, "unsatisfied").await.0,
        404,
        "a supporter does not rate"
    );
    let html = page(&server, &format!("/track?no={no}&code={code}"), "zh-CN").await;
    assert!(html.contains("原诉求人评价") && !html.contains("rating-form"));
    assert!(public_case(&server, &no, &reporter_code).await.can_rate);

    // My cases: both codes answer, a wrong one gives nothing.
    let (status, answer) = my_cases(
        &server,
        vec![
            case_ref(&no, code),
            case_ref(&no, "ZZZZ2345"),
            case_ref("not-a-number", code),
        ],
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    let list: Vec<Option<CaseSummary>> = answer.json();
    assert_eq!(list.len(), 3, "{answer}");
    assert_eq!(
        list[0].as_ref().map(|c| c.status),
        Some(Status::Replied),
        "{answer}"
    );
    assert!(list[1].is_none() && list[2].is_none(), "{answer}");
}

#[tokio::test]
async fn after_three_reopenings_an_unsatisfied_case_goes_to_the_supervisor_who_closes_it() {
    let server = demo_server(&[("MINSHENG_SIGNINS_PER_MINUTE", "1000")]);
    let (no, code) = replied_case(&server, fields()).await;
    for level in 1..=3 {
        assert_eq!(rate(&server, &no, &code, "unsatisfied").await.0, 200);
        assert_eq!(public_case(&server, &no, &code).await.level, level);
        release_reply(&server, &no).await;
    }
    assert_eq!(rate(&server, &no, &code, "unsatisfied").await.0, 200);
    let case = public_case(&server, &no, &code).await;
    assert_eq!((case.status, case.level), (Status::Unresolved, 3));
    let supervisor = sign_in(&server, "supervisor").await;
    assert!(queue(&server, &supervisor, "supervised")
        .await
        .contains(&(no.clone(), 3)));
    // Only the supervisor closes it, with an explanation the citizen reads.
    let operator = sign_in(&server, "operator").await;
    assert_eq!(
        act(&server, &operator, &no, "closed", &[("note", "x")])
            .await
            .0,
        403
    );
    assert_eq!(act(&server, &supervisor, &no, "closed", &[]).await.0, 409);
    let note = "诉求超出现行政策范围，已由区长当面解释并记录。";
    assert_eq!(
        act(&server, &supervisor, &no, "closed", &[("note", note)])
            .await
            .0,
        200
    );
    let case = public_case(&server, &no, &code).await;
    assert_eq!(case.status, Status::Closed);
    assert_eq!(
        case.timeline.last().map(|e| &e.step),
        Some(&PublicStep::Closed { note: note.into() })
    );
}
