//! Examples of what the redactor masks and keeps.
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

mod examples {
    use super::super::*;

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
