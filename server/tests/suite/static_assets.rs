//! The site's static files as a phone meets them: pages link CSS, scripts and WASM under names
//! that carry a hash of their content, those names are cached for a year without asking
//! again, a new build changes them, and a request on a kept-alive connection is answered at
//! once (no Nagle / delayed-ACK stall between a response's header and its body).
use crate::common;

use common::*;
use std::io::{Read, Write as _};
use std::path::Path;
use std::time::{Duration, Instant};

/// A server whose site root is a fresh `built_site` (kept while the directory lives).
pub fn serve_built_site() -> (tempfile::TempDir, TestServer) {
    let site = tempfile::tempdir().unwrap();
    built_site(site.path());
    let root = site.path().display().to_string();
    let server = TestServer::start_with(&[("LEPTOS_SITE_ROOT", &root)]);
    (site, server)
}

/// A built site as cargo-leptos leaves it: the stylesheet, the JS glue and its WASM in `pkg/`,
/// the scripts and icon of `public/` at the root.
fn built_site(dir: &Path) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::create_dir_all(dir.join("pkg")).unwrap();
    std::fs::copy(repo.join("style/main.css"), dir.join("pkg/minsheng.css")).unwrap();
    std::fs::write(
        dir.join("pkg/minsheng.js"),
        "export default async function init() {}\nexport function hydrate() {}\n",
    )
    .unwrap();
    // A stand-in module of about the real size, not very compressible.
    let wasm: Vec<u8> = (0u32..200_000)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(dir.join("pkg/minsheng.wasm"), wasm).unwrap();
    for entry in std::fs::read_dir(repo.join("public")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
}

/// The content-hashed links of a page: `/pkg/minsheng.<16 hex>.css` and the like.
pub fn hashed_links(html: &str) -> Vec<String> {
    let mut links: Vec<String> = html
        .split(['"', '\''])
        .filter(|s| s.starts_with('/') && !s.contains(' '))
        .filter(|s| {
            let name = s.rsplit('/').next().unwrap_or_default();
            let parts: Vec<&str> = name.split('.').collect();
            // (`_bg`: the WASM's name in a server built without cargo-leptos, as here)
            let hash = parts.get(1).map(|h| h.trim_end_matches("_bg"));
            parts.len() == 3
                && hash.is_some_and(|h| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
        })
        .map(String::from)
        .collect();
    links.sort();
    links.dedup();
    links
}

#[tokio::test]
async fn a_phone_gets_the_site_files_under_content_names_it_keeps_for_a_year() {
    let (site, server) = serve_built_site();
    let root = site.path().display().to_string();
    let client = reqwest::Client::new();

    let report = page(&server, "/report", "zh-CN").await;
    let snap = page(&server, "/snap", "zh-CN").await;
    let mut links = hashed_links(&report);
    links.extend(hashed_links(&snap));
    links.sort();
    links.dedup();
    for plain in [
        "/pkg/minsheng.css",
        "/pkg/minsheng.js",
        "/pkg/minsheng.wasm",
        "/my_cases.js",
        "/snap.js",
        "/favicon.svg",
    ] {
        let (stem, ext) = plain.rsplit_once('.').unwrap();
        assert!(
            links
                .iter()
                .any(|l| l.starts_with(&format!("{stem}.")) && l.ends_with(&format!(".{ext}"))),
            "a page links {plain} under a content name: {links:?}"
        );
        assert!(
            !report.contains(&format!("\"{plain}\"")) && !snap.contains(&format!("\"{plain}\"")),
            "no page links the plain name {plain}"
        );
    }
    // The JS glue and its WASM share one name: they only work together.
    let js = links
        .iter()
        .find(|l| l.ends_with(".js") && l.starts_with("/pkg/"))
        .unwrap();
    let wasm = links.iter().find(|l| l.ends_with(".wasm")).unwrap();
    assert_eq!(
        js.trim_end_matches(".js"),
        wasm.trim_end_matches(".wasm").trim_end_matches("_bg")
    );

    for link in &links {
        let r = unfollowed(&server.at(link)).await;
        assert_eq!(r.status(), 200, "{link}");
        assert_eq!(
            r.headers()["cache-control"],
            "public, max-age=31536000, immutable",
            "{link}"
        );
        let (stem, ext) = link.rsplit_once('.').unwrap();
        let plain = format!("{}.{ext}", stem.rsplit_once('.').unwrap().0);
        let file = std::fs::read(site.path().join(plain.trim_start_matches('/'))).unwrap();
        assert_eq!(
            r.bytes().await.unwrap().as_ref(),
            file.as_slice(),
            "{link} is the file"
        );
    }
    // Compressed as served to a browser that accepts brotli.
    let css = links.iter().find(|l| l.ends_with(".css")).unwrap();
    let r = client
        .get(server.at(css))
        .header("Accept-Encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-encoding"], "br");
    assert_eq!(
        r.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );

    // The site root's scripts too: compressed once at start at brotli's best, not per request.
    let script = links.iter().find(|l| l.starts_with("/notices.")).unwrap();
    let r = client
        .get(server.at(script))
        .header("Accept-Encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-encoding"], "br");
    let stored = std::fs::read(site.path().join("notices.js.br")).expect("notices.js.br");
    assert_eq!(r.bytes().await.unwrap().as_ref(), stored.as_slice());

    // The plain names still answer (an older page, a tool), but browsers must ask again.
    let r = unfollowed(&server.at("/pkg/minsheng.css")).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-cache");
    // A content name that is not this build's is not found.
    let r = unfollowed(&server.at("/pkg/minsheng.0123456789abcdef.css")).await;
    assert_eq!(r.status(), 404);

    // A new build: the stylesheet changes, so does its name; the old name is gone.
    let mut style = std::fs::read_to_string(site.path().join("pkg/minsheng.css")).unwrap();
    style.push_str("\n.new-rule { color: #c8161d; }\n");
    std::fs::write(site.path().join("pkg/minsheng.css"), style).unwrap();
    let server = server.restart_with(&[("LEPTOS_SITE_ROOT", &root)]);
    let links_after = hashed_links(&page(&server, "/report", "zh-CN").await);
    let css_after = links_after.iter().find(|l| l.ends_with(".css")).unwrap();
    assert_ne!(css_after, css, "a changed stylesheet has a new name");
    assert!(links_after.contains(js), "unchanged files keep their names");
    let r = unfollowed(&server.at(css)).await;
    assert_eq!(r.status(), 404, "the old build's stylesheet name");
    let r = unfollowed(&server.at(css_after)).await;
    assert!(r.text().await.unwrap().contains(".new-rule"));
}

/// One HTTP/1.1 GET on an open connection; the time until its whole body has arrived.
fn get_on(stream: &mut std::net::TcpStream, path: &str) -> (Duration, u16) {
    let start = Instant::now();
    // One write, as a browser sends a request: the client's own small writes would wait for
    // the server's delayed ACK and measure the client.
    stream
        .write_all(format!("GET {path} HTTP/1.1\r\nHost: phone\r\n\r\n").as_bytes())
        .unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte).unwrap();
        head.push(byte[0]);
    }
    let head = String::from_utf8(head).unwrap();
    let status = head[9..12].parse().unwrap();
    let length: usize = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().unwrap())
        })
        .expect("a body of known length");
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).unwrap();
    (start.elapsed(), status)
}

#[test]
fn a_second_request_on_a_kept_alive_connection_is_answered_at_once() {
    let (_site, server) = serve_built_site();
    let address = server.url.trim_start_matches("http://").to_string();
    // The stylesheet under its plain name and the stand-in WASM (200 KB, sent as is): both are
    // streamed from the file, the case where a header and a body sent apart used to wait for
    // the client's delayed ACK (~40 ms) before the body left.
    // The stall, where it happens, hits the second request of a fresh connection (Linux then
    // acknowledges at once for a while, which hides it from later ones), and it lasts the
    // client's delayed ACK: 40 ms or more. So the second request must come well under that,
    // and the ones after it under 5 ms (median of 20, allowing for a busy test machine).
    for path in ["/pkg/minsheng.css", "/pkg/minsheng.wasm"] {
        let mut stream = std::net::TcpStream::connect(&address).unwrap();
        stream.set_nodelay(true).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let (first, status) = get_on(&mut stream, path);
        assert_eq!(status, 200);
        let mut later: Vec<Duration> = (0..21)
            .map(|_| {
                let (took, status) = get_on(&mut stream, path);
                assert_eq!(status, 200);
                took
            })
            .collect();
        let second = later.remove(0);
        later.sort();
        let median = later[later.len() / 2];
        println!("{path}: first {first:?}, second {second:?}, then median {median:?}");
        assert!(
            second < Duration::from_millis(20),
            "{path}: the second request on a kept-alive connection took {second:?}"
        );
        assert!(
            median < Duration::from_millis(5),
            "{path}: requests on a kept-alive connection took {median:?} (median of 20)"
        );
    }
}
