//! The compiled site assets (`/pkg`: WASM, JS, CSS), compressed once at start with brotli and
//! gzip and served pre-compressed to browsers that accept it.
use axum::http::{header, HeaderValue};
use std::io::Write;
use std::path::Path;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeader;

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

/// Serves the assets; browsers revalidate them (names carry no hash), which costs a round trip
/// but no bytes when unchanged.
pub fn service(dir: &Path) -> SetResponseHeader<ServeDir, HeaderValue> {
    SetResponseHeader::overriding(
        ServeDir::new(dir).precompressed_br().precompressed_gzip(),
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache"),
    )
}
