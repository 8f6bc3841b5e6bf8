//! Web hardening, black-box over HTTP: cross-site posts refused, a Content-Security-Policy
//! whose nonce every inline script carries, HSTS on https, hostile query strings answered
//! without a crash, and what a refused form had typed kept out of the URL.
use crate::common;

use common::staff::*;
use common::*;

#[tokio::test]
async fn cross_site_posts_are_refused_and_pages_carry_a_content_security_policy() {
    let server = demo_server(&[
        ("MINSHENG_PUBLIC_URL", "https://12345.example.gov.cn"),
        ("MINSHENG_ALLOW_LOG_SENDER", "true"),
    ]);
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    // Login CSRF: a foreign page posting the reporter sign-in; and a rating from elsewhere.
    for (header, value) in [
        ("Origin", "https://evil.example"),
        ("Sec-Fetch-Site", "cross-site"),
        ("Origin", "null"),
    ] {
        for path in [
            "/api/fn/rewards/sign_in",
            "/api/fn/rate",
            "/api/fn/staff/sign_in",
            "/api/v1/reports",
        ] {
            let r = client
                .post(server.at(path))
                .header(header, value)
                .form(&[("mobile", "13800000000"), ("password", "x")])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 403, "{path} with {header}: {value}");
        }
    }
    // The site's own pages pass.
    let r = client
        .post(server.at("/api/fn/staff/sign_in"))
        .header("Origin", "https://12345.example.gov.cn")
        .header("Sec-Fetch-Site", "same-origin")
        .form(&[("username", "operator"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    // Every page has a CSP whose nonce is the one its inline scripts carry; HSTS on https.
    for path in [
        "/", "/report", "/track", "/snap", "/public", "/rewards", "/staff",
    ] {
        let r = client.get(server.at(path)).send().await.unwrap();
        let csp = r.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(r.headers()["strict-transport-security"]
            .to_str()
            .unwrap()
            .contains("max-age="));
        assert!(
            csp.contains("object-src 'none'") && csp.contains("frame-ancestors 'none'"),
            "{csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .unwrap()
            .split('\'')
            .next()
            .unwrap()
            .to_string();
        let html = r.text().await.unwrap();
        for script in html.split("<script").skip(1) {
            let tag = script.split('>').next().unwrap();
            assert!(
                tag.contains("src=") || tag.contains(&format!("nonce=\"{nonce}\"")),
                "{path}: inline script without the nonce: <script{tag}>"
            );
        }
    }
}

#[tokio::test]
async fn hostile_query_strings_get_an_answer_not_a_crash() {
    let server = demo_server(&[]);
    let r = unfollowed(&server.at("/lang/zh?back=/%09/evil.com")).await;
    assert_eq!(r.headers()["location"], "/");
    let r = unfollowed(&server.at("/lang/zh?back=/%0a/evil.com")).await;
    assert_eq!(r.headers()["location"], "/");
    for path in [
        "/public?month=262142-12",
        "/public?month=+262142-12",
        "/public?month=9999999999-99",
        "/public?page=4294967295",
        "/public?page=-1",
        "/rewards?month=262142-12",
        "/track?no=%F0%9F%98%80%F0%9F%98%80&code=%00",
    ] {
        let r = unfollowed(&server.at(path)).await;
        assert!(r.status().as_u16() < 500, "{path}: {}", r.status());
    }
    let (status, _) = post(
        &server,
        "",
        "/api/fn/board",
        &[
            ("category", ""),
            ("district", ""),
            ("month", "262142-12"),
            ("page", "0"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    // Still serving.
    assert_eq!(unfollowed(&server.at("/healthz")).await.status(), 200);
}

#[tokio::test]
async fn what_staff_typed_into_a_refused_form_never_goes_into_the_url() {
    let server = demo_server(&[]);
    let no = new_case(&server).await;
    let operator = sign_in(&server, "operator").await;
    // A rejection without its required note… with a marker in a field that is kept.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let seen = detail(&server, &operator, &no, false).await;
    let r = client
        .post(server.at("/api/fn/staff/act"))
        .header("Cookie", &operator)
        .header("Accept", "text/html")
        .form(&[
            ("ticket_no", no.as_str()),
            ("version", &seen.version.to_string()),
            ("action", "extension_requested"),
            ("note", "联系人王五13900001111"),
            ("date", "262142-12-31"),
        ])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection(), "{}", r.status());
    let location = r.headers()["location"].to_str().unwrap().to_string();
    assert!(location.contains("error="), "{location}");
    assert!(
        !location.contains("13900001111") && !location.contains("%E7%8E%8B"),
        "{location}"
    );
    let cookie = r.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.starts_with("minsheng_form=") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
}
