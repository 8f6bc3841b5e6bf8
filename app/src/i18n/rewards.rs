//! The snap-and-report and reward texts (随手拍, 市民通, verification, payouts).
use super::texts::texts;
use crate::model::near_dup::HASH_BITS;
use crate::model::reward::{
    NoAward, Verdict, NICKNAME_MAX_CHARS, NICKNAME_MAX_DIGITS, NICKNAME_MIN_CHARS,
};
use crate::model::reward_view::RewardState;

impl RewardTexts {
    /// Where a payout stands: paid (when), or awaiting payment.
    pub fn payout_state(&self, paid_at: Option<chrono::DateTime<chrono::Utc>>) -> String {
        match paid_at {
            Some(at) => format!("{} · {}", self.paid, self.locale.datetime(at)),
            None => self.awaiting_payment.into(),
        }
    }
}

texts! {
    /// The reward pages and the console's verification and payout sections.
    pub struct RewardTexts {
        rewards_nav: "市民通", "Rewards";
        snap_intro: "拍下问题，点选类别即提交。", "Photograph the problem, then tap its category to send.";
        take_photo: "📷 拍照", "📷 Take a photo";
        another_photo: "再拍一张", "Add another";
        place_auto: "根据定位", "from your position";
        place_change: "更改位置", "Change place";
        snap_locate_failed:
            "无法获取定位，请选择区县和街道。",
            "Your position is not available: choose the district and street.";
        street_optional: "街道（选填）", "Street (optional)";
        text_placeholder: "补充一句（选填）", "One line more (optional)";
        tap_to_send: "选择问题类别，即提交：", "Tap the problem's category to send:";
        sending: "正在提交…", "Sending…";
        signed_in_as: "已登录市民通：", "Signed in as ";
        anonymous_note:
            "未登录：可以匿名提交，但不计积分。",
            "Not signed in: you can send anonymously, but earn no points.";
        photo_first: "请先拍照。", "Take a photo first.";
        place_first: "请先选择区县和街道。", "Choose the district and street first.";
        snap_done: "已提交，感谢您的举报！", "Sent. Thank you for reporting!";
        snap_done_points:
            "工作人员核验有效后，积分将计入您的市民通账户。",
            "Points are credited to your account once staff verify the report.";
        snap_again: "再拍一件", "Snap another";
        rules_title: "市民通 · 有奖举报", "Reward scheme (有奖举报)";
        rules_intro:
            "注册市民通后“随手拍”举报城市管理问题，经工作人员核验有效，按类别计积分，积分分批发放奖金。",
            "Register, snap city-management problems, and each report staff verify as valid earns points by category; points are paid out in batches.";
        rates_title: "积分标准", "Points per report";
        per_report: "分/件", "points each";
        first_only:
            "同一问题仅首位举报人计分：与在办工单重复、核验无效、或照片与既往举报完全相同的，不计分；照片与既往举报高度相似的，由工作人员比对核验。",
            "First reporter only: reports that duplicate an open case, are invalid, or whose photo is byte for byte an earlier one earn nothing; photos very similar to earlier ones are compared by staff.";
        leaderboard_title: "月度排行榜", "Monthly leaderboard";
        leaderboard_empty: "本月暂无计分。", "No points this month yet.";
        col_rank: "名次", "Rank";
        col_nickname: "昵称", "Nickname";
        col_points: "积分", "Points";
        col_snaps: "有效举报", "Valid reports";
        show: "查看", "Show";
        join_title: "注册市民通", "Join the reward scheme";
        join_intro:
            "用手机号注册；昵称用于公开排行榜。实名和收款账号仅在领取奖励时填写。",
            "Register with your mobile; the nickname shows on the public leaderboard. Your real name and payout account are asked for only when you claim a payout.";
        send_code: "获取验证码", "Send code";
        code_label: "短信验证码", "Code from the text message";
        nickname_label: "昵称（公开显示）", "Nickname (public)";
        register: "注册并登录", "Register and sign in";
        have_account: "已有账号？登录", "Have an account? Sign in";
        signin_title: "登录市民通", "Sign in";
        no_account: "还没有账号？注册", "No account yet? Register";
        forgot: "忘记密码？", "Forgot your password?";
        reset_title: "重设密码", "Reset password";
        new_password: "新密码", "New password";
        reset_submit: "重设并登录", "Reset and sign in";
        password_reset: "密码已重设，其他设备已退出登录。", "Password reset; other devices were signed out.";
        me_title: "我的市民通", "My rewards";
        welcome: "注册成功，欢迎加入市民通！", "Registered. Welcome!";
        balance: "积分余额", "Balance";
        unpaid: "待发放", "To be paid";
        in_batch: "发放中", "Being paid";
        my_snaps: "我的随手拍", "My snap reports";
        no_snaps: "还没有随手拍举报。", "No snap reports yet.";
        col_time: "时间", "Time";
        col_verdict: "核验", "Verification";
        col_state: "奖励", "Reward";
        payouts_mine: "发放记录", "Payouts";
        no_payouts: "暂无发放记录。", "No payouts yet.";
        batch: "批次", "Batch";
        claim_title: "领取奖励：收款信息", "Claiming payouts: payment details";
        claim_intro:
            "仅在领取奖励时需要实名与收款账号，只提供给财务发放，不会公开。",
            "A real name and payout account are needed only to be paid; they go to the finance office and are never public.";
        real_name_label: "真实姓名", "Real name";
        account_label: "收款账号（银行卡号或支付宝账号）", "Payout account (bank card or Alipay)";
        save: "保存", "Save";
        claim_saved: "收款信息已保存。", "Payment details saved.";
        claimed_as: "收款人", "Payee";
        payout_code_intro:
            "填写或修改收款信息，需要发往本账号手机的短信验证码。",
            "Giving or changing payment details needs a code texted to this account's mobile.";
        payout_code_send: "发送验证码到我的手机", "Text a code to my mobile";
        review_title: "随手拍核验", "Snap report verification";
        reporter: "举报人（市民通昵称）", "Reporter (nickname)";
        anonymous: "匿名（不计积分）", "Anonymous (earns nothing)";
        mostly_invalid_flag:
            "⚠ 该举报人多数举报核验无效，请仔细核验。",
            "⚠ Most of this reporter's reports were not valid: check carefully.";
        near_title: "疑似重复照片（与既往照片比对）", "Possible repeated photos (compared with earlier photos)";
        this_photo: "本件照片", "This case";
        earlier_photo: "既往照片", "Earlier photo";
        no_matches: "未发现相似的既往照片。", "No similar earlier photo found.";
        rate_of_category: "本类别积分", "Points of the category";
        verdict_label: "核验结论", "Verdict";
        note_label: "核验说明（选填）", "Note (optional)";
        verify_submit: "提交核验", "Record verdict";
        verified_by: "核验人", "Verified by";
        points_credited: "计入积分", "Points credited";
        verified_done: "核验已记录。", "Verdict recorded.";
        payouts_title: "积分发放", "Payouts";
        payouts_intro:
            "发放批次包含全部已核验、未发放的积分；未填写收款信息或收款账号被多个账号共用的积分暂缓发放。导出表格交财务发放后，标记为已发放。",
            "A batch takes every verified unpaid point; points of reporters without payment details, or whose account several accounts share, are held. Export the sheet for the finance office, then mark the batch paid.";
        ready: "可发放积分", "Points ready to pay";
        held: "暂缓发放积分", "Points held";
        create_batch: "生成发放批次", "Create payout batch";
        batches_title: "发放批次", "Payout batches";
        no_batches: "还没有发放批次。", "No batches yet.";
        col_batch_created: "生成时间", "Created";
        col_reporters: "人数", "Reporters";
        col_amount: "金额（元）", "Amount (yuan)";
        export_csv: "导出 CSV", "Export CSV";
        export_xlsx: "导出 Excel", "Export Excel";
        mark_paid: "标记为已发放", "Mark paid";
        paid: "已发放", "Paid";
        awaiting_payment: "待发放", "Awaiting payment";
        flags_title: "风险提示", "Fraud flags";
        flag_mostly_invalid: "多数举报核验无效的举报人", "Reporters whose reports are mostly not valid";
        flag_shared: "被多个账号共用的收款账号", "Payout accounts shared by several accounts";
        no_flags: "暂无。", "None.";
        batch_created: "发放批次已生成。", "Payout batch created.";
        batch_paid: "已标记为已发放。", "Marked paid.";
    }
    impl {
        /// The caps of the city's reward rules.
        fn caps(daily: u32, weekly: u32) -> String {
            zh: format!("每人每日最多 {daily} 分，每周（周一至周日）最多 {weekly} 分。"),
            en: format!("At most {daily} points a day and {weekly} points a week (Monday to Sunday) per reporter."),
        }
        /// What a point is worth, as the rules' decimal yuan amount.
        fn point_value(yuan: &str) -> String {
            zh: format!("1 积分 = {yuan} 元，按发放批次统一发放。"),
            en: format!("1 point = {yuan} yuan, paid in payout batches."),
        }
        fn nickname_hint() -> String {
            zh: format!(
                "{NICKNAME_MIN_CHARS}–{NICKNAME_MAX_CHARS} 个字，可用汉字、字母、数字（最多 {NICKNAME_MAX_DIGITS} 个）、_ 或 -；排行榜公开显示，请勿使用手机号或真实姓名"
            ),
            en: format!(
                "{NICKNAME_MIN_CHARS}–{NICKNAME_MAX_CHARS} letters, digits (at most {NICKNAME_MAX_DIGITS}), _ or -; shown on the public leaderboard, so no phone number or real name"
            ),
        }
        /// A reporter's earlier verdicts.
        fn record(valid: i64, bad: i64) -> String {
            zh: format!("既往核验：有效 {valid} 件，无效/重复 {bad} 件"),
            en: format!("Earlier verdicts: {valid} valid, {bad} invalid or duplicate"),
        }
        fn exact_repeat_flag(ticket_no: &str) -> String {
            zh: format!("⚠ 照片与工单 {ticket_no} 上传的照片完全相同：不计积分。"),
            en: format!("⚠ A photo is exactly the upload of ticket {ticket_no}: no points."),
        }
        /// How far a photo's perceptual hash is from an earlier one's.
        fn near_distance(bits: i64) -> String {
            zh: format!("差异度 {bits}/{HASH_BITS}"),
            en: format!("difference {bits}/{HASH_BITS}"),
        }
        fn verdict(verdict: Verdict) -> &'static str {
            zh: match verdict {
                Verdict::Valid => "有效",
                Verdict::Invalid => "无效",
                Verdict::Duplicate => "重复（非首报）",
            },
            en: match verdict {
                Verdict::Valid => "Valid",
                Verdict::Invalid => "Invalid",
                Verdict::Duplicate => "Duplicate (not first)",
            },
        }
        fn reward_state(state: RewardState) -> &'static str {
            zh: match state {
                RewardState::Pending => "待核验",
                RewardState::NoPoints => "不计分",
                RewardState::Earned => "已计分",
                RewardState::InBatch => "发放中",
                RewardState::Paid => "已发放",
            },
            en: match state {
                RewardState::Pending => "To verify",
                RewardState::NoPoints => "No points",
                RewardState::Earned => "Credited",
                RewardState::InBatch => "Being paid",
                RewardState::Paid => "Paid",
            },
        }
        fn no_award(reason: NoAward) -> &'static str {
            zh: match reason {
                NoAward::Anonymous => "匿名提交，不计积分",
                NoAward::NotValid => "核验无效或重复，不计积分",
                NoAward::ExactRepeat => "照片与既往举报完全相同，不计积分",
                NoAward::CapReached => "已达每日或每周积分上限",
            },
            en: match reason {
                NoAward::Anonymous => "Sent anonymously: no points",
                NoAward::NotValid => "Not valid or a duplicate: no points",
                NoAward::ExactRepeat => "Photo identical to an earlier report: no points",
                NoAward::CapReached => "Daily or weekly cap reached",
            },
        }
    }
}
