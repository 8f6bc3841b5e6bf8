//! Keys of the systems that file cases through the Open311 API (WeChat, a district's app, a
//! partner hotline): each has a name, which is the channel its cases come in by.
use serde::{Deserialize, Serialize};

/// Channel codes the portal itself uses: no key may take one.
pub const RESERVED: &[&str] = &["web", "api", "snap", "demo", "phone", "form"];

/// A key's name: 2–32 lowercase letters, digits and hyphens, starting with a letter
/// (`wechat`, `rencheng-app`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct KeyName(String);

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeyNameError {
    #[error(
        "a key's name is 2 to 32 lowercase letters, digits and hyphens, starting with a letter \
         (e.g. wechat, rencheng-app)"
    )]
    Form,
    #[error("{0} is a channel of the portal itself: choose another name")]
    Reserved(String),
}

impl KeyName {
    pub fn parse(text: &str) -> Result<KeyName, KeyNameError> {
        let ok = (2..=32).contains(&text.len())
            && text.starts_with(|c: char| c.is_ascii_lowercase())
            && text
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !ok {
            return Err(KeyNameError::Form);
        }
        if RESERVED.contains(&text) {
            return Err(KeyNameError::Reserved(text.to_string()));
        }
        Ok(KeyName(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for KeyName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_name_is_a_short_lowercase_code_and_not_one_of_the_portals_channels() {
        for good in ["wechat", "rencheng-app", "app2", "ab"] {
            assert_eq!(KeyName::parse(good).unwrap().as_str(), good);
        }
        for bad in [
            "",
            "a",
            "WeChat",
            "2app",
            "-app",
            "we chat",
            "微信",
            &"a".repeat(33),
        ] {
            assert_eq!(KeyName::parse(bad), Err(KeyNameError::Form), "{bad:?}");
        }
        assert!(matches!(
            KeyName::parse("web"),
            Err(KeyNameError::Reserved(_))
        ));
    }
}
