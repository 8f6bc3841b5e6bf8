//! Photo files, outside the web root, under content-hash names: `<root>/ab/abcdef….jpg`.
use sha2::{Digest, Sha256};
use std::io;
use std::path::{Path, PathBuf};

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

#[derive(Clone, Debug)]
pub struct PhotoStore {
    root: PathBuf,
}

impl PhotoStore {
    pub fn open(root: impl Into<PathBuf>) -> io::Result<Self> {
        let root = root.into();
        std::fs::create_dir_all(&root)?;
        Ok(Self { root })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn path(&self, key: &PhotoKey) -> PathBuf {
        self.root.join(&key.0[..2]).join(&key.0)
    }

    /// Writes the file durably: temporary name, fsync, rename, fsync of the directory (the
    /// rename itself is only durable once the directory is; a new shard directory is synced
    /// into the root too). Returns `false` when a file with this content already existed, so a
    /// failed submission deletes only what it created.
    pub async fn put(&self, key: &PhotoKey, bytes: &[u8]) -> io::Result<bool> {
        let path = self.path(key);
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
            sync_dir(&self.root).await?;
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

    pub async fn remove(&self, key: &PhotoKey) -> io::Result<()> {
        match tokio::fs::remove_file(self.path(key)).await {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Files (temporary ones included) last written before `cutoff`, with that time.
    pub fn written_before(
        &self,
        cutoff: std::time::SystemTime,
    ) -> io::Result<Vec<(PathBuf, std::time::SystemTime)>> {
        let mut out = Vec::new();
        for path in self.list()? {
            // A temporary file renamed meanwhile is simply gone: not an error.
            match std::fs::metadata(&path) {
                Ok(meta) if meta.modified()? < cutoff => {
                    let modified = meta.modified()?;
                    out.push((path, modified));
                }
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    /// Every stored file, for audits and tests.
    pub fn list(&self) -> io::Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        for shard in std::fs::read_dir(&self.root)? {
            let shard = shard?;
            if shard.file_type()?.is_dir() {
                for f in std::fs::read_dir(shard.path())? {
                    out.push(f?.path());
                }
            }
        }
        Ok(out)
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
