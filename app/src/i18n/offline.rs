//! The texts of the installable, offline portal: reports kept on the phone until a connection
//! returns (`public/outbox.js`), and the new version's "refresh to update" (`public/sw.js`).
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
        confirm_delete: "删除这份还没有发送的反映？删除后无法恢复。", "Delete this report that has not been sent? It cannot be undone.";
        update_ready: "有新版本，点此刷新", "A new version is ready: tap to refresh";
    }
}
