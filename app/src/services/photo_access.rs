//! Who may load a stored photo, and how it may be cached (`model::visibility`): photos of board
//! cases are public and may sit in shared caches; every other photo is served only to staff
//! (their session) or through a link signed for the viewer the rule allowed (the reporter's
//! own case page), which expires and is cached only by that browser.
use super::AppState;
use crate::model::public_case::photo_url;
use crate::model::visibility::PhotoCache;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Signed links work for at least this long and at most twice as long: expiries are rounded
/// up to the next whole period, so a page shows the same links for a while (browser cache).
pub const SIGNED_LINK_SECONDS: i64 = 3600;

/// How a photo is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Serve {
    /// Any cache may keep it.
    Shared,
    /// Only the viewer's browser, this many seconds.
    Private { max_age: i64 },
    /// Staff: not cached at all.
    NoStore,
    /// Not found, the same answer as a photo that does not exist.
    Refused,
}

fn signature(state: &AppState, key: &str, expires: i64) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(state.codes.key()).expect("HMAC takes any key length");
    mac.update(b"photo:");
    mac.update(key.as_bytes());
    mac.update(b":");
    mac.update(expires.to_string().as_bytes());
    hex::encode(&mac.finalize().into_bytes()[..16])
}

/// How a page links a photo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    /// The plain address: served to anyone for a board case, else to staff sessions only.
    Plain,
    /// Signed for the viewer the rule allowed, expiring.
    Signed,
}

impl Link {
    /// The link for a viewer whose photos the rule caches as `cache`.
    pub fn for_cache(cache: PhotoCache) -> Link {
        match cache {
            PhotoCache::Shared => Link::Plain,
            PhotoCache::Private => Link::Signed,
        }
    }
}

/// The link of a photo.
pub fn url(state: &AppState, key: &str, link: Link, now: DateTime<Utc>) -> String {
    match link {
        Link::Plain => photo_url(key),
        Link::Signed => {
            let expires = (now.timestamp() / SIGNED_LINK_SECONDS + 2) * SIGNED_LINK_SECONDS;
            format!(
                "{}?e={expires}&s={}",
                photo_url(key),
                signature(state, key, expires)
            )
        }
    }
}

/// Whether a signed link is genuine and not expired.
fn signed_ok(state: &AppState, key: &str, expires: i64, sig: &str, now: DateTime<Utc>) -> bool {
    use subtle::ConstantTimeEq;
    expires > now.timestamp()
        && expires - now.timestamp() <= 3 * SIGNED_LINK_SECONDS
        && signature(state, key, expires)
            .as_bytes()
            .ct_eq(sig.as_bytes())
            .into()
}

/// How to answer a request for the photo `key`: with a signed link (`expires`, `sig`), a
/// staff session, or neither.
pub async fn decide(
    state: &AppState,
    key: &str,
    signed: Option<(i64, &str)>,
    staff_token: Option<&str>,
    now: DateTime<Utc>,
) -> Serve {
    if let Some((expires, sig)) = signed {
        if signed_ok(state, key, expires, sig, now) {
            return Serve::Private {
                max_age: (expires - now.timestamp()).min(SIGNED_LINK_SECONDS),
            };
        }
    }
    if let Some(token) = staff_token {
        if let Ok(Some(_)) = super::staff::current(state, token, now).await {
            return Serve::NoStore;
        }
    }
    match crate::storage::case_photos::photo_cases(&state.db, key).await {
        Ok(cases) => {
            let public = cases.iter().any(|f| {
                crate::model::visibility::visible(crate::model::visibility::Audience::Public, *f)
                    .photos
                    == Some(PhotoCache::Shared)
            });
            if public {
                Serve::Shared
            } else {
                Serve::Refused
            }
        }
        Err(e) => {
            tracing::error!(error = %e, "photo access");
            Serve::Refused
        }
    }
}

/// A case's photos, linked as `link` says (plain for board cases and staff pages, signed for
/// the reporter), in the citizen's order.
pub async fn case_photos(
    state: &super::AppState,
    ticket_id: i64,
    link: Link,
) -> Result<Vec<crate::model::public_case::PublicPhoto>, super::cases::CaseError> {
    let rows = crate::storage::case_photos::photos(&state.db, ticket_id)
        .await
        .map_err(super::cases::internal)?;
    Ok(photo_links(state, &rows, link))
}

/// Links to photos already read, as `link` says.
pub fn photo_links(
    state: &super::AppState,
    rows: &[crate::storage::case_photos::PhotoRow],
    link: Link,
) -> Vec<crate::model::public_case::PublicPhoto> {
    use crate::model::public_case::PublicPhoto;
    let now = chrono::Utc::now();
    rows.iter()
        .map(|p| PublicPhoto {
            thumb_url: url(state, &p.thumb_key, link, now),
            display_url: url(state, &p.display_key, link, now),
        })
        .collect()
}
