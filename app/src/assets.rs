//! The URLs of the site's static files (CSS, scripts, WASM, icon) as pages write them. The
//! server names every file after its content (`/pkg/minsheng.3f9a…c2.css`) and serves those
//! names as immutable, so a phone's second visit downloads nothing and asks nothing; a new
//! build changes the names. The map comes from the server (`server/src/assets.rs`) as context;
//! without it (no built site, as in the HTTP tests) a page keeps the plain name.
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// Plain path (`/pkg/minsheng.css`) → content-hashed path.
#[derive(Clone, Debug, Default)]
pub struct AssetUrls(pub Arc<HashMap<String, String>>);

/// The URL to write for the static file at `path`.
pub fn asset_url(path: &str) -> String {
    use_context::<AssetUrls>()
        .and_then(|urls| urls.0.get(path).cloned())
        .unwrap_or_else(|| path.to_string())
}
