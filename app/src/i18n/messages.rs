//! The messages of the workflow's refusals and of the console's errors, by code.
use super::Locale;

/// Refusal codes (`Refusal::code`) and their messages: (code, zh, en).
const REFUSALS: &[(&str, &str, &str)] = &[
    (
        "wrong_role",
        "您的角色不能进行此操作。",
        "Your role may not do this.",
    ),
    (
        "other_department",
        "该工单不属于您的单位。",
        "This case belongs to another department.",
    ),
    (
        "not_now",
        "工单当前状态不能进行此操作，请刷新后查看。",
        "The case's current status does not allow this; reload to see it.",
    ),
    (
        "hand_back_window_closed",
        "已超过 1 个工作日的回退时限，请办理或申请督办协调。",
        "The one-working-day hand-back window has passed; handle the case or ask a supervisor.",
    ),
    (
        "hand_back_limit",
        "该工单回退次数已达上限，请联系督办员协调。",
        "This case has been handed back too often; ask a supervisor.",
    ),
    (
        "extension_limit",
        "延期申请次数已达上限。",
        "No more extension requests are possible.",
    ),
    (
        "extension_pending",
        "已有延期申请等待审批。",
        "An extension request is already waiting.",
    ),
    (
        "no_extension_pending",
        "没有待审批的延期申请。",
        "No extension request is waiting.",
    ),
    (
        "extension_date",
        "承诺日期须晚于当前期限，且在 90 天以内。",
        "The promised date must be after the current deadline and within 90 days.",
    ),
    (
        "rework_limit",
        "答复已退回 5 次，请审核通过或提请督办。",
        "The reply has been sent back 5 times; approve it or ask a supervisor.",
    ),
    (
        "note_required",
        "请填写原因或说明。",
        "Please give a reason.",
    ),
    (
        "note_too_long",
        "说明最多 1000 字。",
        "A note has at most 1000 characters.",
    ),
    (
        "reply_too_short",
        "答复至少 20 个字，请写明办理过程和结果。",
        "A reply needs at least 20 characters: say what was done and the result.",
    ),
    (
        "reply_too_long",
        "答复最多 3000 字。",
        "A reply has at most 3000 characters.",
    ),
    (
        "reply_placeholder",
        "答复中还有模板的【】待填写内容。",
        "The reply still contains template placeholders in 【】.",
    ),
    (
        "responder_required",
        "请填写答复人姓名。",
        "Please give the responder's name.",
    ),
    (
        "responder_phone",
        "请填写答复人的联系电话（手机或座机，如 0537-2345678）。",
        "Please give the responder's phone (mobile or landline, e.g. 0537-2345678).",
    ),
    (
        "unknown_department",
        "请选择承办单位。",
        "Please choose a department.",
    ),
    (
        "duplicate_target",
        "请填写已存在的另一工单号。",
        "Give the number of another existing case.",
    ),
    (
        "supervision_limit",
        "该工单督办次数已达上限。",
        "Supervision limit reached for this case.",
    ),
    (
        "supervision_due",
        "督办期限不能早于今天。",
        "The supervision due date cannot be in the past.",
    ),
    (
        "instruction_required",
        "请填写督办要求。",
        "Please give the supervision instruction.",
    ),
    (
        "same_department",
        "工单已在该单位，请选择其他单位。",
        "The case is already at that department; choose another.",
    ),
    (
        "reassign_limit",
        "该工单改派次数已达上限，请督办协调。",
        "This case has been re-assigned too often; supervise it instead.",
    ),
    (
        "rating_window_open",
        "评价期尚未结束。",
        "The rating period has not ended yet.",
    ),
    (
        "comment_too_long",
        "评价内容不能超过 500 字。",
        "The comment may be at most 500 characters.",
    ),
];

/// Other console error codes (`StaffError::code`) and their messages: (code, zh, en).
const STAFF_ERRORS: &[(&str, &str, &str)] = &[
    ("signed_out", "请先登录。", "Please sign in."),
    (
        "bad_credentials",
        "用户名或密码不正确，或账号已停用。",
        "Wrong username or password, or the account is disabled.",
    ),
    (
        "rate_limited",
        "尝试太频繁，请一分钟后再试。",
        "Too many attempts; try again in a minute.",
    ),
    (
        "not_found",
        "没有找到该工单，或您无权查看。",
        "No such case, or you may not see it.",
    ),
    (
        "changed",
        "工单刚被他人更新，已为您刷新，请确认后重试。",
        "Someone else just changed this case; it has been reloaded, please check and retry.",
    ),
    ("bad_input.date", "请选择日期。", "Please choose a date."),
    (
        "bad_input.reason",
        "请选择不予受理的原因。",
        "Please choose why the case is rejected.",
    ),
    (
        "account.bad_username",
        "用户名须为 3–32 位小写字母、数字、点、下划线或连字符。",
        "Usernames are 3–32 lower-case letters, digits, '.', '_' or '-'.",
    ),
    (
        "account.bad_display_name",
        "请填写姓名（最多 30 字）。",
        "Please give a name (at most 30 characters).",
    ),
    (
        "account.weak_password",
        "密码至少 10 位。",
        "Passwords have at least 10 characters.",
    ),
    (
        "account.bad_department",
        "承办人和审核人须选择单位，其他角色不选。",
        "Handlers and heads need a department; other roles have none.",
    ),
    (
        "account.taken",
        "该用户名已被使用。",
        "That username is taken.",
    ),
    (
        "payout.nothing_to_pay",
        "没有可发放的已核验积分（未填写收款信息或收款账号被多人共用的积分暂不发放）。",
        "No verified unpaid points to pay (points of reporters without payout details, or sharing an account, are held).",
    ),
    (
        "payout.already_paid",
        "该批次已标记为已发放。",
        "This batch is marked paid already.",
    ),
    (
        "bad_input.verdict",
        "请选择核验结论。",
        "Please choose a verdict.",
    ),
    (
        "account.self",
        "不能停用自己的账号。",
        "You cannot disable your own account.",
    ),
];

fn lookup(
    table: &[(&str, &'static str, &'static str)],
    locale: Locale,
    code: &str,
) -> Option<&'static str> {
    table
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|&(_, zh, en)| match locale {
            Locale::Zh => zh,
            Locale::En => en,
        })
}

fn either(locale: Locale, zh: &'static str, en: &'static str) -> &'static str {
    match locale {
        Locale::Zh => zh,
        Locale::En => en,
    }
}

/// The message of a refusal code (`Refusal::code`).
pub fn refusal_message(locale: Locale, code: &str) -> &'static str {
    lookup(REFUSALS, locale, code).unwrap_or_else(|| {
        either(
            locale,
            "操作未能完成。",
            "The action could not be completed.",
        )
    })
}

/// The message of a `StaffError::code()` shown on a console page after a refused form.
pub fn staff_error_message(locale: Locale, code: &str) -> &'static str {
    if let Some(refusal) = code.strip_prefix("refused.") {
        return refusal_message(locale, refusal);
    }
    if let Some(message) = lookup(STAFF_ERRORS, locale, code) {
        return message;
    }
    if code.starts_with("bad_input.") {
        either(
            locale,
            "表单内容不完整，请检查后重试。",
            "The form is incomplete; please check it.",
        )
    } else {
        either(
            locale,
            "服务器暂时出错，请稍后再试。",
            "Something went wrong on the server; please try again.",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::workflow::Refusal;

    #[test]
    fn every_refusal_has_its_own_message_in_both_languages() {
        let all = [
            Refusal::WrongRole,
            Refusal::OtherDepartment,
            Refusal::NotNow { status: None },
            Refusal::HandBackWindowClosed,
            Refusal::HandBackLimit,
            Refusal::ExtensionLimit,
            Refusal::ExtensionPending,
            Refusal::NoExtensionPending,
            Refusal::ExtensionDate,
            Refusal::ReworkLimit,
            Refusal::NoteRequired,
            Refusal::NoteTooLong,
            Refusal::ReplyTooShort { min: 20, actual: 3 },
            Refusal::ReplyTooLong {
                max: 3000,
                actual: 4000,
            },
            Refusal::ReplyPlaceholder,
            Refusal::ResponderRequired,
            Refusal::ResponderPhone,
            Refusal::UnknownDepartment,
            Refusal::DuplicateTarget,
            Refusal::SupervisionLimit,
            Refusal::SupervisionDue,
            Refusal::InstructionRequired,
            Refusal::SameDepartment,
            Refusal::ReassignLimit,
            Refusal::RatingWindowOpen,
            Refusal::CommentTooLong,
        ];
        let fallback = refusal_message(Locale::Zh, "no such code");
        for r in &all {
            for l in Locale::ALL {
                assert_ne!(
                    refusal_message(l, r.code()),
                    refusal_message(l, "no such code"),
                    "{r:?}"
                );
            }
            assert_ne!(refusal_message(Locale::Zh, r.code()), fallback);
        }
    }
}
