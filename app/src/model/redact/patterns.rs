//! The patterns and character classes the redactor matches with.
use crate::model::surnames::COMPOUND_SURNAMES;
use regex::Regex;
use std::sync::LazyLock;

/// Words after a label that are not a name (联系人电话, 姓名不详).
pub(super) const NOT_NAMES: &str = "电话 手机 方式 号码 信息 地址 不详 保密 匿名 本人";
/// Words after 我是/本人 that are not a name either (我是业主, 我是车主, 本人在).
pub(super) const NOT_NAMES_AFTER_WEAK_CUE: &str =
    "业主 居民 住户 市民 群众 这里 这个 一名 一个 附近 \
    小区 该 在 从 车主 商户 单位 路过 高层 全职 房东 租户 家长 党员 周边 周围 明天 时间 \
    常住 常年 安徽 江苏 江西 石家庄 金融 房主 车位 向您 和他 和她 和我 成年 应该 关于 \
    司机 毛坯 宁愿 华侨";
/// A name after a self-introduction or a label: 我叫 张三, 我是李四, 姓名 : 王五, 联系人：赵六.
pub(super) static NAME_CUE: LazyLock<Regex> = LazyLock::new(|| {
    let compound = COMPOUND_SURNAMES.join("|");
    Regex::new(&format!(
        r"(我叫|我是|本人(?:是|叫)?|姓名(?:是|为|叫)?|联系人(?:是|为)?|名字(?:是|叫)|叫做)[ :]*((?:{compound})\p{{Han}}{{1,2}}|\p{{Han}}{{2,3}})"
    ))
    .expect("name pattern")
});
/// A surname with a form of address: 张先生, 李女士, 王师傅, 刘阿姨, 陈大爷.
pub(super) static ADDRESSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\p{Han})(\p{Han}{1,2})?(?:先生|女士|小姐|师傅|阿姨|大爷|大妈|老师)")
        .expect("address pattern")
});
/// A date at the start of a digit group (2026-11-30, 2026.11.30 8): not a phone number.
pub(super) static DATE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:19|20)[0-9]{2}[-./][0-9]{1,2}[-./][0-9]{1,2}(?:$|[ ，、])")
        .expect("date pattern")
});
pub(super) static YEAR_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:19|20)[0-9]{2} *- *(?:19|20)[0-9]{2}$").expect("year range pattern")
});
/// Building-unit-room written with dashes (3-2-501, 12-3-1501).
pub(super) static DASHED_HOUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9]{1,4}(?: *- *[0-9]{1,4})+$").expect("dashed house pattern")
});
pub(super) static DASHED_HOUSE_LONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9]{1,3} *- *[0-9]{1,2} *- *[0-9]{3,4}$").expect("long house pattern")
});
/// A number written (partly) in Chinese numerals (幺三八一二三四五六七八, 138一二三四5678).
pub(super) static CN_DIGIT_RUN: LazyLock<Regex> = LazyLock::new(|| {
    let d = "[0-9〇零○一二三四五六七八九幺壹贰叁肆伍陆柒捌玖]";
    Regex::new(&format!(r"{d}(?:[ .\-/_，、]{{0,3}}{d}){{6,}}")).expect("chinese digit run pattern")
});
/// QQ numbers after a cue: QQ 12345678, qq号：123456, 扣扣 1234567.
pub(super) static QQ: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i:qq|扣扣|企鹅号)[ ]*(?:号码|号|群号|群)?[ ]*(?:是|为)?[ ]*:?[ ]*([0-9](?:[ .\-/_，、]{0,3}[0-9]){4,11})",
    )
    .expect("qq pattern")
});
/// WeChat ids after a cue: 微信 zhang_san88, vx:abc-123, 微信号：13812345678.
pub(super) static WECHAT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i:微信|vx|wx|v信|weixin|wechat|威信|薇信)[ ]*(?:号码|号)?[ ]*(?:是|为)?[ ]*:?[ ]*([A-Za-z0-9_\-]{6,})",
    )
    .expect("wechat pattern")
});
/// The tail of a mobile after 尾号 (手机尾号5678).
pub(super) static TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"尾号[ ]*(?:是|为)?[ ]*:?[ ]*([0-9]{3,4})").expect("tail pattern")
});
pub(super) static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([A-Za-z0-9._%+\-]+)@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+").expect("email pattern")
});
/// Plate numbers: 鲁H12345, 鲁H·D12345 (new energy, 8 characters), 鲁H1234学.
pub(super) static PLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领][ .\-]{0,2}[A-Za-z][ .\-]{0,2}([A-Za-z0-9]{5,6}|[A-Za-z0-9]{4}[学警挂港澳领试超])",
    )
    .expect("plate pattern")
});
/// House numbers: 88号, 3号楼, 2栋, 1单元, 501室, 12层, A座, 五号楼, 三〇一室, 二十三号.
pub(super) static HOUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"([0-9]+|[〇零○一二两三四五六七八九十百千]+) *(号楼|号院|号|栋|幢|单元|室|层|楼|座|户|弄|巷)",
    )
    .expect("house pattern")
});

/// The char as matched: full-width forms and the many dashes, dots, spaces and brackets mapped
/// to ASCII, always one char for one char.
pub(super) fn norm_char(c: char) -> char {
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
pub(super) fn cn_digit(c: char) -> Option<u8> {
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

pub(super) fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || matches!(c, '十' | '百' | '千' | '两' | '拾' | '佰')
}

/// Separators people put between the digits of one number.
pub(super) fn is_sep(c: char) -> bool {
    matches!(c, ' ' | '.' | '-' | '/' | '(' | ')' | '_' | '，' | '、')
}

pub(super) fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
}
