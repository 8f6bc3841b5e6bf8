//! The texts of the installable, offline portal: reports kept on the phone until a connection
//! returns (`public/outbox.js`), the new version's "refresh to update" (`public/sw.js`), and
//! the report form sent without JavaScript.
use super::texts::texts;

texts! {
    /// What the pages say of reports waiting on the phone and of a new version.
    pub struct OfflineTexts {
        queued: "现在没有网络：这份反映已保存在这部手机上，联网后会自动发送，不会重复提交。可以在“我的诉求”查看或删除。", "No connection right now: this report is kept on this phone and will be sent by itself when the connection returns, never twice. See or delete it under “My cases”.";
        outbox_title: "待发送的反映", "Reports waiting to be sent";
        outbox_hint: "保存在这部手机上，联网后自动发送。", "Kept on this phone; sent by themselves when the connection returns.";
        waiting: "待发送", "Waiting to be sent";
        refused: "未能提交", "Not accepted";
        delete: "删除", "Delete";
        edit: "修改", "Edit";
        editing: "正在修改一份保存在这部手机上的反映：改好后提交，原来那份会被替换。照片已放回，请检查。", "You are editing a report kept on this phone: send it when it is right and it replaces the kept one. Its photos are back in the form; please check them.";
        confirm_delete: "删除这份还没有发送的反映？删除后无法恢复。", "Delete this report that has not been sent? It cannot be undone.";
        update_ready: "有新版本，点此刷新", "A new version is ready: tap to refresh";
        without_javascript: "浏览器没有开启 JavaScript，也可以填写提交：照片按原图上传，网络慢时请耐心等待。", "JavaScript is off in this browser; you can still fill in and send this form. Photos are sent at full size, so on a slow network please be patient.";
        photos_again: "照片：浏览器无法保留已选的照片，改好后请重新选择。", "Photos: a browser does not keep chosen photos, so please choose them again after correcting.";
    }
}
