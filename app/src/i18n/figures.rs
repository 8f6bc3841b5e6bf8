//! The service-quality figures' texts (`/staff/figures`).
use super::texts::texts;
use crate::model::figures::report::ReportKind;
use crate::model::figures::{Figures, PeriodKind, Rate, Slice};

texts! {
    /// The figures page's fixed strings and labels.
    pub struct FigureTexts {
        title: "服务质量指标", "Service-quality figures";
        nav: "指标", "Figures";
        period: "期间", "Period";
        period_hint:
            "周 2026-W48，月 2026-11，季度 2026-Q4，年 2026，或 2026-11-01..2026-11-15",
            "week 2026-W48, month 2026-11, quarter 2026-Q4, year 2026, or 2026-11-01..2026-11-15";
        by: "分组", "Group by";
        show: "查看", "Show";
        every_key: "返回全部", "Back to all";
        not_dispatched: "未派单", "Not dispatched";
        total: "全部", "All cases";
        previous: "环比", "vs. previous";
        year_before: "同比", "vs. a year before";
        rank: "排名", "Rank";
        not_ranked: "不足", "too few";
        ranked_of: "名，参与排名单位数：", " of ";
        rank_rule:
            "按满意率排名，满意率相同名次并列；评价不足 10 件的不参与排名。",
            "Ranked by satisfaction; equal rates share a rank; fewer than 10 rated closings are not ranked.";
        weeks: "每周受理量与及时率、满意率", "Cases received per week, with on-time and satisfaction rates";
        ranking: "满意率排名", "Satisfaction ranking";
        no_cases: "该期间没有工单。", "No cases in this period.";
        received: "受理量", "Received";
        rejected: "不予受理", "Rejected";
        response: "响应率", "Response";
        on_time: "及时率", "On time";
        replied: "回复率", "Replied";
        closed: "办结率", "Closed";
        first_time: "一次办结率", "First-time";
        satisfied: "满意率", "Satisfied";
        unsatisfied: "不满意率", "Unsatisfied";
        rated: "参评率", "Rated";
        supervision: "督办按期整改率", "督办 on time";
        repeats: "重复投诉率", "Repeats";
        no_rate: "—", "—";
        public_title: "服务质量公开", "Service quality, in the open";
        public_intro:
            "12345 热线每月的受理量和各项办理指标，按承办单位和区县公布。",
            "The 12345 hotline's cases and service figures each month, by department and district.";
        month: "月份", "Month";
        hotspots: "热点：类别 × 街道", "Hotspots: category × street";
        place: "地点 · 类别", "Place · category";
        riser: "上升", "rising";
        repeated_place: "反复", "recurring";
        new_place: "新出现", "new";
        by_department: "按承办单位", "By department";
        by_district: "按区县", "By district";
        reports_title: "通报与排名", "Bulletins and rankings";
        reports_nav: "通报", "Reports";
        reports_intro:
            "周通报和月排名在每周、每月结束后自动生成，也可随时按需生成。已生成的报表保持原样，可打印或下载 Excel。",
            "The weekly bulletin and the monthly ranking are generated when a week or a month ends, and on demand. A generated report stays as it was; print it or download it as Excel.";
        generate: "生成", "Generate";
        generated: "生成时间", "Generated";
        download_xlsx: "下载 Excel", "Download Excel";
        print: "打印", "Print";
        no_reports: "还没有生成任何报表。", "No report has been generated yet.";
        kind: "报表", "Report";
        red_list: "红榜", "Red list (best)";
        black_list: "黑榜", "Black list (worst)";
        honour_rule:
            "红榜为满意率排名前 3 名，黑榜为排名最后 3 名（名次并列者一并列入，同一单位不重复列入）。",
            "The red list holds the best 3 ranks by satisfaction, the black list the last 3 (ties included; no department on both).";
        overdue_list: "超期未办结工单", "Overdue cases";
        supervised_list: "督办工单", "Cases under 督办 (supervision)";
        lists_when: "以下清单为生成时的情况。", "The lists below are as they stood when the report was generated.";
        ranking_sheet: "排名", "Ranking";
        honour_sheet: "红黑榜", "Red and black lists";
        overdue_sheet: "超期工单", "Overdue";
        supervised_sheet: "督办工单", "Supervised";
        ticket: "工单编号", "Ticket";
        due: "期限", "Due";
        days_late: "超期天数", "Days late";
        level: "重办次数", "Reopened";
        none_listed: "无。", "None.";
        not_generated: "该期报表尚未生成。", "This report has not been generated yet.";
        back_to_reports: "全部报表", "All reports";
    }
    impl {
        fn hotspot_rule(min: u64, percent: u64) -> String {
            zh: format!("与上一期相比；本期不少于 {min} 件且增长 {percent}% 以上（或新出现）的标为“上升”；本期与上一期都不少于 {min} 件的标为“反复”。"),
            en: format!("Against the period before; {min} or more cases and up {percent}% or more (or new) are flagged rising; {min} or more in both periods, recurring."),
        }
        fn public_rule(min: u64) -> String {
            zh: format!("少于 {min} 件工单的指标不公布（显示为“—”），以免指向具体的市民。"),
            en: format!("A figure from fewer than {min} cases is not published (shown as “—”), so that none points to a particular citizen."),
        }
        fn slice(slice: Slice) -> &'static str {
            zh: match slice {
                Slice::All => "全部",
                Slice::Department => "承办单位",
                Slice::District => "区县",
                Slice::Group => "类别大类",
                Slice::Category => "类别",
                Slice::Channel => "渠道",
            },
            en: match slice {
                Slice::All => "All",
                Slice::Department => "Department",
                Slice::District => "District",
                Slice::Group => "Category group",
                Slice::Category => "Category",
                Slice::Channel => "Channel",
            },
        }
        fn channel(code: &str) -> String {
            zh: match code {
                "web" => "网页表单".into(),
                "snap" => "随手拍".into(),
                "api" => "接口".into(),
                "phone" => "电话".into(),
                "demo" => "演示数据".into(),
                other => other.to_string(),
            },
            en: match code {
                "web" => "Web form".into(),
                "snap" => "Snap".into(),
                "api" => "API".into(),
                "phone" => "Phone".into(),
                "demo" => "Demo data".into(),
                other => other.to_string(),
            },
        }
        fn report_kind(kind: ReportKind) -> &'static str {
            zh: match kind {
                ReportKind::Bulletin => "周通报",
                ReportKind::Ranking => "月排名",
            },
            en: match kind {
                ReportKind::Bulletin => "Weekly bulletin",
                ReportKind::Ranking => "Monthly ranking",
            },
        }
        fn listed(shown: usize, total: u64) -> String {
            zh: if shown as u64 == total { format!("共 {total} 件") } else { format!("共 {total} 件，列出前 {shown} 件") },
            en: if shown as u64 == total { format!("{total} in all") } else { format!("{total} in all, the first {shown} listed") },
        }
        fn period_kind(kind: PeriodKind) -> &'static str {
            zh: match kind {
                PeriodKind::Week => "周",
                PeriodKind::Month => "月",
                PeriodKind::Quarter => "季度",
                PeriodKind::Year => "年",
                PeriodKind::Range => "期间",
            },
            en: match kind {
                PeriodKind::Week => "week",
                PeriodKind::Month => "month",
                PeriodKind::Quarter => "quarter",
                PeriodKind::Year => "year",
                PeriodKind::Range => "range",
            },
        }
    }
}

/// The rates in the tables' column order, with their names.
pub fn rates(f: &Figures, t: &FigureTexts) -> [(&'static str, Rate); 10] {
    [
        (t.response, f.response),
        (t.on_time, f.on_time),
        (t.replied, f.replied),
        (t.closed, f.closed),
        (t.first_time, f.first_time),
        (t.satisfied, f.satisfied),
        (t.unsatisfied, f.unsatisfied),
        (t.rated, f.rated),
        (t.supervision, f.supervision),
        (t.repeats, f.repeats),
    ]
}
