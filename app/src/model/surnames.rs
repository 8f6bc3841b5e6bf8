//! Chinese surnames: what makes a short run of characters read as a person's name (redaction
//! after a weak cue such as 我是; nicknames on public lists).

/// The most common single-character surnames.
pub const SURNAMES: &str =
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘\
    于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史\
    陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧\
    耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻\
    祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全\
    佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";

/// Two-character surnames.
pub const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "夏侯",
    "宇文", "司徒", "轩辕", "端木", "独孤", "南宫", "西门", "百里",
];

/// The compound surname `s` starts with, if any.
pub fn compound_prefix(s: &str) -> Option<&'static str> {
    COMPOUND_SURNAMES.iter().copied().find(|p| s.starts_with(p))
}

/// Whether `s` starts with a surname (compound or single).
pub fn starts_with_surname(s: &str) -> bool {
    compound_prefix(s).is_some() || s.chars().next().is_some_and(|c| SURNAMES.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_start_with_a_surname_and_ordinary_words_mostly_do_not() {
        for name in ["张三", "欧阳标记", "司马光"] {
            assert!(starts_with_surname(name), "{name}");
        }
        for word in ["小区", "拍客", "街道"] {
            assert!(!starts_with_surname(word), "{word}");
        }
        assert_eq!(compound_prefix("欧阳标记"), Some("欧阳"));
    }
}
