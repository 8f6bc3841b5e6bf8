//! Marker data written the ways people write it, inside ordinary complaint text: after
//! redaction none of it survives (compared with separators removed and digits in ASCII).
use super::variants::*;
use super::*;
use proptest::prelude::*;
use proptest::sample::select;

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
