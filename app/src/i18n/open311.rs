//! The Open311 GeoReport v2 API's texts: attribute descriptions, notices and errors.
use super::texts::texts;

texts! {
    /// What the Open311 API says in words.
    pub struct Open311Texts {
        attr_kind: "诉求类型", "Kind of request";
        attr_district: "区县（可省略：街道已确定所属区县）", "District (may be left out: the street names it)";
        attr_street: "街道（乡镇）", "Street (town)";
        attr_confidential: "是否保密（true 时不公开任何内容）", "Confidential (true: nothing of it is ever published)";
        attr_publish_consent: "是否同意公开（去除个人信息后）", "Consent to publication (without personal data)";
        yes: "是", "Yes";
        no: "否", "No";
        contact: "12345 政务服务便民热线", "12345 government service hotline";
        key_service: "接口密钥由热线管理员签发（server api-key create 名称）。", "Keys are issued by the hotline's administrator (server api-key create NAME).";
        no_key: "缺少或无效的 api_key，无法提交诉求。", "Missing or invalid api_key: the request cannot be filed.";
        too_many: "该密钥提交过于频繁，请稍后再试。", "Too many requests with this key: try again later.";
        too_many_reads: "查询过于频繁，请稍后再试。", "Too many queries from this address: try again later.";
        no_location: "请提供位置：lat 与 long，或 address_string。", "A location is required: lat and long, or address_string.";
        half_position: "lat 与 long 须同时提供。", "lat and long must both be given.";
        bad_format: "只提供 .json 与 .xml 两种格式。", "Only the .json and .xml formats are served.";
        bad_date: "日期须为 W3C 格式，例如 2026-11-01T00:00:00+08:00。", "Dates must be in W3C format, e.g. 2026-11-01T00:00:00Z.";
        bad_status: "status 只能是 open 或 closed。", "status must be open or closed.";
        bad_id: "service_request_id 须为数字，以逗号分隔。", "service_request_id must be numbers separated by commas.";
        not_found: "没有这条记录（或尚未公开）。", "No such record (or not published).";
        no_token: "没有这个回执号。", "No such token.";
        failed: "服务器暂时无法处理，请稍后再试。", "The server could not handle this now: try again later.";
        bad_body: "请求体须为 application/x-www-form-urlencoded 表单。", "The body must be an application/x-www-form-urlencoded form.";
    }
    impl {
        fn unknown_service(code: &str) -> String {
            zh: format!("没有这个服务：{code}。可用的服务见 services.json。"),
            en: format!("No such service: {code}. The services are listed at services.json."),
        }
        fn unknown_attribute_value(code: &str, value: &str) -> String {
            zh: format!("attribute[{code}] 的值 {value} 不在可选值之中：见该服务的定义。"),
            en: format!("attribute[{code}] = {value} is not one of its values: see the service's definition."),
        }
        fn filed(ticket_no: &str, query_code: &str, track: &str) -> String {
            zh: format!("已受理登记。工单号 {ticket_no}，查询码 {query_code}：请转告市民，凭二者在 {track} 查询办理进度。"),
            en: format!("Received. Ticket {ticket_no}, query code {query_code}: pass both to the citizen, who follows the case at {track}."),
        }
        fn body_too_large(kb: usize) -> String {
            zh: format!("请求体超过 {kb} KB：一条诉求只含文字字段，照片请通过 /api/v1/reports 提交。"),
            en: format!("The body is over {kb} KB: a request has text fields only; photos go through /api/v1/reports."),
        }
        fn span_too_long(days: i64) -> String {
            zh: format!("start_date 与 end_date 相隔不能超过 {days} 天。"),
            en: format!("start_date and end_date may not be more than {days} days apart."),
        }
    }
}
