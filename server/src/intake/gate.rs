//! Bounds on the submissions received at once: slots and buffered bytes.
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// What a busy server asks the client to wait before trying again.
pub(super) const RETRY_AFTER_SECS: u64 = 10;

/// Bounds on the submissions being received at once.
#[derive(Clone, Copy, Debug)]
pub struct UploadBounds {
    /// Submissions received and processed at once.
    pub in_flight: usize,
    /// Bytes of all submissions held in memory at once.
    pub buffer_bytes: u64,
    /// Time to send a whole submission.
    pub body_timeout: Duration,
}

/// The shared counters behind [`UploadBounds`]. When either is exhausted, a submission is
/// answered `503` with `Retry-After` at once instead of waiting in an unbounded queue.
#[derive(Clone)]
pub struct UploadGate {
    pub(super) slots: Arc<Semaphore>,
    pub(super) bytes: Arc<Semaphore>,
    pub(super) body_timeout: Duration,
}

impl UploadGate {
    pub fn new(bounds: UploadBounds) -> UploadGate {
        UploadGate {
            slots: Arc::new(Semaphore::new(bounds.in_flight)),
            bytes: Arc::new(Semaphore::new(bounds.buffer_bytes as usize)),
            body_timeout: bounds.body_timeout,
        }
    }
}

/// Upload bytes one submission holds in memory, given back when it is dropped.
pub(super) struct Buffered {
    pub(super) pool: Arc<Semaphore>,
    pub(super) held: usize,
}

impl Buffered {
    /// Counts `n` more bytes; `false` when the shared budget has no room.
    pub(super) fn take(&mut self, n: usize) -> bool {
        let Ok(n32) = u32::try_from(n) else {
            return false;
        };
        match self.pool.try_acquire_many(n32) {
            Ok(permit) => {
                permit.forget();
                self.held += n;
                true
            }
            Err(_) => false,
        }
    }
}

impl Drop for Buffered {
    fn drop(&mut self) {
        self.pool.add_permits(self.held);
    }
}
