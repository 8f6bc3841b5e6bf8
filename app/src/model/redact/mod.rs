//! Redaction of free text: for the public board (公开件) and, for a confidential case (保密件),
//! the reporter's identity as the handling department sees it. Staff can edit the result.
//!
//! The text is matched in a normalised copy (full-width digits and letters → ASCII, the many
//! dashes, dots, spaces and brackets → `-`, `.`, ` `, `(`/`)`; one char for one char), and the
//! matched characters are masked in the original: digits (either width), letters of ids and
//! Chinese numerals become `*`, given names become `某`. So a number written `１３８－1234．5678`
//! or `+86 138 1234 5678` is found like `13812345678`, and neither width survives.
mod doc;
mod numbers;
mod patterns;
#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod variants;

use doc::Doc;
#[cfg(test)]
use patterns::{cn_digit, norm_char};

/// Mask for digits, letters of ids and Chinese numerals: keeps the length visible.
const MASK: char = '*';
/// Mask for each character of a given name after the surname.
const MOU: char = '某';

/// What the case knows about its reporter: name(s) and phone number(s), the numbers in plain
/// ASCII digits ("13812345678", "0537-2345678"). They are masked wherever they appear,
/// whatever the separators, digit width or `+86` prefix.
#[derive(Debug, Clone, Copy, Default)]
pub struct Known<'a> {
    pub names: &'a [&'a str],
    pub numbers: &'a [&'a str],
}

/// Masks the personal data in `text` for the public: the known names and numbers, names after
/// self-introductions and labels (我叫/我是/本人/姓名/联系人/名字是), given names before a form
/// of address (李建国先生 → 李先生), every phone, mobile and landline number and any run of 7+
/// digits, ID numbers, e-mail addresses, QQ and WeChat ids, plate numbers and house numbers
/// (also in Chinese numerals: 五号楼三单元, 三〇一室).
pub fn redact_public(text: &str, known: &Known) -> String {
    Doc::new(text).mask(known, Mode::Public)
}

/// Masks the reporter's identity for the department handling a confidential case: the known
/// names and numbers, every phone number and run of 7+ digits, ID numbers, e-mail addresses, QQ
/// and WeChat ids and names after self-introductions. Addresses, house numbers and plate
/// numbers stay (the department needs the place; a plate may be what the complaint is about).
pub fn mask_identity(text: &str, known: &Known) -> String {
    Doc::new(text).mask(known, Mode::Identity)
}

/// The public redaction with only names known (no numbers): the former API, kept for callers.
pub fn redact(text: &str, names: &[&str]) -> String {
    redact_public(
        text,
        &Known {
            names,
            numbers: &[],
        },
    )
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Public,
    Identity,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Act {
    Keep,
    Star,
    Mou,
    Drop,
}
