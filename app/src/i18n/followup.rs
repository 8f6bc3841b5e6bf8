//! The citizen follow-up's texts (rating, "me too", my cases, the public board, and the
//! console's repeat and publication sections).
use super::texts::texts;
use crate::model::repeat::NEARBY_METERS;
use crate::model::visibility::DistanceBand;

texts! {
    /// The follow-up's fixed strings and labels.
    pub struct FollowupTexts {
        rate_title: "评价本次答复", "Rate this reply";
        rate_intro:
            "您对答复满意吗？选择“不满意”，工单将交承办单位上一级负责人重新办理（重办）。",
            "Are you satisfied with the reply? If not, the case goes back to the department, handled one level higher up (reopened).";
        rate_comment: "补充说明（可选）", "Comment (optional)";
        rate_submit: "提交评价", "Send rating";
        rate_due:
            "请在此时间前评价，逾期视为未评价：",
            "Please rate before this time; after it the case closes as not rated: ";
        rate_thanks: "感谢您的评价。", "Thank you for your rating.";
        only_reporter_rates:
            "您是附议人，可以跟踪进度；答复由原诉求人评价。",
            "You joined this case and can follow it; the original reporter rates the reply.";
        step_rated: "市民评价：", "Citizen's rating: ";
        step_by_phone: "（电话回访）", " (by phone)";
        step_reopened: "已重新交办，", "Reopened, ";
        step_to_supervisor: "已转督办", "passed to the supervisor";
        step_closed_note: "办结说明：", "Closing note: ";
        step_closed_unrated: "逾期未评价，已办结", "Not rated in time: closed";
        supporters: "位市民附议", " citizens share this case";
        live_updated: "办理状态已更新", "The status of the case has changed";
        refused:
            "当前不能进行此操作，请刷新页面查看最新状态。",
            "This is not possible now; reload the page to see the current status.";
        nearby_title: "附近的相似诉求", "Similar reports near you";
        nearby_intro:
            "以下同类问题就在附近，仍在办理中。如果是同一件事，可以直接附议，不必重复提交。",
            "These open cases of the same kind are close by. If it is the same problem, join one instead of reporting it again.";
        me_too: "我也遇到（附议）", "Me too (join)";
        me_too_done:
            "已附议。请保存以下工单号和查询码以跟踪进度：",
            "You joined the case. Keep this ticket number and query code to follow it:";
        mine_title: "我的诉求", "My cases";
        mine_intro:
            "本机浏览器记住了您提交、查询或附议过的诉求，不需要账号。清除浏览器数据会一并清除。",
            "This browser remembers the cases you reported, looked up or joined; no account needed. Clearing the browser's data forgets them.";
        mine_empty:
            "还没有记录。提交或查询诉求后会出现在这里。",
            "Nothing yet. Cases you report or look up appear here.";
        mine_changed: "有更新", "Updated";
        mine_remove: "移除", "Remove";
        mine_unavailable: "暂时无法获取状态", "Status unavailable right now";
        board_title: "公开件", "Public cases";
        board_intro:
            "经诉求人同意公开、并已答复的诉求。姓名、电话、证件号和门牌号已隐去。",
            "Replied cases whose reporters agreed to publication. Names, phone numbers, ID numbers and house numbers are masked.";
        filter_all: "全部", "All";
        filter_apply: "筛选", "Filter";
        board_empty: "没有符合条件的公开件。", "No public cases match.";
        board_request: "诉求", "Request";
        board_reply: "答复", "Reply";
        board_submitted: "提交于", "Submitted";
        board_replied: "答复于", "Replied";
        board_count: "件", " cases";
        repeats_title: "疑似重复投诉", "Possible repeat complaints";
        repeat_confirm: "确认重复", "Confirm repeat";
        repeat_dismiss: "不是重复", "Not a repeat";
        repeat_same_mobile: "同一手机号", "same mobile number";
        repeat_similar_text: "同一街道且内容相似", "same street and similar text";
        repeat_pending: "待确认", "to decide";
        repeat_confirmed: "已确认重复", "confirmed repeat";
        repeat_dismissed: "已排除", "dismissed";
        repeats_by_department: "已确认的重复投诉（按承办单位）", "Confirmed repeat complaints by department";
        ratings_summary: "答复评价统计", "Ratings of replies";
        not_rated: "未评价（逾期办结）", "Not rated (closed after the window)";
        publish_title: "公开件内容", "Public board text";
        publish_request: "公开的诉求内容", "Request as published";
        publish_reply: "公开的答复内容", "Reply as published";
        publish_hidden: "不在公开件中显示", "Do not show on the public board";
        publish_save: "保存公开内容", "Save public text";
        publish_not_consented:
            "诉求人未同意公开（或为保密件），不会出现在公开件中。",
            "The reporter did not agree to publication (or the case is confidential): it is not on the public board.";
        phone_rating: "评价结果", "Rating";

    }
    impl {
        /// How far a nearby case is, as a band (exact metres never leave the server).
        fn distance_band(band: DistanceBand) -> String {
            zh: match band {
                DistanceBand::Near => format!("{} 米内", DistanceBand::NEAR_METRES),
                DistanceBand::Within500 => {
                    format!("{}–{} 米", DistanceBand::NEAR_METRES, DistanceBand::WITHIN_METRES)
                }
                DistanceBand::Farther => format!("{} 米外", DistanceBand::WITHIN_METRES),
            },
            en: match band {
                DistanceBand::Near => format!("within {} m", DistanceBand::NEAR_METRES),
                DistanceBand::Within500 => {
                    format!("{}–{} m", DistanceBand::NEAR_METRES, DistanceBand::WITHIN_METRES)
                }
                DistanceBand::Farther => format!("over {} m", DistanceBand::WITHIN_METRES),
            },
        }
        /// Why the console flags a possible repeat: the distance the repeat rule uses.
        fn repeat_nearby() -> String {
            zh: format!("同类问题在 {NEARBY_METERS} 米内"),
            en: format!("same kind of problem within {NEARBY_METERS} m"),
        }
    }
}
