//! Services (server only): the rules that need I/O. Server functions and HTTP handlers call
//! these; these call storage.
pub mod board;
pub mod case_detail;
pub mod cases;
pub mod demo;
pub mod fingerprint;
pub mod followup;
pub mod intake;
pub mod lookup;
pub mod near;
pub mod payouts;
pub mod photos;
pub mod places;
pub mod queues;
pub mod repeats;
pub mod reporters;
pub mod rewards;
pub mod staff;

use crate::model::calendar::WorkCalendar;
use crate::model::{City, QueryCode, TicketNo};
use crate::storage::{photos::PhotoStore, Db};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use tokio::sync::Semaphore;

/// A case's photos as the public and staff pages link them, in the citizen's order.
pub async fn public_photos(
    state: &AppState,
    ticket_id: i64,
) -> Result<Vec<crate::model::case::PublicPhoto>, cases::CaseError> {
    use crate::model::case::{photo_url, PublicPhoto};
    Ok(crate::storage::tickets::photos(&state.db, ticket_id)
        .await
        .map_err(cases::internal)?
        .iter()
        .map(|p| PublicPhoto {
            thumb_url: photo_url(&p.thumb_key),
            display_url: photo_url(&p.display_key),
        })
        .collect())
}

/// Upload and image limits. Defaults suit phone photos; a city can change them.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// One photo, as uploaded.
    pub max_photo_bytes: u64,
    /// The whole submission (fields and photos).
    pub max_upload_bytes: u64,
    /// Width × height, read from the header before decoding.
    pub max_pixels: u64,
    /// Memory one photo's decode may take at most (worst case from the header, see
    /// `photos::decode_cost`); a photo needing more is refused before decoding.
    pub max_decode_bytes: u64,
    /// Long side of the stored display copy.
    pub display_px: u32,
    /// Long side of the thumbnail.
    pub thumb_px: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_photo_bytes: 12 << 20,
            max_upload_bytes: 40 << 20,
            max_pixels: 50_000_000,
            max_decode_bytes: 512 << 20,
            display_px: 2048,
            thumb_px: 320,
        }
    }
}

/// Keyed hash of query codes: the database alone cannot be brute-forced into codes.
#[derive(Clone)]
pub struct CodeHasher {
    key: Arc<[u8]>,
}

impl CodeHasher {
    pub fn new(secret: &[u8]) -> Self {
        Self { key: secret.into() }
    }

    /// The secret, for other keyed hashes of the same deployment (one-time codes).
    pub fn key(&self) -> &[u8] {
        &self.key
    }

    pub fn hash(&self, ticket_no: &TicketNo, code: &QueryCode) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key length");
        mac.update(ticket_no.as_str().as_bytes());
        mac.update(b":");
        mac.update(code.as_str().as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// Constant-time check of a code against a stored hash.
    pub fn verify(&self, ticket_no: &TicketNo, code: &QueryCode, stored: &str) -> bool {
        use subtle::ConstantTimeEq;
        self.hash(ticket_no, code)
            .as_bytes()
            .ct_eq(stored.as_bytes())
            .into()
    }
}

/// Per-client-address rate limiter.
pub type ClientLimiter = DefaultKeyedRateLimiter<IpAddr>;

pub fn per_minute_limiter<K: std::hash::Hash + Eq + Clone>(
    per_minute: u32,
) -> Arc<DefaultKeyedRateLimiter<K>> {
    let n = NonZeroU32::new(per_minute.max(1)).expect("at least 1");
    Arc::new(RateLimiter::keyed(Quota::per_minute(n)))
}

/// Everything a request needs, shared by the Leptos server functions and the HTTP handlers.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub photos: PhotoStore,
    pub city: Arc<City>,
    /// Working days for deadlines: the national calendar plus the city's own days.
    pub calendar: Arc<WorkCalendar>,
    pub codes: CodeHasher,
    pub limits: Limits,
    pub lookup_limiter: Arc<ClientLimiter>,
    pub submit_limiter: Arc<ClientLimiter>,
    /// Staff sign-in attempts per client address, and per username.
    pub signin_limiter: Arc<ClientLimiter>,
    pub signin_user_limiter: Arc<DefaultKeyedRateLimiter<String>>,
    /// A real argon2id hash that unknown usernames are checked against (same time spent).
    pub dummy_password_hash: Arc<str>,
    /// Whether the session cookie is `Secure` (when the public address is https).
    pub secure_cookies: bool,
    /// Working-day limits of the workflow (hand back, reply, utilities).
    pub deadlines: crate::model::calendar::Limits,
    /// Bounds the photos decoded at once (memory: ~100 MB each at the pixel cap).
    pub photo_permits: Arc<Semaphore>,
    /// Whether `X-Forwarded-For` from the load balancer names the client.
    pub trust_forwarded_for: bool,
    /// The portal's public address, for tracking links (`https://12345.example.gov.cn`).
    pub public_url: String,
    /// Perceptual hashes of every stored photo, for the near-duplicate check of snaps.
    pub near: Arc<near::NearIndex>,
    /// Sends one-time codes to mobiles (the shipped sender writes them to the log).
    pub sender: Arc<dyn reporters::MessageSender>,
}

impl AppState {
    /// The client address for rate limiting: the socket peer, or the last
    /// `X-Forwarded-For` hop (the one the trusted proxy added) when running behind it.
    pub fn client_ip(&self, peer: Option<IpAddr>, headers: &http::HeaderMap) -> IpAddr {
        let forwarded = self
            .trust_forwarded_for
            .then(|| {
                headers
                    .get("x-forwarded-for")?
                    .to_str()
                    .ok()?
                    // The last hop is the one our own load balancer appended; earlier ones
                    // come from the client and can be anything.
                    .split(',')
                    .next_back()?
                    .trim()
                    .parse()
                    .ok()
            })
            .flatten();
        forwarded.or(peer).unwrap_or(IpAddr::from([0, 0, 0, 0]))
    }

    /// The link that opens the lookup with the ticket number and query code filled in.
    pub fn tracking_url(&self, ticket_no: &TicketNo, code: &QueryCode) -> String {
        format!(
            "{}/track?no={ticket_no}&code={}",
            self.public_url,
            code.as_str()
        )
    }
}

/// An SVG QR code of `text` (the tracking link on the success page), scanned from paper or
/// another phone's screen: error correction M, at least 200 px with its quiet zone.
pub fn qr_svg(text: &str) -> Option<String> {
    let qr =
        qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M).ok()?;
    Some(
        qr.render::<qrcode::render::svg::Color>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_verifies_only_with_its_own_ticket_and_secret() {
        let no = TicketNo::parse("20261122-000001").unwrap();
        let other = TicketNo::parse("20261122-000002").unwrap();
        let code = QueryCode::parse("ABCD2345").unwrap();
        let wrong = QueryCode::parse("ABCD2346").unwrap();
        let h = CodeHasher::new(b"secret-one");
        let stored = h.hash(&no, &code);
        assert!(h.verify(&no, &code, &stored));
        assert!(!h.verify(&no, &wrong, &stored));
        assert!(!h.verify(&other, &code, &stored));
        assert!(!CodeHasher::new(b"secret-two").verify(&no, &code, &stored));
        assert!(!stored.contains("ABCD2345"));
    }
}
