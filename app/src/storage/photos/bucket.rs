//! Opening a photo store in a bucket of an S3-compatible object store.
use super::{PhotoStore, Place};
use object_store::path::Path as ObjectPath;
use object_store::ObjectStore;
use std::sync::Arc;

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

impl PhotoStore {
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
}
