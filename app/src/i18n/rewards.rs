//! The snap-and-report and reward strings (随手拍, 市民通, verification, payouts), one struct
//! per language. `{x}` marks a value filled in by the page.
use super::rewards_tables::{EN, ZH};
use super::Locale;
use crate::model::reward::{NoAward, Verdict};
use crate::model::reward_view::RewardState;

pub struct RewardTexts {
    pub snap_nav: &'static str,
    pub rewards_nav: &'static str,
    pub home_snap: &'static str,
    pub home_snap_hint: &'static str,
    pub snap_title: &'static str,
    pub snap_intro: &'static str,
    pub take_photo: &'static str,
    pub add_photo: &'static str,
    pub remove_photo: &'static str,
    pub locating: &'static str,
    pub place_auto: &'static str,
    pub place_change: &'static str,
    pub locate_failed: &'static str,
    pub street_optional: &'static str,
    pub text_placeholder: &'static str,
    pub tap_to_send: &'static str,
    pub sending: &'static str,
    pub signed_in_as: &'static str,
    pub anonymous_note: &'static str,
    pub photo_first: &'static str,
    pub place_first: &'static str,
    pub snap_done: &'static str,
    pub snap_done_points: &'static str,
    pub snap_again: &'static str,
    pub rules_title: &'static str,
    pub rules_intro: &'static str,
    pub rates_title: &'static str,
    pub per_report: &'static str,
    pub caps: &'static str,
    pub point_value: &'static str,
    pub first_only: &'static str,
    pub leaderboard_title: &'static str,
    pub leaderboard_empty: &'static str,
    pub col_rank: &'static str,
    pub col_nickname: &'static str,
    pub col_points: &'static str,
    pub col_snaps: &'static str,
    pub month_label: &'static str,
    pub show: &'static str,
    pub join_title: &'static str,
    pub join_intro: &'static str,
    pub mobile_label: &'static str,
    pub send_code: &'static str,
    pub code_sent: &'static str,
    pub code_label: &'static str,
    pub nickname_label: &'static str,
    pub nickname_hint: &'static str,
    pub password_label: &'static str,
    pub password_hint: &'static str,
    pub register: &'static str,
    pub have_account: &'static str,
    pub signin_title: &'static str,
    pub signin: &'static str,
    pub no_account: &'static str,
    pub forgot: &'static str,
    pub reset_title: &'static str,
    pub new_password: &'static str,
    pub reset_submit: &'static str,
    pub password_reset: &'static str,
    pub sign_out: &'static str,
    pub me_title: &'static str,
    pub welcome: &'static str,
    pub balance: &'static str,
    pub unpaid: &'static str,
    pub in_batch: &'static str,
    pub paid_total: &'static str,
    pub my_snaps: &'static str,
    pub no_snaps: &'static str,
    pub col_ticket: &'static str,
    pub col_category: &'static str,
    pub col_time: &'static str,
    pub col_verdict: &'static str,
    pub col_state: &'static str,
    pub payouts_mine: &'static str,
    pub no_payouts: &'static str,
    pub batch: &'static str,
    pub claim_title: &'static str,
    pub claim_intro: &'static str,
    pub real_name_label: &'static str,
    pub account_label: &'static str,
    pub save: &'static str,
    pub claim_saved: &'static str,
    pub claimed_as: &'static str,
    pub payout_code_intro: &'static str,
    pub payout_code_send: &'static str,
    pub payout_code_sent: &'static str,
    pub review_title: &'static str,
    pub reporter: &'static str,
    pub anonymous: &'static str,
    pub record: &'static str,
    pub mostly_invalid_flag: &'static str,
    pub exact_repeat_flag: &'static str,
    pub near_title: &'static str,
    pub near_distance: &'static str,
    pub this_photo: &'static str,
    pub earlier_photo: &'static str,
    pub no_matches: &'static str,
    pub rate_of_category: &'static str,
    pub verdict_label: &'static str,
    pub note_label: &'static str,
    pub verify_submit: &'static str,
    pub verified_by: &'static str,
    pub points_credited: &'static str,
    pub verified_done: &'static str,
    pub payouts_title: &'static str,
    pub payouts_intro: &'static str,
    pub ready: &'static str,
    pub held: &'static str,
    pub create_batch: &'static str,
    pub batches_title: &'static str,
    pub no_batches: &'static str,
    pub col_created: &'static str,
    pub col_reporters: &'static str,
    pub col_amount: &'static str,
    pub col_status: &'static str,
    pub export_csv: &'static str,
    pub export_xlsx: &'static str,
    pub mark_paid: &'static str,
    pub paid: &'static str,
    pub awaiting_payment: &'static str,
    pub flags_title: &'static str,
    pub flag_mostly_invalid: &'static str,
    pub flag_shared: &'static str,
    pub no_flags: &'static str,
    pub batch_created: &'static str,
    pub batch_paid: &'static str,
}

impl Locale {
    pub fn rewards(self) -> &'static RewardTexts {
        match self {
            Locale::Zh => &ZH,
            Locale::En => &EN,
        }
    }

    pub fn verdict(self, v: Verdict) -> &'static str {
        match (self, v) {
            (Locale::Zh, Verdict::Valid) => "有效",
            (Locale::Zh, Verdict::Invalid) => "无效",
            (Locale::Zh, Verdict::Duplicate) => "重复（非首报）",
            (Locale::En, Verdict::Valid) => "Valid",
            (Locale::En, Verdict::Invalid) => "Invalid",
            (Locale::En, Verdict::Duplicate) => "Duplicate (not first)",
        }
    }

    pub fn reward_state(self, s: RewardState) -> &'static str {
        match (self, s) {
            (Locale::Zh, RewardState::Pending) => "待核验",
            (Locale::Zh, RewardState::NoPoints) => "不计分",
            (Locale::Zh, RewardState::Earned) => "已计分",
            (Locale::Zh, RewardState::InBatch) => "发放中",
            (Locale::Zh, RewardState::Paid) => "已发放",
            (Locale::En, RewardState::Pending) => "To verify",
            (Locale::En, RewardState::NoPoints) => "No points",
            (Locale::En, RewardState::Earned) => "Credited",
            (Locale::En, RewardState::InBatch) => "Being paid",
            (Locale::En, RewardState::Paid) => "Paid",
        }
    }

    pub fn no_award(self, n: NoAward) -> &'static str {
        match (self, n) {
            (Locale::Zh, NoAward::Anonymous) => "匿名提交，不计积分",
            (Locale::Zh, NoAward::NotValid) => "核验无效或重复，不计积分",
            (Locale::Zh, NoAward::ExactRepeat) => "照片与既往举报完全相同，不计积分",
            (Locale::Zh, NoAward::CapReached) => "已达每日或每周积分上限",
            (Locale::En, NoAward::Anonymous) => "Sent anonymously: no points",
            (Locale::En, NoAward::NotValid) => "Not valid or a duplicate: no points",
            (Locale::En, NoAward::ExactRepeat) => "Photo identical to an earlier report: no points",
            (Locale::En, NoAward::CapReached) => "Daily or weekly cap reached",
        }
    }
}

/// The message of a reporter account refusal (`ReporterError::code`).
pub fn reporter_error(locale: Locale, code: &str) -> &'static str {
    let (zh, en) = match code {
        "bad_mobile" => (
            "请填写正确的 11 位手机号码。",
            "Please give an 11-digit mobile number.",
        ),
        "registration_failed" => (
            "注册未完成。如该号码已有账号，请直接登录或找回密码。",
            "Registration did not complete. If this number has an account, sign in or reset the password.",
        ),
        "too_many_codes" => (
            "今天向该号码发送验证码的次数已达上限，请明天再试。",
            "No more codes for this number today: try again tomorrow.",
        ),
        "too_many_failures" => (
            "今天该号码的验证码输错次数过多，请明天再试。",
            "Too many wrong codes for this number today: try again tomorrow.",
        ),
        "too_soon" => (
            "验证码已发送，请 1 分钟后再获取。",
            "A code was just sent: wait a minute before asking again.",
        ),
        "bad_code" => (
            "验证码不正确或已过期，请重新获取。",
            "The code is wrong or expired: ask for a new one.",
        ),
        "bad_nickname" => (
            "昵称须为 2–16 个字，可用汉字、字母、数字、_ 或 -。",
            "Nicknames are 2–16 letters, digits, _ or -.",
        ),
        "nickname_taken" => (
            "该昵称已被使用，请换一个。",
            "That nickname is taken: choose another.",
        ),
        "weak_password" => ("密码至少 10 位。", "Passwords have at least 10 characters."),
        "bad_credentials" => ("手机号或密码不正确。", "Wrong mobile or password."),
        "rate_limited" => (
            "尝试太频繁，请稍后再试。",
            "Too many attempts: try again in a minute.",
        ),
        "signed_out" => ("请先登录市民通。", "Please sign in first."),
        "bad_real_name" => (
            "请填写真实姓名（2–30 字）。",
            "Please give your real name (2–30 characters).",
        ),
        "bad_account" => (
            "收款账号须为 6–40 位字母或数字。",
            "Payout accounts are 6–40 letters and digits.",
        ),
        "send_failed" => (
            "短信发送失败，请稍后再试。",
            "The text message could not be sent: try again later.",
        ),
        _ => (
            "服务器暂时出错，请稍后再试。",
            "Something went wrong on the server; please try again.",
        ),
    };
    match locale {
        Locale::Zh => zh,
        Locale::En => en,
    }
}
