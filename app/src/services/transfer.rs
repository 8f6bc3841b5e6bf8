//! `server migrate --to postgres://… --photos s3://…`: moving an embedded deployment's
//! database into an empty PostgreSQL database, checked table by table (rows and checksums),
//! and its photos into an empty bucket, checked photo by photo (each read back and hashed:
//! the key is the SHA-256 of the content), before either is called done.
use crate::storage::photos::{BucketError, PhotoKey, PhotoStore};
use crate::storage::transfer::{self, TableCopy, TransferError};
use crate::storage::{case_photos, redacted_url, Db, Engine, Pool};
use futures_util::{StreamExt, TryStreamExt};
use std::collections::HashSet;

#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error("the source is not an embedded (SQLite) database: nothing to migrate")]
    NotEmbedded,
    #[error("--to must be a PostgreSQL URL (postgres://USER:PASSWORD@HOST:PORT/DB)")]
    NotPostgres,
    #[error("target database {url}: {error}")]
    Target {
        url: String,
        #[source]
        error: sqlx::Error,
    },
    #[error(transparent)]
    Transfer(#[from] TransferError),
    /// The copy does not match its source (reported per table; the target should be dropped).
    #[error("the copy does not match its source: {0}")]
    Mismatch(String),
    #[error("--photos must be a bucket URL (s3://BUCKET/PREFIX)")]
    NotABucket,
    #[error(transparent)]
    Bucket(#[from] BucketError),
    #[error("{0} is not empty: photos move into a new bucket or an unused prefix")]
    BucketNotEmpty(String),
    #[error("photos: {0}")]
    Photos(#[source] std::io::Error),
    /// A photo is missing or altered in the source or in the copy.
    #[error("the photo copy is not sound: {0}")]
    PhotoMismatch(String),
}

/// What moving the photos did.
#[derive(Debug)]
pub struct PhotoCopy {
    pub photos: usize,
    pub bytes: u64,
    /// How many of them cases refer to (all checked present in the bucket).
    pub referenced: usize,
}

/// Opens the bucket photos move into and refuses one that holds anything (checked before
/// anything is copied, so that a refused migration changes nothing).
pub async fn empty_bucket(url: &str) -> Result<PhotoStore, MigrateError> {
    if !url.starts_with("s3://") {
        return Err(MigrateError::NotABucket);
    }
    let bucket = PhotoStore::open_bucket(url).await?;
    if !bucket.is_empty().await.map_err(MigrateError::Photos)? {
        return Err(MigrateError::BucketNotEmpty(url.into()));
    }
    Ok(bucket)
}

/// How many photos are copied at once (each a round trip to the bucket).
const PHOTOS_IN_FLIGHT: usize = 16;

/// Copies every photo of `source` into `target` (empty, from [`empty_bucket`]), then checks
/// the copy: the bucket holds exactly the source's photos, every photo a case of `db` refers
/// to is among them, and every copied object read back hashes to its name. A source photo
/// that does not match its own name stops the move (it would be served altered).
pub async fn photos_to_bucket(
    db: &Db,
    source: &PhotoStore,
    target: &PhotoStore,
) -> Result<PhotoCopy, MigrateError> {
    let keys = source.keys().await.map_err(MigrateError::Photos)?;
    let copied: Vec<u64> = futures_util::stream::iter(keys.iter().cloned())
        .map(|key| async move {
            let Some(bytes) = source.get(&key).await.map_err(MigrateError::Photos)? else {
                return Ok(0); // removed meanwhile (the server was running): not referenced
            };
            if PhotoKey::for_bytes(&bytes) != key {
                return Err(MigrateError::PhotoMismatch(format!(
                    "source photo {} does not match its name",
                    key.as_str()
                )));
            }
            target
                .put(&key, &bytes)
                .await
                .map_err(MigrateError::Photos)?;
            Ok(bytes.len() as u64)
        })
        .buffer_unordered(PHOTOS_IN_FLIGHT)
        .try_collect()
        .await?;

    let in_target: HashSet<PhotoKey> = target
        .keys()
        .await
        .map_err(MigrateError::Photos)?
        .into_iter()
        .collect();
    let in_source: HashSet<PhotoKey> = keys.into_iter().collect();
    if let Some(extra) = in_target.difference(&in_source).next() {
        return Err(MigrateError::PhotoMismatch(format!(
            "the bucket holds {} that the source does not",
            extra.as_str()
        )));
    }
    let referenced = case_photos::referenced_keys(db)
        .await
        .map_err(|e| MigrateError::Transfer(e.into()))?;
    for key in &referenced {
        if !PhotoKey::parse(key).is_some_and(|k| in_target.contains(&k)) {
            return Err(MigrateError::PhotoMismatch(format!(
                "photo {key} of a case is not in the bucket (missing from the source?)"
            )));
        }
    }
    futures_util::stream::iter(in_target.iter())
        .map(|key| async move {
            match target.get(key).await.map_err(MigrateError::Photos)? {
                Some(bytes) if PhotoKey::for_bytes(&bytes) == *key => Ok(()),
                Some(_) => Err(MigrateError::PhotoMismatch(format!(
                    "{} reads back altered",
                    key.as_str()
                ))),
                None => Err(MigrateError::PhotoMismatch(format!(
                    "{} is gone from the bucket",
                    key.as_str()
                ))),
            }
        })
        .buffer_unordered(PHOTOS_IN_FLIGHT)
        .try_collect::<Vec<()>>()
        .await?;
    Ok(PhotoCopy {
        photos: in_target.len(),
        bytes: copied.iter().sum(),
        referenced: referenced.len(),
    })
}

/// Copies every table of `source` into the empty PostgreSQL database at `target_url` (its
/// schema is created first) and checks every table's row count and checksum.
pub async fn to_postgres(source: &Db, target_url: &str) -> Result<Vec<TableCopy>, MigrateError> {
    let Pool::Sqlite(from) = &source.pool else {
        return Err(MigrateError::NotEmbedded);
    };
    if Engine::of_url(target_url) != Engine::Postgres {
        return Err(MigrateError::NotPostgres);
    }
    let target = Db::open(target_url)
        .await
        .map_err(|error| MigrateError::Target {
            url: redacted_url(target_url),
            error,
        })?;
    let Pool::Postgres(to) = &target.pool else {
        return Err(MigrateError::NotPostgres);
    };
    let copies = transfer::copy_all(from, to).await;
    target.close().await;
    let copies = copies?;
    let wrong: Vec<String> = copies
        .iter()
        .filter(|c| !c.faithful())
        .map(|c| {
            format!(
                "{}: {} rows → {} rows, checksum {:016x} → {:016x}",
                c.table, c.source_rows, c.target_rows, c.source_sum, c.target_sum
            )
        })
        .collect();
    if !wrong.is_empty() {
        return Err(MigrateError::Mismatch(wrong.join("; ")));
    }
    Ok(copies)
}
