//! Chinese mobile numbers, as citizens type them.
use serde::{Deserialize, Serialize};

/// A Chinese mobile number, normalised to its 11 digits (`13812345678`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MobilePhone(String);

impl MobilePhone {
    /// Accepts `138 1234 5678`, `138-1234-5678`, `+86 13812345678`, `8613812345678` and
    /// full-width digits.
    pub fn parse(input: &str) -> Option<Self> {
        let mut digits: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '－' | '(' | ')' | '+' | '＋'))
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            })
            .collect();
        if digits.len() == 13 && digits.starts_with("86") {
            digits.drain(..2);
        }
        let b = digits.as_bytes();
        let ok = b.len() == 11
            && b.iter().all(u8::is_ascii_digit)
            && b[0] == b'1'
            && (b'3'..=b'9').contains(&b[1]);
        ok.then_some(Self(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `138****5678`, for places that must show that a number exists without showing it.
    pub fn masked(&self) -> String {
        format!("{}****{}", &self.0[..3], &self.0[7..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_mobile_numbers_in_common_spellings_are_accepted() {
        for ok in [
            "13812345678",
            "+86 138-1234-5678",
            "8619912345678",
            "１３８１２３４５６７８",
            "(138) 1234 5678",
        ] {
            assert!(MobilePhone::parse(ok).is_some(), "{ok}");
        }
        for bad in [
            "1381234567",
            "12812345678",
            "23812345678",
            "138123456789",
            "0531-12345678",
            "phone",
        ] {
            assert!(MobilePhone::parse(bad).is_none(), "{bad}");
        }
        assert_eq!(
            MobilePhone::parse("13812345678").unwrap().masked(),
            "138****5678"
        );
    }
}
