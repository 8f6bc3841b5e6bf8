//! Stored photos, outside the web root, under content-hash names (`ab/abcdef….jpg`): in a
//! directory or in a bucket of an S3-compatible object store.
use object_store::{path::Path as ObjectPath, ObjectStore, PutPayload};
use sha2::{Digest, Sha256};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The name of a stored photo file: 64 lowercase hex digits of its SHA-256 and `.jpg`.
/// Parsing it is the only way to turn a URL segment into a path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PhotoKey(String);

impl PhotoKey {
    pub fn for_bytes(bytes: &[u8]) -> Self {
        Self(format!("{}.jpg", hex::encode(Sha256::digest(bytes))))
    }

    pub fn parse(s: &str) -> Option<Self> {
        let hash = s.strip_suffix(".jpg")?;
        let ok = hash.len() == 64
            && hash
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        ok.then(|| Self(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Where photos are kept: a directory (the default, `<data dir>/photos`) or a bucket of an
/// S3-compatible object store (`MINSHENG_PHOTO_STORE=s3://bucket/prefix`). Keys are the same
/// content hashes in both, sharded by their first two digits (`ab/abcdef….jpg`).
#[derive(Clone, Debug)]
pub struct PhotoStore {
    place: Place,
}

#[derive(Clone, Debug)]
enum Place {
    Directory(PathBuf),
    Bucket {
        store: Arc<dyn ObjectStore>,
        prefix: ObjectPath,
        url: String,
    },
}

mod bucket;
mod listing;
pub use bucket::BucketError;
pub use listing::StoredItem;

fn file_path(root: &Path, key: &PhotoKey) -> PathBuf {
    root.join(&key.0[..2]).join(&key.0)
}

fn object_error(e: object_store::Error) -> io::Error {
    match e {
        object_store::Error::NotFound { .. } => io::Error::new(io::ErrorKind::NotFound, e),
        e => io::Error::other(e),
    }
}

impl PhotoStore {
    /// A directory store (created if missing).
    pub fn open(root: impl Into<PathBuf>) -> io::Result<Self> {
        let root = root.into();
        std::fs::create_dir_all(&root)?;
        Ok(Self {
            place: Place::Directory(root),
        })
    }

    /// Where the photos are, for logs.
    pub fn describe(&self) -> String {
        match &self.place {
            Place::Directory(root) => root.display().to_string(),
            Place::Bucket { url, .. } => url.clone(),
        }
    }

    fn object(prefix: &ObjectPath, key: &PhotoKey) -> ObjectPath {
        prefix.child(&key.0[..2]).child(key.0.as_str())
    }

    /// Stores the photo durably. Returns `false` when a photo with this content was there
    /// already (it is freshened instead, so the sweep of old unreferenced files never takes
    /// one an in-flight submission is about to refer to): a failed submission then removes
    /// only what it created. A bucket's PUT is durable and atomic when it answers.
    pub async fn put(&self, key: &PhotoKey, bytes: &[u8]) -> io::Result<bool> {
        match &self.place {
            Place::Directory(root) => Self::put_file(root, key, bytes).await,
            Place::Bucket { store, prefix, .. } => {
                let location = Self::object(prefix, key);
                let existed = match store.head(&location).await {
                    Ok(_) => true,
                    Err(object_store::Error::NotFound { .. }) => false,
                    Err(e) => return Err(object_error(e)),
                };
                // Written again either way: a new PUT is what freshens an object.
                store
                    .put(&location, PutPayload::from(bytes.to_vec()))
                    .await
                    .map_err(object_error)?;
                Ok(!existed)
            }
        }
    }

    async fn put_file(root: &Path, key: &PhotoKey, bytes: &[u8]) -> io::Result<bool> {
        let path = file_path(root, key);
        if tokio::fs::try_exists(&path).await? {
            // Freshen it, so the sweep of old unreferenced files never takes a file an
            // in-flight submission is about to refer to.
            let freshened = {
                let path = path.clone();
                tokio::task::spawn_blocking(move || {
                    std::fs::File::options()
                        .write(true)
                        .open(&path)
                        .and_then(|file| file.set_modified(std::time::SystemTime::now()))
                })
                .await
                .map_err(io::Error::other)?
            };
            match freshened {
                Ok(()) => {
                    // The writer that created it may not have synced its directory yet: the
                    // ticket about to refer to it must not outlive the directory entry.
                    sync_dir(path.parent().expect("sharded path has a parent")).await?;
                    return Ok(false);
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => {} // just swept: write it anew
                Err(e) => return Err(e),
            }
        }
        let dir = path.parent().expect("sharded path has a parent");
        let new_shard = !tokio::fs::try_exists(dir).await?;
        tokio::fs::create_dir_all(dir).await?;
        if new_shard {
            sync_dir(root).await?;
        }
        let tmp = dir.join(format!(".{}.{}.tmp", key.0, rand::random::<u64>()));
        let result = async {
            let mut file = tokio::fs::File::create(&tmp).await?;
            tokio::io::AsyncWriteExt::write_all(&mut file, bytes).await?;
            file.sync_all().await?;
            tokio::fs::rename(&tmp, &path).await
        }
        .await;
        if result.is_err() {
            let _ = tokio::fs::remove_file(&tmp).await;
        }
        result?;
        sync_dir(dir).await?;
        Ok(true)
    }

    /// The stored photo, or `None` if there is none under this key.
    pub async fn get(&self, key: &PhotoKey) -> io::Result<Option<Vec<u8>>> {
        let found = match &self.place {
            Place::Directory(root) => tokio::fs::read(file_path(root, key)).await,
            Place::Bucket { store, prefix, .. } => {
                match store.get(&Self::object(prefix, key)).await {
                    Ok(got) => got.bytes().await.map(|b| b.to_vec()).map_err(object_error),
                    Err(e) => Err(object_error(e)),
                }
            }
        };
        match found {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub async fn remove(&self, key: &PhotoKey) -> io::Result<()> {
        let removed = match &self.place {
            Place::Directory(root) => tokio::fs::remove_file(file_path(root, key)).await,
            Place::Bucket { store, prefix, .. } => store
                .delete(&Self::object(prefix, key))
                .await
                .map_err(object_error),
        };
        match removed {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// Makes the entries of a directory (a rename into it, a new subdirectory) durable.
async fn sync_dir(dir: &Path) -> io::Result<()> {
    tokio::fs::File::open(dir).await?.sync_all().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photo_keys_are_content_hashes_and_refuse_path_tricks() {
        let key = PhotoKey::for_bytes(b"abc");
        assert_eq!(
            key.as_str(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad.jpg"
        );
        assert_eq!(PhotoKey::parse(key.as_str()), Some(key));
        for bad in [
            "../etc/passwd",
            "ba7816bf.jpg",
            "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD.jpg",
            "",
        ] {
            assert_eq!(PhotoKey::parse(bad), None, "{bad}");
        }
    }
}
