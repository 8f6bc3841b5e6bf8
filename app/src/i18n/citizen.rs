//! The texts of the shell and the citizen pages (home, report, track).
use super::texts::texts;
use crate::model::Problem;

texts! {
    /// The fixed strings of the shell and the citizen pages.
    pub struct Texts {
        // Words used on several pages.
        ticket_no: "工单号", "Ticket number";
        query_code: "查询码", "Query code";
        sign_in: "登录", "Sign in";
        sign_out: "退出登录", "Sign out";
        password: "密码", "Password";
        next_page: "下一页", "Next page";
        prev_page: "上一页", "Previous page";
        remove: "删除", "Remove";
        status: "状态", "Status";
        category: "分类", "Category";
        district: "区县", "District";
        submitted_at: "提交时间", "Submitted";
        responder: "答复人", "Responder";
        month: "月份", "Month";
        mobile: "手机号码", "Mobile number";
        reopened: "重办", "Reopened";

        app_name: "民声", "Minsheng";
        app_tagline: "12345 政务服务便民热线 · 市民诉求", "12345 citizen service hotline";
        switch_language: "English", "中文";
        large_text_on: "长辈版", "Large text";
        large_text_off: "标准版", "Standard text";
        hotline_hint:
            "也可以直接拨打 12345，24 小时有人接听。",
            "You can also call 12345, answered around the clock.";
        footer: "12345 政务服务便民热线", "12345 Citizen Service Hotline";
        not_found_title: "页面不存在", "Page not found";
        not_found_body: "您访问的页面不存在或已移动。", "The page you asked for does not exist or has moved.";
        back_home: "返回首页", "Back to home";
        loading: "加载中…", "Loading…";

        home_report: "我要反映", "Report a problem";
        home_report_hint:
            "投诉、举报、求助、咨询、建议、表扬",
            "Complaint, report, help, question, suggestion, praise";
        home_snap_hint: "拍下身边的问题，马上上报", "Take a photo of a problem and send it now";
        home_track_hint: "用工单号和查询码查看办理情况", "Use your ticket number and query code";

        report_title: "反映问题", "Report a problem";
        snap_title: "随手拍", "Snap and report";
        report_intro:
            "请如实填写。带 * 的为必填项。",
            "Please describe the problem truthfully. Fields marked * are required.";
        choose: "请选择", "Choose…";
        label_kind: "诉求类型", "Type of request";
        label_category: "问题分类", "Category";
        label_category_group: "问题大类", "Area";
        label_district: "所在区县", "District";
        label_street: "街道 / 乡镇", "Street / town";
        label_address: "详细地址", "Address";
        placeholder_address: "如：古槐路 88 号东门", "e.g. east gate, 88 Guhuai Road";
        label_position: "地图位置", "Position on the map";
        locate_button: "获取我的位置", "Use my location";
        locating: "正在定位…", "Locating…";
        located: "已定位", "Located";
        locate_failed: "无法获取位置，请手动填写地址。", "Could not get your location; please type the address.";
        locate_clear: "清除位置", "Clear position";
        label_description: "问题描述", "Description";
        placeholder_description:
            "发生了什么？从什么时候开始？希望怎么解决？",
            "What happened? Since when? What would you like done?";
        label_contact_name: "联系人姓名", "Your name";
        label_confidential: "为我的身份保密", "Keep my identity confidential";
        hint_confidential:
            "承办部门看不到您的姓名和电话，由热线工作人员转达。",
            "The department handling your case will not see your name or number; hotline staff pass messages on.";
        label_publish_consent: "同意公开我的诉求", "Allow publishing my case";
        hint_publish_consent:
            "隐去姓名、电话和门牌号后，诉求和答复可在公开栏展示。",
            "Without your name, number or house number, the case and its reply may appear on the public board.";
        label_no_sms: "不接收办理进度短信", "No progress text messages";
        hint_no_sms:
            "不勾选时，诉求受理、答复和办结时各发一条短信到您的手机，附查询链接（查看仍需查询码）。",
            "Unticked, your mobile gets one text when the case is accepted, when the reply is out and when it closes, with the tracking link (the query code is still needed).";
        notice_title: "您反映的地点有以下公告", "A notice covers this place";
        notice_hint:
            "如果您要反映的正是公告中的问题，无需重复反映，有关部门已在处理；如果不是，请继续填写提交。",
            "If this is what you wanted to report, there is no need: it is being dealt with. If it is something else, go on and send your report.";
        label_photos: "照片", "Photos";
        add_photo: "拍照 / 选择照片", "Take / choose photos";
        preparing_photos: "正在压缩照片…", "Shrinking photos…";
        label_form: "提交内容", "Submission";
        submit: "提交", "Submit";
        uploading: "正在上传", "Uploading";
        processing: "上传完成，正在处理…", "Uploaded, processing…";
        fix_errors: "请按提示修改标红的项目后再提交。", "Please correct the fields marked in red and submit again.";
        network_error:
            "网络出错，未能提交。您填写的内容仍保留在本页，请稍后重试。",
            "Network error: nothing was submitted. Your answers are still on this page; please try again.";
        needs_javascript:
            "这一页需要浏览器开启 JavaScript。没有 JavaScript 也可以用“我要反映”的表单提交（可附照片），或直接拨打 12345。",
            "This page needs JavaScript turned on in your browser. Without it you can still send a report, photos included, with the report form, or call 12345.";
        section_problem: "什么问题", "What is the problem";
        section_place: "在哪里", "Where";
        section_contact: "怎么联系您", "How to reach you";

        kind_complaint: "投诉", "Complaint";
        kind_report: "举报", "Report";
        kind_help: "求助", "Help";
        kind_inquiry: "咨询", "Question";
        kind_suggestion: "建议", "Suggestion";
        kind_praise: "表扬", "Praise";

        done_title: "提交成功", "Submitted";
        done_keep_code:
            "请保存好查询码：它只显示这一次。查询办理进度需要工单号和查询码。",
            "Keep the query code: it is shown only this once. You need the ticket number and the query code to follow your case.";
        done_copy: "复制工单号和查询码", "Copy ticket number and code";
        done_copied: "已复制", "Copied";
        done_qr_caption: "扫码或保存此图，随时查看进度", "Scan or save this image to check progress any time";
        done_track_now: "查看进度", "Track this case";
        done_code_gone:
            "查询码只在提交后显示一次。如已遗失，请拨打 12345 并报工单号查询。",
            "The query code is shown only once, right after submitting. If you lost it, call 12345 with your ticket number.";
        done_another: "再反映一个问题", "Report another problem";

        track_title: "查询进度", "Track my case";
        track_intro:
            "请输入提交时获得的工单号和查询码。",
            "Enter the ticket number and query code you received when submitting.";
        track_submit: "查询", "Look up";
        track_status: "当前状态", "Status";
        track_timeline: "办理进程", "Progress";
        step_submitted: "市民提交诉求", "Case submitted";
        step_accepted: "12345 热线已受理", "Accepted by the 12345 hotline";
        step_rejected: "不予受理", "Not accepted";
        step_duplicate_of: "与已有工单重复，请查询原工单：", "Same as an existing case; follow that one: ";
        step_dispatched: "已转交承办单位：", "Passed to the department: ";
        step_contacted: "承办单位已与您联系", "The department contacted you";
        step_extended: "经批准延期办理，承诺答复日期：", "Extension approved; reply promised by ";
        step_replied: "承办单位答复", "Reply from the department";
        step_followed_up: "承办单位已回访", "The department followed up with you";
        step_closed: "已办结", "Closed";


    }
    impl {
        /// A message the citizen can act on.
        fn problem(p: &Problem) -> String {
            zh: match p {
                Problem::Required => "此项必填。".into(),
                Problem::TooShort { min, actual } => format!("至少 {min} 个字，现在 {actual} 个字。"),
                Problem::TooLong { max, actual } => format!("最多 {max} 个字，现在 {actual} 个字。"),
                Problem::UnknownChoice => "请从列表中选择。".into(),
                Problem::StreetNotInDistrict => "这个街道不属于所选区县，请重新选择。".into(),
                Problem::InvalidPhone => "请填写 11 位手机号码，如 13812345678。".into(),
                Problem::InvalidPosition => "位置数据无效，请重新定位或清除位置。".into(),
                Problem::PositionOutsideCity => "定位不在本市范围内，请清除位置并填写地址。".into(),
                Problem::TooManyPhotos { max } => format!("最多上传 {max} 张照片。"),
                Problem::PhotoTooLarge { photo, max_bytes } => {
                    format!(
                        "第 {photo} 张照片太大，单张不能超过 {}。",
                        megabytes(*max_bytes)
                    )
                }
                Problem::PhotoNotImage { photo } => {
                    format!("第 {photo} 张不是照片：只接受 JPEG、PNG、WebP 图片。")
                }
                Problem::PhotoTypeMismatch {
                    photo,
                    declared,
                    actual,
                } => format!(
                    "第 {photo} 张照片的文件类型（{declared}）与内容（{actual}）不符，请重新选择原图。"
                ),
                Problem::PhotoUnreadable { photo } => {
                    format!("第 {photo} 张照片已损坏或不完整，无法打开，请重新拍摄或选择。")
                }
                Problem::PhotoTooManyPixels {
                    photo,
                    max_megapixels,
                } => {
                    format!("第 {photo} 张照片尺寸过大（超过 {max_megapixels} 百万像素）。")
                }
                Problem::BodyTooLarge { max_bytes } => {
                    format!(
                        "提交的内容太大，合计不能超过 {}。请减少照片。",
                        megabytes(*max_bytes)
                    )
                }
                Problem::MalformedUpload => "提交的数据格式不正确，请刷新页面后重试。".into(),
                Problem::TooManySubmissions => {
                    "提交太频繁，请一分钟后再试。您填写的内容仍保留在本页。".into()
                }
                Problem::UploadTooSlow { max_secs } => format!(
                    "网络太慢，照片没能在 {max_secs} 秒内传完。请减少照片或换个网络后重试，您填写的内容仍保留在本页。"
                ),
                Problem::ServerBusy { retry_after_secs } => format!(
                    "现在提交的人太多，请 {retry_after_secs} 秒后再试。您填写的内容仍保留在本页。"
                ),
                Problem::StoreUnavailable { retry_after_secs } => format!(
                    "照片暂时无法保存，本次反映没有提交。请 {retry_after_secs} 秒后再试，您填写的内容仍保留在本页。"
                ),
                Problem::BadIdempotencyKey => {
                    "提交的编号（Idempotency-Key）不是 UUID，本次反映没有提交。请刷新页面后重试。".into()
                }
                Problem::IdempotencyKeyReused => {
                    "这份草稿的编号已经用于另一份内容不同的反映，本次没有提交。请刷新页面后重新提交，您填写的内容仍保留在本页。".into()
                }
                Problem::ServerFault => {
                    "服务器暂时出错，本次反映没有提交。请稍后再试，您填写的内容仍保留在本页。".into()
                }
            },
            en: match p {
                Problem::Required => "This field is required.".into(),
                Problem::TooShort { min, actual } => {
                    format!("At least {min} characters, now {actual}.")
                }
                Problem::TooLong { max, actual } => format!("At most {max} characters, now {actual}."),
                Problem::UnknownChoice => "Please choose from the list.".into(),
                Problem::StreetNotInDistrict => {
                    "This street is not in the chosen district; please choose again.".into()
                }
                Problem::InvalidPhone => "Enter an 11-digit mobile number, e.g. 13812345678.".into(),
                Problem::InvalidPosition => {
                    "The position is not valid; locate again or clear it.".into()
                }
                Problem::PositionOutsideCity => {
                    "The position is outside this city; clear it and type the address.".into()
                }
                Problem::TooManyPhotos { max } => format!("At most {max} photos."),
                Problem::PhotoTooLarge { photo, max_bytes } => format!(
                    "Photo {photo} is too large: at most {} each.",
                    megabytes(*max_bytes)
                ),
                Problem::PhotoNotImage { photo } => {
                    format!("File {photo} is not a photo: only JPEG, PNG and WebP images are accepted.")
                }
                Problem::PhotoTypeMismatch { photo, declared, actual } => format!(
                    "Photo {photo} claims to be {declared} but contains {actual}; please choose the original picture."
                ),
                Problem::PhotoUnreadable { photo } => {
                    format!("Photo {photo} is damaged or incomplete and cannot be opened; please take or choose it again.")
                }
                Problem::PhotoTooManyPixels { photo, max_megapixels } => {
                    format!("Photo {photo} has too many pixels (over {max_megapixels} megapixels).")
                }
                Problem::BodyTooLarge { max_bytes } => format!(
                    "The submission is too large: at most {} in all. Please send fewer photos.",
                    megabytes(*max_bytes)
                ),
                Problem::MalformedUpload => {
                    "The submitted data was malformed; please reload the page and try again.".into()
                }
                Problem::TooManySubmissions => {
                    "Too many submissions. Please try again in a minute; your answers are still on this page.".into()
                }
                Problem::UploadTooSlow { max_secs } => format!(
                    "The connection is too slow: the photos did not arrive within {max_secs} seconds. Send fewer photos or try another network; your answers are still on this page."
                ),
                Problem::ServerBusy { retry_after_secs } => format!(
                    "Many people are submitting right now. Please try again in {retry_after_secs} seconds; your answers are still on this page."
                ),
                Problem::StoreUnavailable { retry_after_secs } => format!(
                    "Photos cannot be stored right now, so your report was not sent. Please try again in {retry_after_secs} seconds; your answers are still on this page."
                ),
                Problem::BadIdempotencyKey => {
                    "The submission's key (Idempotency-Key) is not a UUID, so nothing was sent. Please reload the page and try again.".into()
                }
                Problem::IdempotencyKeyReused => {
                    "This draft's key was already used for a different report, so nothing was sent. Please reload the page and send it again; your answers are still on this page.".into()
                }
                Problem::ServerFault => {
                    "The server had a problem, so your report was not sent. Please try again later; your answers are still on this page.".into()
                }
            },
        }
    }
}

/// A size in whole megabytes, rounded up.
fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes.div_ceil(1 << 20))
}
