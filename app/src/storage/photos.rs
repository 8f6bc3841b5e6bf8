//! Stored photos, outside the web root, under content-hash names (`ab/abcdef….jpg`): in a
//! directory or in a bucket of an S3-compatible object store.
use futures_util::TryStreamExt;
use object_store::{path::Path as ObjectPath, ObjectStore, PutPayload};
use sha2::{Digest, Sha256};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

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

/// Why a bucket could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum BucketError {
    #[error("{0:?} is not s3://BUCKET[/PREFIX]")]
    NotABucketUrl(String),
    #[error("{url}: {error}")]
    Store {
        url: String,
        #[source]
        error: object_store::Error,
    },
}

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

    /// A bucket store at `s3://BUCKET[/PREFIX]`, with the endpoint, region and keys from the
    /// standard variables (`AWS_ENDPOINT`, `AWS_REGION`, `AWS_ACCESS_KEY_ID`,
    /// `AWS_SECRET_ACCESS_KEY`, `AWS_ALLOW_HTTP`). Lists the prefix once, so that a bucket
    /// that cannot be reached or read stops the start instead of the first submission.
    pub async fn open_bucket(url: &str) -> Result<Self, BucketError> {
        let rest = url
            .strip_prefix("s3://")
            .ok_or_else(|| BucketError::NotABucketUrl(url.into()))?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() {
            return Err(BucketError::NotABucketUrl(url.into()));
        }
        let store_error = |error| BucketError::Store {
            url: url.into(),
            error,
        };
        // A store that does not answer fails a submission within seconds (the citizen is
        // told to try again) instead of holding it for the client's default three minutes.
        let retry = object_store::RetryConfig {
            max_retries: 2,
            retry_timeout: std::time::Duration::from_secs(5),
            ..Default::default()
        };
        // (These options replace the client options `from_env` read: AWS_ALLOW_HTTP again.)
        let allow_http =
            std::env::var("AWS_ALLOW_HTTP").is_ok_and(|v| v.eq_ignore_ascii_case("true"));
        let client = object_store::ClientOptions::new()
            .with_allow_http(allow_http)
            .with_connect_timeout(std::time::Duration::from_secs(3))
            .with_timeout(std::time::Duration::from_secs(20));
        let store = object_store::aws::AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            .with_retry(retry)
            .with_client_options(client)
            .build()
            .map_err(store_error)?;
        let prefix = ObjectPath::from(prefix.trim_matches('/'));
        store
            .list_with_delimiter(Some(&prefix))
            .await
            .map_err(store_error)?;
        Ok(Self {
            place: Place::Bucket {
                store: Arc::new(store),
                prefix,
                url: url.into(),
            },
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

    /// Every stored file or object (temporary files included) last written before `cutoff`.
    pub async fn written_before(&self, cutoff: SystemTime) -> io::Result<Vec<StoredItem>> {
        let mut out = Vec::new();
        match &self.place {
            Place::Directory(root) => {
                let root = root.clone();
                let files = tokio::task::spawn_blocking(move || list_files(&root))
                    .await
                    .map_err(io::Error::other)??;
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
                let root = root.clone();
                let files = tokio::task::spawn_blocking(move || list_files(&root))
                    .await
                    .map_err(io::Error::other)??;
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
