//! Snapshots of the key server-rendered pages (home, report, track with a case, the public
//! board, a staff queue, a staff case), against the real binary with the demo data. What
//! changes from run to run is redacted: every number (dates, ticket numbers, countdowns,
//! counts), nonces, content hashes and signed links. A change to a page's structure or words
//! shows up as a diff to review (`cargo insta review`, or `INSTA_UPDATE=always` to accept).
use crate::common;
use common::staff::{demo_server, sign_in};
use common::*;
use regex::Regex;

fn redacted(html: &str) -> String {
    let rules = [
        (r#"nonce="[^"]*""#, r#"nonce="…""#),
        (r#"crossorigin="[^"]*""#, r#"crossorigin="…""#),
        // Leptos streams resolved resources in as many scripts as the timing gives: one.
        (
            r#"</script><script nonce="…">__RESOLVED_RESOURCES"#,
            "__RESOLVED_RESOURCES",
        ),
        (r"[0-9a-f]{32,}", "HASH"),
        // A form's fresh Idempotency-Key.
        (
            r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
            "UUID",
        ),
        (r"[?&](exp|sig)=[^&\x22]*", "&SIGNED"),
        (r"\d+", "#"),
        // A console page's nested resources (the snap review's, empty on most cases) are
        // registered once per render of their Suspense, which is two or three as the timing
        // gives: the empty ones count as one.
        (r"__PENDING_RESOURCES=\[(#,)+\]", "__PENDING_RESOURCES=[…]"),
        (
            r#"(__RESOLVED_RESOURCES\[#\] = "\{\\"Ok\\":null\}";)+"#,
            r#"__RESOLVED_RESOURCES[#] = "{\"Ok\":null}";"#,
        ),
    ];
    let mut out = html.to_string();
    for (pattern, with) in rules {
        out = Regex::new(pattern)
            .unwrap()
            .replace_all(&out, with)
            .into_owned();
    }
    // One tag per line, so a diff points at the element that changed.
    out.replace("><", ">\n<")
}

#[tokio::test]
async fn the_key_pages_render_as_reviewed() {
    let server = demo_server(&[]);
    let track = format!(
        "/track?no={}&code={}",
        app::services::demo::DEMO_TICKET_NO,
        app::services::demo::DEMO_QUERY_CODE
    );
    for (name, path) in [
        ("home", "/"),
        ("report", "/report"),
        ("track_with_a_case", track.as_str()),
        ("public_board", "/public"),
    ] {
        insta::assert_snapshot!(name, redacted(&page(&server, path, "zh-CN").await));
    }
    let operator = sign_in(&server, "operator").await;
    insta::assert_snapshot!(
        "staff_queue",
        redacted(&page_with_cookie(&server, &format!("{operator}; lang=zh-CN"), "/staff").await)
    );
    let case = format!("/staff/case?no={}", app::services::demo::DEMO_TICKET_NO);
    insta::assert_snapshot!(
        "staff_case",
        redacted(&page_with_cookie(&server, &format!("{operator}; lang=zh-CN"), &case).await)
    );
}
