//! The portal as an app on the phone's home screen: a manifest with its icons, a service
//! worker at the site's root that changes with every build, and only the pages that show
//! nobody's data marked for the worker to keep for offline use.
use super::static_assets::{hashed_links, serve_built_site};
use crate::common;
use common::*;

async fn get(server: &TestServer, path: &str, cookie: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(server.at(path))
        .header("Cookie", cookie)
        .send()
        .await
        .expect("request")
}

#[tokio::test]
async fn a_phone_can_install_the_portal_from_its_manifest_and_icons() {
    let (_site, server) = serve_built_site();
    let home = page(&server, "/", "zh-CN").await;
    assert!(
        home.contains(r#"<link href="/manifest.webmanifest" rel="manifest">"#),
        "{home}"
    );

    let response = get(&server, "/manifest.webmanifest", "").await;
    assert_eq!(response.status(), 200);
    let manifest: serde_json::Value = response.json().await.unwrap();
    assert_eq!(manifest["start_url"], "/");
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(manifest["short_name"], "民声");
    assert_eq!(manifest["theme_color"], "#c8161d");
    let icons = manifest["icons"].as_array().unwrap();
    let mut seen = Vec::new();
    for icon in icons.iter().filter(|i| i["type"] == "image/png") {
        let src = icon["src"].as_str().unwrap();
        let response = get(&server, src, "").await;
        assert_eq!(response.status(), 200, "{src}");
        assert_eq!(response.headers()["content-type"], "image/png", "{src}");
        let picture = image::load_from_memory(&response.bytes().await.unwrap()).unwrap();
        let size = format!("{}x{}", picture.width(), picture.height());
        assert_eq!(icon["sizes"], size.as_str(), "{src}");
        seen.push((size, icon["purpose"].as_str().unwrap().to_string()));
    }
    for wanted in [
        ("192x192", "any"),
        ("512x512", "any"),
        ("512x512", "maskable"),
    ] {
        assert!(
            seen.iter().any(|(s, p)| (s.as_str(), p.as_str()) == wanted),
            "{wanted:?} in {seen:?}"
        );
    }
}

#[tokio::test]
async fn the_service_worker_is_at_the_root_and_a_new_build_is_a_new_worker() {
    let (site, server) = serve_built_site();
    let root = site.path().display().to_string();
    let worker = |server: &TestServer| {
        let url = server.at("/sw.js");
        async move {
            let response = reqwest::get(url).await.unwrap();
            assert_eq!(response.status(), 200);
            let headers = response.headers().clone();
            assert!(headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/javascript"));
            assert_eq!(headers["cache-control"], "no-cache");
            response.text().await.unwrap()
        }
    };
    let script = worker(&server).await;
    // Its version is the build's: the hashed name of the WASM the pages load.
    let report = page(&server, "/report", "zh-CN").await;
    let wasm = hashed_links(&report)
        .into_iter()
        .find(|l| l.starts_with("/pkg/minsheng.") && l.ends_with(".js"))
        .expect("the JS glue's hashed name");
    let version = wasm.trim_start_matches("/pkg/").trim_end_matches(".js");
    let first_line = script.lines().next().unwrap();
    assert_eq!(first_line, format!("self.MINSHENG_VERSION = {version:?};"));
    // The pages it keeps are the server's list, the same the mark follows.
    assert_eq!(
        script.lines().nth(1),
        Some(r#"self.MINSHENG_PAGES = ["/","/report","/snap","/track","/mine","/help"];"#)
    );
    assert!(
        script.contains("importScripts('/outbox.js')"),
        "the public/sw.js"
    );
    // The pages load the outbox, which registers the worker.
    assert!(hashed_links(&report)
        .iter()
        .any(|l| l.starts_with("/outbox.")));

    // Another build: another WASM, another worker (the browser installs it and the page offers
    // "refresh to update").
    std::fs::write(
        site.path().join("pkg/minsheng.wasm"),
        b"\0asm another build",
    )
    .unwrap();
    let server = server.restart_with(&[("LEPTOS_SITE_ROOT", &root)]);
    let again = worker(&server).await;
    assert_ne!(again.lines().next(), script.lines().next());
    assert_eq!(
        again.lines().skip(1).collect::<Vec<_>>(),
        script.lines().skip(1).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn only_pages_that_show_nobodys_data_are_kept_for_offline_use() {
    let server = TestServer::start();
    let staff = format!("{}=anything", app::services::staff::SESSION_COOKIE);
    let reporter = format!("{}=anything", app::services::reporters::SESSION_COOKIE);
    let shell = |path: &'static str, cookie: String| {
        let server = &server;
        async move {
            let response = get(server, path, &cookie).await;
            let kept = response
                .headers()
                .get("x-minsheng-shell")
                .map(|v| v.to_str().unwrap().to_string());
            (path, cookie, kept)
        }
    };
    for path in ["/", "/report", "/snap", "/track", "/mine", "/help"] {
        let (path, _, kept) = shell(path, "lang=en".into()).await;
        assert_eq!(kept.as_deref(), Some("public"), "{path}");
    }
    for (path, cookie) in [
        // A case answer, a search: a query is never kept.
        ("/track?no=20261101-000001&code=TRACKME2", String::new()),
        ("/help?q=停水", String::new()),
        // Someone signed in: their page may name them.
        ("/report", staff.clone()),
        ("/snap", reporter.clone()),
        ("/", format!("lang=zh-CN; {reporter}")),
        // Not a page of the shell.
        ("/staff", String::new()),
        ("/rewards/me", String::new()),
        ("/public", String::new()),
        ("/manifest.webmanifest", String::new()),
    ] {
        let (path, cookie, kept) = shell(path, cookie).await;
        assert_eq!(kept, None, "{path} with {cookie:?}");
    }
}
