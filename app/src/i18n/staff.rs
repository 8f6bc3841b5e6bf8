//! The staff console's texts.
use super::texts::texts;
use crate::model::queue::Queue;

texts! {
    /// The staff console's fixed strings and labels.
    pub struct StaffTexts {
        console: "工作台", "Staff console";
        sign_in_title: "工作人员登录", "Staff sign-in";
        sign_in_intro:
            "12345 热线受理员、承办单位、督办员和管理员使用。",
            "For 12345 hotline operators, departments, supervisors and administrators.";
        username: "用户名", "Username";
        accounts: "账号管理", "Accounts";
        queues: "工作队列", "Queues";
        empty_queue: "队列中没有工单。", "No cases in this queue.";
        open_case: "按工单号打开", "Open by ticket number";
        open: "打开", "Open";
        col_summary: "诉求摘要", "Request";
        department: "承办单位", "Department";
        flag_handed_back: "被回退", "Handed back";
        flag_extension: "延期待批", "Extension requested";
        flag_supervised: "督办", "Supervised";
        flag_overdue: "已超期", "Overdue";
        back_to_queue: "返回队列", "Back to the queue";
        section_request: "诉求内容", "Request";
        section_reporter: "反映人", "Reporter";
        section_handling: "办理情况", "Handling";
        section_history: "办理记录", "History";
        section_messages: "进度短信", "Progress messages";
        message_written: "生成", "written";
        message_sent: "发送", "sent";
        message_tries: "尝试次数", "tries";
        section_actions: "可进行的操作", "Actions";
        label_place: "地点", "Place";
        label_channel: "渠道", "Channel";
        confidential_badge: "保密件", "Confidential";
        contact_confidential:
            "保密件：承办单位不能查看反映人的姓名和电话。需要联系反映人时，请通过热线受理员转达。",
            "Confidential case: departments may not see the reporter's name and phone. To reach the reporter, ask a hotline operator to relay.";
        contact_reveal: "查看姓名和电话", "Show name and phone";
        contact_logged: "每次查看都会记录查看人和时间。", "Every view is logged with who and when.";
        contact_views: "联系方式查看记录", "Views of the contact details";
        name: "姓名", "Name";
        label_phone: "电话", "Phone";
        reply_due: "答复期限", "Reply due";
        hand_back_due: "回退期限", "Hand back by";
        extended_until: "已延期至", "Extended until";
        pending_extension: "延期申请待审批，申请延至", "Extension requested until";
        hand_backs: "回退次数", "Hand-backs";
        draft_title: "待审核的答复", "Reply awaiting approval";
        reply_title: "已发布的答复", "Released reply";
        supervision: "督办要求", "Supervision instruction";
        supervision_due: "督办期限", "Supervision due";
        rejected_invalid: "不予受理：无效诉求", "Not accepted: invalid request";
        rejected_duplicate: "不予受理：重复诉求，原工单", "Not accepted: duplicate of";
        field_note: "说明", "Note";
        field_hand_back_reason:
            "回退原因（写明应由哪个单位办理）",
            "Why it is not yours (say which department it belongs to)";
        field_reassign_reason: "改派原因", "Why it is re-assigned";
        field_reject_note: "告知市民的原因", "Reason told to the citizen";
        suggested: "（建议）", " (suggested)";
        reason_invalid: "无效诉求", "Invalid request";
        reason_duplicate: "重复诉求", "Duplicate";
        field_duplicate_of: "原工单号", "Original ticket number";
        field_until: "承诺办结日期", "Promised date";
        field_reply_text: "答复内容（写明办理过程和结果）", "Reply (what was done and the result)";
        field_phone: "答复电话", "Responder's phone";
        field_instruction: "督办要求", "Instruction";
        field_due: "督办期限", "Due";
        templates: "答复模板", "Reply templates";
        use_template: "填入此模板", "Use this template";
        done: "已完成：", "Done: ";
        internal: "内部", "internal";
        public: "市民可见", "public";
        citizen: "市民", "citizen";
        no_actions: "您当前对此工单没有可进行的操作。", "You have no actions on this case now.";
        not_for_role: "您的角色不能查看此页面。", "Your role may not see this page.";
        create_account: "新建账号", "New account";
        role: "角色", "Role";
        none: "（无）", "(none)";
        active: "启用", "Active";
        inactive: "已停用", "Disabled";
        disable: "停用", "Disable";
        enable: "启用", "Enable";
        create: "创建", "Create";
    }
    impl {
        fn progress(progress: crate::model::progress::Progress) -> &'static str {
            zh: match progress {
                crate::model::progress::Progress::Accepted => "受理",
                crate::model::progress::Progress::Replied => "答复",
                crate::model::progress::Progress::Closed => "办结",
            },
            en: match progress {
                crate::model::progress::Progress::Accepted => "Accepted",
                crate::model::progress::Progress::Replied => "Replied",
                crate::model::progress::Progress::Closed => "Closed",
            },
        }
        fn delivery(delivery: crate::model::progress::Delivery) -> &'static str {
            zh: match delivery {
                crate::model::progress::Delivery::Pending => "待发送",
                crate::model::progress::Delivery::Sent => "已发送",
                crate::model::progress::Delivery::Failed => "发送失败",
                crate::model::progress::Delivery::Capped => "未发送（该号码当日短信已达上限）",
            },
            en: match delivery {
                crate::model::progress::Delivery::Pending => "waiting",
                crate::model::progress::Delivery::Sent => "sent",
                crate::model::progress::Delivery::Failed => "failed",
                crate::model::progress::Delivery::Capped => "not sent (the number's daily cap)",
            },
        }
        fn queue(queue: Queue) -> &'static str {
            zh: match queue {
                Queue::New => "待受理",
                Queue::ToDispatch => "待转办（含回退）",
                Queue::ToHandle => "待办理",
                Queue::AwaitingApproval => "待审核",
                Queue::FollowUp => "待回访办结",
                Queue::DepartmentOverdue => "已超期",
                Queue::DepartmentSupervised => "督办件",
                Queue::Overdue => "超期工单",
                Queue::Extensions => "延期申请",
                Queue::Supervised => "督办清单",
                Queue::Reopened => "重办件",
                Queue::Rating => "待回访评价",
                Queue::Repeats => "疑似重复投诉",
                Queue::Snaps => "随手拍待核验",
            },
            en: match queue {
                Queue::New => "New",
                Queue::ToDispatch => "To dispatch (incl. handed back)",
                Queue::ToHandle => "To handle",
                Queue::AwaitingApproval => "Awaiting approval",
                Queue::FollowUp => "Follow-up and close",
                Queue::DepartmentOverdue => "Overdue",
                Queue::DepartmentSupervised => "Supervised",
                Queue::Overdue => "Overdue cases",
                Queue::Extensions => "Extension requests",
                Queue::Supervised => "Supervision list",
                Queue::Reopened => "Reopened",
                Queue::Rating => "Awaiting rating (call back)",
                Queue::Repeats => "Possible repeats",
                Queue::Snaps => "Snap reports to verify",
            },
        }
        /// A countdown in working days: "剩 2 个工作日", "今日到期", "超期 3 个工作日".
        fn countdown(working_days_left: i64, overdue: bool) -> String {
            zh: match (overdue, working_days_left) {
                (true, n) => format!("超期 {} 个工作日", n.unsigned_abs().max(1)),
                (false, 0) => "今日到期".into(),
                (false, n) => format!("剩 {n} 个工作日"),
            },
            en: match (overdue, working_days_left) {
                (true, n) => format!("{} working day(s) overdue", n.unsigned_abs().max(1)),
                (false, 0) => "due today".into(),
                (false, n) => format!("{n} working day(s) left"),
            },
        }
    }
}
