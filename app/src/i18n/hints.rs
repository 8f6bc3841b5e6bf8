//! Texts that state a limit: the number comes from the constant the rule uses, never written
//! into the text (a change of the rule changes what the page says).
use super::errors::pick;
use super::Locale;
use crate::model::accounts::CODE_MINUTES;
use crate::model::report::MAX_PHOTOS;
use crate::model::staff::MIN_PASSWORD_CHARS;

/// Next to a new password field.
pub fn password(locale: Locale) -> String {
    let min = MIN_PASSWORD_CHARS;
    pick(
        locale,
        format!("至少 {min} 位"),
        format!("at least {min} characters"),
    )
}

/// Under the report form's photo picker.
pub fn photos(locale: Locale) -> String {
    let max = MAX_PHOTOS;
    pick(
        locale,
        format!("最多 {max} 张。上传前会自动压缩，节省流量。"),
        format!("Up to {max}. They are shrunk before upload to save data."),
    )
}

/// After a registration or reset code was asked for.
pub fn code_sent(locale: Locale) -> String {
    let m = CODE_MINUTES;
    pick(
        locale,
        format!("如果该号码可以接收验证码，验证码已发送：{m} 分钟内有效，只能使用一次。"),
        format!("If this number can receive a code, one was sent. It works once, for {m} minutes."),
    )
}

/// After a code for changing the payout details was sent.
pub fn payout_code_sent(locale: Locale) -> String {
    let m = CODE_MINUTES;
    pick(
        locale,
        format!("验证码已发送到本账号手机，{m} 分钟内有效。"),
        format!("A code was texted to this account's mobile. It works for {m} minutes."),
    )
}
