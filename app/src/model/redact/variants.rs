//! Marker data written the ways people write it, inside ordinary complaint text, for the
//! redaction properties.

use super::patterns::{is_sep, norm_char};

pub(super) const BEFORE: &[&str] = &[
    "小区门口长期占道经营，",
    "2026年11月30日晚上8点，楼下烧烤店噪音扰民，",
    "已经反映两个月了，罚款300元也没用，",
    "3辆车常年堵住消防通道，",
    "",
    "物业不作为。",
    "您好！",
];
pub(super) const AFTER: &[&str] = &[
    "，请尽快处理，谢谢。",
    "。请相关部门尽快处理！",
    "",
    " 谢谢",
    "，晚上10点以后最严重。",
    "，已经第3次反映了。",
];
pub(super) const SEPARATORS: &[&str] = &[
    "", "", "", " ", ".", "-", "－", "—", "–", "．", "　", " - ", "·", "/", "_", "，", "  ",
    "\u{200B}", " — ",
];
pub(super) const PREFIXES: &[&str] = &[
    "",
    "",
    "",
    "+86",
    "+86 ",
    "0086",
    "0086-",
    "(+86)",
    "＋８６ ",
    "+86-",
];
pub(super) const PHONE_CUES: &[&str] =
    &["电话", "手机：", "联系电话 ", "", "请打", "电话:", "手机号"];
pub(super) const SURNAMES_USED: &[&str] = &[
    "张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "郑", "欧阳", "司马", "诸葛",
];
pub(super) const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "桂英", "小明", "建国", "志强", "丽华", "文博", "子涵", "雨轩", "平", "刚", "辉",
    "玲", "桂兰", "红梅", "海燕", "晓东", "国强", "春梅", "浩然", "欣怡", "一", "三", "二妮",
    "大勇", "金凤", "德华", "嘉怡", "梓萱", "宇", "鑫", "博", "琳",
];
pub(super) const NAME_CUES: &[&str] = &[
    "我叫",
    "我叫 ",
    "我是",
    "我是 ",
    "本人",
    "本人 ",
    "姓名",
    "姓名:",
    "姓名 : ",
    "姓名：",
    "联系人",
    "联系人：",
    "联系人 ",
    "名字是",
    "我的名字是",
];
pub(super) const PROVINCES: &str = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
pub(super) const PLATE_LETTERS: &str = "ABCDEFGHJKLMNPQRSTUVWXYZ";
pub(super) const CN: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Formatting choices drawn from a byte string.
pub(super) struct Pick<'a>(pub(super) &'a [u8], pub(super) usize);
impl Pick<'_> {
    pub(super) fn next(&mut self) -> usize {
        let b = self.0[self.1 % self.0.len()] as usize;
        self.1 += 1;
        b
    }
    pub(super) fn one<'s>(&mut self, xs: &[&'s str]) -> &'s str {
        xs[self.next() % xs.len()]
    }
    pub(super) fn chance(&mut self, percent: usize) -> bool {
        self.next() % 100 < percent
    }
}

pub(super) fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' | 'A'..='Z' | 'a'..='z' => {
                char::from_u32(c as u32 + 0xFEE0).expect("full width")
            }
            c => c,
        })
        .collect()
}

/// Digits split into random groups with random separators, maybe full width.
pub(super) fn spread(digits: &str, p: &mut Pick) -> String {
    let one_sep = p.chance(60).then(|| p.one(SEPARATORS));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && p.chance(25) {
            out.push_str(one_sep.unwrap_or_else(|| p.one(SEPARATORS)));
        }
        out.push(c);
    }
    if p.chance(30) {
        full_width(&out)
    } else {
        out
    }
}

pub(super) fn mobile_as_written(mobile: &str, p: &mut Pick) -> String {
    format!("{}{}", p.one(PREFIXES), spread(mobile, p))
}

pub(super) fn landline_as_written(area: &str, local: &str, p: &mut Pick) -> String {
    let local = if p.chance(50) {
        local.to_string()
    } else {
        spread(local, p)
    };
    let s = match p.next() % 7 {
        0 => format!("{area}-{local}"),
        1 => format!("({area}){local}"),
        2 => format!("（{area}）{local}"),
        3 => format!("{area} {local}"),
        4 => format!("{area}{local}"),
        5 => format!("{area}－{local}"),
        _ => format!("（{area}） {local}"),
    };
    if p.chance(25) {
        full_width(&s)
    } else {
        s
    }
}

pub(super) fn id_as_written(id: &str, p: &mut Pick) -> String {
    if id.len() == 18 && p.chance(50) {
        let sep = p.one(&[" ", "  ", "-", "　", " "]);
        format!("{}{sep}{}{sep}{}", &id[..6], &id[6..14], &id[14..])
    } else if p.chance(30) {
        spread(id, p)
    } else {
        id.to_string()
    }
}

pub(super) fn cn_number(n: usize) -> String {
    match n {
        0..=9 => CN[n].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", CN[n % 10]),
        _ if n.is_multiple_of(10) => format!("{}十", CN[n / 10]),
        _ => format!("{}十{}", CN[n / 10], CN[n % 10]),
    }
}

/// The text compared: digits and letters in ASCII, no separators.
pub(super) fn flat(s: &str) -> String {
    s.chars()
        .map(norm_char)
        .filter(|c| !is_sep(*c) && !matches!(c, '+' | '_'))
        .collect()
}

/// No six digits of `digits` in a row survive in `out`.
pub(super) fn no_digits_of(out: &str, digits: &str) -> bool {
    let out = flat(out);
    let d: Vec<char> = digits.chars().filter(char::is_ascii_digit).collect();
    !out.contains(&d.iter().collect::<String>())
        && d.windows(6.min(d.len()))
            .all(|w| !out.contains(&w.iter().collect::<String>()))
}

pub(super) fn name_from(p: &mut Pick) -> String {
    format!("{}{}", p.one(SURNAMES_USED), p.one(GIVEN))
}

pub(super) fn plate_from(p: &mut Pick, digits: &str) -> (String, String) {
    let prov = PROVINCES
        .chars()
        .nth(p.next() % PROVINCES.chars().count())
        .unwrap();
    let letter = PLATE_LETTERS.as_bytes()[p.next() % PLATE_LETTERS.len()] as char;
    let tail = match p.next() % 4 {
        0 => digits[..5].to_string(),
        1 => format!("{}{}", ["D", "F"][p.next() % 2], &digits[..5]),
        2 => format!("{}{}", &digits[..4], letter),
        _ => format!("{}{}{}", letter, &digits[..2], &digits[2..4]),
    };
    let sep = p.one(&["", "", "·", " ", "•"]);
    (
        format!("{prov}{sep}{letter}{tail}"),
        format!("{prov}{letter}{tail}"),
    )
}
