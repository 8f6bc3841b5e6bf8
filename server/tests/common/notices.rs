//! Notice helpers: publishing as staff, the staff page, what the report form is shown, and a
//! report on a street of Yanzhou.
use super::*;
use app::model::notice::{NoticeLine, NoticesPage};

/// A Beijing wall-clock time `hours` from now, as a `datetime-local` input writes it.
pub fn local(hours: i64) -> String {
    app::model::notice::local_time_input(chrono::Utc::now() + chrono::Duration::hours(hours))
}

pub async fn publish(server: &TestServer, cookie: &str, fields: &[(&str, &str)]) -> (u16, Body) {
    post(server, cookie, "/api/fn/staff/publish_notice", fields).await
}

pub async fn staff_notices(server: &TestServer, cookie: &str) -> NoticesPage {
    let (status, body) = post(server, cookie, "/api/fn/staff/notices", &[]).await;
    assert_eq!(status, 200, "{body}");
    body.json()
}

/// The notices the report form is shown for a category and a place.
pub async fn matching(server: &TestServer, fields: &[(&str, &str)]) -> Vec<NoticeLine> {
    let mut all = vec![
        ("category", ""),
        ("district", ""),
        ("street", ""),
        ("latitude", ""),
        ("longitude", ""),
    ];
    for (k, v) in fields {
        all.retain(|(name, _)| name != k);
        all.push((k, v));
    }
    let (status, body) = post(server, "", "/api/fn/notices_here", &all).await;
    assert_eq!(status, 200, "{body}");
    body.json()
}

pub fn report_on(street: &str, category: &str, seen: &str) -> reqwest::multipart::Form {
    let mut fields = fields();
    for (name, value) in fields.iter_mut() {
        match *name {
            "category" => *value = category.into(),
            "district" => *value = "yanzhou".into(),
            "street" => *value = street.into(),
            "latitude" | "longitude" => *value = String::new(),
            "description" => *value = "家里暖气从早上开始就不热了，请尽快处理。".into(),
            _ => {}
        }
    }
    fields.push(("seen_notices", seen.to_string()));
    form(fields, vec![])
}

/// What a stranger reads and counts of the notices (the form's question at the cases' place,
/// a showing counted with their ids or numbers, the lists, `/notices`, the feed, the home page)
/// holds none of `secrets` nor any of the cases' `numbers`, and puts none of them under a
/// notice.
pub async fn show_nothing_of(server: &TestServer, numbers: &[String], secrets: &[&str]) {
    let place = [
        ("category", "city.road-occupation"),
        ("district", "rencheng"),
        ("street", "rencheng-guhuai"),
        ("latitude", "35.4150"),
        ("longitude", "116.5870"),
    ];
    for no in numbers {
        let id = server
            .scalar("SELECT id FROM tickets WHERE ticket_no = $1", &[no])
            .await
            .to_string();
        let answers = [
            post(server, "", "/api/fn/notices_here", &place).await,
            post(server, "", "/api/fn/notice_seen", &[("ids", &id)]).await,
            post(server, "", "/api/fn/notice_seen", &[("ids", no)]).await,
            post(server, "", "/api/fn/notices", &[]).await,
        ];
        for (status, answer) in answers {
            assert_eq!(status, 200, "{answer}");
            for secret in secrets.iter().copied().chain([no.as_str()]) {
                assert!(!answer.text().contains(secret), "{secret}: {answer}");
            }
        }
    }
    for path in ["/notices", "/notices.atom", "/"] {
        let text = reqwest::get(server.at(path))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        for secret in secrets
            .iter()
            .copied()
            .chain(numbers.iter().map(String::as_str))
        {
            assert!(!text.contains(secret), "{secret} at {path}");
        }
    }
    assert_eq!(
        server.count("notice_cases").await,
        0,
        "no case of these is under a notice"
    );
}
