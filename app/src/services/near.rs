//! The near-duplicate photo index: every stored photo's perceptual hash in a multi-index hash
//! table (`model::near_dup::HashIndex`), so a new snap photo is checked against 200 000 earlier
//! ones without scanning them. Each instance keeps its own index and, before every check, adds
//! the photos stored since (by any instance).
use crate::model::near_dup::{HashIndex, NearMatch, NEAR_DUPLICATE_DISTANCE};
use crate::storage::{rewards, Db};
use std::sync::Mutex;

/// Rows read per query while filling the index.
const FILL_BATCH: i64 = 20_000;

#[derive(Default)]
pub struct NearIndex {
    inner: Mutex<Filled>,
}

#[derive(Default)]
struct Filled {
    index: HashIndex,
    /// The highest photo id in the index.
    last: i64,
}

impl NearIndex {
    /// Adds the photos stored since the last call. Returns how many.
    pub async fn refresh(&self, db: &Db) -> Result<usize, sqlx::Error> {
        let mut added = 0;
        loop {
            let after = self.inner.lock().expect("index lock").last;
            let rows = rewards::hashes_after(db, after, FILL_BATCH).await?;
            let n = rows.len();
            {
                let mut filled = self.inner.lock().expect("index lock");
                for (id, hash) in rows {
                    // Another refresh may have added these meanwhile.
                    if id > filled.last {
                        filled.index.insert(hash as u64, id);
                        filled.last = id;
                        added += 1;
                    }
                }
            }
            if (n as i64) < FILL_BATCH {
                return Ok(added);
            }
        }
    }

    /// Earlier photos within the near-duplicate distance of `hash`, closest first.
    pub fn near(&self, hash: u64) -> Vec<NearMatch> {
        self.inner
            .lock()
            .expect("index lock")
            .index
            .within(hash, NEAR_DUPLICATE_DISTANCE)
    }

    pub fn len(&self) -> usize {
        self.inner.lock().expect("index lock").index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
