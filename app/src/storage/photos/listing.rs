//! What a photo store holds, as the orphan sweep, the backup and the migration see it.
use super::{object_error, PhotoKey, PhotoStore, Place};
use futures_util::TryStreamExt;
use object_store::path::Path as ObjectPath;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A stored file or object as the orphan sweep sees it: a photo key, or something else
/// (a temporary file of a submission in flight, a file that is not ours).
#[derive(Clone, Debug)]
pub struct StoredItem {
    /// The file or object name, without its shard directory.
    pub name: String,
    pub modified: SystemTime,
    location: Location,
}

#[derive(Clone, Debug)]
enum Location {
    File(PathBuf),
    Object(ObjectPath),
}

impl PhotoStore {
    /// Every stored file or object (temporary files included) last written before `cutoff`.
    pub async fn written_before(&self, cutoff: SystemTime) -> io::Result<Vec<StoredItem>> {
        let mut out = Vec::new();
        match &self.place {
            Place::Directory(root) => {
                let files = local_files(root).await?;
                for path in files {
                    // A temporary file renamed meanwhile is simply gone: not an error.
                    match std::fs::metadata(&path) {
                        Ok(meta) if meta.modified()? < cutoff => out.push(StoredItem {
                            name: file_name(&path),
                            modified: meta.modified()?,
                            location: Location::File(path),
                        }),
                        Ok(_) => {}
                        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                        Err(e) => return Err(e),
                    }
                }
            }
            Place::Bucket { store, prefix, .. } => {
                let mut objects = store.list(Some(prefix));
                while let Some(meta) = objects.try_next().await.map_err(object_error)? {
                    let modified = SystemTime::from(meta.last_modified);
                    if modified < cutoff {
                        out.push(StoredItem {
                            name: meta.location.filename().unwrap_or_default().to_string(),
                            modified,
                            location: Location::Object(meta.location),
                        });
                    }
                }
            }
        }
        Ok(out)
    }

    /// When the item was last written now (`None`: it is gone).
    pub async fn modified(&self, item: &StoredItem) -> io::Result<Option<SystemTime>> {
        let found = match (&self.place, &item.location) {
            (_, Location::File(path)) => tokio::fs::metadata(path).await.and_then(|m| m.modified()),
            (Place::Bucket { store, .. }, Location::Object(location)) => store
                .head(location)
                .await
                .map(|meta| SystemTime::from(meta.last_modified))
                .map_err(object_error),
            (Place::Directory(_), Location::Object(_)) => return Ok(None),
        };
        match found {
            Ok(t) => Ok(Some(t)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Removes an item the sweep found (already gone is not an error).
    pub async fn remove_item(&self, item: &StoredItem) -> io::Result<()> {
        let removed = match (&self.place, &item.location) {
            (_, Location::File(path)) => tokio::fs::remove_file(path).await,
            (Place::Bucket { store, .. }, Location::Object(location)) => {
                store.delete(location).await.map_err(object_error)
            }
            (Place::Directory(_), Location::Object(_)) => Ok(()),
        };
        match removed {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Whether the store holds nothing at all (no photo, no other file or object).
    pub async fn is_empty(&self) -> io::Result<bool> {
        match &self.place {
            Place::Directory(root) => {
                let files = local_files(root).await?;
                Ok(files.is_empty())
            }
            Place::Bucket { store, prefix, .. } => Ok(store
                .list(Some(prefix))
                .try_next()
                .await
                .map_err(object_error)?
                .is_none()),
        }
    }

    /// The key of every stored photo (nothing else the store holds).
    pub async fn keys(&self) -> io::Result<Vec<PhotoKey>> {
        Ok(self
            .written_before(SystemTime::now() + std::time::Duration::from_secs(86_400))
            .await?
            .into_iter()
            .filter_map(|item| PhotoKey::parse(&item.name))
            .collect())
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string()
}

/// Every file one level below the shard directories of `root`.
fn list_files(root: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for shard in std::fs::read_dir(root)? {
        let shard = shard?;
        if shard.file_type()?.is_dir() {
            for f in std::fs::read_dir(shard.path())? {
                out.push(f?.path());
            }
        }
    }
    Ok(out)
}

/// Every file one level below the shard directories of a directory store, listed off the
/// async threads.
async fn local_files(root: &Path) -> io::Result<Vec<PathBuf>> {
    let root = root.to_path_buf();
    tokio::task::spawn_blocking(move || list_files(&root))
        .await
        .map_err(io::Error::other)?
}
