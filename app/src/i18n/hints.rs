//! Texts that state a limit: the number comes from the constant the rule uses, never written
//! into the text (a change of the rule changes what the page says).
use super::texts::texts;
use crate::model::accounts::CODE_MINUTES;
use crate::model::report::MAX_PHOTOS;
use crate::model::staff::MIN_PASSWORD_CHARS;

texts! {
    /// Hints next to fields and after actions that state a rule's number.
    pub struct HintTexts {}
    impl {
        /// Next to a new password field.
        fn password() -> String {
            zh: format!("至少 {MIN_PASSWORD_CHARS} 位"),
            en: format!("at least {MIN_PASSWORD_CHARS} characters"),
        }
        /// Under the report form's photo picker.
        fn photos() -> String {
            zh: format!("最多 {MAX_PHOTOS} 张。上传前会自动压缩，节省流量。"),
            en: format!("Up to {MAX_PHOTOS}. They are shrunk before upload to save data."),
        }
        /// After a registration or reset code was asked for.
        fn code_sent() -> String {
            zh: format!("如果该号码可以接收验证码，验证码已发送：{CODE_MINUTES} 分钟内有效，只能使用一次。"),
            en: format!("If this number can receive a code, one was sent. It works once, for {CODE_MINUTES} minutes."),
        }
        /// After a code for changing the payout details was sent.
        fn payout_code_sent() -> String {
            zh: format!("验证码已发送到本账号手机，{CODE_MINUTES} 分钟内有效。"),
            en: format!("A code was texted to this account's mobile. It works for {CODE_MINUTES} minutes."),
        }
    }
}
