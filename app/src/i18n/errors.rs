//! The message of every error a user can meet, rendered from the error value (with its
//! numbers) in the user's language. Every match is exhaustive: a new variant without its
//! message does not compile.
use super::Locale;
use crate::api::{ApiError, Input, StaffError};
use crate::model::accounts::{AccountError, ReporterError};
use crate::model::reward::PayoutRefusal;
use crate::model::workflow::Refusal;

/// The text in the user's language (also used by `hints`).
pub(super) fn pick(locale: Locale, zh: impl Into<String>, en: impl Into<String>) -> String {
    match locale {
        Locale::Zh => zh.into(),
        Locale::En => en.into(),
    }
}

fn internal(locale: Locale) -> String {
    let t = locale.texts();
    t.error_internal.to_string()
}

impl ApiError {
    pub fn message(&self, locale: Locale) -> String {
        let t = locale.texts();
        match self {
            ApiError::NotFound => t.track_not_found.into(),
            ApiError::BadTicketNo => t.track_bad_ticket_no.into(),
            ApiError::BadQueryCode => {
                let n = crate::model::ticket::QUERY_CODE_LEN;
                pick(
                    locale,
                    format!("查询码是 {n} 位字母和数字。"),
                    format!("The query code is {n} letters and digits."),
                )
            }
            ApiError::RateLimited => t.track_rate_limited.into(),
            ApiError::Refused(r) => refusal(locale, r),
            ApiError::Changed => pick(
                locale,
                "工单刚刚有了新进展，请刷新页面查看最新状态。",
                "The case has just moved on; reload the page to see where it stands.",
            ),
            ApiError::BadInput { field } => input(locale, *field),
            ApiError::Reporter(e) => reporter(locale, *e),
            ApiError::Internal | ApiError::Transport { .. } => internal(locale),
        }
    }
}

impl StaffError {
    pub fn message(&self, locale: Locale) -> String {
        match self {
            StaffError::SignedOut => pick(locale, "请先登录。", "Please sign in."),
            StaffError::BadCredentials => pick(
                locale,
                "用户名或密码不正确，或账号已停用。",
                "Wrong username or password, or the account is disabled.",
            ),
            StaffError::RateLimited => pick(
                locale,
                "尝试太频繁，请一分钟后再试。",
                "Too many attempts; try again in a minute.",
            ),
            StaffError::NotFound => pick(
                locale,
                "没有找到该工单，或您无权查看。",
                "No such case, or you may not see it.",
            ),
            StaffError::Changed => pick(
                locale,
                "工单刚被他人更新，已为您刷新，请确认后重试。",
                "Someone else just changed this case; it has been reloaded, please check and retry.",
            ),
            StaffError::Refused(r) => refusal(locale, r),
            StaffError::BadInput { field } => input(locale, *field),
            StaffError::Account(e) => account(locale, *e),
            StaffError::Payout(p) => payout(locale, *p),
            StaffError::Internal | StaffError::Transport { .. } => internal(locale),
        }
    }
}

/// Why the workflow refused, with its numbers.
pub fn refusal(locale: Locale, refusal: &Refusal) -> String {
    match refusal {
        Refusal::WrongRole => pick(locale, "您的角色不能进行此操作。", "Your role may not do this."),
        Refusal::OtherDepartment => pick(
            locale,
            "该工单不属于您的单位。",
            "This case belongs to another department.",
        ),
        Refusal::NotNow { .. } => pick(
            locale,
            "工单当前状态不能进行此操作，请刷新后查看。",
            "The case's current status does not allow this; reload to see it.",
        ),
        Refusal::HandBackWindowClosed { working_days } => pick(
            locale,
            format!("已超过 {working_days} 个工作日的回退时限，请办理或申请督办协调。"),
            format!(
                "The hand-back window of {working_days} working day(s) has passed; handle the case or ask a supervisor."
            ),
        ),
        Refusal::HandBackLimit { max } => pick(
            locale,
            format!("该工单已回退 {max} 次，达到上限，请联系督办员协调。"),
            format!("This case has been handed back {max} times, the limit; ask a supervisor."),
        ),
        Refusal::ExtensionLimit { max } => pick(
            locale,
            format!("延期申请最多 {max} 次，已达上限。"),
            format!("At most {max} extension requests are possible; none is left."),
        ),
        Refusal::ExtensionPending => pick(
            locale,
            "已有延期申请等待审批。",
            "An extension request is already waiting.",
        ),
        Refusal::NoExtensionPending => pick(
            locale,
            "没有待审批的延期申请。",
            "No extension request is waiting.",
        ),
        Refusal::ExtensionDate { max_days } => pick(
            locale,
            format!("承诺日期须晚于当前期限，且在 {max_days} 天以内。"),
            format!(
                "The promised date must be after the current deadline and within {max_days} days."
            ),
        ),
        Refusal::ReworkLimit { max } => pick(
            locale,
            format!("答复已退回 {max} 次，请审核通过或提请督办。"),
            format!("The reply has been sent back {max} times; approve it or ask a supervisor."),
        ),
        Refusal::NoteRequired => pick(locale, "请填写原因或说明。", "Please give a reason."),
        Refusal::NoteTooLong { max } => pick(
            locale,
            format!("说明最多 {max} 字。"),
            format!("A note has at most {max} characters."),
        ),
        Refusal::ReplyTooShort { min, actual } => pick(
            locale,
            format!("答复至少 {min} 个字（现有 {actual} 个字），请写明办理过程和结果。"),
            format!(
                "A reply needs at least {min} characters (this one has {actual}): say what was done and the result."
            ),
        ),
        Refusal::ReplyTooLong { max, actual } => pick(
            locale,
            format!("答复最多 {max} 字（现有 {actual} 字）。"),
            format!("A reply has at most {max} characters (this one has {actual})."),
        ),
        Refusal::ReplyPlaceholder => pick(
            locale,
            "答复中还有模板的【】待填写内容。",
            "The reply still contains template placeholders in 【】.",
        ),
        Refusal::ResponderRequired => pick(
            locale,
            "请填写答复人姓名。",
            "Please give the responder's name.",
        ),
        Refusal::ResponderPhone => pick(
            locale,
            "请填写答复人的联系电话（手机或座机，如 0537-2345678）。",
            "Please give the responder's phone (mobile or landline, e.g. 0537-2345678).",
        ),
        Refusal::UnknownDepartment => {
            pick(locale, "请选择承办单位。", "Please choose a department.")
        }
        Refusal::DuplicateTarget => pick(
            locale,
            "请填写已存在的另一工单号。",
            "Give the number of another existing case.",
        ),
        Refusal::SupervisionLimit { max } => pick(
            locale,
            format!("该工单已督办 {max} 次，达到上限。"),
            format!("This case has been supervised {max} times, the limit."),
        ),
        Refusal::SupervisionDue => pick(
            locale,
            "督办期限不能早于今天。",
            "The supervision due date cannot be in the past.",
        ),
        Refusal::InstructionRequired => pick(
            locale,
            "请填写督办要求。",
            "Please give the supervision instruction.",
        ),
        Refusal::SameDepartment => pick(
            locale,
            "工单已在该单位，请选择其他单位。",
            "The case is already at that department; choose another.",
        ),
        Refusal::ReassignLimit { max } => pick(
            locale,
            format!("该工单已改派 {max} 次，达到上限，请督办协调。"),
            format!("This case has been re-assigned {max} times, the limit; supervise it instead."),
        ),
        Refusal::RatingWindowOpen => pick(
            locale,
            "评价期尚未结束。",
            "The rating period has not ended yet.",
        ),
        Refusal::CommentTooLong { max } => pick(
            locale,
            format!("评价内容不能超过 {max} 字。"),
            format!("The comment may be at most {max} characters."),
        ),
    }
}

/// Why a reporter's request was refused.
pub fn reporter(locale: Locale, e: ReporterError) -> String {
    match e {
        ReporterError::BadMobile => pick(
            locale,
            "请填写正确的 11 位手机号码。",
            "Please give an 11-digit mobile number.",
        ),
        ReporterError::RegistrationFailed => pick(
            locale,
            "注册未完成。如该号码已有账号，请直接登录或找回密码。",
            "Registration did not complete. If this number has an account, sign in or reset the password.",
        ),
        ReporterError::TooManyCodes => pick(
            locale,
            "今天向该号码发送验证码的次数已达上限，请明天再试。",
            "No more codes for this number today: try again tomorrow.",
        ),
        ReporterError::TooManyFailures => pick(
            locale,
            "今天该号码的验证码输错次数过多，请明天再试。",
            "Too many wrong codes for this number today: try again tomorrow.",
        ),
        ReporterError::TooSoon { seconds } => pick(
            locale,
            format!("验证码已发送，请 {seconds} 秒后再获取。"),
            format!("A code was just sent: wait {seconds} seconds before asking again."),
        ),
        ReporterError::BadCode => pick(
            locale,
            "验证码不正确或已过期，请重新获取。",
            "The code is wrong or expired: ask for a new one.",
        ),
        ReporterError::BadNickname => pick(
            locale,
            "昵称须为 2–16 个字，可用汉字、字母、数字、_ 或 -。",
            "Nicknames are 2–16 letters, digits, _ or -.",
        ),
        ReporterError::NicknameTaken => pick(
            locale,
            "该昵称已被使用，请换一个。",
            "That nickname is taken: choose another.",
        ),
        ReporterError::WeakPassword { min } => pick(
            locale,
            format!("密码至少 {min} 位。"),
            format!("Passwords have at least {min} characters."),
        ),
        ReporterError::BadCredentials => {
            pick(locale, "手机号或密码不正确。", "Wrong mobile or password.")
        }
        ReporterError::RateLimited => pick(
            locale,
            "尝试太频繁，请稍后再试。",
            "Too many attempts: try again in a minute.",
        ),
        ReporterError::SignedOut => pick(locale, "请先登录市民通。", "Please sign in first."),
        ReporterError::BadRealName => pick(
            locale,
            "请填写真实姓名（2–30 字）。",
            "Please give your real name (2–30 characters).",
        ),
        ReporterError::BadAccount => pick(
            locale,
            "收款账号须为 6–40 位字母或数字。",
            "Payout accounts are 6–40 letters and digits.",
        ),
        ReporterError::SendFailed => pick(
            locale,
            "短信发送失败，请稍后再试。",
            "The text message could not be sent: try again later.",
        ),
        ReporterError::Internal => internal(locale),
    }
}

/// Why a staff account could not be created or changed.
pub fn account(locale: Locale, e: AccountError) -> String {
    match e {
        AccountError::BadUsername => pick(
            locale,
            "用户名须为 3–32 位小写字母、数字、点、下划线或连字符。",
            "Usernames are 3–32 lower-case letters, digits, '.', '_' or '-'.",
        ),
        AccountError::BadDisplayName => pick(
            locale,
            "请填写姓名（最多 30 字）。",
            "Please give a name (at most 30 characters).",
        ),
        AccountError::WeakPassword { min } => pick(
            locale,
            format!("密码至少 {min} 位。"),
            format!("Passwords have at least {min} characters."),
        ),
        AccountError::BadDepartment => pick(
            locale,
            "承办人和审核人须选择单位，其他角色不选。",
            "Handlers and heads need a department; other roles have none.",
        ),
        AccountError::Taken => pick(locale, "该用户名已被使用。", "That username is taken."),
        AccountError::OwnAccount => pick(
            locale,
            "不能停用自己的账号。",
            "You cannot disable your own account.",
        ),
        AccountError::Internal => internal(locale),
    }
}

/// Why a payout batch could not be made or paid.
pub fn payout(locale: Locale, p: PayoutRefusal) -> String {
    match p {
        PayoutRefusal::NothingToPay => pick(
            locale,
            "没有可发放的已核验积分（未填写收款信息或收款账号被多人共用的积分暂不发放）。",
            "No verified unpaid points to pay (points of reporters without payout details, or sharing an account, are held).",
        ),
        PayoutRefusal::AlreadyPaid => pick(
            locale,
            "该批次已标记为已发放。",
            "This batch is marked paid already.",
        ),
    }
}

/// A form field that could not be read.
pub fn input(locale: Locale, field: Input) -> String {
    match field {
        Input::Date => pick(locale, "请选择日期。", "Please choose a date."),
        Input::Reason => pick(
            locale,
            "请选择不予受理的原因。",
            "Please choose why the case is rejected.",
        ),
        Input::Verdict => pick(locale, "请选择核验结论。", "Please choose a verdict."),
        Input::Rating => pick(
            locale,
            "请选择满意、基本满意或不满意。",
            "Please choose satisfied, basically satisfied or unsatisfied.",
        ),
        Input::Position => pick(
            locale,
            "位置无效，请重新定位。",
            "The position is not valid; locate again.",
        ),
        Input::Category => pick(locale, "请选择问题类别。", "Please choose a category."),
        Input::Cases => pick(
            locale,
            "“我的工单”中的工单过多或格式有误。",
            "Too many or malformed cases in “my cases”.",
        ),
        Input::Month => pick(
            locale,
            "月份格式应为 2026-11。",
            "A month looks like 2026-11.",
        ),
        Input::Queue => pick(locale, "没有这个工作队列。", "There is no such queue."),
        Input::Decision => pick(
            locale,
            "请选择是否确认为重复投诉。",
            "Please choose whether it is a repeat.",
        ),
        Input::Role => pick(locale, "请选择角色。", "Please choose a role."),
        Input::Action => pick(
            locale,
            "没有这个操作，请刷新页面。",
            "There is no such action; reload the page.",
        ),
    }
}
