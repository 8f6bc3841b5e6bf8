//! How often and how long: the counts and lengths the workflow enforces. Refusals carry the
//! limit they hit, so messages quote these numbers rather than repeat them.

/// A department may hand the same case back at most this many times in all; after that the
/// operator escalates to a supervisor instead of bouncing it again.
pub const MAX_HAND_BACKS: u32 = 3;
/// Extension requests per case.
pub const MAX_EXTENSION_REQUESTS: u32 = 2;
/// Times a head may send a reply back; after that it is approved or supervised.
pub const MAX_REWORKS: u32 = 5;
/// Times a case may be put on the 督办 list.
pub const MAX_SUPERVISIONS: u32 = 5;
/// Times the hotline may re-assign a case from one department to another.
pub const MAX_REASSIGNMENTS: u32 = 3;
/// An extension promises a date at most this many calendar days after the request.
pub const MAX_EXTENSION_DAYS: i64 = 90;
/// Reply text: long enough to answer the actual request.
pub const REPLY_MIN_CHARS: usize = 20;
pub const REPLY_MAX_CHARS: usize = 3000;
pub const NOTE_MAX_CHARS: usize = 1000;
pub const COMMENT_MAX_CHARS: usize = 500;
