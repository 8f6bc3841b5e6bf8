//! The reward scheme (有奖举报) for snap reports: the snap categories with their points, the
//! verifier's verdicts, and how many points a verified snap earns (first reporter only, daily
//! and weekly caps per reporter). Pure rules; the ledger that records them is in storage.
use super::city::Name;
use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// One of the big buttons of `/snap`: an icon, a name, the city category the case gets, and
/// the points a valid report of it earns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SnapCategory {
    pub code: String,
    pub icon: String,
    pub name: Name,
    /// The category leaf of the city file the ticket is filed under.
    pub category: String,
    pub points: u32,
}

/// The city's reward rules (`[rewards]` in the city file).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RewardRules {
    /// At most this many points per reporter for the snaps of one day (Beijing time).
    pub daily_cap: u32,
    /// At most this many points per reporter for the snaps of one week (Monday to Sunday).
    pub weekly_cap: u32,
    /// What one point pays, in fen (分): money is an integer.
    pub fen_per_point: u32,
}

impl Default for RewardRules {
    fn default() -> Self {
        RewardRules {
            daily_cap: 20,
            weekly_cap: 60,
            fen_per_point: 100,
        }
    }
}

/// Why a payout batch could not be made or paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum PayoutRefusal {
    #[error("no verified unpaid points to pay")]
    NothingToPay,
    #[error("the batch is paid already")]
    AlreadyPaid,
}

coded_enum! {
    /// The verifier's finding on a snap report.
    pub enum Verdict {
        /// A real problem, reported first: earns points.
        Valid = "valid",
        /// Not a problem, not in the city, unreadable photo, staged…
        Invalid = "invalid",
        /// Reports a problem an open case already has: earns nothing (first reporter only).
        Duplicate = "duplicate",
    }
}

coded_enum! {
    /// Why a verified snap earned no points (or fewer than its rate).
    pub enum NoAward {
        /// Sent without signing in.
        Anonymous = "anonymous",
        /// The verdict was invalid or duplicate.
        NotValid = "not_valid",
        /// A photo is byte for byte one sent before.
        ExactRepeat = "exact_repeat",
        /// The reporter reached the day's or week's cap.
        CapReached = "cap_reached",
    }
}

/// What the reporter already earned in the snap's day and week.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Earned {
    pub day: u32,
    pub week: u32,
}

/// The points a verified snap earns: its category's rate, cut to what the caps leave.
pub fn award(
    verdict: Verdict,
    signed_in: bool,
    exact_repeat: bool,
    rate: u32,
    earned: Earned,
    rules: &RewardRules,
) -> Result<u32, NoAward> {
    if !signed_in {
        return Err(NoAward::Anonymous);
    }
    if verdict != Verdict::Valid {
        return Err(NoAward::NotValid);
    }
    if exact_repeat {
        return Err(NoAward::ExactRepeat);
    }
    let points = rate
        .min(rules.daily_cap.saturating_sub(earned.day))
        .min(rules.weekly_cap.saturating_sub(earned.week));
    if points == 0 {
        Err(NoAward::CapReached)
    } else {
        Ok(points)
    }
}

/// The Monday and Sunday of the week `day` is in (the weekly cap's window).
pub fn week_of(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = day - Days::new(u64::from(day.weekday().num_days_from_monday()));
    (monday, monday + Days::new(6))
}

/// Yuan with two decimals, for an amount in fen.
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let fen = fen.unsigned_abs();
    format!("{sign}{}.{:02}", fen / 100, fen % 100)
}

/// A reporter's points, all derived from the ledger.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Points {
    /// Every award so far.
    pub earned: i64,
    /// Awards in a batch that is not paid yet.
    pub in_batch: i64,
    /// Awards in paid batches.
    pub paid: i64,
}

impl Points {
    /// The ledger's sum: earned minus paid.
    pub fn balance(&self) -> i64 {
        self.earned - self.paid
    }

    /// Earned and not in any batch yet.
    pub fn unpaid(&self) -> i64 {
        self.balance() - self.in_batch
    }
}

/// A reporter is flagged for the verifier when most of at least this many verdicts were not
/// valid.
pub const FLAG_MIN_VERDICTS: i64 = 5;

/// Whether a reporter's record is mostly invalid reports (invalid or duplicate).
pub fn mostly_invalid(valid: i64, not_valid: i64) -> bool {
    valid + not_valid >= FLAG_MIN_VERDICTS && not_valid * 2 > valid + not_valid
}

/// Fewest characters in a nickname.
pub const NICKNAME_MIN_CHARS: usize = 2;

/// Most characters in a nickname.
pub const NICKNAME_MAX_CHARS: usize = 16;

/// Most digits in a nickname: a mobile, QQ or ID number never shows on a public list.
pub const NICKNAME_MAX_DIGITS: usize = 4;

/// Whether a nickname reads like a Chinese personal name: 2–4 Chinese characters that start
/// with a surname.
pub fn looks_like_a_name(s: &str) -> bool {
    let n = s.chars().count();
    let han = s.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    han && (2..=4).contains(&n) && super::surnames::starts_with_surname(s)
}

/// A nickname for public lists: 2–16 characters, letters (any script), digits, `_` and `-`;
/// no spaces, so one nickname cannot pose as another by spacing; at most
/// `NICKNAME_MAX_DIGITS` digits (no phone or ID number) and nothing that reads like a real
/// name (`looks_like_a_name`): the leaderboard is public.
pub fn parse_nickname(input: &str) -> Option<String> {
    let s = input.trim();
    let n = s.chars().count();
    let ok = (NICKNAME_MIN_CHARS..=NICKNAME_MAX_CHARS).contains(&n)
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        && s.chars().filter(|c| c.is_numeric()).count() <= NICKNAME_MAX_DIGITS
        && !looks_like_a_name(s);
    ok.then(|| s.to_string())
}

/// Fewest letters and digits in a payout account.
pub const PAYOUT_ACCOUNT_MIN_CHARS: usize = 6;

/// Most letters and digits in a payout account.
pub const PAYOUT_ACCOUNT_MAX_CHARS: usize = 40;

/// A payout account (bank card or e-wallet number): 6–40 letters and digits once spaces and
/// dashes are removed; upper case, so the same account written twice compares equal.
pub fn parse_payout_account(input: &str) -> Option<String> {
    let s: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect();
    let ok = (PAYOUT_ACCOUNT_MIN_CHARS..=PAYOUT_ACCOUNT_MAX_CHARS).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_alphanumeric());
    ok.then_some(s)
}

/// Fewest characters in a reporter's real name (for payouts).
pub const REAL_NAME_MIN_CHARS: usize = 2;

/// Most characters in a reporter's real name.
pub const REAL_NAME_MAX_CHARS: usize = 30;

/// A real name for payouts: runs of white space become one space; 2–30 characters, no control
/// characters.
pub fn parse_real_name(input: &str) -> Option<String> {
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = name.chars().count();
    let ok = (REAL_NAME_MIN_CHARS..=REAL_NAME_MAX_CHARS).contains(&n)
        && !name.chars().any(char::is_control);
    ok.then_some(name)
}

/// Shows the last 4 characters of an account only.
pub fn mask_account(account: &str) -> String {
    let n = account.chars().count();
    let tail: String = account.chars().skip(n.saturating_sub(4)).collect();
    format!("****{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const RULES: RewardRules = RewardRules {
        daily_cap: 10,
        weekly_cap: 25,
        fen_per_point: 100,
    };

    fn earned(day: u32, week: u32) -> Earned {
        Earned { day, week }
    }

    #[test]
    fn a_valid_snap_by_a_signed_in_reporter_earns_its_rate() {
        assert_eq!(
            award(Verdict::Valid, true, false, 3, earned(0, 0), &RULES),
            Ok(3)
        );
    }

    #[test]
    fn anonymous_invalid_duplicate_and_exact_repeats_earn_nothing() {
        let e = earned(0, 0);
        assert_eq!(
            award(Verdict::Valid, false, false, 3, e, &RULES),
            Err(NoAward::Anonymous)
        );
        assert_eq!(
            award(Verdict::Invalid, true, false, 3, e, &RULES),
            Err(NoAward::NotValid)
        );
        assert_eq!(
            award(Verdict::Duplicate, true, false, 3, e, &RULES),
            Err(NoAward::NotValid)
        );
        assert_eq!(
            award(Verdict::Valid, true, true, 3, e, &RULES),
            Err(NoAward::ExactRepeat)
        );
    }

    #[test]
    fn the_caps_cut_the_last_award_of_a_day_and_of_a_week() {
        assert_eq!(
            award(Verdict::Valid, true, false, 3, earned(8, 8), &RULES),
            Ok(2)
        );
        assert_eq!(
            award(Verdict::Valid, true, false, 3, earned(10, 10), &RULES),
            Err(NoAward::CapReached)
        );
        assert_eq!(
            award(Verdict::Valid, true, false, 3, earned(0, 24), &RULES),
            Ok(1)
        );
        assert_eq!(
            award(Verdict::Valid, true, false, 3, earned(0, 25), &RULES),
            Err(NoAward::CapReached)
        );
    }

    #[test]
    fn weeks_run_monday_to_sunday() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(week_of(d("2026-11-24")), (d("2026-11-23"), d("2026-11-29")));
        assert_eq!(week_of(d("2026-11-23")), (d("2026-11-23"), d("2026-11-29")));
        assert_eq!(week_of(d("2026-11-29")), (d("2026-11-23"), d("2026-11-29")));
        assert_eq!(week_of(d("2027-01-01")), (d("2026-12-28"), d("2027-01-03")));
    }

    #[test]
    fn money_is_shown_in_yuan_with_two_decimals() {
        assert_eq!(yuan(0), "0.00");
        assert_eq!(yuan(305), "3.05");
        assert_eq!(yuan(3_300_000), "33000.00");
        assert_eq!(yuan(-50), "-0.50");
    }

    #[test]
    fn nicknames_and_payout_accounts_are_checked_and_normalised() {
        assert_eq!(parse_nickname(" 拍客老王 "), Some("拍客老王".into()));
        assert_eq!(parse_nickname("a"), None);
        assert_eq!(parse_nickname("老 王"), None);
        assert_eq!(parse_nickname("<script>"), None);
        // Public lists show no phone number and no real name.
        for bad in [
            "13912340000",
            "１３９１２３４００００",
            "qq12345678",
            "张三",
            "欧阳标记",
            "王小明",
        ] {
            assert_eq!(parse_nickname(bad), None, "{bad}");
        }
        for good in ["拍客老王", "小张", "街道观察员", "snap2026", "老王_拍客"] {
            assert!(parse_nickname(good).is_some(), "{good}");
        }
        assert_eq!(
            parse_payout_account("6222 0210-0112 3456"),
            Some("6222021001123456".into())
        );
        assert_eq!(
            parse_payout_account("alipay88 66"),
            Some("ALIPAY8866".into())
        );
        assert_eq!(parse_payout_account("12345"), None);
        assert_eq!(parse_payout_account("6222！0210"), None);
        assert_eq!(mask_account("6222021001123456"), "****3456");
    }

    #[test]
    fn a_reporter_is_flagged_when_most_of_five_or_more_verdicts_are_not_valid() {
        assert!(!mostly_invalid(0, 4));
        assert!(mostly_invalid(2, 3));
        assert!(!mostly_invalid(3, 3));
        assert!(!mostly_invalid(10, 2));
    }

    proptest! {
        /// Whatever the order of verdicts, a reporter's awards never pass either cap, and a
        /// valid snap is cut only by a cap.
        #[test]
        fn caps_hold_for_any_sequence_of_snaps(
            snaps in proptest::collection::vec((0u32..14, 1u32..8, any::<bool>()), 0..120)
        ) {
            let start = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(); // a Monday
            let mut by_day = std::collections::BTreeMap::<NaiveDate, u32>::new();
            for (offset, rate, valid) in snaps {
                let day = start + Days::new(u64::from(offset));
                let (monday, sunday) = week_of(day);
                let week: u32 = by_day.range(monday..=sunday).map(|(_, p)| p).sum();
                let e = earned(by_day.get(&day).copied().unwrap_or(0), week);
                let verdict = if valid { Verdict::Valid } else { Verdict::Invalid };
                match award(verdict, true, false, rate, e, &RULES) {
                    Ok(p) => {
                        prop_assert!(valid && p >= 1 && p <= rate);
                        prop_assert!(p == rate || e.day + p == RULES.daily_cap || e.week + p == RULES.weekly_cap);
                        *by_day.entry(day).or_default() += p;
                    }
                    Err(NoAward::CapReached) => prop_assert!(
                        valid && (e.day >= RULES.daily_cap || e.week >= RULES.weekly_cap)
                    ),
                    Err(other) => prop_assert!(!valid && other == NoAward::NotValid),
                }
            }
            for (day, points) in &by_day {
                prop_assert!(*points <= RULES.daily_cap);
                let (monday, sunday) = week_of(*day);
                let week: u32 = by_day.range(monday..=sunday).map(|(_, p)| p).sum();
                prop_assert!(week <= RULES.weekly_cap);
            }
        }
    }
}
