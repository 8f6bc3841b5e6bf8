//! Redaction of free text: for the public board (公开件) and, for a confidential case (保密件),
//! the reporter's identity as the handling department sees it. Staff can edit the result.
//!
//! The text is matched in a normalised copy (full-width digits and letters → ASCII, the many
//! dashes, dots, spaces and brackets → `-`, `.`, ` `, `(`/`)`; one char for one char), and the
//! matched characters are masked in the original: digits (either width), letters of ids and
//! Chinese numerals become `*`, given names become `某`. So a number written `１３８－1234．5678`
//! or `+86 138 1234 5678` is found like `13812345678`, and neither width survives.
use regex::Regex;
use std::sync::LazyLock;

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

/// Common surnames: a name after a weak cue (我是, 本人) must start with one.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘\
    于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史\
    陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧\
    耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻\
    祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全\
    佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";
const COMPOUND_SURNAMES: [&str; 12] = [
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "夏侯",
];
/// Words after a label that are not a name (联系人电话, 姓名不详).
const NOT_NAMES: &str = "电话 手机 方式 号码 信息 地址 不详 保密 匿名 本人";
/// Words after 我是/本人 that are not a name either (我是业主, 我是车主, 本人在).
const NOT_NAMES_AFTER_WEAK_CUE: &str = "业主 居民 住户 市民 群众 这里 这个 一名 一个 附近 \
    小区 该 在 从 车主 商户 单位 路过 高层 全职 房东 租户 家长 党员 周边 周围 明天 时间 \
    常住 常年 安徽 江苏 江西 石家庄 金融 房主 车位 向您 和他 和她 和我 成年 应该 关于 \
    司机 毛坯 宁愿 华侨";
/// A name after a self-introduction or a label: 我叫 张三, 我是李四, 姓名 : 王五, 联系人：赵六.
static NAME_CUE: LazyLock<Regex> = LazyLock::new(|| {
    let compound = COMPOUND_SURNAMES.join("|");
    Regex::new(&format!(
        r"(我叫|我是|本人(?:是|叫)?|姓名(?:是|为|叫)?|联系人(?:是|为)?|名字(?:是|叫)|叫做)[ :]*((?:{compound})\p{{Han}}{{1,2}}|\p{{Han}}{{2,3}})"
    ))
    .expect("name pattern")
});
/// A surname with a form of address: 张先生, 李女士, 王师傅, 刘阿姨, 陈大爷.
static ADDRESSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\p{Han})(\p{Han}{1,2})?(?:先生|女士|小姐|师傅|阿姨|大爷|大妈|老师)")
        .expect("address pattern")
});
/// A date at the start of a digit group (2026-11-30, 2026.11.30 8): not a phone number.
static DATE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:19|20)[0-9]{2}[-./][0-9]{1,2}[-./][0-9]{1,2}(?:$|[ ，、])")
        .expect("date pattern")
});
static YEAR_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:19|20)[0-9]{2} *- *(?:19|20)[0-9]{2}$").expect("year range pattern")
});
/// Building-unit-room written with dashes (3-2-501, 12-3-1501).
static DASHED_HOUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9]{1,4}(?: *- *[0-9]{1,4})+$").expect("dashed house pattern")
});
static DASHED_HOUSE_LONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9]{1,3} *- *[0-9]{1,2} *- *[0-9]{3,4}$").expect("long house pattern")
});
/// A number written (partly) in Chinese numerals (幺三八一二三四五六七八, 138一二三四5678).
static CN_DIGIT_RUN: LazyLock<Regex> = LazyLock::new(|| {
    let d = "[0-9〇零○一二三四五六七八九幺壹贰叁肆伍陆柒捌玖]";
    Regex::new(&format!(r"{d}(?:[ .\-/_，、]{{0,3}}{d}){{6,}}")).expect("chinese digit run pattern")
});
/// QQ numbers after a cue: QQ 12345678, qq号：123456, 扣扣 1234567.
static QQ: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i:qq|扣扣|企鹅号)[ ]*(?:号码|号|群号|群)?[ ]*(?:是|为)?[ ]*:?[ ]*([0-9](?:[ .\-/_，、]{0,3}[0-9]){4,11})",
    )
    .expect("qq pattern")
});
/// WeChat ids after a cue: 微信 zhang_san88, vx:abc-123, 微信号：13812345678.
static WECHAT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i:微信|vx|wx|v信|weixin|wechat|威信|薇信)[ ]*(?:号码|号)?[ ]*(?:是|为)?[ ]*:?[ ]*([A-Za-z0-9_\-]{6,})",
    )
    .expect("wechat pattern")
});
/// The tail of a mobile after 尾号 (手机尾号5678).
static TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"尾号[ ]*(?:是|为)?[ ]*:?[ ]*([0-9]{3,4})").expect("tail pattern")
});
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([A-Za-z0-9._%+\-]+)@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+").expect("email pattern")
});
/// Plate numbers: 鲁H12345, 鲁H·D12345 (new energy, 8 characters), 鲁H1234学.
static PLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领][ .\-]{0,2}[A-Za-z][ .\-]{0,2}([A-Za-z0-9]{5,6}|[A-Za-z0-9]{4}[学警挂港澳领试超])",
    )
    .expect("plate pattern")
});
/// House numbers: 88号, 3号楼, 2栋, 1单元, 501室, 12层, A座, 五号楼, 三〇一室, 二十三号.
static HOUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"([0-9]+|[〇零○一二两三四五六七八九十百千]+) *(号楼|号院|号|栋|幢|单元|室|层|楼|座|户|弄|巷)",
    )
    .expect("house pattern")
});

/// The char as matched: full-width forms and the many dashes, dots, spaces and brackets mapped
/// to ASCII, always one char for one char.
fn norm_char(c: char) -> char {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        '－' | '—' | '–' | '‐' | '‑' | '‒' | '―' | '−' | '﹣' | '﹘' | '⁃' => {
            '-'
        }
        '．' | '。' | '·' | '•' | '・' | '･' | '｡' | '∙' | '⋅' => '.',
        '（' | '［' | '【' | '〔' | '﹙' => '(',
        '）' | '］' | '】' | '〕' | '﹚' => ')',
        '＋' | '﹢' => '+',
        '＠' | '﹫' => '@',
        '：' | '﹕' | '︰' => ':',
        '＿' => '_',
        '／' => '/',
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => ' ',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// A Chinese digit (for numbers written out: 幺三八…, 三〇一).
fn cn_digit(c: char) -> Option<u8> {
    Some(match c {
        '〇' | '零' | '○' => 0,
        '一' | '幺' | '壹' => 1,
        '二' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || matches!(c, '十' | '百' | '千' | '两' | '拾' | '佰')
}

/// Separators people put between the digits of one number.
fn is_sep(c: char) -> bool {
    matches!(c, ' ' | '.' | '-' | '/' | '(' | ')' | '_' | '，' | '、')
}

struct Doc {
    orig: Vec<char>,
    norm: String,
    chars: Vec<char>,
    /// Char index of each byte offset of `norm` (valid at char boundaries).
    at: Vec<u32>,
    acts: Vec<Act>,
}

impl Doc {
    fn new(text: &str) -> Doc {
        let orig: Vec<char> = text.chars().collect();
        let chars: Vec<char> = orig.iter().map(|&c| norm_char(c)).collect();
        let norm: String = chars.iter().collect();
        let mut at = vec![0u32; norm.len() + 1];
        for (i, (b, _)) in norm.char_indices().enumerate() {
            at[b] = i as u32;
        }
        at[norm.len()] = chars.len() as u32;
        let acts = vec![Act::Keep; chars.len()];
        Doc {
            orig,
            norm,
            chars,
            at,
            acts,
        }
    }

    fn char_range(&self, m: regex::Match) -> (usize, usize) {
        (self.at[m.start()] as usize, self.at[m.end()] as usize)
    }

    /// Masks the digits (and with `letters` the ASCII letters) and Chinese numerals in a range.
    fn star(&mut self, from: usize, to: usize, letters: bool) {
        for i in from..to {
            let c = self.chars[i];
            let hit = c.is_ascii_digit()
                || is_cn_numeral(c)
                || (letters && c.is_ascii_alphabetic())
                || (letters && c.is_alphanumeric() && !is_han(c));
            if hit && self.acts[i] == Act::Keep {
                self.acts[i] = Act::Star;
            }
        }
    }

    /// A name: the surname stays, each other non-space character becomes 某.
    fn name(&mut self, from: usize, to: usize, surname_len: usize) {
        let mut seen = 0;
        for i in from..to {
            if self.chars[i] == ' ' {
                continue;
            }
            if seen >= surname_len {
                self.acts[i] = Act::Mou;
            }
            seen += 1;
        }
    }

    fn mask(mut self, known: &Known, mode: Mode) -> String {
        self.known_names(known.names);
        self.cued_names();
        if mode == Mode::Public {
            self.addressed();
        }
        let barrier = if mode == Mode::Identity {
            self.plates(false)
        } else {
            self.plates(true);
            vec![false; self.chars.len()]
        };
        self.known_numbers(known.numbers);
        self.digit_groups(&barrier, mode);
        self.cued_ids();
        if mode == Mode::Public {
            self.houses();
        }
        self.orig
            .iter()
            .zip(&self.acts)
            .filter_map(|(&c, act)| match act {
                Act::Keep => Some(c),
                Act::Star => Some(MASK),
                Act::Mou => Some(MOU),
                Act::Drop => None,
            })
            .collect()
    }

    /// The known names, also written with spaces between the characters.
    fn known_names(&mut self, names: &[&str]) {
        for name in names {
            let name: Vec<char> = name.chars().map(norm_char).filter(|c| *c != ' ').collect();
            if name.len() < 2 {
                continue;
            }
            let surname_len = if COMPOUND_SURNAMES
                .iter()
                .any(|s| name.iter().collect::<String>().starts_with(s))
                && name.len() >= 3
            {
                2
            } else {
                1
            };
            let n = self.chars.len();
            let mut i = 0;
            while i < n {
                let mut j = i;
                let mut k = 0;
                while k < name.len() && j < n {
                    if self.chars[j] == name[k] {
                        k += 1;
                        j += 1;
                    } else if k > 0 && self.chars[j] == ' ' {
                        j += 1;
                    } else {
                        break;
                    }
                }
                if k == name.len() {
                    self.name(i, j, surname_len);
                    i = j;
                } else {
                    i += 1;
                }
            }
        }
    }

    fn cued_names(&mut self) {
        let found: Vec<(usize, usize, usize)> = NAME_CUE
            .captures_iter(&self.norm)
            .filter_map(|c| {
                let cue = c.get(1)?.as_str();
                let m = c.get(2)?;
                let name = m.as_str();
                let compound = COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s));
                let first = name.chars().next()?;
                let weak = matches!(cue, "我是" | "本人" | "本人是");
                let not_a_name =
                    |words: &str| words.split_whitespace().any(|w| name.starts_with(w));
                if not_a_name(NOT_NAMES)
                    || (weak
                        && (not_a_name(NOT_NAMES_AFTER_WEAK_CUE)
                            || !(compound || SURNAMES.contains(first))))
                {
                    return None;
                }
                let (a, b) = (self.at[m.start()] as usize, self.at[m.end()] as usize);
                Some((a, b, if compound && b - a >= 3 { 2 } else { 1 }))
            })
            .collect();
        for (a, b, s) in found {
            self.name(a, b, s);
        }
    }

    /// 李建国先生 → 李先生.
    fn addressed(&mut self) {
        let found: Vec<(usize, usize)> = ADDRESSED
            .captures_iter(&self.norm)
            // Not 这位先生, 那位阿姨: no surname there.
            .filter(|c| !c[0].contains(|f: char| "这那该哪每各某此其位".contains(f)))
            .filter_map(|c| c.get(2).map(|m| self.char_range(m)))
            .collect();
        for (a, b) in found {
            for act in &mut self.acts[a..b] {
                if *act == Act::Keep {
                    *act = Act::Drop;
                }
            }
        }
    }

    /// Plates: masked (public) or returned as barriers digit groups do not cross (identity).
    fn plates(&mut self, mask: bool) -> Vec<bool> {
        let mut barrier = vec![false; self.chars.len()];
        let found: Vec<(usize, usize, usize)> = PLATE
            .captures_iter(&self.norm)
            .filter_map(|c| {
                let tail = c.get(1)?;
                if tail.as_str().bytes().filter(u8::is_ascii_digit).count() < 2 {
                    return None;
                }
                let (a, _) = self.char_range(c.get(0)?);
                let (t, b) = self.char_range(tail);
                // Digits or letters right after: part of something else (新vx13812345678).
                let alone = !self.chars.get(b).is_some_and(char::is_ascii_alphanumeric);
                (mask || alone).then_some((a, t, b))
            })
            .collect();
        for (a, t, b) in found {
            if mask {
                self.star(t, b, true);
            } else {
                barrier[a..b].iter_mut().for_each(|x| *x = true);
            }
        }
        barrier
    }

    /// The known numbers wherever their digits appear in order, across separators, in either
    /// width or in Chinese numerals, with or without +86/0086 or the area code.
    fn known_numbers(&mut self, numbers: &[&str]) {
        let mut wanted: Vec<String> = Vec::new();
        for number in numbers {
            let d: String = number
                .chars()
                .map(norm_char)
                .filter(char::is_ascii_digit)
                .collect();
            if d.len() < 5 {
                continue;
            }
            if let Some(rest) = d.strip_prefix("0086") {
                wanted.push(rest.to_string());
            } else if d.len() == 13 && d.starts_with("86") {
                wanted.push(d[2..].to_string());
            }
            // A landline is also written without its area code: the digits after the first
            // separator (0537-2345678), or else after a 3- or 4-digit area code.
            if d.starts_with('0') && d.len() >= 10 {
                let written: Vec<char> = number.chars().map(norm_char).collect();
                let area = written.iter().skip_while(|c| !c.is_ascii_digit());
                let area = area.take_while(|c| c.is_ascii_digit()).count();
                if (3..=4).contains(&area) {
                    wanted.push(d[area..].to_string());
                } else {
                    wanted.extend([d[3..].to_string(), d[4..].to_string()]);
                }
            }
            wanted.push(d);
        }
        if wanted.is_empty() {
            return;
        }
        // The digits of the text in order, with their char index; other text breaks the run.
        let mut digits = String::new();
        let mut index = Vec::new();
        for (i, &c) in self.chars.iter().enumerate() {
            if let Some(d) = c
                .to_digit(10)
                .filter(|_| c.is_ascii_digit())
                .map(|d| d as u8)
                .or(cn_digit(c))
            {
                digits.push((b'0' + d) as char);
                index.push(i);
            } else if is_sep(c)
                || matches!(
                    c,
                    '+' | '_' | ':' | ',' | '，' | '、' | '*' | '#' | ';' | '；' | '"' | '\''
                )
            {
                continue;
            } else if !digits.ends_with('|') {
                digits.push('|');
                index.push(usize::MAX);
            }
        }
        let mut hits = Vec::new();
        for w in &wanted {
            for (at, _) in digits.match_indices(w.as_str()) {
                hits.extend_from_slice(&index[at..at + w.len()]);
            }
        }
        for i in hits {
            if self.acts[i] == Act::Keep {
                self.acts[i] = Act::Star;
            }
        }
    }

    /// Groups of digits joined by up to three separators (138 1234 5678, +86-138.1234.5678,
    /// (0537)234-5678, 370802 19900101 123X): 7+ digits are masked (phones, IDs, any long
    /// number) unless the group is a date; shorter dashed groups are house numbers (public).
    fn digit_groups(&mut self, barrier: &[bool], mode: Mode) {
        let n = self.chars.len();
        let free = |i: usize| !barrier[i];
        let mut i = 0;
        let mut groups = Vec::new();
        while i < n {
            if !(self.chars[i].is_ascii_digit() && free(i)) {
                i += 1;
                continue;
            }
            let start = i;
            let mut count = 0;
            let mut j = i;
            let mut end;
            loop {
                while j < n && self.chars[j].is_ascii_digit() && free(j) {
                    count += 1;
                    j += 1;
                }
                end = j;
                let mut k = j;
                while k < n && k - j < 3 && is_sep(self.chars[k]) && free(k) {
                    k += 1;
                }
                if k > j && k < n && self.chars[k].is_ascii_digit() && free(k) {
                    j = k;
                } else {
                    break;
                }
            }
            if count >= 14 {
                let mut k = end;
                while k < n && k - end < 2 && is_sep(self.chars[k]) {
                    k += 1;
                }
                if k < n
                    && matches!(self.chars[k], 'x' | 'X')
                    && !(k + 1 < n && self.chars[k + 1].is_ascii_alphabetic())
                {
                    end = k + 1;
                }
            }
            groups.push((start, end, count));
            i = end;
        }
        for (start, end, count) in groups {
            let text: String = self.chars[start..end].iter().collect();
            let before = start.checked_sub(1).map(|b| self.chars[b]);
            let after = self.chars.get(end).copied();
            if count >= 7 {
                let date = count <= 10 && DATE_START.is_match(&text);
                let years = after == Some('年') && YEAR_RANGE.is_match(&text);
                let house = mode == Mode::Identity && DASHED_HOUSE_LONG.is_match(&text);
                if !(date || years || house) {
                    self.star(start, end, true);
                }
            } else if mode == Mode::Public && DASHED_HOUSE.is_match(&text) {
                let groups = text.matches('-').count() + 1;
                let date = DATE_START.is_match(&text);
                let not_house = before == Some(':')
                    || after.is_some_and(|c| {
                        matches!(
                            c,
                            '点' | '时'
                                | '元'
                                | '块'
                                | '万'
                                | '岁'
                                | '天'
                                | '年'
                                | '月'
                                | '日'
                                | '个'
                                | '次'
                                | '分'
                                | '%'
                                | ':'
                                | '周'
                        )
                    });
                if !date && (groups >= 3 || !not_house) {
                    self.star(start, end, false);
                }
            }
        }
        let runs: Vec<(usize, usize)> = CN_DIGIT_RUN
            .find_iter(&self.norm)
            .filter(|m| !m.as_str().is_ascii())
            .map(|m| self.char_range(m))
            .collect();
        for (a, b) in runs {
            self.star(a, b, false);
        }
    }

    /// E-mail addresses (the part before @), QQ and WeChat ids after their cues, 尾号1234.
    fn cued_ids(&mut self) {
        let mut found = Vec::new();
        for re in [&*QQ, &*WECHAT, &*TAIL, &*EMAIL] {
            for c in re.captures_iter(&self.norm) {
                if let Some(m) = c.get(1) {
                    found.push(self.char_range(m));
                }
            }
        }
        for (a, b) in found {
            self.star(a, b, true);
        }
    }

    /// House numbers in digits or Chinese numerals, not a date (11月30号), a line (1号线) or a
    /// layout (三室一厅).
    fn houses(&mut self) {
        let found: Vec<(usize, usize)> = HOUSE
            .captures_iter(&self.norm)
            .filter_map(|c| {
                let num = c.get(1)?;
                let suffix = c.get(2)?;
                let (a, b) = self.char_range(num);
                let (_, e) = self.char_range(suffix);
                let before = a.checked_sub(1).map(|i| self.chars[i]);
                let after = self.chars.get(e).copied();
                if before == Some('月') || before == Some('第') {
                    return None;
                }
                if suffix.as_str() == "号" && matches!(after, Some('线') | Some('码')) {
                    return None;
                }
                // 三室一厅: a flat's layout.
                if suffix.as_str() == "室" && after.is_some_and(|c| c == '厅' || is_cn_numeral(c))
                {
                    return None;
                }
                Some((a, b))
            })
            .collect();
        for (a, b) in found {
            self.star(a, b, false);
        }
    }
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
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

#[cfg(test)]
mod examples {
    use super::*;

    const KNOWN: Known = Known {
        names: &["张三丰"],
        numbers: &["13812345678", "0537-2345678"],
    };

    #[test]
    fn a_mobile_written_with_full_width_digits_dots_or_dashes_is_masked() {
        for text in [
            "电话138.1234.5678请回电",
            "电话１３８１２３４５６７８请回电",
            "电话138－1234－5678请回电",
            "电话138—1234—5678请回电",
            "电话１３８　１２３４　５６７８请回电",
            "电话+86 138 1234 5678请回电",
            "电话0086-138-1234-5678请回电",
            "电话（+86）13812345678请回电",
            "电话幺三八一二三四五六七八请回电",
            "电话138一二三四5678请回电",
        ] {
            let r = redact_public(text, &Known::default());
            let digit = |c: char| c.is_numeric() || cn_digit(c).is_some();
            assert!(!r.chars().any(digit), "{text} → {r}");
            assert!(r.starts_with("电话") && r.ends_with("请回电"), "{r}");
        }
    }

    #[test]
    fn landlines_ids_emails_qq_and_wechat_are_masked() {
        let text = "座机（0537）2345678、(010) 8765-4321，身份证370802 19900101 123X，\
                    老身份证370802900101123，邮箱zhang.san88@163.com，QQ号：123456，\
                    扣扣 7654321，微信号：zhang_san-88，vx:abcdef1，wx 13912345678。";
        let r = redact_public(text, &Known::default());
        for secret in [
            "0537",
            "2345678",
            "8765",
            "4321",
            "370802",
            "19900101",
            "123X",
            "900101123",
            "zhang.san88",
            "123456",
            "7654321",
            "zhang_san-88",
            "abcdef1",
            "13912345678",
        ] {
            assert!(!r.contains(secret), "{secret} in {r}");
        }
        assert!(r.contains("@163.com"), "{r}");
    }

    #[test]
    fn plates_and_house_numbers_in_chinese_numerals_are_masked_for_the_public() {
        let text =
            "鲁H12345和鲁H·D12345、鲁HD12345常年停在五号楼三单元三〇一室门口，二十三号十二层也有。";
        let r = redact_public(text, &Known::default());
        for secret in [
            "12345",
            "D12345",
            "五号楼",
            "三单元",
            "三〇一",
            "二十三",
            "十二层",
        ] {
            assert!(!r.contains(secret), "{secret} in {r}");
        }
        assert!(r.contains("鲁H*****和鲁H·******、鲁H******"), "{r}");
        assert!(r.contains("*号楼*单元***室"), "{r}");
    }

    #[test]
    fn names_after_cues_with_spaces_are_reduced_to_the_surname() {
        let text = "我叫 张三，我是李四，姓名 : 王五，联系人：赵六，本人 王小明，名字是欧阳娜娜。";
        let r = redact_public(text, &Known::default());
        assert_eq!(
            r,
            "我叫 张某，我是李某，姓名 : 王某，联系人：赵某，本人 王某某，名字是欧阳某某。"
        );
    }

    #[test]
    fn the_reporters_own_name_and_numbers_are_masked_wherever_they_appear() {
        let text =
            "张 三 丰说：打１３８ 1234 5678或2345678找张三丰，也可以打幺三八一二三四五六七八。";
        let r = redact_public(text, &KNOWN);
        assert!(!r.contains("三丰") && !r.contains("三 丰"), "{r}");
        assert!(!r.chars().any(|c| c.is_numeric()), "{r}");
        assert_eq!(mask_identity(text, &KNOWN), r);
    }

    #[test]
    fn the_department_sees_the_address_and_plate_but_not_the_reporter() {
        let text = "我叫张三丰，住幸福路88号五号楼三单元301室，3-2-501也是我家，电话13812345678，\
                    身份证370802199001011234，邮箱zsf@qq.com。鲁H·D12345 每晚停在楼下。";
        let r = mask_identity(text, &KNOWN);
        for secret in ["三丰", "13812345678", "370802199001011234", "zsf@"] {
            assert!(!r.contains(secret), "{secret} in {r}");
        }
        for kept in ["幸福路88号五号楼三单元301室", "3-2-501", "鲁H·D12345"] {
            assert!(r.contains(kept), "{kept} missing in {r}");
        }
    }

    #[test]
    fn ordinary_complaint_text_keeps_dates_times_money_and_counts() {
        for text in [
            "2026年11月30日晚上8点到10点，楼下烧烤店噪音扰民，已经两个月了。",
            "11月30号早上8:30-9:30，3辆车堵住消防通道，罚款300元也没用。",
            "2026-11-30 8点反映过一次，2020-2026年间多次投诉，共5次，涉及1.5万元。",
            "坐1号线到站后，我是本小区业主，我是住在这里的居民，联系人电话见附件。",
            "两室一厅的房子，三室两厅也一样，我是车主，本人在外地。这位先生和那位阿姨也看到了。",
        ] {
            assert_eq!(redact_public(text, &KNOWN), text);
            assert_eq!(mask_identity(text, &KNOWN), text);
        }
    }

    /// `cargo test --release -- --ignored --nocapture timing`: well under 1 ms for 2000 chars.
    #[test]
    #[ignore]
    fn timing_of_a_long_description() {
        let text: String =
            "小区门口长期占道经营，电话138 1234 5678，五号楼三单元，鲁H12345，请尽快处理。"
                .repeat(50)
                .chars()
                .take(2000)
                .collect();
        let start = std::time::Instant::now();
        for _ in 0..100 {
            std::hint::black_box(redact_public(&text, &KNOWN));
        }
        println!("2000 chars: {:?} per redaction", start.elapsed() / 100);
    }

    #[test]
    fn the_old_api_still_masks_names_and_numbers() {
        let r = redact("张三丰电话138 1234 5678", &["张三丰"]);
        assert_eq!(r, "张某某电话*** **** ****");
    }
}

#[cfg(test)]
mod properties {
    //! Marker data written the ways people write it, inside ordinary complaint text: after
    //! redaction none of it survives (compared with separators removed and digits in ASCII).
    use super::*;
    use proptest::prelude::*;
    use proptest::sample::select;

    const BEFORE: &[&str] = &[
        "小区门口长期占道经营，",
        "2026年11月30日晚上8点，楼下烧烤店噪音扰民，",
        "已经反映两个月了，罚款300元也没用，",
        "3辆车常年堵住消防通道，",
        "",
        "物业不作为。",
        "您好！",
    ];
    const AFTER: &[&str] = &[
        "，请尽快处理，谢谢。",
        "。请相关部门尽快处理！",
        "",
        " 谢谢",
        "，晚上10点以后最严重。",
        "，已经第3次反映了。",
    ];
    const SEPARATORS: &[&str] = &[
        "", "", "", " ", ".", "-", "－", "—", "–", "．", "　", " - ", "·", "/", "_", "，", "  ",
        "\u{200B}", " — ",
    ];
    const PREFIXES: &[&str] = &[
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
    const PHONE_CUES: &[&str] = &["电话", "手机：", "联系电话 ", "", "请打", "电话:", "手机号"];
    const SURNAMES_USED: &[&str] = &[
        "张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡",
        "郭", "何", "林", "罗", "郑", "欧阳", "司马", "诸葛",
    ];
    const GIVEN: &[&str] = &[
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
        "明", "超", "秀英", "桂英", "小明", "建国", "志强", "丽华", "文博", "子涵", "雨轩", "平",
        "刚", "辉", "玲", "桂兰", "红梅", "海燕", "晓东", "国强", "春梅", "浩然", "欣怡", "一",
        "三", "二妮", "大勇", "金凤", "德华", "嘉怡", "梓萱", "宇", "鑫", "博", "琳",
    ];
    const NAME_CUES: &[&str] = &[
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
    const PROVINCES: &str = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
    const PLATE_LETTERS: &str = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    const CN: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

    /// Formatting choices drawn from a byte string.
    struct Pick<'a>(&'a [u8], usize);
    impl Pick<'_> {
        fn next(&mut self) -> usize {
            let b = self.0[self.1 % self.0.len()] as usize;
            self.1 += 1;
            b
        }
        fn one<'s>(&mut self, xs: &[&'s str]) -> &'s str {
            xs[self.next() % xs.len()]
        }
        fn chance(&mut self, percent: usize) -> bool {
            self.next() % 100 < percent
        }
    }

    fn full_width(s: &str) -> String {
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
    fn spread(digits: &str, p: &mut Pick) -> String {
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

    fn mobile_as_written(mobile: &str, p: &mut Pick) -> String {
        format!("{}{}", p.one(PREFIXES), spread(mobile, p))
    }

    fn landline_as_written(area: &str, local: &str, p: &mut Pick) -> String {
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

    fn id_as_written(id: &str, p: &mut Pick) -> String {
        if id.len() == 18 && p.chance(50) {
            let sep = p.one(&[" ", "  ", "-", "　", " "]);
            format!("{}{sep}{}{sep}{}", &id[..6], &id[6..14], &id[14..])
        } else if p.chance(30) {
            spread(id, p)
        } else {
            id.to_string()
        }
    }

    fn cn_number(n: usize) -> String {
        match n {
            0..=9 => CN[n].to_string(),
            10 => "十".into(),
            11..=19 => format!("十{}", CN[n % 10]),
            _ if n.is_multiple_of(10) => format!("{}十", CN[n / 10]),
            _ => format!("{}十{}", CN[n / 10], CN[n % 10]),
        }
    }

    /// The text compared: digits and letters in ASCII, no separators.
    fn flat(s: &str) -> String {
        s.chars()
            .map(norm_char)
            .filter(|c| !is_sep(*c) && !matches!(c, '+' | '_'))
            .collect()
    }

    /// No six digits of `digits` in a row survive in `out`.
    fn no_digits_of(out: &str, digits: &str) -> bool {
        let out = flat(out);
        let d: Vec<char> = digits.chars().filter(char::is_ascii_digit).collect();
        !out.contains(&d.iter().collect::<String>())
            && d.windows(6.min(d.len()))
                .all(|w| !out.contains(&w.iter().collect::<String>()))
    }

    fn name_from(p: &mut Pick) -> String {
        format!("{}{}", p.one(SURNAMES_USED), p.one(GIVEN))
    }

    fn plate_from(p: &mut Pick, digits: &str) -> (String, String) {
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

    fn config(cases: u32) -> ProptestConfig {
        ProptestConfig {
            cases,
            failure_persistence: None,
            ..ProptestConfig::default()
        }
    }

    proptest! {
        #![proptest_config(config(3_000))]
        #[test]
        fn a_reporters_mobile_written_any_way_never_reaches_the_public(
            mobile in "1[3-9][0-9]{9}",
            known in "1[3-9][0-9]{9}",
            before in select(BEFORE), after in select(AFTER),
            choices in prop::collection::vec(any::<u8>(), 48),
        ) {
            let p = &mut Pick(&choices, 0);
            let text = format!(
                "{before}{}{}{after}我的另一个号{}",
                p.one(PHONE_CUES), mobile_as_written(&mobile, p), mobile_as_written(&known, p)
            );
            let numbers = [known.as_str()];
            let out = redact_public(&text, &Known { names: &[], numbers: &numbers });
            prop_assert!(no_digits_of(&out, &mobile), "{} → {}", text, out);
            prop_assert!(no_digits_of(&out, &known), "{} → {}", text, out);
            let out = mask_identity(&text, &Known::default());
            prop_assert!(no_digits_of(&out, &mobile), "{} → {}", text, out);
            prop_assert!(no_digits_of(&out, &known), "{} → {}", text, out);
        }
    }

    proptest! {
        #![proptest_config(config(2_000))]
        #[test]
        fn a_landline_or_id_number_in_a_complaint_never_reaches_the_public(
            area in "0[1-9][0-9]{1,2}",
            local in "[2-8][0-9]{6,7}",
            id in "[1-6][0-9]{5}(19[5-9][0-9]|20[01][0-9])(0[1-9]|1[0-2])(0[1-9]|[12][0-9])[0-9]{3}[0-9xX]",
            old_id in "[1-6][0-9]{5}[5-9][0-9](0[1-9]|1[0-2])(0[1-9]|[12][0-9])[0-9]{3}",
            before in select(BEFORE), after in select(AFTER),
            choices in prop::collection::vec(any::<u8>(), 48),
        ) {
            let p = &mut Pick(&choices, 0);
            let text = format!(
                "{before}座机{}，身份证号{}{after}老身份证：{}。",
                landline_as_written(&area, &local, p), id_as_written(&id, p), id_as_written(&old_id, p)
            );
            for out in [redact_public(&text, &Known::default()), mask_identity(&text, &Known::default())] {
                prop_assert!(no_digits_of(&out, &format!("{area}{local}")), "{} → {}", text, out);
                prop_assert!(no_digits_of(&out, &local), "{} → {}", text, out);
                prop_assert!(no_digits_of(&out, &id), "{} → {}", text, out);
                prop_assert!(no_digits_of(&out, &old_id), "{} → {}", text, out);
                let x = flat(&out);
                prop_assert!(!x.ends_with("xX") && !x.contains(&id[12..]), "{} → {}", text, out);
            }
        }
    }

    proptest! {
        #![proptest_config(config(2_000))]
        #[test]
        fn an_email_qq_or_wechat_id_in_a_complaint_never_reaches_the_public(
            local in "[a-z][a-z0-9]{1,8}([._][a-z0-9]{1,6})?",
            domain in select(&["qq.com", "163.com", "126.com", "gmail.com", "sina.com.cn", "foxmail.com"][..]),
            qq in "[1-9][0-9]{4,10}",
            wechat in "[a-zA-Z][a-zA-Z0-9_-]{5,19}|1[3-9][0-9]{9}",
            before in select(BEFORE), after in select(AFTER),
            choices in prop::collection::vec(any::<u8>(), 48),
        ) {
            let p = &mut Pick(&choices, 0);
            let at = p.one(&["@", "@", "＠"]);
            let qq_cue = p.one(&["QQ", "qq", "扣扣", "QQ号", "qq号：", "QQ: ", "扣扣号 ", "QQ：", "QQ 号:"]);
            let wx_cue = p.one(&["微信", "vx", "VX", "wx", "WX", "v信", "微信号", "微信：", "vx:", "微信号 : ", "WX "]);
            let qq_written = if p.chance(20) { spread(&qq, p) } else { qq.clone() };
            let wechat_written = if p.chance(20) { full_width(&wechat) } else { wechat.clone() };
            let text = format!(
                "{before}邮箱{local}{at}{domain}，{qq_cue}{qq_written}，{wx_cue}{wechat_written}{after}"
            );
            for out in [redact_public(&text, &Known::default()), mask_identity(&text, &Known::default())] {
                let x: String = out.chars().map(norm_char).collect();
                prop_assert!(!x.contains(&format!("{local}@")), "{} → {}", text, out);
                prop_assert!(no_digits_of(&out, &qq), "{} → {}", text, out);
                prop_assert!(!x.contains(&wechat), "{} → {}", text, out);
            }
        }
    }

    proptest! {
        #![proptest_config(config(2_000))]
        #[test]
        fn a_plate_house_number_or_introduced_name_never_reaches_the_public(
            digits in "[0-9]{5}",
            building in 1usize..40, unit in 1usize..10, floor in 1usize..33, room in 1usize..4,
            before in select(BEFORE), after in select(AFTER),
            choices in prop::collection::vec(any::<u8>(), 48),
        ) {
            let p = &mut Pick(&choices, 0);
            let (plate, plate_flat) = plate_from(p, &digits);
            let name = name_from(p);
            let cue = p.one(NAME_CUES);
            let zero = if p.chance(50) { "〇" } else { "零" };
            let room_cn = format!("{}{zero}{}", cn_number(floor % 10 + 1), CN[room]);
            let b = cn_number(building);
            let u = cn_number(unit);
            let f = cn_number(floor);
            let text = format!(
                "{before}{cue}{name}，住{b}号楼{u}单元{room_cn}室，{f}层的车{plate}天天乱停{after}"
            );
            let out = redact_public(&text, &Known::default());
            let x = flat(&out);
            prop_assert!(!x.contains(&plate_flat), "{} → {}", text, out);
            prop_assert!(!x.contains(&name), "{} → {}", text, out);
            for house in [format!("{b}号楼"), format!("{u}单元"), format!("{room_cn}室"), format!("{f}层")] {
                prop_assert!(!out.contains(&house), "{} in {} → {}", house, text, out);
            }
        }
    }

    proptest! {
        #![proptest_config(config(2_000))]
        #[test]
        fn the_reporters_known_name_and_number_never_reach_the_public_even_bare(
            mobile in "1[3-9][0-9]{9}",
            area in "0[1-9][0-9]{2}",
            local in "[2-8][0-9]{6}",
            before in select(BEFORE), after in select(AFTER),
            choices in prop::collection::vec(any::<u8>(), 48),
        ) {
            let p = &mut Pick(&choices, 0);
            let name = name_from(p);
            let landline = format!("{area}-{local}");
            let spaced: String = if p.chance(30) {
                name.chars().map(|c| c.to_string()).collect::<Vec<_>>().join(" ")
            } else {
                name.clone()
            };
            let cn_mobile: String = mobile.chars().map(|c| CN[c as usize - '0' as usize]).collect();
            let mixed: String = mobile.chars().zip(cn_mobile.chars())
                .map(|(a, c)| if p.chance(50) { a } else { c }).collect();
            let written_mobile = match p.next() % 10 {
                0 => cn_mobile,
                1 => mixed,
                _ => mobile_as_written(&mobile, p),
            };
            let text = format!(
                "{before}{spaced}{after}{}{written_mobile}，{}{}",
                p.one(&["", "或", "，"]), p.one(&["", "家里", "座机"]), spread(&local, p)
            );
            let names = [name.as_str()];
            let numbers = [mobile.as_str(), landline.as_str()];
            let known = Known { names: &names, numbers: &numbers };
            for out in [redact_public(&text, &known), mask_identity(&text, &known)] {
                prop_assert!(!flat(&out).contains(&name), "{} → {}", text, out);
                prop_assert!(no_digits_of(&out, &mobile), "{} → {}", text, out);
                prop_assert!(no_digits_of(&out, &local), "{} → {}", text, out);
                prop_assert!(out.chars().filter(|c| cn_digit(*c).is_some()).count() < 7, "{} → {}", text, out);
            }
        }
    }

    proptest! {
        #![proptest_config(config(2_000))]
        #[test]
        fn a_department_gets_the_address_and_plate_but_never_who_reported(
            mobile in "1[3-9][0-9]{9}",
            other in "1[3-9][0-9]{9}",
            id in "[1-6][0-9]{5}(19[5-9][0-9]|20[01][0-9])(0[1-9]|1[0-2])(0[1-9]|[12][0-9])[0-9]{3}[0-9xX]",
            email in "[a-z][a-z0-9]{2,8}",
            digits in "[0-9]{5}",
            building in 1usize..40, unit in 1usize..10, room in 101usize..2999,
            before in select(BEFORE), after in select(AFTER),
            choices in prop::collection::vec(any::<u8>(), 64),
        ) {
            let p = &mut Pick(&choices, 0);
            let name = name_from(p);
            let (plate, _) = plate_from(p, &digits);
            let house = if p.chance(50) {
                format!("{}号楼{}单元{room}室", cn_number(building), cn_number(unit))
            } else {
                format!("{building}号楼{unit}单元{room}室")
            };
            let cue = p.one(&["我叫", "我是", "本人 ", "姓名：", "联系人: ", "名字是"]);
            let text = format!(
                "{before}{cue}{name}，住幸福路{house}，电话{}，身份证{}，邮箱{email}@qq.com。{}也知道，车牌{plate}{after}{name}",
                mobile_as_written(&mobile, p), id_as_written(&id, p), mobile_as_written(&other, p),
            );
            let names = [name.as_str()];
            let numbers = [mobile.as_str()];
            let out = mask_identity(&text, &Known { names: &names, numbers: &numbers });
            prop_assert!(!flat(&out).contains(&name), "{} → {}", text, out);
            prop_assert!(no_digits_of(&out, &mobile), "{} → {}", text, out);
            prop_assert!(no_digits_of(&out, &other), "{} → {}", text, out);
            prop_assert!(no_digits_of(&out, &id), "{} → {}", text, out);
            prop_assert!(!out.contains(&format!("{email}@")), "{} → {}", text, out);
            prop_assert!(out.contains(&plate), "{} → {}", text, out);
            prop_assert!(out.contains(&format!("幸福路{house}")), "{} → {}", text, out);
        }
    }

    proptest! {
        #![proptest_config(config(2_000))]
        #[test]
        fn dates_times_money_and_counts_in_a_complaint_keep_their_meaning(
            year in 2000u32..2030, month in 1u32..13, day in 1u32..29, hour in 0u32..24,
            minute in 0u32..60, yuan in 1u32..100_000, cars in 1u32..20, times in 1u32..30,
            dashed in any::<bool>(),
            before in select(BEFORE), after in select(AFTER),
        ) {
            let date = if dashed {
                format!("{year}-{month:02}-{day:02} {hour}点")
            } else {
                format!("{year}年{month}月{day}日{hour}点")
            };
            let text = format!(
                "{before}{date}{minute}分左右，{cars}辆车占道，罚款{yuan}元，{month}月{day}号前已反映{times}次{after}"
            );
            prop_assert_eq!(&redact_public(&text, &Known::default()), &text);
            prop_assert_eq!(&mask_identity(&text, &Known::default()), &text);
        }
    }
}
