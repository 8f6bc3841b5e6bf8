//! A throwaway database file for storage unit tests, removed (with its WAL files) on drop.
use super::Db;
use std::path::PathBuf;

pub(crate) struct TempDb {
    pub db: Db,
    path: PathBuf,
}

impl TempDb {
    /// A fresh, migrated database under the system's temporary directory.
    pub async fn new(what: &str) -> TempDb {
        let path = std::env::temp_dir().join(format!(
            "minsheng-{what}-{}.db",
            hex::encode(rand::random::<[u8; 8]>())
        ));
        let db = Db::open(&format!("sqlite://{}", path.display()))
            .await
            .expect("temporary database");
        TempDb { db, path }
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.path.display()));
        }
    }
}
