//! Redaction of free text for the public board (公开件): names, mobile and landline numbers,
//! ID-card numbers and house numbers are masked. Staff can edit the result before it shows.
use regex::Regex;
use std::sync::LazyLock;

/// Mask for digits: keeps the length visible without the value.
const MASK: char = '*';

/// ID cards (18 digits, last may be X; old 15-digit ones), before the shorter numbers.
static ID_CARD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\d{17}[\dXx]|\d{15})").expect("id card pattern"));
/// Mobile numbers, also written with spaces or dashes (138 0000 0000, +86 138-0000-0000).
static MOBILE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}").expect("mobile pattern")
});
/// Landlines with area code (0537-2345678, 0537 2345678, (0537)2345678) and bare 7–8 digit
/// local numbers, and any other run of 7+ digits.
static LANDLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[(（]?0\d{2,3}[)）]?[\s-]?)?\d{7,8}(?:-\d{1,5})?|\d{7,}")
        .expect("landline pattern")
});
/// House numbers: 88号, 3号楼, 2栋, 5幢, 1单元, 501室, 12层, 3-2-501, A座.
static HOUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d+(?:-\d+)+|[A-Za-z]?\d+\s*(?:号楼|号院|号|栋|幢|单元|室|层|楼|座|户)")
        .expect("house pattern")
});
/// A name after a self-introduction or a label: 我叫张三, 我是李四, 姓名：王五, 联系人赵六.
static NAME_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(我叫|我是|本人|姓名[:：]?\s*|联系人[:：]?\s*|名字是)([\p{Han}]{2,3})")
        .expect("name pattern")
});
/// A surname with a form of address: 张先生, 李女士, 王师傅, 刘阿姨, 陈大爷.
static ADDRESSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([\p{Han}])(?:[\p{Han}]{1,2})?(先生|女士|小姐|师傅|阿姨|大爷|大妈|老师)")
        .expect("address pattern")
});

fn mask_digits(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_numeric() { MASK } else { c })
        .collect()
}

/// A name as the public reads it: the surname and 某 for each other character.
fn mask_name(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => std::iter::once(first).chain(chars.map(|_| '某')).collect(),
        None => String::new(),
    }
}

/// Masks the personal data in `text`. `names` are names known to belong to the case (the
/// reporter's): masked wherever they appear.
pub fn redact(text: &str, names: &[&str]) -> String {
    let mut out = text.to_string();
    for name in names
        .iter()
        .map(|n| n.trim())
        .filter(|n| n.chars().count() >= 2)
    {
        out = out.replace(name, &mask_name(name));
    }
    out = ID_CARD
        .replace_all(&out, |c: &regex::Captures| mask_digits(&c[0]))
        .into_owned();
    out = MOBILE
        .replace_all(&out, |c: &regex::Captures| mask_digits(&c[0]))
        .into_owned();
    out = LANDLINE
        .replace_all(&out, |c: &regex::Captures| mask_digits(&c[0]))
        .into_owned();
    out = HOUSE
        .replace_all(&out, |c: &regex::Captures| mask_digits(&c[0]))
        .into_owned();
    out = NAME_CUE
        .replace_all(&out, |c: &regex::Captures| {
            format!("{}{}", &c[1], mask_name(&c[2]))
        })
        .into_owned();
    out = ADDRESSED
        .replace_all(&out, |c: &regex::Captures| format!("{}{}", &c[1], &c[2]))
        .into_owned();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_id_numbers_and_house_numbers_are_masked() {
        let text = "我家在幸福路88号3号楼2单元501室，电话13812345678，座机0537-2345678，\
                    身份证370802199001011234，也可打 138 1234 5678 或 2345678。";
        let r = redact(text, &[]);
        for secret in [
            "13812345678",
            "1234 5678",
            "2345678",
            "370802199001011234",
            "88号",
            "501",
        ] {
            assert!(!r.contains(secret), "{secret} in {r}");
        }
        assert!(r.contains("幸福路**号*号楼*单元***室"), "{r}");
    }

    #[test]
    fn names_are_reduced_to_the_surname() {
        let r = redact(
            "我叫张三丰，邻居李建国先生也反映过，联系人：王小明。张三丰再次反映。",
            &["张三丰"],
        );
        for secret in ["张三丰", "李建国", "王小明"] {
            assert!(!r.contains(secret), "{secret} in {r}");
        }
        assert!(r.contains("张某某"), "{r}");
        assert!(r.contains("李先生"), "{r}");
        assert!(r.contains("王某某"), "{r}");
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        let text = "早市占道经营，垃圾清运不及时，希望尽快处理。2026年11月起至今。";
        assert_eq!(redact(text, &[]), text);
    }
}

// TEMPORARY (replaced by the redaction rework on merge).
pub struct Known<'a> {
    pub names: &'a [&'a str],
    pub numbers: &'a [&'a str],
}
pub fn mask_identity(text: &str, known: &Known) -> String {
    redact(text, known.names)
}
pub fn redact_public(text: &str, known: &Known) -> String {
    redact(text, known.names)
}
