//! A citizen whose browser runs no JavaScript (or did not load the WASM) sends the report form
//! as a plain HTML multipart post to `/report`: the same intake, the same rules, and an answer
//! that is the page itself — the ticket, or the form filled in again with the server's messages.
use crate::common;
use common::*;
use regex::Regex;

/// What a browser without JavaScript gets at `/report`: the page and the key of its form.
async fn open_form(server: &TestServer, lang: &str) -> (String, String) {
    let page = reqwest::Client::new()
        .get(server.at("/report"))
        .header("Cookie", format!("lang={lang}"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .unwrap();
    let key = hidden(&page, "idempotency_key").expect("the form carries its key");
    (page, key)
}

fn hidden(page: &str, name: &str) -> Option<String> {
    let re = Regex::new(&format!(
        r#"<input type="hidden" name="{name}" value="([^"]*)""#
    ))
    .unwrap();
    re.captures(page).map(|c| c[1].to_string())
}

/// Posts the form as a browser does (`multipart/form-data`, the fields under their names).
async fn post(
    server: &TestServer,
    lang: &str,
    fields: Vec<(&'static str, String)>,
    photos: Vec<Photo>,
) -> (u16, String, String) {
    let response = reqwest::Client::new()
        .post(server.at("/report"))
        .header("Cookie", format!("lang={lang}"))
        .multipart(form(fields, photos))
        .send()
        .await
        .expect("post");
    let status = response.status().as_u16();
    let cache = response
        .headers()
        .get("cache-control")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, cache, response.text().await.unwrap())
}

fn with_key(mut fields: Vec<(&'static str, String)>, key: &str) -> Vec<(&'static str, String)> {
    fields.push(("idempotency_key", key.to_string()));
    fields
}

fn photo() -> Vec<Photo> {
    vec![Photo::jpeg("IMG_0001.jpg", jpeg(&halves(1200, 900), None))]
}

/// The ticket number and query code the answer page shows.
fn ticket(page: &str) -> Option<(String, String)> {
    let no = Regex::new(r#"data-testid="ticket-no"[^>]*>([^<]+)<"#).unwrap();
    let code = Regex::new(r#"data-testid="query-code"[^>]*>([^<]+)<"#).unwrap();
    Some((
        no.captures(page)?[1].to_string(),
        code.captures(page)?[1].to_string(),
    ))
}

#[tokio::test]
async fn a_citizen_without_javascript_sends_the_report_form_with_a_photo_and_gets_a_ticket_once() {
    let server = TestServer::start();
    let (page, key) = open_form(&server, "zh-CN").await;
    // The form is a real one: it posts its fields and its photos by itself.
    let form_tag = Regex::new(r"<form[^>]*>")
        .unwrap()
        .find(&page)
        .unwrap()
        .as_str()
        .to_string();
    for attribute in [
        r#"method="post""#,
        r#"enctype="multipart/form-data""#,
        r#"action="/report""#,
    ] {
        assert!(form_tag.contains(attribute), "{form_tag}");
    }
    assert!(page.contains(r#"type="file" name="photos""#));
    assert!(page
        .contains(r#"<noscript><p class="alert info">浏览器没有开启 JavaScript，也可以填写提交"#));
    // Every category and street is listed without a script to narrow the list.
    assert!(page.contains(r#"<option value="city.road-occupation""#));
    assert!(page.contains(r#"<option value="rencheng-guhuai""#));
    let tickets = server.count("tickets").await;
    let files = server.photo_files().len();

    let (status, cache, answer) = post(&server, "zh-CN", with_key(fields(), &key), photo()).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        cache, "no-store",
        "the query code is shown once and never cached"
    );
    let (no, code) = ticket(&answer).expect("the answer shows the ticket number and query code");
    assert!(answer.contains("提交成功"));
    assert!(
        !answer.contains("_bg.wasm") && !answer.contains("leptos-island"),
        "the answer loads no WASM"
    );
    assert_eq!(server.count("tickets").await, tickets + 1);
    assert!(server.photo_files().len() > files, "the photo was kept");
    let photos = server
        .scalar(
            "SELECT COUNT(*) FROM ticket_photos p JOIN tickets t ON t.id = p.ticket_id WHERE t.ticket_no = $1",
            &[&no],
        )
        .await;
    assert_eq!(photos, 1);

    // Reloading the answer posts the same form again: the same ticket, nothing new.
    let (status, _, again) = post(&server, "zh-CN", with_key(fields(), &key), photo()).await;
    assert_eq!(status, 200);
    assert_eq!(ticket(&again), Some((no.clone(), code.clone())));
    assert_eq!(server.count("tickets").await, tickets + 1);

    // The number and code open the case like any other.
    let track = reqwest::get(server.at(&format!("/track?no={no}&code={code}")))
        .await
        .unwrap();
    assert_eq!(track.status(), 200);
    assert!(track.text().await.unwrap().contains(&no));
}

#[tokio::test]
async fn a_refused_plain_post_comes_back_filled_in_with_the_servers_messages_and_saves_nothing() {
    let server = TestServer::start();
    let (_, key) = open_form(&server, "zh-CN").await;
    let tickets = server.count("tickets").await;
    let files = server.photo_files().len();
    let mut sent = fields();
    for (name, value) in sent.iter_mut() {
        match *name {
            "description" => *value = "太吵".into(),
            "address" => *value = r#"古槐路 "88" 号 <script>alert(1)</script>"#.into(),
            _ => {}
        }
    }
    let (status, cache, page) = post(&server, "zh-CN", with_key(sent, &key), photo()).await;
    assert_eq!(status, 422, "{page}");
    assert_eq!(cache, "no-store");
    assert_eq!(server.count("tickets").await, tickets, "nothing was saved");
    assert_eq!(server.photo_files().len(), files, "no photo was kept");
    assert!(ticket(&page).is_none());

    // The problems at the top, in the citizen's language, and at the field.
    let summary = Regex::new(r#"data-testid="posted-errors".*?</div>"#).unwrap();
    let summary = summary
        .find(&page)
        .expect("a summary of the problems")
        .as_str();
    assert!(summary.contains("问题描述"), "{summary}");
    assert!(summary.contains("至少 10 个字"), "{summary}");
    assert!(
        summary.contains(r#"data-testid="photos-again""#),
        "the photos are asked for again"
    );
    assert!(
        page.matches("至少 10 个字").count() >= 2,
        "the message also stands at the field"
    );

    // Everything typed is back in its place, written as text, never as markup.
    assert!(page.contains("太吵</textarea>"));
    assert!(
        page.contains(r#"value="古槐路 &quot;88&quot; 号 &lt;script&gt;alert(1)&lt;/script&gt;""#),
        "{page}"
    );
    assert!(!page.contains("<script>alert(1)"));
    assert!(page.contains(r#"<option value="city.road-occupation" selected"#));
    assert!(page.contains(r#"<option value="rencheng" selected"#));
    assert!(page.contains(r#"<option value="rencheng-guhuai" selected"#));
    assert!(Regex::new(r#"value="complaint" checked"#)
        .unwrap()
        .is_match(&page));
    assert!(Regex::new(r#"name="contact_name"[^>]*value="张三""#)
        .unwrap()
        .is_match(&page));
    assert!(Regex::new(r#"name="confidential" value="true" checked"#)
        .unwrap()
        .is_match(&page));
    assert!(
        !Regex::new(r#"name="publish_consent" value="true" checked"#)
            .unwrap()
            .is_match(&page)
    );
    assert!(
        hidden(&page, "idempotency_key").is_some_and(|k| k != key),
        "a new key for the next try"
    );

    // Corrected and sent again, it is taken.
    let (_, key) = open_form(&server, "zh-CN").await;
    let (status, _, answer) = post(&server, "zh-CN", with_key(fields(), &key), photo()).await;
    assert_eq!(status, 200);
    assert!(ticket(&answer).is_some());
}

#[tokio::test]
async fn an_english_plain_post_is_answered_in_english() {
    let server = TestServer::start();
    let (_, key) = open_form(&server, "en").await;
    let mut sent = fields();
    sent.retain(|(name, _)| *name != "contact_phone");
    let (status, _, page) = post(&server, "en", with_key(sent, &key), vec![]).await;
    assert_eq!(status, 422);
    assert!(page.contains("This field is required."), "{page}");
    assert!(!page.contains("此项必填"));
    assert!(
        !page.contains(r#"data-testid="photos-again""#),
        "no photo was chosen"
    );
}

#[tokio::test]
async fn a_plain_post_whose_key_came_with_other_content_is_refused_and_says_what_to_do() {
    let server = TestServer::start();
    let (_, key) = open_form(&server, "zh-CN").await;
    let (status, _, first) = post(&server, "zh-CN", with_key(fields(), &key), vec![]).await;
    assert_eq!(status, 200);
    let (no, code) = ticket(&first).unwrap();
    let tickets = server.count("tickets").await;

    // Back to the form (the browser kept it, key and all), something changed, sent again.
    let mut other = fields();
    other.retain(|(name, _)| *name != "description");
    other.push((
        "description",
        "另一件事：小区门口的路灯坏了一个多月，晚上很黑。".into(),
    ));
    let (status, _, page) = post(&server, "zh-CN", with_key(other, &key), vec![]).await;
    assert_eq!(status, 422);
    assert!(page.contains("请刷新页面后重新提交"), "{page}");
    assert!(
        !page.contains(&no) && !page.contains(&code),
        "nothing of the first ticket"
    );
    assert!(
        page.contains("另一件事：小区门口的路灯坏了一个多月"),
        "the new text is kept"
    );
    assert_eq!(server.count("tickets").await, tickets);

    // A key that is not a UUID is refused the same way, and nothing is saved.
    let (status, _, page) = post(&server, "zh-CN", with_key(fields(), "again"), vec![]).await;
    assert_eq!(status, 400);
    assert!(page.contains("不是 UUID"), "{page}");
    assert_eq!(server.count("tickets").await, tickets);
}
