//! The message of every error a user can meet, rendered from the error value (with its
//! numbers) in the user's language. Every match is exhaustive, once per language: a new
//! variant without its message does not compile.
use super::texts::texts;
use super::Locale;
use crate::api::{ApiError, Input, StaffError};
use crate::model::accounts::{AccountError, ReporterError};
use crate::model::figures::PeriodError;
use crate::model::reward::{
    PayoutRefusal, NICKNAME_MAX_CHARS, NICKNAME_MIN_CHARS, PAYOUT_ACCOUNT_MAX_CHARS,
    PAYOUT_ACCOUNT_MIN_CHARS, REAL_NAME_MAX_CHARS, REAL_NAME_MIN_CHARS,
};
use crate::model::staff::{DISPLAY_NAME_MAX_CHARS, USERNAME_MAX_CHARS, USERNAME_MIN_CHARS};
use crate::model::ticket::QUERY_CODE_LEN;
use crate::model::workflow::Refusal;

impl ApiError {
    pub fn message(&self, locale: Locale) -> String {
        locale.errors().api(self)
    }
}

impl StaffError {
    pub fn message(&self, locale: Locale) -> String {
        locale.errors().staff(self)
    }
}

texts! {
    /// Every error's message.
    pub struct ErrorTexts {
        internal: "服务器暂时出错，请稍后再试。", "The server had a problem. Please try again later.";
        not_found:
            "没有找到对应的工单，请核对工单号和查询码。",
            "No case matches this ticket number and query code. Please check both.";
        bad_ticket_no:
            "工单号格式应为 20261122-000123。",
            "A ticket number looks like 20261122-000123.";
        rate_limited: "查询太频繁，请一分钟后再试。", "Too many lookups. Please try again in a minute.";
        changed:
            "工单刚刚有了新进展，请刷新页面查看最新状态。",
            "The case has just moved on; reload the page to see where it stands.";
        staff_signed_out: "请先登录。", "Please sign in.";
        staff_bad_credentials:
            "用户名或密码不正确，或账号已停用。",
            "Wrong username or password, or the account is disabled.";
        staff_rate_limited: "尝试太频繁，请一分钟后再试。", "Too many attempts; try again in a minute.";
        staff_not_found: "没有找到该工单，或您无权查看。", "No such case, or you may not see it.";
        staff_changed:
            "工单刚被他人更新，已为您刷新，请确认后重试。",
            "Someone else just changed this case; it has been reloaded, please check and retry.";
    }
    impl {
        fn bad_query_code() -> String {
            zh: format!("查询码是 {QUERY_CODE_LEN} 位字母和数字。"),
            en: format!("The query code is {QUERY_CODE_LEN} letters and digits."),
        }
        /// Why the workflow refused, with its numbers.
        fn refusal(refusal: &Refusal) -> String {
            zh: match refusal {
                Refusal::WrongRole => "您的角色不能进行此操作。".into(),
                Refusal::OtherDepartment => "该工单不属于您的单位。".into(),
                Refusal::NotNow { .. } => "工单当前状态不能进行此操作，请刷新后查看。".into(),
                Refusal::HandBackWindowClosed { working_days } => format!("已超过 {working_days} 个工作日的回退时限，请办理或申请督办协调。"),
                Refusal::HandBackLimit { max } => format!("该工单已回退 {max} 次，达到上限，请联系督办员协调。"),
                Refusal::ExtensionLimit { max } => format!("延期申请最多 {max} 次，已达上限。"),
                Refusal::ExtensionPending => "已有延期申请等待审批。".into(),
                Refusal::NoExtensionPending => "没有待审批的延期申请。".into(),
                Refusal::ExtensionDate { max_days } => format!("承诺日期须晚于当前期限，且在 {max_days} 天以内。"),
                Refusal::ReworkLimit { max } => format!("答复已退回 {max} 次，请审核通过或提请督办。"),
                Refusal::NoteRequired => "请填写原因或说明。".into(),
                Refusal::NoteTooLong { max } => format!("说明最多 {max} 字。"),
                Refusal::ReplyTooShort { min, actual } => format!("答复至少 {min} 个字（现有 {actual} 个字），请写明办理过程和结果。"),
                Refusal::ReplyTooLong { max, actual } => format!("答复最多 {max} 字（现有 {actual} 字）。"),
                Refusal::ReplyPlaceholder => "答复中还有模板的【】待填写内容。".into(),
                Refusal::ResponderRequired => "请填写答复人姓名。".into(),
                Refusal::ResponderPhone => "请填写答复人的联系电话（手机或座机，如 0537-2345678）。".into(),
                Refusal::UnknownDepartment => "请选择承办单位。".into(),
                Refusal::DuplicateTarget => "请填写已存在的另一工单号。".into(),
                Refusal::SupervisionLimit { max } => format!("该工单已督办 {max} 次，达到上限。"),
                Refusal::SupervisionDue => "督办期限不能早于今天。".into(),
                Refusal::InstructionRequired => "请填写督办要求。".into(),
                Refusal::SameDepartment => "工单已在该单位，请选择其他单位。".into(),
                Refusal::ReassignLimit { max } => format!("该工单已改派 {max} 次，达到上限，请督办协调。"),
                Refusal::RatingWindowOpen => "评价期尚未结束。".into(),
                Refusal::CommentTooLong { max } => format!("评价内容不能超过 {max} 字。"),
            },
            en: match refusal {
                Refusal::WrongRole => "Your role may not do this.".into(),
                Refusal::OtherDepartment => "This case belongs to another department.".into(),
                Refusal::NotNow { .. } => "The case's current status does not allow this; reload to see it.".into(),
                Refusal::HandBackWindowClosed { working_days } => format!("The hand-back window of {working_days} working day(s) has passed; handle the case or ask a supervisor."),
                Refusal::HandBackLimit { max } => format!("This case has been handed back {max} times, the limit; ask a supervisor."),
                Refusal::ExtensionLimit { max } => format!("At most {max} extension requests are possible; none is left."),
                Refusal::ExtensionPending => "An extension request is already waiting.".into(),
                Refusal::NoExtensionPending => "No extension request is waiting.".into(),
                Refusal::ExtensionDate { max_days } => format!("The promised date must be after the current deadline and within {max_days} days."),
                Refusal::ReworkLimit { max } => format!("The reply has been sent back {max} times; approve it or ask a supervisor."),
                Refusal::NoteRequired => "Please give a reason.".into(),
                Refusal::NoteTooLong { max } => format!("A note has at most {max} characters."),
                Refusal::ReplyTooShort { min, actual } => format!("A reply needs at least {min} characters (this one has {actual}): say what was done and the result."),
                Refusal::ReplyTooLong { max, actual } => format!("A reply has at most {max} characters (this one has {actual})."),
                Refusal::ReplyPlaceholder => "The reply still contains template placeholders in 【】.".into(),
                Refusal::ResponderRequired => "Please give the responder's name.".into(),
                Refusal::ResponderPhone => "Please give the responder's phone (mobile or landline, e.g. 0537-2345678).".into(),
                Refusal::UnknownDepartment => "Please choose a department.".into(),
                Refusal::DuplicateTarget => "Give the number of another existing case.".into(),
                Refusal::SupervisionLimit { max } => format!("This case has been supervised {max} times, the limit."),
                Refusal::SupervisionDue => "The supervision due date cannot be in the past.".into(),
                Refusal::InstructionRequired => "Please give the supervision instruction.".into(),
                Refusal::SameDepartment => "The case is already at that department; choose another.".into(),
                Refusal::ReassignLimit { max } => format!("This case has been re-assigned {max} times, the limit; supervise it instead."),
                Refusal::RatingWindowOpen => "The rating period has not ended yet.".into(),
                Refusal::CommentTooLong { max } => format!("The comment may be at most {max} characters."),
            },
        }
        /// Why a reporter's request was refused.
        fn reporter(e: ReporterError) -> String {
            zh: match e {
                ReporterError::BadMobile => "请填写正确的 11 位手机号码。".into(),
                ReporterError::RegistrationFailed => "注册未完成。如该号码已有账号，请直接登录或找回密码。".into(),
                ReporterError::TooManyCodes => "今天向该号码发送验证码的次数已达上限，请明天再试。".into(),
                ReporterError::TooManyFailures => "今天该号码的验证码输错次数过多，请明天再试。".into(),
                ReporterError::TooSoon { seconds } => format!("验证码已发送，请 {seconds} 秒后再获取。"),
                ReporterError::BadCode => "验证码不正确或已过期，请重新获取。".into(),
                ReporterError::BadNickname => format!("昵称须为 {NICKNAME_MIN_CHARS}–{NICKNAME_MAX_CHARS} 个字，可用汉字、字母、数字、_ 或 -。"),
                ReporterError::NicknameTaken => "该昵称已被使用，请换一个。".into(),
                ReporterError::WeakPassword { min } => format!("密码至少 {min} 位。"),
                ReporterError::BadCredentials => "手机号或密码不正确。".into(),
                ReporterError::RateLimited => "尝试太频繁，请稍后再试。".into(),
                ReporterError::SignedOut => "请先登录市民通。".into(),
                ReporterError::BadRealName => format!("请填写真实姓名（{REAL_NAME_MIN_CHARS}–{REAL_NAME_MAX_CHARS} 字）。"),
                ReporterError::BadAccount => format!("收款账号须为 {PAYOUT_ACCOUNT_MIN_CHARS}–{PAYOUT_ACCOUNT_MAX_CHARS} 位字母或数字。"),
                ReporterError::SendFailed => "短信发送失败，请稍后再试。".into(),
                ReporterError::Internal => ErrorTexts::ZH.internal.into(),
            },
            en: match e {
                ReporterError::BadMobile => "Please give an 11-digit mobile number.".into(),
                ReporterError::RegistrationFailed => "Registration did not complete. If this number has an account, sign in or reset the password.".into(),
                ReporterError::TooManyCodes => "No more codes for this number today: try again tomorrow.".into(),
                ReporterError::TooManyFailures => "Too many wrong codes for this number today: try again tomorrow.".into(),
                ReporterError::TooSoon { seconds } => format!("A code was just sent: wait {seconds} seconds before asking again."),
                ReporterError::BadCode => "The code is wrong or expired: ask for a new one.".into(),
                ReporterError::BadNickname => format!("Nicknames are {NICKNAME_MIN_CHARS}–{NICKNAME_MAX_CHARS} letters, digits, _ or -."),
                ReporterError::NicknameTaken => "That nickname is taken: choose another.".into(),
                ReporterError::WeakPassword { min } => format!("Passwords have at least {min} characters."),
                ReporterError::BadCredentials => "Wrong mobile or password.".into(),
                ReporterError::RateLimited => "Too many attempts: try again in a minute.".into(),
                ReporterError::SignedOut => "Please sign in first.".into(),
                ReporterError::BadRealName => format!("Please give your real name ({REAL_NAME_MIN_CHARS}–{REAL_NAME_MAX_CHARS} characters)."),
                ReporterError::BadAccount => format!("Payout accounts are {PAYOUT_ACCOUNT_MIN_CHARS}–{PAYOUT_ACCOUNT_MAX_CHARS} letters and digits."),
                ReporterError::SendFailed => "The text message could not be sent: try again later.".into(),
                ReporterError::Internal => ErrorTexts::EN.internal.into(),
            },
        }
        /// Why a staff account could not be created or changed.
        fn account(e: AccountError) -> String {
            zh: match e {
                AccountError::BadUsername => format!("用户名须为 {USERNAME_MIN_CHARS}–{USERNAME_MAX_CHARS} 位小写字母、数字、点、下划线或连字符。"),
                AccountError::BadDisplayName => format!("请填写姓名（最多 {DISPLAY_NAME_MAX_CHARS} 字）。"),
                AccountError::WeakPassword { min } => format!("密码至少 {min} 位。"),
                AccountError::BadDepartment => "承办人和审核人须选择单位，其他角色不选。".into(),
                AccountError::Taken => "该用户名已被使用。".into(),
                AccountError::OwnAccount => "不能停用自己的账号。".into(),
                AccountError::Internal => ErrorTexts::ZH.internal.into(),
            },
            en: match e {
                AccountError::BadUsername => format!("Usernames are {USERNAME_MIN_CHARS}–{USERNAME_MAX_CHARS} lower-case letters, digits, '.', '_' or '-'."),
                AccountError::BadDisplayName => format!("Please give a name (at most {DISPLAY_NAME_MAX_CHARS} characters)."),
                AccountError::WeakPassword { min } => format!("Passwords have at least {min} characters."),
                AccountError::BadDepartment => "Handlers and heads need a department; other roles have none.".into(),
                AccountError::Taken => "That username is taken.".into(),
                AccountError::OwnAccount => "You cannot disable your own account.".into(),
                AccountError::Internal => ErrorTexts::EN.internal.into(),
            },
        }
        /// Why a payout batch could not be made or paid.
        fn payout(p: PayoutRefusal) -> String {
            zh: match p {
                PayoutRefusal::NothingToPay => "没有可发放的已核验积分（未填写收款信息或收款账号被多人共用的积分暂不发放）。".into(),
                PayoutRefusal::AlreadyPaid => "该批次已标记为已发放。".into(),
            },
            en: match p {
                PayoutRefusal::NothingToPay => "No verified unpaid points to pay (points of reporters without payout details, or sharing an account, are held).".into(),
                PayoutRefusal::AlreadyPaid => "This batch is marked paid already.".into(),
            },
        }
        /// A period of figures that cannot be read.
        fn period(e: &PeriodError) -> String {
            zh: match e {
                PeriodError::Unknown(t) => format!("无法识别的期间“{t}”：请写 2026-W48（周）、2026-11（月）、2026-Q4（季度）、2026（年）或 2026-11-01..2026-11-15。"),
                PeriodError::Reversed => "期间的结束日期早于开始日期。".into(),
                PeriodError::TooLong { days, max } => format!("期间共 {days} 天，一次最多查询 {max} 天。"),
                PeriodError::NotA(kind) => format!("该报表按{}生成：请写 {}。", crate::i18n::Locale::Zh.figures().period_kind(*kind), kind.example()),
            },
            en: match e {
                PeriodError::Unknown(t) => format!("“{t}” is not a period: write 2026-W48 (week), 2026-11 (month), 2026-Q4 (quarter), 2026 (year) or 2026-11-01..2026-11-15."),
                PeriodError::Reversed => "The period ends before it starts.".into(),
                PeriodError::TooLong { days, max } => format!("The period has {days} days; at most {max} can be read at once."),
                PeriodError::NotA(kind) => format!("This report is made for a {}: write {}.", kind.code(), kind.example()),
            },
        }
        /// A form field that could not be read.
        fn input(field: Input) -> String {
            zh: match field {
                Input::Date => "请选择日期。".into(),
                Input::Reason => "请选择不予受理的原因。".into(),
                Input::Verdict => "请选择核验结论。".into(),
                Input::Rating => "请选择满意、基本满意或不满意。".into(),
                Input::Position => "位置无效，请重新定位。".into(),
                Input::Category => "请选择问题类别。".into(),
                Input::Cases => "“我的工单”中的工单过多或格式有误。".into(),
                Input::Month => "月份格式应为 2026-11。".into(),
                Input::Queue => "没有这个工作队列。".into(),
                Input::Decision => "请选择是否确认为重复投诉。".into(),
                Input::Role => "请选择角色。".into(),
                Input::Action => "没有这个操作，请刷新页面。".into(),
                Input::Slice => "没有这种分组方式：可按单位、区县、类别大类、类别或渠道。".into(),
                Input::FigureKey => "没有这个单位、区县、类别或渠道：请在统计表中点选。".into(),
                Input::Report => "没有这种报表：可生成周通报（bulletin）或月排名（ranking）。".into(),
            },
            en: match field {
                Input::Date => "Please choose a date.".into(),
                Input::Reason => "Please choose why the case is rejected.".into(),
                Input::Verdict => "Please choose a verdict.".into(),
                Input::Rating => "Please choose satisfied, basically satisfied or unsatisfied.".into(),
                Input::Position => "The position is not valid; locate again.".into(),
                Input::Category => "Please choose a category.".into(),
                Input::Cases => "Too many or malformed cases in “my cases”.".into(),
                Input::Month => "A month looks like 2026-11.".into(),
                Input::Queue => "There is no such queue.".into(),
                Input::Decision => "Please choose whether it is a repeat.".into(),
                Input::Role => "Please choose a role.".into(),
                Input::Action => "There is no such action; reload the page.".into(),
                Input::Slice => "Figures can be grouped by department, district, category group, category or channel.".into(),
                Input::FigureKey => "There is no such department, district, category or channel: choose one in the figures table.".into(),
                Input::Report => "There are two reports: the weekly bulletin (bulletin) and the monthly ranking (ranking).".into(),
            },
        }

    }
}

/// Which message each error shows.
impl ErrorTexts {
    /// A citizen's or reporter's error.
    pub fn api(&self, e: &ApiError) -> String {
        match e {
            ApiError::NotFound => self.not_found.into(),
            ApiError::BadTicketNo => self.bad_ticket_no.into(),
            ApiError::BadQueryCode => self.bad_query_code(),
            ApiError::RateLimited => self.rate_limited.into(),
            ApiError::Refused(r) => self.refusal(r),
            ApiError::Changed => self.changed.into(),
            ApiError::BadInput { field } => self.input(*field),
            ApiError::Reporter(e) => self.reporter(*e),
            ApiError::Internal | ApiError::Transport { .. } => self.internal.into(),
        }
    }

    /// A staff member's error.
    pub fn staff(&self, e: &StaffError) -> String {
        match e {
            StaffError::SignedOut => self.staff_signed_out.into(),
            StaffError::BadCredentials => self.staff_bad_credentials.into(),
            StaffError::RateLimited => self.staff_rate_limited.into(),
            StaffError::NotFound => self.staff_not_found.into(),
            StaffError::Changed => self.staff_changed.into(),
            StaffError::Refused(r) => self.refusal(r),
            StaffError::BadInput { field } => self.input(*field),
            StaffError::Account(e) => self.account(*e),
            StaffError::Payout(p) => self.payout(*p),
            StaffError::Period(e) => self.period(e),
            StaffError::Notice { problems } => {
                let n = self.locale.notices();
                problems
                    .iter()
                    .map(|p| n.problem(*p))
                    .collect::<Vec<_>>()
                    .join(" ")
            }
            StaffError::Article { problems } => problems
                .iter()
                .map(|p| super::help::article_problem(self.locale, *p))
                .collect::<Vec<_>>()
                .join(" "),
            StaffError::Internal | StaffError::Transport { .. } => self.internal.into(),
        }
    }
}
