//! The notices' (公告) texts: the public list and feed, the notice in the report form and on
//! `/snap`, the staff page and the staff case page.
use super::texts::texts;
use crate::model::notice::{NoticeKind, NoticePhase, NoticeProblem};
use chrono::{DateTime, Utc};

texts! {
    /// What notices say around the staff's own words.
    pub struct NoticeTexts {
        title: "停水停电等公告", "Notices of cuts and closures";
        nav: "公告", "Notices";
        intro: "热线发布的计划停水、停电、停气、停暖、道路封闭和大型活动等公告。公告所列问题正在处理，无需重复反映。", "Planned water, power, gas and heating cuts, road closures and events published by the hotline. What a notice announces is being dealt with: no need to report it.";
        none: "目前没有公告。", "No notices at the moment.";
        feed: "订阅公告（Atom）", "Subscribe (Atom feed)";
        home_title: "当前公告", "Current notices";
        all: "查看全部公告", "All notices";
        every_category: "所有类别", "every category";
        list_separator: "、", ", ";
        staff_title: "公告管理", "Notices";
        publish_title: "发布公告", "Publish a notice";
        label_kind: "类型", "Kind";
        label_places: "范围（区县或街道，可多选）", "Where (districts or streets, several allowed)";
        whole_district: "全区", "whole district";
        label_categories: "相关诉求类别（不选：所有类别）", "Categories it concerns (none: every category)";
        label_starts: "开始时间", "Starts";
        label_ends: "结束时间", "Ends";
        label_text: "公告内容", "Text";
        placeholder_text: "例：因管网维修，古槐街道 12 月 1 日 9:00–17:00 计划停水，无需重复反映。", "E.g. Water off for mains repair on 1 December 9:00–17:00; no need to report it.";
        publish: "发布", "Publish";
        withdraw: "撤下", "Withdraw";
        published: "公告已发布。", "The notice is published.";
        withdrawn_done: "公告已撤下。", "The notice is withdrawn.";
        published_by: "发布人", "Published by";
        withdrawn_by: "撤下人", "Withdrawn by";
        seen: "显示次数", "Shown";
        filed: "仍提交的诉求", "Reports filed anyway";
        saved: "看到后未提交", "Saw it and did not file";
        read_only: "公告由热线受理员和督办员发布。", "Notices are published by the hotline's operators and supervisors.";
        case_title: "提交时有效的相关公告", "Notices in force when it was filed";
        case_seen: "市民提交前已看到", "the citizen saw it before sending";
        case_not_seen: "市民提交时未显示", "not shown to the citizen";
    }
    impl {
        fn kind(kind: NoticeKind) -> &'static str {
            zh: match kind {
                NoticeKind::Water => "停水",
                NoticeKind::Power => "停电",
                NoticeKind::Gas => "停气",
                NoticeKind::Heating => "停暖",
                NoticeKind::Road => "道路封闭",
                NoticeKind::Event => "活动",
                NoticeKind::Other => "其他",
            },
            en: match kind {
                NoticeKind::Water => "Water cut",
                NoticeKind::Power => "Power cut",
                NoticeKind::Gas => "Gas cut",
                NoticeKind::Heating => "Heating cut",
                NoticeKind::Road => "Road closure",
                NoticeKind::Event => "Event",
                NoticeKind::Other => "Other",
            },
        }
        fn phase(phase: NoticePhase) -> &'static str {
            zh: match phase {
                NoticePhase::Upcoming => "即将开始",
                NoticePhase::Current => "进行中",
                NoticePhase::Ended => "已结束",
                NoticePhase::Withdrawn => "已撤下",
            },
            en: match phase {
                NoticePhase::Upcoming => "Coming",
                NoticePhase::Current => "In force",
                NoticePhase::Ended => "Ended",
                NoticePhase::Withdrawn => "Withdrawn",
            },
        }
        /// From start to end in Beijing time; the day written once when both are on it.
        fn span(starts: DateTime<Utc>, ends: DateTime<Utc>) -> String {
            zh: span(starts, ends, "%-m月%-d日 %H:%M", "%H:%M"),
            en: span(starts, ends, "%-d %b %H:%M", "%H:%M"),
        }
        fn problem(problem: NoticeProblem) -> String {
            zh: match problem {
                NoticeProblem::Kind => "请选择公告类型。".to_string(),
                NoticeProblem::Places => format!("请选择公告范围：至少一个、最多 {} 个区县或街道。", crate::model::notice::NOTICE_MAX_CODES),
                NoticeProblem::Categories => format!("诉求类别有误：最多 {} 个。", crate::model::notice::NOTICE_MAX_CODES),
                NoticeProblem::Starts => "请填写开始时间。".to_string(),
                NoticeProblem::Ends => "请填写结束时间。".to_string(),
                NoticeProblem::EndBeforeStart => "结束时间须晚于开始时间。".to_string(),
                NoticeProblem::TooLong { max_days } => format!("公告最长 {max_days} 天，请分期发布。"),
                NoticeProblem::Text { max } => format!("请填写公告内容，最多 {max} 字。"),
            },
            en: match problem {
                NoticeProblem::Kind => "Choose the kind of notice.".to_string(),
                NoticeProblem::Places => format!("Choose where it holds: one to {} districts or streets.", crate::model::notice::NOTICE_MAX_CODES),
                NoticeProblem::Categories => format!("Unknown categories, or more than {}.", crate::model::notice::NOTICE_MAX_CODES),
                NoticeProblem::Starts => "Give the start time.".to_string(),
                NoticeProblem::Ends => "Give the end time.".to_string(),
                NoticeProblem::EndBeforeStart => "The end must come after the start.".to_string(),
                NoticeProblem::TooLong { max_days } => format!("A notice runs at most {max_days} days: publish it again for the next period."),
                NoticeProblem::Text { max } => format!("Write the notice's text, at most {max} characters."),
            },
        }
    }
}

fn span(starts: DateTime<Utc>, ends: DateTime<Utc>, day_time: &str, time: &str) -> String {
    let b = crate::model::time::beijing();
    let (s, e) = (starts.with_timezone(&b), ends.with_timezone(&b));
    let end = if s.date_naive() == e.date_naive() {
        e.format(time)
    } else {
        e.format(day_time)
    };
    format!("{}–{}", s.format(day_time), end)
}

#[cfg(test)]
mod tests {
    use crate::i18n::Locale;
    use crate::model::notice::parse_local_time;

    #[test]
    fn a_notice_within_one_day_names_the_day_once() {
        let s = parse_local_time("2026-12-01T09:00").unwrap();
        let e = parse_local_time("2026-12-01T17:00").unwrap();
        assert_eq!(Locale::Zh.notices().span(s, e), "12月1日 09:00–17:00");
        let e = parse_local_time("2026-12-03T17:00").unwrap();
        assert_eq!(Locale::En.notices().span(s, e), "1 Dec 09:00–3 Dec 17:00");
    }
}
