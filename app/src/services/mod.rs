//! Services (server only): the rules that need I/O. Server functions and HTTP handlers call
//! these; these call storage.
pub mod accounts;
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
pub mod photo_access;
pub mod photos;
pub mod places;
pub mod queues;
pub mod repeats;
pub mod reporters;
pub mod rewards;
pub mod sms;
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

/// A case's photos, linked as `link` says (plain for board cases and staff pages, signed for
/// the reporter), in the citizen's order.
pub async fn case_photos(
    state: &AppState,
    ticket_id: i64,
    link: photo_access::Link,
) -> Result<Vec<crate::model::case::PublicPhoto>, cases::CaseError> {
    use crate::model::case::PublicPhoto;
    let now = chrono::Utc::now();
    Ok(crate::storage::tickets::photos(&state.db, ticket_id)
        .await
        .map_err(cases::internal)?
        .iter()
        .map(|p| PublicPhoto {
            thumb_url: photo_access::url(state, &p.thumb_key, link, now),
            display_url: photo_access::url(state, &p.display_key, link, now),
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

/// The key a client address is rate limited under: IPv4 as is, IPv6 by its /64 network.
pub fn rate_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(std::net::Ipv6Addr::from(
                u128::from(v6) & !((1u128 << 64) - 1),
            )),
        },
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
    /// Sign-in and code attempts per client address (staff and reporters; the per-account
    /// throttle is in the database, `services::accounts`).
    pub signin_limiter: Arc<ClientLimiter>,
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
    pub sender: Arc<dyn sms::MessageSender>,
    /// Limits of the account stack: one-time codes, the sign-in throttle.
    pub accounts: accounts::Policy,
}

impl AppState {
    /// The client address as rate limits count it: the socket peer, or the last
    /// `X-Forwarded-For` hop (the one the trusted proxy added) when running behind it; an IPv6
    /// client by its /64 network (one household or phone gets a whole /64 and can pick any
    /// address in it), an IPv4-mapped IPv6 address as its IPv4 address.
    pub fn client_ip(&self, peer: Option<IpAddr>, headers: &http::HeaderMap) -> IpAddr {
        rate_key(self.client_addr(peer, headers))
    }

    fn client_addr(&self, peer: Option<IpAddr>, headers: &http::HeaderMap) -> IpAddr {
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

    /// Forgets the rate-limit state of clients that have been quiet long enough to be back
    /// at full allowance (the maps would otherwise grow with every address ever seen).
    /// Returns how many keys remain.
    pub fn prune_limiters(&self) -> usize {
        self.lookup_limiter.retain_recent();
        self.submit_limiter.retain_recent();
        self.signin_limiter.retain_recent();
        self.lookup_limiter.shrink_to_fit();
        self.submit_limiter.shrink_to_fit();
        self.signin_limiter.shrink_to_fit();
        self.lookup_limiter.len() + self.submit_limiter.len() + self.signin_limiter.len()
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
    fn an_ipv6_household_is_one_client_and_mapped_ipv4_is_ipv4() {
        let a: IpAddr = "2001:db8:1:2:aaaa:bbbb:cccc:dddd".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(rate_key(a), rate_key(b));
        assert_ne!(rate_key(a), rate_key(other));
        assert_eq!(rate_key(a), "2001:db8:1:2::".parse::<IpAddr>().unwrap());
        let mapped: IpAddr = "::ffff:203.0.113.7".parse().unwrap();
        assert_eq!(rate_key(mapped), "203.0.113.7".parse::<IpAddr>().unwrap());
        let v4: IpAddr = "203.0.113.7".parse().unwrap();
        assert_eq!(rate_key(v4), v4);
    }

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
