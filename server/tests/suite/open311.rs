//! Open311 GeoReport v2 over HTTP (issue 15): a partner system with a key files requests
//! through the web form's intake; anyone reads the services and exactly the public board's
//! cases, in JSON and XML, and never a name, a number, an address or a confidential case.
use crate::common;

use common::staff::*;
use common::*;
use serde_json::Value;

async fn get(server: &TestServer, path: &str) -> (u16, String, String) {
    let r = reqwest::get(server.at(path)).await.unwrap();
    let status = r.status().as_u16();
    let ct = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, ct, r.text().await.unwrap())
}

async fn get_json(server: &TestServer, path: &str) -> (u16, Value) {
    let (status, ct, body) = get(server, path).await;
    assert!(ct.starts_with("application/json"), "{path}: {ct}");
    (
        status,
        serde_json::from_str(&body).unwrap_or_else(|_| panic!("{body}")),
    )
}

async fn post_form(server: &TestServer, path: &str, form: &[(&str, &str)]) -> (u16, Value) {
    let r = reqwest::Client::new()
        .post(server.at(path))
        .form(form)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let body = r.text().await.unwrap();
    (
        status,
        serde_json::from_str(&body).unwrap_or_else(|_| panic!("{body}")),
    )
}

/// The spec's error list: every description, asserting each code is the status.
fn descriptions(status: u16, body: &Value) -> Vec<String> {
    body.as_array()
        .unwrap_or_else(|| panic!("not an error list: {body}"))
        .iter()
        .map(|e| {
            assert_eq!(e["code"], status, "{body}");
            e["description"].as_str().unwrap().to_string()
        })
        .collect()
}

const DESCRIPTION: &str = "古槐路东门人行道上长期有摊贩占道经营，行人只能走机动车道。";

fn request<'a>(key: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("api_key", key),
        ("jurisdiction_id", "jining.gov.cn"),
        ("service_code", "city.road-occupation"),
        ("lat", "35.4150"),
        ("long", "116.5870"),
        ("address_string", "古槐路 88 号东门"),
        ("description", DESCRIPTION),
        ("first_name", "三"),
        ("last_name", "张"),
        ("phone", "13805371234"),
        ("email", "zhangsan@example.com"),
        ("attribute[kind]", "complaint"),
        ("attribute[street]", "rencheng-guhuai"),
    ];
    form.extend_from_slice(extra);
    form
}

#[tokio::test]
async fn a_partner_files_through_its_key_and_the_public_reads_only_what_the_board_shows() {
    let server = demo_server(&[]);
    // Keys: made once by the administrator, listed without the key, refused when revoked.
    let out = server.command(&["api-key", "create", "wechat"]);
    let key = out.lines().next().unwrap().trim().to_string();
    assert_eq!(key.len(), 64, "{out}");
    let (ok, _, err) = server.try_command(&["api-key", "create", "wechat"]);
    assert!(
        !ok && err.contains("already a live key named wechat"),
        "{err}"
    );
    let (ok, _, err) = server.try_command(&["api-key", "create", "web"]);
    assert!(!ok && err.contains("channel of the portal"), "{err}");
    let (ok, _, err) = server.try_command(&["api-key", "create", "We Chat"]);
    assert!(!ok && err.contains("lowercase"), "{err}");
    let list = server.command(&["api-key", "list"]);
    assert!(list.contains("wechat") && !list.contains(&key), "{list}");
    let old = server.command(&["api-key", "create", "old-app"]);
    let old = old.lines().next().unwrap().trim().to_string();
    server.command(&["api-key", "revoke", "old-app"]);
    assert!(server.command(&["api-key", "list"]).contains("revoked"));
    // A leaked key is replaced under the same name (the partner's channel keeps its name).
    let renewed = server.command(&["api-key", "create", "old-app"]);
    let renewed = renewed.lines().next().unwrap().trim().to_string();
    assert_ne!(renewed, old);

    // Discovery and services, in both formats.
    let (status, discovery) = get_json(&server, "/open311/discovery.json").await;
    assert_eq!(status, 200);
    let endpoint = &discovery["endpoints"][0];
    assert_eq!(
        endpoint["specification"],
        "http://wiki.open311.org/GeoReport_v2"
    );
    assert!(endpoint["url"].as_str().unwrap().ends_with("/open311/v2/"));
    let (status, services) = get_json(&server, "/open311/v2/services.json").await;
    assert_eq!(status, 200);
    let road = services
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["service_code"] == "city.road-occupation")
        .unwrap_or_else(|| panic!("{services}"));
    assert_eq!(
        (&road["metadata"], &road["type"]),
        (&Value::Bool(true), &Value::from("batch"))
    );
    assert_eq!(road["service_name"], "占道经营");
    let (status, ct, xml) = get(&server, "/open311/v2/services.xml?jurisdiction_id=x").await;
    assert_eq!((status, ct.as_str()), (200, "text/xml; charset=utf-8"));
    assert!(
        xml.starts_with(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<services><service><service_code>"
        ),
        "{xml}"
    );
    let (status, definition) =
        get_json(&server, "/open311/v2/services/city.road-occupation.json").await;
    assert_eq!(status, 200);
    let attributes = definition["attributes"].as_array().unwrap();
    let street = attributes.iter().find(|a| a["code"] == "street").unwrap();
    assert_eq!(street["required"], true);
    assert!(street["values"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v["key"] == "rencheng-guhuai"));
    let (status, body) = get_json(&server, "/open311/v2/services/city.nothing.json").await;
    assert_eq!(status, 404);
    assert!(descriptions(404, &body)[0].contains("city.nothing"));
    let (status, _, body) = get(&server, "/open311/v2/services.html").await;
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("<errors><error><code>404</code>"), "{body}");

    // Bad requests: the spec's error list, and nothing stored.
    let before = server.count("tickets").await;
    let path = "/open311/v2/requests.json";
    for (form, status, says) in [
        (request("", &[]), 403, "api_key"),
        (request("not-a-key", &[]), 403, "api_key"),
        (request(&old, &[]), 403, "api_key"),
        (
            request(&key, &[("service_code", "city.nothing")])
                .into_iter()
                .filter(|(k, v)| *k != "service_code" || *v == "city.nothing")
                .collect(),
            404,
            "city.nothing",
        ),
        (
            request(&key, &[])
                .into_iter()
                .filter(|(k, _)| !["lat", "long", "address_string"].contains(k))
                .collect(),
            400,
            "address_string",
        ),
        (
            request(&key, &[("attribute[kind]", "shouting")]),
            400,
            "shouting",
        ),
        (
            request(&key, &[])
                .into_iter()
                .map(|(k, v)| {
                    if k == "description" {
                        (k, "太吵")
                    } else {
                        (k, v)
                    }
                })
                .collect(),
            400,
            "description:",
        ),
    ] {
        let (got, body) = post_form(&server, path, &form).await;
        assert_eq!(got, status, "{body}");
        let said = descriptions(status, &body).join(" | ");
        assert!(said.contains(says), "{said}");
    }
    let long = "占".repeat(4001);
    let (got, body) = post_form(
        &server,
        path,
        &request(&key, &[])
            .into_iter()
            .map(|(k, v)| {
                if k == "description" {
                    (k, long.as_str())
                } else {
                    (k, v)
                }
            })
            .collect::<Vec<_>>(),
    )
    .await;
    assert_eq!(got, 400, "{body}");
    // A body over 64 KB: the error list too.
    let huge = "x".repeat(70_000);
    let (got, body) = post_form(&server, path, &request(&key, &[("email", huge.as_str())])).await;
    assert_eq!(got, 400, "{body}");
    assert!(descriptions(400, &body)[0].contains("64 KB"), "{body}");
    // Dates beyond any sensible year are refused, not a crash.
    for dates in [
        "end_date=-262143-01-01",
        "start_date=%2B262142-12-31",
        "start_date=1999-12-31",
    ] {
        let (status, body) = get_json(&server, &format!("/open311/v2/requests.json?{dates}")).await;
        assert_eq!(status, 400, "{dates}: {body}");
    }
    assert_eq!(server.count("tickets").await, before, "nothing stored");

    // A good request: a token and, for the citizen, the ticket number and query code.
    let (status, filed) = post_form(
        &server,
        path,
        &request(&key, &[("attribute[publish_consent]", "true")]),
    )
    .await;
    assert_eq!(status, 200, "{filed}");
    let token = filed[0]["token"].as_str().unwrap().to_string();
    let notice = filed[0]["service_notice"].as_str().unwrap();
    assert!(filed[0].get("service_request_id").is_none());
    let no = notice
        .split("工单号 ")
        .nth(1)
        .and_then(|rest| rest.split('，').next())
        .unwrap_or_else(|| panic!("{notice}"))
        .to_string();
    assert!(notice.contains("查询码 "), "{notice}");
    let case = app::with_pool!(&server.database().await, |pool| {
        sqlx::query_as::<_, (String, String, String, bool)>(
            "SELECT channel, contact_name, street, publish_consent FROM tickets WHERE ticket_no = $1",
        )
        .bind(&no)
        .fetch_one(pool)
        .await
        .unwrap()
    });
    assert_eq!(
        case,
        (
            "wechat".into(),
            "张三".into(),
            "rencheng-guhuai".into(),
            true
        )
    );
    // Also a confidential one from the same key.
    let (status, secret) = post_form(
        &server,
        path,
        &request(
            &key,
            &[
                ("attribute[confidential]", "true"),
                ("attribute[publish_consent]", "true"),
            ],
        ),
    )
    .await;
    assert_eq!(status, 200, "{secret}");
    let secret_token = secret[0]["token"].as_str().unwrap().to_string();

    // Not published yet: the token alone, and no request anyone can read.
    let (status, t) = get_json(&server, &format!("/open311/v2/tokens/{token}.json")).await;
    assert_eq!(status, 200);
    assert!(t[0].get("service_request_id").is_none() && t[0]["token"] == token.as_str());
    // A made-up or forged token (the right number, not its keyed hash) is unknown.
    assert!(token.starts_with(&format!("{no}.")), "{token}");
    for forged in [
        "0000".to_string(),
        format!("{no}.{}", "0".repeat(32)),
        token.replace(&no, "20200101-000001"),
    ] {
        let (status, _) = get_json(&server, &format!("/open311/v2/tokens/{forged}.json")).await;
        assert_eq!(status, 404, "{forged}");
    }
    let (_, listed) = get_json(&server, "/open311/v2/requests.json?status=open").await;
    let before_reply = listed.as_array().unwrap().len();

    // Replied: on the board, so readable, with the board's words only.
    let operator = sign_in(&server, "operator").await;
    for n in [&no] {
        dispatch(&server, &operator, n, "dept-rencheng").await;
        release_reply(&server, n).await;
    }
    let (_, t) = get_json(&server, &format!("/open311/v2/tokens/{token}.json")).await;
    let id = t[0]["service_request_id"].as_str().unwrap().to_string();
    let (status, one) = get_json(&server, &format!("/open311/v2/requests/{id}.json")).await;
    assert_eq!(status, 200, "{one}");
    let r = &one[0];
    assert_eq!(r["service_code"], "city.road-occupation");
    assert_eq!(r["status"], "open");
    assert_eq!(r["status_notes"], REPLY);
    assert!(r["lat"].is_null() && r["long"].is_null());
    let text = one.to_string();
    for private in [
        "张三",
        "13805371234",
        "1380537",
        "古槐路 88 号",
        "zhangsan",
        &no,
    ] {
        assert!(!text.contains(private), "{private} in {text}");
    }
    let (_, listed) = get_json(&server, "/open311/v2/requests.json?status=open").await;
    assert_eq!(listed.as_array().unwrap().len(), before_reply + 1);
    let (_, closed) = get_json(&server, "/open311/v2/requests.json?status=closed").await;
    assert!(closed
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["service_request_id"] != id.as_str()));
    let (_, xml_one) = (
        0,
        get(&server, &format!("/open311/v2/requests/{id}.xml"))
            .await
            .2,
    );
    assert!(xml_one.contains(&format!("<service_requests><request><service_request_id>{id}</service_request_id><status>open</status>")), "{xml_one}");

    // The confidential case stays out of every answer, even replied and consenting.
    let (_, t) = get_json(&server, &format!("/open311/v2/tokens/{secret_token}.json")).await;
    assert!(t[0].get("service_request_id").is_none());
    // A case that is not on the board (the confidential one, the newest) answers as one that
    // does not exist, alone or in a list.
    let newest = server.scalar("SELECT MAX(id) FROM tickets", &[]).await;
    for path in [
        format!("/open311/v2/requests/{newest}.json"),
        "/open311/v2/requests/99999.json".to_string(),
    ] {
        let (status, body) = get_json(&server, &path).await;
        assert_eq!(status, 404, "{body}");
    }
    let (status, none) = get_json(
        &server,
        &format!("/open311/v2/requests.json?service_request_id={newest}"),
    )
    .await;
    assert_eq!((status, none), (200, serde_json::json!([])));
    let (status, body) = get_json(&server, "/open311/v2/requests.json?status=pending").await;
    assert_eq!(status, 400);
    assert!(descriptions(400, &body)[0].contains("closed"));
    let (status, body) = get_json(
        &server,
        "/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-12-01T00:00:00Z",
    )
    .await;
    assert_eq!(status, 400);
    assert!(descriptions(400, &body)[0].contains("90"));
}

#[tokio::test]
async fn a_key_sending_too_fast_or_an_address_querying_too_fast_is_told_to_wait() {
    let server = demo_server(&[
        ("MINSHENG_OPEN311_PER_MINUTE", "2"),
        ("MINSHENG_LOOKUPS_PER_MINUTE", "3"),
    ]);
    let out = server.command(&["api-key", "create", "busy-app"]);
    let key = out.lines().next().unwrap().trim().to_string();
    let path = "/open311/v2/requests.json";
    for _ in 0..2 {
        assert_eq!(post_form(&server, path, &request(&key, &[])).await.0, 200);
    }
    let (status, body) = post_form(&server, path, &request(&key, &[])).await;
    assert_eq!(status, 429, "{body}");
    descriptions(429, &body);
    // Lists read a thousand cases at most, each as the board shows it: counted like lookups.
    for _ in 0..3 {
        assert_eq!(get_json(&server, "/open311/v2/requests.json").await.0, 200);
    }
    let (status, body) = get_json(&server, "/open311/v2/requests.json").await;
    assert_eq!(status, 429, "{body}");
    descriptions(429, &body);
}
