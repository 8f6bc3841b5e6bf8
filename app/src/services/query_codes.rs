//! The keyed hash of query codes (查询码): the database alone cannot be brute-forced into codes.
use crate::model::{QueryCode, TicketNo};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::Arc;

/// Keyed hash of query codes: the database alone cannot be brute-forced into codes.
#[derive(Clone)]
pub struct CodeHasher {
    key: Arc<[u8]>,
}

impl CodeHasher {
    pub fn new(secret: &[u8]) -> Self {
        Self { key: secret.into() }
    }

    /// The secret, for other keyed hashes of the same deployment (one-time codes).
    pub fn key(&self) -> &[u8] {
        &self.key
    }

    pub fn hash(&self, ticket_no: &TicketNo, code: &QueryCode) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key length");
        mac.update(ticket_no.as_str().as_bytes());
        mac.update(b":");
        mac.update(code.as_str().as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// A keyed hash (HMAC-SHA256 with the deployment's secret) of `parts`, each followed by a
    /// zero byte: what the database keeps instead of names, addresses and codes, and what
    /// signs the tokens the portal hands out.
    pub fn keyed(&self, parts: &[&str]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key length");
        for part in parts {
            mac.update(part.as_bytes());
            mac.update(b"\0");
        }
        hex::encode(mac.finalize().into_bytes())
    }

    /// Constant-time check of a code against a stored hash.
    pub fn verify(&self, ticket_no: &TicketNo, code: &QueryCode, stored: &str) -> bool {
        use subtle::ConstantTimeEq;
        self.hash(ticket_no, code)
            .as_bytes()
            .ct_eq(stored.as_bytes())
            .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_verifies_only_with_its_own_ticket_and_secret() {
        let no = TicketNo::parse("20261122-000001").unwrap();
        let other = TicketNo::parse("20261122-000002").unwrap();
        let code = QueryCode::parse("ABCD2345").unwrap();
        let wrong = QueryCode::parse("ABCD2346").unwrap();
        let h = CodeHasher::new(b"secret-one");
        let stored = h.hash(&no, &code);
        assert!(h.verify(&no, &code, &stored));
        assert!(!h.verify(&no, &wrong, &stored));
        assert!(!h.verify(&other, &code, &stored));
        assert!(!CodeHasher::new(b"secret-two").verify(&no, &code, &stored));
        assert!(!stored.contains("ABCD2345"));
    }
}
