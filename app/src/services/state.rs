//! What every request shares: the database, the photo store, the city, the calendar, the
//! limits and rate limiters, the message sender.
use super::rate_limits::{rate_key, ClientLimiter};
use super::{accounts, near, sms, CodeHasher};
use crate::model::calendar::WorkCalendar;
use crate::model::{City, QueryCode, TicketNo};
use crate::storage::{photos::PhotoStore, Db};
use std::net::IpAddr;
use std::sync::Arc;
use tokio::sync::Semaphore;

/// Upload and image limits. Defaults suit phone photos; a city can change them.
#[derive(Clone, Copy, Debug)]
pub struct UploadLimits {
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

impl Default for UploadLimits {
    fn default() -> Self {
        UploadLimits {
            max_photo_bytes: 12 << 20,
            max_upload_bytes: 40 << 20,
            max_pixels: 50_000_000,
            max_decode_bytes: 512 << 20,
            display_px: 2048,
            thumb_px: 320,
        }
    }
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
    pub limits: UploadLimits,
    pub lookup_limiter: Arc<ClientLimiter>,
    pub submit_limiter: Arc<ClientLimiter>,
    /// Open311 requests filed per API key (its id).
    pub open311_limiter: Arc<governor::DefaultKeyedRateLimiter<i64>>,
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
    /// Sends text messages to mobiles: one-time codes, progress messages.
    pub sender: Arc<dyn sms::MessageSender>,
    /// The first wait (seconds) before a refused progress message is tried again.
    pub sms_retry_secs: i64,
    /// Limits of the account stack: one-time codes, the sign-in throttle.
    pub accounts: accounts::Policy,
}

impl AppState {
    /// A state for tools and tests that call the services without the HTTP server (the
    /// benchmarks, the figures fixture): generous rate limits, one-time codes logged.
    pub fn offline(
        db: Db,
        photos: PhotoStore,
        city: City,
        calendar: WorkCalendar,
        deadlines: crate::model::calendar::Limits,
        codes: CodeHasher,
    ) -> AppState {
        AppState {
            db,
            photos,
            city: Arc::new(city),
            calendar: Arc::new(calendar),
            codes,
            limits: Default::default(),
            lookup_limiter: super::per_minute_limiter(1000),
            submit_limiter: super::per_minute_limiter(1000),
            open311_limiter: super::per_minute_limiter(1000),
            signin_limiter: super::per_minute_limiter(1000),
            dummy_password_hash: "".into(),
            secure_cookies: false,
            deadlines,
            photo_permits: Arc::new(Semaphore::new(2)),
            trust_forwarded_for: false,
            public_url: "http://localhost".into(),
            near: Default::default(),
            sender: Arc::new(sms::LogSender { reveal: true }),
            sms_retry_secs: 30,
            accounts: Default::default(),
        }
    }

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
        self.open311_limiter.retain_recent();
        self.signin_limiter.retain_recent();
        self.lookup_limiter.shrink_to_fit();
        self.submit_limiter.shrink_to_fit();
        self.signin_limiter.shrink_to_fit();
        self.lookup_limiter.len()
            + self.submit_limiter.len()
            + self.signin_limiter.len()
            + self.open311_limiter.len()
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
