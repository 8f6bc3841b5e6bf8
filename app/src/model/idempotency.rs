//! The `Idempotency-Key` a client sends with a submission it may send again (a draft kept on
//! the phone and resent when the connection returns): a UUID the client made. A repeat with
//! the same key and the same content answers the ticket the first one made; the same key with
//! other content is refused.
use super::problem::Problem;

/// The header that carries the key.
pub const HEADER: &str = "idempotency-key";

/// A client-made UUID (`8-4-4-4-12` hexadecimal digits), kept in lower case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    /// Parses the header's value; anything but a UUID is refused, so that a key is never a
    /// word two clients could both choose.
    pub fn parse(value: &str) -> Result<Self, Problem> {
        let value = value.trim();
        let shape_ok = value.len() == 36
            && value.char_indices().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => c == '-',
                _ => c.is_ascii_hexdigit(),
            });
        // The nil UUID is what a client sends when its generator failed.
        if shape_ok && value.bytes().any(|b| b != b'0' && b != b'-') {
            Ok(Self(value.to_ascii_lowercase()))
        } else {
            Err(Problem::BadIdempotencyKey)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A fresh key (a version 4 UUID) for a form the server writes into a page, so that a plain
    /// post sent twice (a double tap, a reload of the answer) makes one ticket.
    #[cfg(feature = "ssr")]
    pub fn fresh() -> Self {
        let mut b: [u8; 16] = rand::random();
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
        Self(format!(
            "{}-{}-{}-{}-{}",
            &hex[..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..]
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ssr")]
    #[test]
    fn a_fresh_key_is_a_version_4_uuid_the_parser_takes() {
        let a = IdempotencyKey::fresh();
        assert_eq!(IdempotencyKey::parse(a.as_str()), Ok(a.clone()));
        assert_eq!(&a.as_str()[14..15], "4");
        assert_ne!(a, IdempotencyKey::fresh());
    }

    #[test]
    fn a_client_made_uuid_is_a_key_and_anything_else_is_refused() {
        let key = IdempotencyKey::parse(" 3F2504E0-4F89-41D3-9A0C-0305E82C3301 ").unwrap();
        assert_eq!(key.as_str(), "3f2504e0-4f89-41d3-9a0c-0305e82c3301");
        for bad in [
            "",
            "1",
            "retry",
            "3f2504e0-4f89-41d3-9a0c-0305e82c330",
            "3f2504e0-4f89-41d3-9a0c-0305e82c33011",
            "3f2504e04f8941d39a0c0305e82c3301",
            "3f2504e0_4f89_41d3_9a0c_0305e82c3301",
            "3f2504e0-4f89-41d3-9a0c-0305e82c330g",
            "00000000-0000-0000-0000-000000000000",
            "３f2504e0-4f89-41d3-9a0c-0305e82c3301",
        ] {
            assert_eq!(
                IdempotencyKey::parse(bad),
                Err(Problem::BadIdempotencyKey),
                "{bad}"
            );
        }
    }
}
