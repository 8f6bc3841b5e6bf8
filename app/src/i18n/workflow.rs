//! Labels of the workflow: statuses, events, ratings, reopening levels and staff roles.
use super::texts::texts;
use crate::model::staff::Role;
use crate::model::workflow::{EventKind, Rating, Status};

texts! {
    /// The workflow's labels, one `match` per language.
    pub struct WorkflowTexts {}
    impl {
        fn status(status: Status) -> &'static str {
            zh: match status {
                Status::Submitted => "已提交，等待受理",
                Status::Accepted => "已受理，等待转办",
                Status::Rejected => "不予受理",
                Status::Dispatched => "已转办，等待承办单位联系",
                Status::Handling => "承办单位办理中",
                Status::ReplyDrafted => "答复待审核",
                Status::Replied => "已答复",
                Status::FollowedUp => "已回访",
                Status::Closed => "已办结",
                Status::Unresolved => "市民仍不满意，已转督办",
            },
            en: match status {
                Status::Submitted => "Submitted, waiting to be accepted",
                Status::Accepted => "Accepted, waiting to be dispatched",
                Status::Rejected => "Not accepted",
                Status::Dispatched => "Dispatched, waiting for the department's contact",
                Status::Handling => "Being handled by the department",
                Status::ReplyDrafted => "Reply awaiting approval",
                Status::Replied => "Replied",
                Status::FollowedUp => "Followed up",
                Status::Closed => "Closed",
                Status::Unresolved => "Still unsatisfied, passed to the supervisor",
            },
        }
        fn event(event: EventKind) -> &'static str {
            zh: match event {
                EventKind::Created => "市民提交诉求",
                EventKind::Accepted => "受理",
                EventKind::Rejected => "不予受理",
                EventKind::Dispatched => "转办",
                EventKind::FirstContact => "第一次联系",
                EventKind::HandedBack => "回退",
                EventKind::ExtensionRequested => "申请延期",
                EventKind::ExtensionApproved => "同意延期",
                EventKind::ExtensionRefused => "不同意延期",
                EventKind::ReplyDrafted => "提交答复",
                EventKind::ReplySentBack => "退回修改",
                EventKind::ReplyApproved => "审核通过并答复",
                EventKind::SecondContact => "第二次联系",
                EventKind::Closed => "办结（不满意件）",
                EventKind::SupervisionAdded => "督办",
                EventKind::SupervisionLifted => "解除督办",
                EventKind::Reassigned => "改派",
                EventKind::Rated => "记录电话回访评价",
                EventKind::ClosedUnrated => "逾期未评价，自动办结",
            },
            en: match event {
                EventKind::Created => "Submitted by the citizen",
                EventKind::Accepted => "Accept",
                EventKind::Rejected => "Reject",
                EventKind::Dispatched => "Dispatch",
                EventKind::FirstContact => "First contact",
                EventKind::HandedBack => "Hand back",
                EventKind::ExtensionRequested => "Request extension",
                EventKind::ExtensionApproved => "Approve extension",
                EventKind::ExtensionRefused => "Refuse extension",
                EventKind::ReplyDrafted => "Submit reply",
                EventKind::ReplySentBack => "Send back for rework",
                EventKind::ReplyApproved => "Approve and release reply",
                EventKind::SecondContact => "Second contact",
                EventKind::Closed => "Close (still unsatisfied)",
                EventKind::SupervisionAdded => "Supervise (督办)",
                EventKind::SupervisionLifted => "Lift supervision",
                EventKind::Reassigned => "Re-assign to another department",
                EventKind::Rated => "Record a rating given by phone",
                EventKind::ClosedUnrated => "Closed: not rated in time",
            },
        }
        fn rating(rating: Rating) -> &'static str {
            zh: match rating {
                Rating::Satisfied => "满意",
                Rating::Basic => "基本满意",
                Rating::Unsatisfied => "不满意",
            },
            en: match rating {
                Rating::Satisfied => "Satisfied",
                Rating::Basic => "Basically satisfied",
                Rating::Unsatisfied => "Unsatisfied",
            },
        }
        /// 三级处置: who handles a case reopened at `level` (1..=3).
        fn level(level: u8) -> &'static str {
            zh: match level {
                1 => "第一级：科长办理",
                2 => "第二级：分管领导办理",
                _ => "第三级：主要领导办理",
            },
            en: match level {
                1 => "level 1: section chief",
                2 => "level 2: deputy head",
                _ => "level 3: head of department",
            },
        }
        fn role(role: Role) -> &'static str {
            zh: match role {
                Role::Operator => "受理员",
                Role::Handler => "承办人",
                Role::Head => "审核人（部门负责人）",
                Role::Supervisor => "督办员",
                Role::Admin => "管理员",
            },
            en: match role {
                Role::Operator => "Operator",
                Role::Handler => "Department handler",
                Role::Head => "Department head",
                Role::Supervisor => "Supervisor",
                Role::Admin => "Administrator",
            },
        }
    }
}
