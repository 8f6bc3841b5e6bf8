//! The compiled site assets (`/pkg`: WASM, JS, CSS; and the site root's scripts and icon),
//! compressed once at start with brotli and gzip and served pre-compressed to browsers that
//! accept it, under names that carry a hash of their content and never change meaning.
use app::assets::AssetUrls;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower::ServiceExt;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeader;

/// The site's static files under content-hashed names, found once at start.
#[derive(Clone)]
pub struct Fingerprints {
    /// Hashed path → plain path (`/pkg/minsheng.3f9a….css` → `/pkg/minsheng.css`).
    plain: Arc<HashMap<String, String>>,
    /// What pages write: plain path → hashed path.
    pub urls: AssetUrls,
    files: ServeDir,
}

/// Hashes every static file of the built site: the top-level files of `site_root` (scripts,
/// icon) and those of `site_root/pkg` (CSS, JS, WASM). The hydration script names the JS glue
/// and its WASM after `output_name`, so those two share one hash (of both: they only work
/// together), which becomes part of the output name the pages are rendered with.
/// Returns the fingerprints and the output name to render with.
pub fn fingerprint(site_root: &Path, output_name: &str) -> (Fingerprints, String) {
    let mut urls = HashMap::new();
    for (dir, prefix) in [
        (site_root.to_path_buf(), "/"),
        (site_root.join("pkg"), "/pkg/"),
    ] {
        for path in static_files(&dir) {
            let (Some(name), Ok(bytes)) = (file_name(&path), std::fs::read(&path)) else {
                continue;
            };
            if let Some(hashed) = hashed_name(&name, &content_hash(&[&bytes])) {
                urls.insert(format!("{prefix}{name}"), format!("{prefix}{hashed}"));
            }
        }
    }
    let mut output = output_name.to_string();
    let pkg = site_root.join("pkg");
    let (js, wasm) = (format!("{output_name}.js"), format!("{output_name}.wasm"));
    if let (Ok(js_bytes), Ok(wasm_bytes)) =
        (std::fs::read(pkg.join(&js)), std::fs::read(pkg.join(&wasm)))
    {
        output = format!("{output_name}.{}", content_hash(&[&js_bytes, &wasm_bytes]));
        urls.insert(format!("/pkg/{js}"), format!("/pkg/{output}.js"));
        urls.insert(format!("/pkg/{wasm}"), format!("/pkg/{output}.wasm"));
    }
    let mut plain: HashMap<String, String> =
        urls.iter().map(|(p, h)| (h.clone(), p.clone())).collect();
    if output != output_name {
        // A server built without cargo-leptos asks for wasm-bindgen's `<name>_bg.wasm`.
        plain.insert(format!("/pkg/{output}_bg.wasm"), format!("/pkg/{wasm}"));
    }
    let fingerprints = Fingerprints {
        plain: Arc::new(plain),
        urls: AssetUrls(Arc::new(urls)),
        files: ServeDir::new(site_root)
            .precompressed_br()
            .precompressed_gzip(),
    };
    (fingerprints, output)
}

/// The files worth a hashed name: what pages link to, not the precompressed copies.
fn static_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("js" | "wasm" | "css" | "svg" | "png" | "ico" | "webmanifest")
            )
        })
        .collect()
}

fn file_name(path: &Path) -> Option<String> {
    path.file_name()?.to_str().map(String::from)
}

/// 16 hex digits (64 bits) of SHA-256 over `parts`.
fn content_hash(parts: &[&[u8]]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hex::encode(&hasher.finalize()[..8])
}

/// `live.js` → `live.<hash>.js`.
fn hashed_name(name: &str, hash: &str) -> Option<String> {
    let (stem, ext) = name.rsplit_once('.')?;
    Some(format!("{stem}.{hash}.{ext}"))
}

/// Answers a request for a content-hashed name from the file it names, marked immutable: the
/// name changes with the content, so a browser keeps it for a year without asking again.
/// Everything else goes on. A hashed name of another build is an ordinary 404.
pub async fn serve_fingerprinted(
    State(fingerprints): State<Fingerprints>,
    request: Request,
    next: Next,
) -> Response {
    let plain = fingerprints.plain.get(request.uri().path());
    let (Some(plain), true) = (
        plain,
        matches!(*request.method(), Method::GET | Method::HEAD),
    ) else {
        return next.run(request).await;
    };
    let (mut parts, body) = request.into_parts();
    let Ok(uri) = plain.parse() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    parts.uri = uri;
    let mut response = match fingerprints
        .files
        .oneshot(Request::from_parts(parts, body))
        .await
    {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    };
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        );
    }
    response
}

/// Writes `file.br` and `file.gz` beside every asset that lacks an up-to-date one.
pub fn precompress(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        tracing::warn!(dir = %dir.display(), "no site assets to serve: build with cargo leptos");
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        if !matches!(ext, "js" | "wasm" | "css" | "svg" | "json") {
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let modified = entry.metadata().and_then(|m| m.modified()).ok();
        for (suffix, compress) in [
            ("br", brotli_bytes as fn(&[u8]) -> Vec<u8>),
            ("gz", gzip_bytes),
        ] {
            let target = path.with_extension(format!("{ext}.{suffix}"));
            let fresh = std::fs::metadata(&target).and_then(|m| m.modified()).ok();
            if matches!((fresh, modified), (Some(f), Some(m)) if f >= m) {
                continue;
            }
            if let Err(e) = std::fs::write(&target, compress(&bytes)) {
                tracing::warn!(file = %target.display(), error = %e, "could not write compressed asset");
            }
        }
    }
}

fn brotli_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 1 << 16, 11, 22);
        let _ = w.write_all(bytes);
    }
    out
}

fn gzip_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut w = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = w.write_all(bytes);
    w.finish().unwrap_or_default()
}

/// Serves the assets under their plain names (a page of an older build, a tool): browsers
/// revalidate those, which costs a round trip but no bytes when unchanged.
pub fn service(dir: &Path) -> SetResponseHeader<ServeDir, HeaderValue> {
    SetResponseHeader::overriding(
        ServeDir::new(dir).precompressed_br().precompressed_gzip(),
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache"),
    )
}
