//! What a released reply must contain.
use super::{Refusal, Reply, REPLY_MAX_CHARS, REPLY_MIN_CHARS};
use crate::model::phone::MobilePhone;

/// Checks a reply draft: a real answer (not a template left unfilled), a named responder and
/// a phone number the citizen can call.
pub fn check_reply(reply: &Reply) -> Result<(), Refusal> {
    let text = reply.text.trim();
    let n = text.chars().count();
    if n < REPLY_MIN_CHARS {
        return Err(Refusal::ReplyTooShort {
            min: REPLY_MIN_CHARS,
            actual: n,
        });
    }
    if n > REPLY_MAX_CHARS {
        return Err(Refusal::ReplyTooLong {
            max: REPLY_MAX_CHARS,
            actual: n,
        });
    }
    if text.contains('【') || text.contains('】') {
        return Err(Refusal::ReplyPlaceholder);
    }
    let responder = reply.responder.trim().chars().count();
    if !(2..=30).contains(&responder) {
        return Err(Refusal::ResponderRequired);
    }
    if work_phone(&reply.phone).is_none() {
        return Err(Refusal::ResponderPhone);
    }
    Ok(())
}

/// A work phone: a mobile number, or a landline with or without its area code
/// (`0537-2345678`, `2345678`, with an optional extension `0537-2345678-801`).
pub fn work_phone(input: &str) -> Option<String> {
    if let Some(mobile) = MobilePhone::parse(input) {
        return Some(mobile.as_str().to_string());
    }
    let cleaned: String = input
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '－' | '—' => '-',
            _ => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect();
    let parts: Vec<&str> = cleaned.split('-').collect();
    let digits = |s: &str, lens: std::ops::RangeInclusive<usize>| {
        lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let ok = match parts.as_slice() {
        [local] if local.starts_with('0') => {
            digits(local, 10..=12) // area code and number written together
        }
        [local] => digits(local, 7..=8) && !local.starts_with('0'),
        [area, local] => area.starts_with('0') && digits(area, 3..=4) && digits(local, 7..=8),
        [area, local, ext] => {
            area.starts_with('0')
                && digits(area, 3..=4)
                && digits(local, 7..=8)
                && digits(ext, 1..=6)
        }
        _ => false,
    };
    ok.then_some(cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply() -> Reply {
        Reply {
            text: "经现场核查，占道摊贩已于11月24日清理，城管中队每日早晚巡查两次，防止反弹。"
                .into(),
            responder: "王明".into(),
            phone: "0537-2345678".into(),
        }
    }

    #[test]
    fn a_reply_must_answer_with_a_name_and_a_phone() {
        assert_eq!(check_reply(&reply()), Ok(()));
        let short = Reply {
            text: "已处理。".into(),
            ..reply()
        };
        assert!(matches!(
            check_reply(&short),
            Err(Refusal::ReplyTooShort { .. })
        ));
        let template = Reply {
            text: "您反映的问题，经核查【办理情况】，现已处理完毕，感谢您对我们工作的支持。".into(),
            ..reply()
        };
        assert_eq!(check_reply(&template), Err(Refusal::ReplyPlaceholder));
        let nameless = Reply {
            responder: " ".into(),
            ..reply()
        };
        assert_eq!(check_reply(&nameless), Err(Refusal::ResponderRequired));
        let no_phone = Reply {
            phone: "12345".into(),
            ..reply()
        };
        assert_eq!(check_reply(&no_phone), Err(Refusal::ResponderPhone));
    }

    #[test]
    fn work_phones_may_be_mobile_or_landline() {
        for ok in [
            "0537-2345678",
            "05372345678",
            "2345678",
            "0537-2345678-801",
            "138 0537 1234",
            "０５３７－２３４５６７８",
        ] {
            assert!(work_phone(ok).is_some(), "{ok}");
        }
        for bad in [
            "",
            "12345",
            "0537-23",
            "abc-2345678",
            "1-2-3-4",
            "0123456789012",
        ] {
            assert!(work_phone(bad).is_none(), "{bad}");
        }
    }
}
