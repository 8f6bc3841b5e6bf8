//! Ticket identity: the ticket number citizens quote and the query code that unlocks a lookup.
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// `YYYYMMDD-NNNNNN`: the submission day (Asia/Shanghai) and that day's sequence number.
/// Unique, and sorts in submission order as plain text.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TicketNo(String);

/// The largest sequence number a day can hold (six digits).
pub const MAX_DAILY_SEQUENCE: u32 = 999_999;

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TicketNoError {
    #[error("a ticket number looks like 20261122-000123")]
    Malformed,
    #[error("more than 999999 tickets in one day")]
    SequenceOverflow,
}

impl TicketNo {
    pub fn new(day: NaiveDate, sequence: u32) -> Result<Self, TicketNoError> {
        if sequence == 0 || sequence > MAX_DAILY_SEQUENCE {
            return Err(TicketNoError::SequenceOverflow);
        }
        let (y, m, d) = (day.year(), day.month(), day.day());
        Ok(Self(format!("{y:04}{m:02}{d:02}-{sequence:06}")))
    }

    /// Parses what a citizen typed: surrounding spaces, a missing dash, inner spaces and
    /// full-width digits are forgiven; anything else is refused.
    pub fn parse(input: &str) -> Result<Self, TicketNoError> {
        let digits: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-' && *c != '－')
            .map(fold_full_width)
            .collect();
        if digits.len() != 14 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(TicketNoError::Malformed);
        }
        let day = yyyymmdd(&digits[..8]).ok_or(TicketNoError::Malformed)?;
        let sequence: u32 = digits[8..].parse().map_err(|_| TicketNoError::Malformed)?;
        Self::new(day, sequence).map_err(|_| TicketNoError::Malformed)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn day(&self) -> NaiveDate {
        yyyymmdd(&self.0[..8]).expect("validated on construction")
    }
}

/// The day of eight ASCII digits (`20261122`). Read by hand, not through chrono's format
/// strings: the report form (WASM) parses ticket numbers, and that parser weighs several KB.
fn yyyymmdd(digits: &str) -> Option<NaiveDate> {
    let number = |range: std::ops::Range<usize>| digits.get(range)?.parse::<u32>().ok();
    NaiveDate::from_ymd_opt(number(0..4)? as i32, number(4..6)?, number(6..8)?)
}

impl fmt::Display for TicketNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for TicketNo {
    type Error = TicketNoError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<TicketNo> for String {
    fn from(value: TicketNo) -> Self {
        value.0
    }
}

fn fold_full_width(c: char) -> char {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    }
}

/// Query code alphabet: digits and capitals without 0/O, 1/I/L, so a code read aloud on the
/// phone or copied by hand survives.
pub const QUERY_CODE_ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
pub const QUERY_CODE_LEN: usize = 8;

/// The 8-character secret that, with the ticket number, unlocks a public lookup.
/// Shown to the citizen once; the server keeps only a keyed hash.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct QueryCode(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a query code is 8 letters and digits")]
pub struct QueryCodeError;

impl QueryCode {
    /// Builds a code from 8 random numbers (any range): each picks one alphabet letter.
    /// Callers draw the numbers uniformly below the alphabet size.
    pub fn from_indices(indices: [u8; QUERY_CODE_LEN]) -> Self {
        let n = QUERY_CODE_ALPHABET.len();
        Self(
            indices
                .iter()
                .map(|&i| QUERY_CODE_ALPHABET[i as usize % n] as char)
                .collect(),
        )
    }

    /// Parses what a citizen typed: case, spaces, dashes and full-width letters are forgiven.
    pub fn parse(input: &str) -> Result<Self, QueryCodeError> {
        let code: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| fold_full_width(c).to_ascii_uppercase())
            .collect();
        if code.len() == QUERY_CODE_LEN && code.bytes().all(|b| QUERY_CODE_ALPHABET.contains(&b)) {
            Ok(Self(code))
        } else {
            Err(QueryCodeError)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for QueryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("QueryCode(********)")
    }
}

impl TryFrom<String> for QueryCode {
    type Error = QueryCodeError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<QueryCode> for String {
    fn from(value: QueryCode) -> Self {
        value.0
    }
}

/// 投诉 举报 求助 咨询 建议 表扬
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketKind {
    Complaint,
    Report,
    Help,
    Inquiry,
    Suggestion,
    Praise,
}

impl TicketKind {
    pub const ALL: [TicketKind; 6] = [
        TicketKind::Complaint,
        TicketKind::Report,
        TicketKind::Help,
        TicketKind::Inquiry,
        TicketKind::Suggestion,
        TicketKind::Praise,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TicketKind::Complaint => "complaint",
            TicketKind::Report => "report",
            TicketKind::Help => "help",
            TicketKind::Inquiry => "inquiry",
            TicketKind::Suggestion => "suggestion",
            TicketKind::Praise => "praise",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn ticket_number_has_day_and_six_digit_sequence() {
        assert_eq!(
            TicketNo::new(day(), 123).unwrap().as_str(),
            "20261122-000123"
        );
        assert_eq!(
            TicketNo::new(day(), 999_999).unwrap().as_str(),
            "20261122-999999"
        );
        assert_eq!(
            TicketNo::new(day(), 0),
            Err(TicketNoError::SequenceOverflow)
        );
        assert_eq!(
            TicketNo::new(day(), 1_000_000),
            Err(TicketNoError::SequenceOverflow)
        );
    }

    #[test]
    fn ticket_numbers_sort_in_submission_order() {
        let a = TicketNo::new(day(), 9).unwrap();
        let b = TicketNo::new(day(), 10).unwrap();
        let c = TicketNo::new(day().succ_opt().unwrap(), 1).unwrap();
        assert!(a.as_str() < b.as_str() && b.as_str() < c.as_str());
    }

    #[test]
    fn citizen_typing_a_ticket_number_is_forgiven_spaces_and_full_width_digits() {
        let want = "20261122-000123";
        for typed in [
            " 20261122-000123 ",
            "20261122000123",
            "２０２６１１２２－０００１２３",
            "20261122 000123",
        ] {
            assert_eq!(TicketNo::parse(typed).unwrap().as_str(), want, "{typed}");
        }
        assert_eq!(TicketNo::parse(want).unwrap().day(), day());
    }

    #[test]
    fn malformed_ticket_numbers_are_refused() {
        for bad in [
            "",
            "2026112-000123",
            "20261322-000123",
            "20261122-00012x",
            "20261122-000000",
            "abc",
            "20261122-0001234",
        ] {
            assert_eq!(TicketNo::parse(bad), Err(TicketNoError::Malformed), "{bad}");
        }
    }

    #[test]
    fn query_code_alphabet_has_no_look_alike_characters() {
        for c in b"01OIL" {
            assert!(!QUERY_CODE_ALPHABET.contains(c), "{}", *c as char);
        }
        let mut sorted = QUERY_CODE_ALPHABET.to_vec();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), QUERY_CODE_ALPHABET.len(), "no duplicates");
    }

    #[test]
    fn query_code_from_indices_uses_only_the_alphabet() {
        let code = QueryCode::from_indices([0, 1, 2, 30, 31, 62, 200, 255]);
        assert_eq!(code.as_str().len(), 8);
        assert!(code
            .as_str()
            .bytes()
            .all(|b| QUERY_CODE_ALPHABET.contains(&b)));
        assert_eq!(&code.as_str()[..4], "234Z");
    }

    #[test]
    fn query_code_typed_in_lower_case_with_spaces_is_accepted() {
        assert_eq!(
            QueryCode::parse(" abcd-efgh ").unwrap().as_str(),
            "ABCDEFGH"
        );
        assert_eq!(
            QueryCode::parse("ＡＢＣＤ２３４５").unwrap().as_str(),
            "ABCD2345"
        );
    }

    #[test]
    fn query_code_with_ambiguous_or_missing_characters_is_refused() {
        for bad in [
            "",
            "ABCDEFG",
            "ABCDEFGHJ",
            "ABCDEFG0",
            "ABCDEFGO",
            "ABCDEFG1",
            "ABCDEFGI",
            "ABCDEFGL",
            "ABCDEF!@",
        ] {
            assert!(QueryCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn query_code_never_prints_in_debug_output() {
        let code = QueryCode::parse("ABCD2345").unwrap();
        assert!(!format!("{code:?}").contains("ABCD"));
    }

    #[test]
    fn kinds_round_trip_through_their_codes() {
        for k in TicketKind::ALL {
            assert_eq!(TicketKind::from_code(k.code()), Some(k));
        }
        assert_eq!(TicketKind::from_code("rant"), None);
    }

    proptest::proptest! {
        #[test]
        fn anything_a_citizen_types_as_a_ticket_number_or_code_parses_or_is_refused(input in "\\PC{0,40}") {
            // Never panics; what parses prints back in canonical form and parses again.
            if let Ok(no) = TicketNo::parse(&input) {
                proptest::prop_assert_eq!(TicketNo::parse(no.as_str()), Ok(no.clone()));
            }
            if let Ok(code) = QueryCode::parse(&input) {
                proptest::prop_assert!(code.as_str().bytes().all(|b| QUERY_CODE_ALPHABET.contains(&b)));
            }
        }

        #[test]
        fn every_generated_query_code_is_accepted_back_as_typed_in_lower_case(indices in proptest::array::uniform8(0u8..=255)) {
            let code = QueryCode::from_indices(indices);
            let typed = code.as_str().to_lowercase();
            let parsed = QueryCode::parse(&typed).unwrap();
            proptest::prop_assert_eq!(parsed.as_str(), code.as_str());
        }
    }
}
