//! Labels of the workflow (statuses, events, roles) and the messages of its refusals.
use super::Locale;
use crate::model::staff::Role;
use crate::model::workflow::{EventKind, Rating, Status};

pub fn status(locale: Locale, status: Status) -> &'static str {
    use Status as S;
    match (locale, status) {
        (Locale::Zh, S::Submitted) => "已提交，等待受理",
        (Locale::Zh, S::Accepted) => "已受理，等待转办",
        (Locale::Zh, S::Rejected) => "不予受理",
        (Locale::Zh, S::Dispatched) => "已转办，等待承办单位联系",
        (Locale::Zh, S::Handling) => "承办单位办理中",
        (Locale::Zh, S::ReplyDrafted) => "答复待审核",
        (Locale::Zh, S::Replied) => "已答复",
        (Locale::Zh, S::FollowedUp) => "已回访",
        (Locale::Zh, S::Closed) => "已办结",
        (Locale::Zh, S::Unresolved) => "市民仍不满意，已转督办",
        (Locale::En, S::Submitted) => "Submitted, waiting to be accepted",
        (Locale::En, S::Accepted) => "Accepted, waiting to be dispatched",
        (Locale::En, S::Rejected) => "Not accepted",
        (Locale::En, S::Dispatched) => "Dispatched, waiting for the department's contact",
        (Locale::En, S::Handling) => "Being handled by the department",
        (Locale::En, S::ReplyDrafted) => "Reply awaiting approval",
        (Locale::En, S::Replied) => "Replied",
        (Locale::En, S::FollowedUp) => "Followed up",
        (Locale::En, S::Closed) => "Closed",
        (Locale::En, S::Unresolved) => "Still unsatisfied, passed to the supervisor",
    }
}

pub fn event(locale: Locale, event: EventKind) -> &'static str {
    use EventKind as K;
    match (locale, event) {
        (Locale::Zh, K::Created) => "市民提交诉求",
        (Locale::Zh, K::Accepted) => "受理",
        (Locale::Zh, K::Rejected) => "不予受理",
        (Locale::Zh, K::Dispatched) => "转办",
        (Locale::Zh, K::FirstContact) => "第一次联系",
        (Locale::Zh, K::HandedBack) => "回退",
        (Locale::Zh, K::ExtensionRequested) => "申请延期",
        (Locale::Zh, K::ExtensionApproved) => "同意延期",
        (Locale::Zh, K::ExtensionRefused) => "不同意延期",
        (Locale::Zh, K::ReplyDrafted) => "提交答复",
        (Locale::Zh, K::ReplySentBack) => "退回修改",
        (Locale::Zh, K::ReplyApproved) => "审核通过并答复",
        (Locale::Zh, K::SecondContact) => "第二次联系",
        (Locale::Zh, K::Closed) => "办结（不满意件）",
        (Locale::Zh, K::SupervisionAdded) => "督办",
        (Locale::Zh, K::SupervisionLifted) => "解除督办",
        (Locale::Zh, K::Reassigned) => "改派",
        (Locale::Zh, K::Rated) => "记录电话回访评价",
        (Locale::Zh, K::ClosedUnrated) => "逾期未评价，自动办结",
        (Locale::En, K::Created) => "Submitted by the citizen",
        (Locale::En, K::Accepted) => "Accept",
        (Locale::En, K::Rejected) => "Reject",
        (Locale::En, K::Dispatched) => "Dispatch",
        (Locale::En, K::FirstContact) => "First contact",
        (Locale::En, K::HandedBack) => "Hand back",
        (Locale::En, K::ExtensionRequested) => "Request extension",
        (Locale::En, K::ExtensionApproved) => "Approve extension",
        (Locale::En, K::ExtensionRefused) => "Refuse extension",
        (Locale::En, K::ReplyDrafted) => "Submit reply",
        (Locale::En, K::ReplySentBack) => "Send back for rework",
        (Locale::En, K::ReplyApproved) => "Approve and release reply",
        (Locale::En, K::SecondContact) => "Second contact",
        (Locale::En, K::Closed) => "Close (still unsatisfied)",
        (Locale::En, K::SupervisionAdded) => "Supervise (督办)",
        (Locale::En, K::SupervisionLifted) => "Lift supervision",
        (Locale::En, K::Reassigned) => "Re-assign to another department",
        (Locale::En, K::Rated) => "Record a rating given by phone",
        (Locale::En, K::ClosedUnrated) => "Closed: not rated in time",
    }
}

pub fn rating(locale: Locale, rating: Rating) -> &'static str {
    match (locale, rating) {
        (Locale::Zh, Rating::Satisfied) => "满意",
        (Locale::Zh, Rating::Basic) => "基本满意",
        (Locale::Zh, Rating::Unsatisfied) => "不满意",
        (Locale::En, Rating::Satisfied) => "Satisfied",
        (Locale::En, Rating::Basic) => "Basically satisfied",
        (Locale::En, Rating::Unsatisfied) => "Unsatisfied",
    }
}

/// 三级处置: who handles a case reopened at `level` (1..=3).
pub fn level_name(locale: Locale, level: u8) -> &'static str {
    match (locale, level) {
        (Locale::Zh, 1) => "第一级：科长办理",
        (Locale::Zh, 2) => "第二级：分管领导办理",
        (Locale::Zh, _) => "第三级：主要领导办理",
        (Locale::En, 1) => "level 1: section chief",
        (Locale::En, 2) => "level 2: deputy head",
        (Locale::En, _) => "level 3: head of department",
    }
}

pub fn role_name(locale: Locale, role: Role) -> &'static str {
    match (locale, role) {
        (Locale::Zh, Role::Operator) => "受理员",
        (Locale::Zh, Role::Handler) => "承办人",
        (Locale::Zh, Role::Head) => "审核人（部门负责人）",
        (Locale::Zh, Role::Supervisor) => "督办员",
        (Locale::Zh, Role::Admin) => "管理员",
        (Locale::En, Role::Operator) => "Operator",
        (Locale::En, Role::Handler) => "Department handler",
        (Locale::En, Role::Head) => "Department head",
        (Locale::En, Role::Supervisor) => "Supervisor",
        (Locale::En, Role::Admin) => "Administrator",
    }
}
