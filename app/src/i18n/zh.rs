use super::Texts;
use crate::model::Problem;

pub static TEXTS: Texts = Texts {
    app_name: "民声",
    app_tagline: "12345 政务服务便民热线 · 市民诉求",
    switch_language: "English",
    hotline_hint: "也可以直接拨打 12345，24 小时有人接听。",
    footer: "12345 政务服务便民热线",
    not_found_title: "页面不存在",
    not_found_body: "您访问的页面不存在或已移动。",
    back_home: "返回首页",
    loading: "加载中…",

    home_report: "我要反映",
    home_report_hint: "投诉、举报、求助、咨询、建议、表扬",
    home_snap: "随手拍",
    home_snap_hint: "拍下身边的问题，马上上报",
    home_track: "查询进度",
    home_track_hint: "用工单号和查询码查看办理情况",

    report_title: "反映问题",
    snap_title: "随手拍",
    report_intro: "请如实填写。带 * 的为必填项。",
    choose: "请选择",
    label_kind: "诉求类型",
    label_category: "问题分类",
    label_category_group: "问题大类",
    label_district: "所在区县",
    label_street: "街道 / 乡镇",
    label_address: "详细地址",
    placeholder_address: "如：古槐路 88 号东门",
    label_position: "地图位置",
    locate_button: "获取我的位置",
    locating: "正在定位…",
    located: "已定位",
    locate_failed: "无法获取位置，请手动填写地址。",
    locate_clear: "清除位置",
    label_description: "问题描述",
    placeholder_description: "发生了什么？从什么时候开始？希望怎么解决？",
    label_contact_name: "联系人姓名",
    label_contact_phone: "手机号码",
    label_confidential: "为我的身份保密",
    hint_confidential: "承办部门看不到您的姓名和电话，由热线工作人员转达。",
    label_publish_consent: "同意公开我的诉求",
    hint_publish_consent: "隐去姓名、电话和门牌号后，诉求和答复可在公开栏展示。",
    label_photos: "照片",
    add_photo: "拍照 / 选择照片",
    remove_photo: "删除",
    preparing_photos: "正在压缩照片…",
    label_form: "提交内容",
    submit: "提交",
    uploading: "正在上传",
    processing: "上传完成，正在处理…",
    fix_errors: "请按提示修改标红的项目后再提交。",
    network_error: "网络出错，未能提交。您填写的内容仍保留在本页，请稍后重试。",
    needs_javascript: "填写问题需要浏览器开启 JavaScript。您也可以直接拨打 12345 反映。",
    section_problem: "什么问题",
    section_place: "在哪里",
    section_contact: "怎么联系您",

    kind_complaint: "投诉",
    kind_report: "举报",
    kind_help: "求助",
    kind_inquiry: "咨询",
    kind_suggestion: "建议",
    kind_praise: "表扬",

    done_title: "提交成功",
    done_ticket_no: "工单号",
    done_query_code: "查询码",
    done_keep_code: "请保存好查询码：它只显示这一次。查询办理进度需要工单号和查询码。",
    done_copy: "复制工单号和查询码",
    done_copied: "已复制",
    done_qr_caption: "扫码或保存此图，随时查看进度",
    done_track_now: "查看进度",
    done_code_gone: "查询码只在提交后显示一次。如已遗失，请拨打 12345 并报工单号查询。",
    done_another: "再反映一个问题",

    track_title: "查询进度",
    track_intro: "请输入提交时获得的工单号和查询码。",
    track_ticket_no: "工单号",
    track_query_code: "查询码",
    track_submit: "查询",
    track_not_found: "没有找到对应的工单，请核对工单号和查询码。",
    track_bad_ticket_no: "工单号格式应为 20261122-000123。",
    track_rate_limited: "查询太频繁，请一分钟后再试。",
    track_status: "当前状态",
    track_kind: "诉求类型",
    track_category: "问题分类",
    track_district: "所在区县",
    track_submitted_at: "提交时间",
    track_timeline: "办理进程",
    track_photos: "照片",
    step_submitted: "市民提交诉求",
    step_accepted: "12345 热线已受理",
    step_rejected: "不予受理",
    step_duplicate_of: "与已有工单重复，请查询原工单：",
    step_dispatched: "已转交承办单位：",
    step_contacted: "承办单位已与您联系",
    step_extended: "经批准延期办理，承诺答复日期：",
    step_replied: "承办单位答复",
    step_responder: "答复人",
    step_followed_up: "承办单位已回访",
    step_closed: "已办结",

    error_internal: "服务器暂时出错，请稍后再试。",
};

fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes.div_ceil(1 << 20))
}

pub fn problem(p: &Problem) -> String {
    match p {
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
    }
}
