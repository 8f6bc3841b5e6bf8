//! Text messages to mobiles (one-time codes), through one sender interface. The shipped
//! `LogSender` writes them to the server log; a city plugs its SMS gateway in by implementing
//! `MessageSender`. Which sender runs is configuration (`MINSHENG_SMS_SENDER`).
use crate::model::MobilePhone;

/// What a one-time code is for. A code sent for one purpose does not work for another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeFor {
    Registration,
    PasswordReset,
    PayoutDetails,
}

impl CodeFor {
    /// The stored name (`mobile_codes.purpose`) and part of the code's keyed hash.
    pub fn code(self) -> &'static str {
        match self {
            CodeFor::Registration => "registration",
            CodeFor::PasswordReset => "reset",
            CodeFor::PayoutDetails => "payout",
        }
    }
}

/// A message to a mobile.
#[derive(Clone, Copy, Debug)]
pub enum Message<'a> {
    /// A one-time code for `purpose`, valid for `minutes`.
    Code {
        purpose: CodeFor,
        code: &'a str,
        minutes: i64,
    },
    /// Someone asked to register a mobile that has an account: a password reset code instead
    /// (the asker sees the same answer either way; only the phone's holder reads this).
    AlreadyRegistered { code: &'a str, minutes: i64 },
    /// A case's progress (accepted, replied, closed), written from the city file's template.
    /// `id` is the outbox row's: the same message tried again carries the same id, for a
    /// gateway that drops repeats by client message id.
    Progress { id: i64, text: &'a str },
}

impl Message<'_> {
    /// The text of the message (Chinese: the mobiles are Chinese numbers). Every code message
    /// starts with `民声验证码 <code>`.
    pub fn text(&self) -> String {
        match *self {
            Message::Code {
                purpose,
                code,
                minutes,
            } => {
                let what = match purpose {
                    CodeFor::Registration => "用于注册市民通",
                    CodeFor::PasswordReset => "用于重设市民通密码",
                    CodeFor::PayoutDetails => "用于修改收款信息（如非本人操作，请立即重设密码）",
                };
                format!("民声验证码 {code}，{what}，{minutes} 分钟内有效，请勿告诉他人。")
            }
            Message::Progress { text, .. } => text.to_string(),
            Message::AlreadyRegistered { code, minutes } => format!(
                "民声验证码 {code}，该号码已注册市民通，无需再注册；如忘记密码，可用此码在“找回密码”页重设密码，\
                 {minutes} 分钟内有效。如非本人操作，请忽略。"
            ),
        }
    }
}

/// Why a message was not sent. A gateway's own answer is kept for the log.
#[derive(Debug, thiserror::Error)]
pub enum SmsError {
    /// The gateway answered and refused the message (a number it does not serve, a spent
    /// quota, a text it rejects).
    #[error("the SMS gateway refused the message: {reason}")]
    Refused { reason: String },
    /// The gateway could not be reached or gave no usable answer.
    #[error("the SMS gateway could not be reached: {0}")]
    Unreachable(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// Sends text messages.
pub trait MessageSender: Send + Sync {
    fn send(&self, mobile: &MobilePhone, message: &Message<'_>) -> Result<(), SmsError>;
}

/// Writes messages to the server log instead of sending them. With `reveal` (development,
/// demo, tests: the public address is this machine) the line has the mobile and the whole
/// text, code included; without it (a public portal started with
/// `MINSHENG_ALLOW_LOG_SENDER=true`)
/// only the masked mobile and that a message was sent: no code ever reaches the log.
pub struct LogSender {
    pub reveal: bool,
}

impl MessageSender for LogSender {
    fn send(&self, mobile: &MobilePhone, message: &Message<'_>) -> Result<(), SmsError> {
        if self.reveal {
            tracing::warn!(
                target: "minsheng::sms",
                "SMS to {}: {} (log sender: no SMS gateway configured)",
                mobile.as_str(),
                message.text()
            );
        } else {
            tracing::warn!(
                target: "minsheng::sms",
                "SMS to {}: {} sent (log sender: no SMS gateway configured; the text is not logged)",
                mobile.masked(),
                match message {
                    Message::Progress { .. } => "progress message",
                    _ => "code",
                }
            );
        }
        Ok(())
    }
}

impl Message<'_> {
    /// The id a gateway may use to drop a repeat: the outbox row of a progress message.
    pub fn id(&self) -> Option<i64> {
        match self {
            Message::Progress { id, .. } => Some(*id),
            _ => None,
        }
    }
}

/// Runs a program for each message (`MINSHENG_SMS_SENDER=command:/path`): the mobile and the
/// message's id (`-` for a one-time code) as arguments, the text on standard input. Exit
/// status 0 is "sent"; any other is the gateway's refusal (its standard error the reason); a
/// program that cannot be started, or runs longer than 15 s (then killed), did not reach the
/// gateway.
pub struct CommandSender {
    pub program: std::path::PathBuf,
}

/// How long a sender program may run.
const COMMAND_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(15);

impl MessageSender for CommandSender {
    fn send(&self, mobile: &MobilePhone, message: &Message<'_>) -> Result<(), SmsError> {
        use std::io::{Read, Write};
        use std::process::{Command, Stdio};
        let id = message
            .id()
            .map_or_else(|| "-".to_string(), |id| id.to_string());
        let mut child = Command::new(&self.program)
            .arg(mobile.as_str())
            .arg(&id)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| SmsError::Unreachable(Box::new(e)))?;
        if let Some(mut stdin) = child.stdin.take() {
            // A program that does not read its input still gets to answer.
            let _ = stdin.write_all(message.text().as_bytes());
        }
        let started = std::time::Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if started.elapsed() < COMMAND_TIMEOUT => {
                    std::thread::sleep(std::time::Duration::from_millis(20))
                }
                Ok(None) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(SmsError::Unreachable(
                        "the sender program ran too long".into(),
                    ));
                }
                Err(e) => return Err(SmsError::Unreachable(Box::new(e))),
            }
        };
        if status.success() {
            return Ok(());
        }
        let mut reason = String::new();
        if let Some(mut err) = child.stderr.take() {
            let _ = err.by_ref().take(500).read_to_string(&mut reason);
        }
        Err(SmsError::Refused {
            reason: format!("{status}: {}", reason.trim()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_message_starts_with_the_code_and_names_what_it_is_for() {
        for purpose in [
            CodeFor::Registration,
            CodeFor::PasswordReset,
            CodeFor::PayoutDetails,
        ] {
            let text = Message::Code {
                purpose,
                code: "123456",
                minutes: 10,
            }
            .text();
            assert!(text.starts_with("民声验证码 123456，"), "{text}");
            assert!(text.contains("10 分钟"), "{text}");
        }
        let text = Message::AlreadyRegistered {
            code: "654321",
            minutes: 10,
        }
        .text();
        assert!(
            text.starts_with("民声验证码 654321，") && text.contains("已注册"),
            "{text}"
        );
    }
}
