//! Notices (公告), against the real server and database: hotline staff publish one; the report
//! form and `/snap` show it where it applies; `/notices`, the home page and the Atom feed list
//! it; a citizen who files anyway is linked to it for staff; the staff page counts who saw it
//! and did not file; withdrawing takes it off everywhere. Bad input is refused and stores
//! nothing; the public functions answer any input.
use crate::common;
use app::model::notice::NoticeProblem;
use common::atom::atom_entries;
use common::notices::{local, matching, publish, report_on, staff_notices};
use common::staff::{demo_server, detail, sign_in};
use common::*;

const STREET: &str = "yanzhou-longqiao";
const CATEGORY: &str = "utility.heating";
const TEXT: &str = "因换热站检修，龙桥街道部分小区暂停供暖，预计当日恢复，无需重复反映。";

#[tokio::test]
async fn a_notice_the_hotline_publishes_reaches_the_form_the_list_and_the_feed_and_counts_who_did_not_file(
) {
    let server = demo_server(&[]);
    let operator = sign_in(&server, "operator").await;
    let (starts, ends) = (local(-1), local(5));
    let (status, body) = publish(
        &server,
        &operator,
        &[
            ("kind", "heating"),
            ("places[]", STREET),
            ("categories[]", CATEGORY),
            ("starts", &starts),
            ("ends", &ends),
            ("text", TEXT),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let page = staff_notices(&server, &operator).await;
    assert!(page.may_publish);
    let mine = page
        .notices
        .iter()
        .find(|n| n.line.text == TEXT)
        .expect("the published notice is on the staff page");
    let id = mine.line.id;
    assert_eq!(mine.published_by, "operator");
    assert_eq!((mine.seen, mine.filed, mine.saved()), (0, 0, 0));

    // The report form: the heating category on that street, or a position in its district.
    let here = matching(
        &server,
        &[
            ("category", CATEGORY),
            ("district", "yanzhou"),
            ("street", STREET),
        ],
    )
    .await;
    assert_eq!(here.iter().map(|n| n.id).collect::<Vec<_>>(), vec![id]);
    assert!(
        here[0].headline.contains("停暖") && here[0].headline.contains("龙桥街道"),
        "{}",
        here[0].headline
    );
    let by_position = matching(
        &server,
        &[
            ("category", CATEGORY),
            ("latitude", "35.60"),
            ("longitude", "116.80"),
        ],
    )
    .await;
    assert!(by_position.iter().any(|n| n.id == id), "{by_position:?}");
    let snap = matching(&server, &[("district", "yanzhou")]).await;
    assert!(
        snap.iter().any(|n| n.id == id),
        "/snap knows only the district"
    );
    for elsewhere in [
        vec![
            ("category", CATEGORY),
            ("district", "yanzhou"),
            ("street", "yanzhou-daan"),
        ],
        vec![
            ("category", "utility.water"),
            ("district", "yanzhou"),
            ("street", STREET),
        ],
        vec![
            ("category", CATEGORY),
            ("district", "qufu"),
            ("street", "qufu-lucheng"),
        ],
        vec![("category", CATEGORY)],
    ] {
        let list = matching(&server, &elsewhere).await;
        assert!(!list.iter().any(|n| n.id == id), "{elsewhere:?}: {list:?}");
    }

    // Two citizens are shown it; one of them files anyway, and one who never saw it files.
    for _ in 0..2 {
        let (status, body) = post(
            &server,
            "",
            "/api/fn/notice_seen",
            &[("ids", &id.to_string())],
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
    let (status, body) = submit(
        &server,
        report_on(STREET, CATEGORY, &format!("{id},999999")),
    )
    .await;
    let saw = created(status, &body).ticket_no;
    let (status, body) = submit(&server, report_on(STREET, CATEGORY, "")).await;
    let unseen = created(status, &body).ticket_no;
    let (status, body) = submit(
        &server,
        report_on("yanzhou-daan", CATEGORY, &id.to_string()),
    )
    .await;
    let other_street = created(status, &body).ticket_no;

    let linked = |d: &app::model::console::CaseDetail| {
        d.notices
            .iter()
            .map(|(line, seen)| (line.id, *seen))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        linked(&detail(&server, &operator, &saw, false).await),
        vec![(id, true)]
    );
    assert_eq!(
        linked(&detail(&server, &operator, &unseen, false).await),
        vec![(id, false)]
    );
    assert_eq!(
        linked(&detail(&server, &operator, &other_street, false).await),
        vec![]
    );
    let html = page_with_cookie(&server, &operator, &format!("/staff/case?no={saw}")).await;
    assert!(html.contains("data-testid=\"case-notices\"") && html.contains(TEXT));

    let page = staff_notices(&server, &operator).await;
    let mine = page.notices.iter().find(|n| n.line.id == id).unwrap();
    assert_eq!((mine.seen, mine.filed, mine.filed_after_seeing), (2, 2, 1));
    assert_eq!(mine.saved(), 1, "two saw it, one of them filed");

    // The public list, the home page and the feed.
    let list = page_with_cookie(&server, "", "/notices").await;
    assert!(list.contains(TEXT), "/notices lists it");
    let home = page_with_cookie(&server, "", "/").await;
    assert!(home.contains("home-current-notices") && home.contains(TEXT));
    let feed = reqwest::get(server.at("/notices.atom")).await.unwrap();
    assert_eq!(feed.status(), 200);
    assert!(feed.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/atom+xml"));
    let entries = atom_entries(&feed.text().await.unwrap());
    let entry = entries
        .iter()
        .find(|e| e.id.ends_with(&format!("#notice-{id}")))
        .expect("the notice is an entry of the feed");
    assert!(entry.title.contains("龙桥街道"), "{}", entry.title);
    assert!(entry.summary.contains(TEXT));

    // Withdrawn: off the form, the list and the feed; a report filed now links nothing.
    let (status, body) = post(
        &server,
        &operator,
        "/api/fn/staff/withdraw_notice",
        &[("id", &id.to_string())],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = post(
        &server,
        &operator,
        "/api/fn/staff/withdraw_notice",
        &[("id", &id.to_string())],
    )
    .await;
    assert_eq!(status, 404, "a notice is withdrawn once");
    assert!(matching(
        &server,
        &[
            ("category", CATEGORY),
            ("district", "yanzhou"),
            ("street", STREET)
        ]
    )
    .await
    .is_empty());
    assert!(!page_with_cookie(&server, "", "/notices")
        .await
        .contains(TEXT));
    let feed = reqwest::get(server.at("/notices.atom"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!atom_entries(&feed)
        .iter()
        .any(|e| e.id.ends_with(&format!("#notice-{id}"))));
    let (status, body) = submit(&server, report_on(STREET, CATEGORY, &id.to_string())).await;
    let after = created(status, &body).ticket_no;
    assert_eq!(
        linked(&detail(&server, &operator, &after, false).await),
        vec![]
    );
    let (status, _) = post(
        &server,
        "",
        "/api/fn/notice_seen",
        &[("ids", &id.to_string())],
    )
    .await;
    assert_eq!(status, 200);
    let page = staff_notices(&server, &operator).await;
    assert_eq!(
        page.notices.iter().find(|n| n.line.id == id).unwrap().seen,
        2,
        "a withdrawn notice counts no showing"
    );
}

#[tokio::test]
async fn a_notice_that_ends_before_it_starts_or_from_a_department_is_refused_and_stores_nothing() {
    let server = demo_server(&[]);
    let operator = sign_in(&server, "operator").await;
    let before = server.count("notices").await;
    let (starts, ends) = (local(5), local(1));
    let (status, body) = publish(
        &server,
        &operator,
        &[
            ("kind", "water"),
            ("places[]", STREET),
            ("starts", &starts),
            ("ends", &ends),
            ("text", TEXT),
        ],
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        staff_error(&body),
        Some(app::api::StaffError::Notice {
            problems: vec![NoticeProblem::EndBeforeStart]
        })
    );
    // Every problem at once: no place, an unknown kind, no text, an unknown category.
    let (status, body) = publish(
        &server,
        &operator,
        &[
            ("kind", "flood"),
            ("categories[]", "nothing"),
            ("starts", &local(1)),
            ("ends", &local(2)),
            ("text", " "),
        ],
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        staff_error(&body),
        Some(app::api::StaffError::Notice {
            problems: vec![
                NoticeProblem::Kind,
                NoticeProblem::Places,
                NoticeProblem::Categories,
                NoticeProblem::Text { max: 300 }
            ]
        })
    );
    // A plain form post (no JavaScript) comes back to the page with the message and the text.
    let response = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(server.at("/api/fn/staff/publish_notice"))
        .header("Cookie", &operator)
        .header("Accept", "text/html")
        .form(&[
            ("kind", "water"),
            ("places[]", STREET),
            ("starts", &starts),
            ("ends", &ends),
            ("text", TEXT),
        ])
        .send()
        .await
        .unwrap();
    assert!(response.status().is_redirection(), "{}", response.status());
    let back = response.headers()["location"].to_str().unwrap().to_string();
    assert!(back.starts_with("/staff/notices?error="), "{back}");
    let cookie = format!(
        "{operator}; {}",
        response.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
    );
    let html = page_with_cookie(&server, &cookie, &back).await;
    assert!(
        html.contains("结束时间须晚于开始时间"),
        "the page says what to fix"
    );
    assert!(html.contains(TEXT), "and keeps what was typed");

    // Department staff read the page but do not publish; a stranger is asked to sign in.
    let handler = sign_in(&server, "rencheng.handler").await;
    assert!(!staff_notices(&server, &handler).await.may_publish);
    let good = [
        ("kind", "water"),
        ("places[]", STREET),
        ("starts", starts.as_str()),
        ("ends", "2100-01-01T00:00"),
        ("text", TEXT),
    ];
    let (status, _) = publish(&server, &handler, &good).await;
    assert_eq!(status, 403);
    let (status, _) = publish(&server, "", &good).await;
    assert_eq!(status, 401);
    let (status, _) = post(&server, "", "/api/fn/staff/notices", &[]).await;
    assert_eq!(status, 401);
    assert_eq!(server.count("notices").await, before, "nothing was stored");
}

#[tokio::test]
async fn the_public_notice_functions_answer_any_input_and_never_error() {
    let server = demo_server(&[("MINSHENG_LOOKUPS_PER_MINUTE", "10000")]);
    let long = "停水".repeat(20_000);
    let odd = [
        "",
        " ",
        "'; DROP TABLE notices; --",
        "NaN",
        "-1e309",
        &long,
        "\u{0}\u{202e}",
    ];
    for value in odd {
        for field in ["category", "district", "street", "latitude", "longitude"] {
            let list = matching(&server, &[(field, value)]).await;
            assert!(list.is_empty(), "{field}={:.20}: {list:?}", value);
        }
        let (status, body) = post(&server, "", "/api/fn/notice_seen", &[("ids", value)]).await;
        assert_eq!(status, 200, "{body}");
    }
    // A street from another district does not reach that district's notices.
    let list = matching(
        &server,
        &[
            ("category", "utility.water"),
            ("district", "yanzhou"),
            ("street", "rencheng-guhuai"),
        ],
    )
    .await;
    assert!(list.iter().all(|n| !n.places.contains("古槐")), "{list:?}");
    // The demo water cut on 古槐街道 is in force: the form on that street shows it.
    let list = matching(
        &server,
        &[
            ("category", "utility.water"),
            ("district", "rencheng"),
            ("street", "rencheng-guhuai"),
        ],
    )
    .await;
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(server.count("notice_cases").await, 0);
}
