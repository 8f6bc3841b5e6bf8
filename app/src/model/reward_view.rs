//! What the reward pages show: a reporter's own page, the leaderboard, the verifier's section
//! of a snap case, and the administrator's payout page.
use super::reward::{NoAward, Points, Verdict};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where a snap's reward stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RewardState {
    /// Waiting for the verifier.
    Pending,
    /// Verified; no points (why: see the verdict, or anonymous/exact repeat/cap).
    NoPoints,
    /// Points earned, not in a batch yet.
    Earned,
    /// In a payout batch the finance office has not paid yet.
    InBatch,
    Paid,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MySnap {
    pub ticket_no: String,
    pub category: String,
    pub created_at: DateTime<Utc>,
    pub verdict: Option<Verdict>,
    pub points: i64,
    pub state: RewardState,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyPayout {
    pub batch_id: i64,
    pub created_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
    pub points: i64,
    pub yuan: String,
}

/// A reporter's own page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyRewards {
    pub nickname: String,
    pub mobile_masked: String,
    pub points: Points,
    pub balance: i64,
    pub unpaid: i64,
    pub unpaid_yuan: String,
    pub claimed: bool,
    pub real_name: Option<String>,
    pub account_masked: Option<String>,
    pub snaps: Vec<MySnap>,
    pub payouts: Vec<MyPayout>,
}

/// The rules page: categories with points, caps, and the month's leaderboard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RulesView {
    /// (icon, name, points)
    pub rates: Vec<(String, String, u32)>,
    pub daily_cap: u32,
    pub weekly_cap: u32,
    pub yuan_per_point: String,
    /// `YYYY-MM` of the leaderboard.
    pub month: String,
    /// (rank, nickname, points, valid snaps)
    pub leaders: Vec<(usize, String, i64, i64)>,
    pub signed_in: Option<String>,
}

/// A near-duplicate photo beside the new one, for the verifier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MatchView {
    pub photo: i64,
    pub distance: i64,
    pub new_thumb_url: String,
    pub earlier_thumb_url: String,
    pub earlier_display_url: String,
    pub earlier_ticket_no: String,
    pub earlier_created_at: DateTime<Utc>,
}

/// The verifier's section of a snap case.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SnapReview {
    pub category: String,
    pub rate: u32,
    /// Nickname, or none for an anonymous snap.
    pub reporter: Option<String>,
    /// The reporter's valid and not-valid verdicts so far.
    pub record: (i64, i64),
    pub mostly_invalid: bool,
    pub exact_repeat_of: Option<String>,
    pub matches: Vec<MatchView>,
    pub verdict: Option<Verdict>,
    pub verdict_note: String,
    pub verified_by: Option<String>,
    pub points: Option<i64>,
    /// Whether the viewer may give the verdict now.
    pub can_verify: bool,
}

/// The outcome of a verdict: points credited, or why none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VerifyOutcome {
    Credited(u32),
    Nothing(NoAward),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BatchView {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub paid_at: Option<DateTime<Utc>>,
    pub reporters: i64,
    pub points: i64,
    pub yuan: String,
}

/// The administrator's payout page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PayoutsView {
    pub me: super::console::Me,
    pub ready_points: i64,
    pub held_points: i64,
    pub batches: Vec<BatchView>,
    /// (nickname, valid, not valid)
    pub mostly_invalid: Vec<(String, i64, i64)>,
    /// (masked account, nicknames)
    pub shared_accounts: Vec<(String, Vec<String>)>,
}
