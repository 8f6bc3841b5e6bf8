//! Near-duplicate photos: the Hamming distance between 64-bit perceptual hashes, the tuned
//! threshold under which two photos count as "the same picture", and [`HashIndex`] (multi-index
//! hashing) that finds every earlier photo within that distance without comparing against all
//! of them.
//!
//! Pure code: the hashes themselves are computed on the server
//! (`services::fingerprint::perceptual_hash`); this module only compares them.

/// Bits in a perceptual hash: the largest distance between two photos.
pub const HASH_BITS: u32 = u64::BITS;

/// Hamming distance between two 64-bit perceptual hashes: the number of differing bits.
#[inline]
pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// Two photos whose perceptual hashes differ in at most this many bits are flagged as near
/// duplicates of each other.
///
/// Tuned on the real-photo test set in `app/tests/near_duplicates.rs` (16 photographs, 12
/// altered copies each; hash: `services::fingerprint::perceptual_hash`, the 8×8 average hash):
/// - altered copy vs its original: re-encodes at JPEG q95/75/50/30 differ by at most 4 bits,
///   resizes to 25 %/50 %/150 % by at most 2, brightness ±15 by at most 3, crops of 3 % and
///   5 % per side by 1–14 (median 5), crops of 8 % per side by 4–19;
/// - different photos: the closest pair of originals is a stereo pair (two cameras 19 cm apart)
///   at 12 bits, then 14, then 19 and more; the closest altered copy of another photo is at 11.
///
/// 10 is the largest threshold with no false match (0 of 120 pairs, 0 of 2 880 altered copies
/// vs other photos). It catches every re-encode, resize and brightness change, 26 of 32 crops
/// of 3–5 % (the misses are texture-like photos: brick, gravel, a star field) and 6 of 16
/// crops of 8 %.
pub const NEAR_DUPLICATE_DISTANCE: u32 = 10;

/// One earlier photo found near a query hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct NearMatch {
    pub photo_id: i64,
    pub distance: u32,
}

/// The hash is split into this many 16-bit quarters, each with a table of its own.
const QUARTERS: usize = 4;

/// Largest `max` the tables serve (a quarter within 3 bits: 697 variants per quarter); beyond
/// it `within` compares every hash, which is then about as fast.
pub const MAX_INDEXED_DISTANCE: u32 = 4 * 3 + 3;

/// Every 16-bit mask with at most 3 bits set, fewest bits first (1 + 16 + 120 + 560).
fn flip_masks() -> &'static [u16] {
    static MASKS: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
    MASKS.get_or_init(|| {
        let mut masks: Vec<u16> = (0..=u16::MAX).filter(|m| m.count_ones() <= 3).collect();
        masks.sort_by_key(|m| m.count_ones());
        masks
    })
}

/// How many masks have at most `bits` bits set.
fn masks_up_to(bits: u32) -> usize {
    [1, 17, 137, 697][bits.min(3) as usize]
}

fn quarter(hash: u64, q: usize) -> u16 {
    (hash >> (16 * q)) as u16
}

/// Multi-index hashing of (perceptual hash, photo id) pairs, for "which earlier photos are
/// within distance `max` of this one?" without comparing against all of them.
///
/// Each 64-bit hash is cut into four 16-bit quarters, and each quarter has a table from its
/// value to the photos having it. Two hashes within `max` bits agree within `max / 4` bits on
/// at least one quarter (pigeonhole), so a lookup lists, per quarter, the table entries of
/// every value within `max / 4` bits of the query's quarter (at most 137 values at the tuned
/// distance), and checks only those photos' full distance. A BK-tree was measured first: at a
/// radius of 10 bits out of 64 it still compared half of 200 000 hashes per lookup (p99
/// 19 ms, slower than a linear scan), see `bench/run near`.
#[derive(Clone, Debug, Default)]
pub struct HashIndex {
    entries: Vec<(u64, i64)>,
    tables: [std::collections::HashMap<u16, Vec<u32>>; QUARTERS],
}

impl HashIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty index with room for `capacity` photos.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            entries: Vec::with_capacity(capacity),
            ..Self::default()
        }
    }

    /// Number of photos indexed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn insert(&mut self, hash: u64, photo_id: i64) {
        let at = u32::try_from(self.entries.len()).expect("HashIndex holds at most 2^32 photos");
        self.entries.push((hash, photo_id));
        for (q, table) in self.tables.iter_mut().enumerate() {
            table.entry(quarter(hash, q)).or_default().push(at);
        }
    }

    /// Every indexed photo whose hash is within `max` bits of `hash`, nearest first (ties by
    /// photo id).
    pub fn within(&self, hash: u64, max: u32) -> Vec<NearMatch> {
        self.within_counted(hash, max).0
    }

    /// [`within`](Self::within), also returning how many indexed hashes were compared with
    /// the query: the cost of the lookup, for benchmarks and diagnostics.
    pub fn within_counted(&self, hash: u64, max: u32) -> (Vec<NearMatch>, usize) {
        let mut found = Vec::new();
        let mut compared = 0usize;
        let mut consider = |at: usize, found: &mut Vec<NearMatch>| {
            let (h, photo_id) = self.entries[at];
            compared += 1;
            let d = distance(h, hash);
            if d <= max {
                found.push(NearMatch {
                    photo_id,
                    distance: d,
                });
            }
        };
        if max > MAX_INDEXED_DISTANCE {
            for at in 0..self.entries.len() {
                consider(at, &mut found);
            }
        } else {
            let radius = max / QUARTERS as u32;
            let masks = &flip_masks()[..masks_up_to(radius)];
            for (q, table) in self.tables.iter().enumerate() {
                let wanted = quarter(hash, q);
                for mask in masks {
                    let Some(list) = table.get(&(wanted ^ mask)) else {
                        continue;
                    };
                    for &at in list {
                        // A photo close on an earlier quarter was considered there already.
                        let h = self.entries[at as usize].0;
                        let seen = (0..q).any(|p| {
                            u32::from(quarter(h, p) ^ quarter(hash, p)).count_ones() <= radius
                        });
                        if !seen {
                            consider(at as usize, &mut found);
                        }
                    }
                }
            }
        }
        found.sort_unstable_by_key(|m| (m.distance, m.photo_id));
        (found, compared)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brute_force(entries: &[(u64, i64)], hash: u64, max: u32) -> Vec<NearMatch> {
        let mut v: Vec<NearMatch> = entries
            .iter()
            .filter(|&&(h, _)| distance(h, hash) <= max)
            .map(|&(h, photo_id)| NearMatch {
                photo_id,
                distance: distance(h, hash),
            })
            .collect();
        v.sort_unstable_by_key(|m| (m.distance, m.photo_id));
        v
    }

    #[test]
    fn distance_counts_differing_bits() {
        assert_eq!(distance(0, 0), 0);
        assert_eq!(distance(0, u64::MAX), 64);
        assert_eq!(distance(0b1011, 0b0110), 3);
        assert_eq!(distance(1 << 63, 1), 2);
    }

    #[test]
    fn an_empty_index_finds_nothing() {
        let index = HashIndex::new();
        assert!(index.is_empty());
        assert_eq!(index.len(), 0);
        assert!(index.within(0x1234, 64).is_empty());
    }

    #[test]
    fn near_photos_are_found_nearest_first_and_far_ones_are_not() {
        let mut index = HashIndex::new();
        index.insert(0b0000, 1);
        index.insert(0b0111, 2);
        index.insert(0b0001, 3);
        index.insert(u64::MAX, 4);
        index.insert(0b0011, 5);
        assert_eq!(index.len(), 5);
        let got = index.within(0b0001, 2);
        assert_eq!(
            got,
            vec![
                NearMatch {
                    photo_id: 3,
                    distance: 0
                },
                NearMatch {
                    photo_id: 1,
                    distance: 1
                },
                NearMatch {
                    photo_id: 5,
                    distance: 1
                },
                NearMatch {
                    photo_id: 2,
                    distance: 2
                },
            ]
        );
        assert_eq!(
            index.within(u64::MAX, 0),
            vec![NearMatch {
                photo_id: 4,
                distance: 0
            }]
        );
    }

    #[test]
    fn photos_sharing_a_hash_are_all_kept() {
        let mut index = HashIndex::new();
        for id in [7, 3, 9, 3] {
            index.insert(0xdead_beef, id);
        }
        index.insert(0xdead_beee, 1);
        assert_eq!(index.len(), 5);
        let ids: Vec<i64> = index
            .within(0xdead_beef, 0)
            .iter()
            .map(|m| m.photo_id)
            .collect();
        assert_eq!(ids, vec![3, 3, 7, 9]);
        let (all, compared) = index.within_counted(0xdead_beef, 1);
        assert_eq!(all.len(), 5);
        assert_eq!(
            compared, 5,
            "each photo is compared once, however many quarters match"
        );
    }

    #[test]
    fn a_lookup_compares_only_hashes_that_share_a_close_quarter() {
        let mut index = HashIndex::new();
        // 10 000 hashes (16 distinct) whose quarters all differ from the query's by 8 or more
        // bits.
        for id in 0..10_000u64 {
            index.insert(0xFF00_FF00_FF00_FF00 ^ (id << 20 & 0x00F0_0000), id as i64);
        }
        index.insert(0x0000_0000_0000_0003, 99);
        let (found, compared) = index.within_counted(0, 10);
        assert_eq!(
            found,
            vec![NearMatch {
                photo_id: 99,
                distance: 2
            }]
        );
        assert_eq!(compared, 1);
        assert_eq!(index.within(0xFF00_FF00_FF00_FF00, 0).len(), 625);
    }

    proptest::proptest! {
        #[test]
        fn within_equals_a_linear_scan(
            // Clustered hashes (a few bits flipped from a handful of bases) and random ones, so
            // that both small and large distances occur.
            bases in proptest::collection::vec(proptest::prelude::any::<u64>(), 1..6),
            picks in proptest::collection::vec(
                (0usize..6, proptest::prelude::any::<u64>(), 0u32..4, proptest::prelude::any::<bool>()),
                0..300,
            ),
            queries in proptest::collection::vec(
                (0usize..6, proptest::prelude::any::<u64>(), 0u32..70),
                1..20,
            ),
        ) {
            let flip = |h: u64, noise: u64, rounds: u32| {
                let mut h = h;
                let mut n = noise;
                for _ in 0..rounds {
                    h ^= 1 << (n % 64);
                    n /= 64;
                }
                h
            };
            let mut entries = Vec::new();
            let mut index = HashIndex::new();
            for (i, &(b, noise, rounds, random)) in picks.iter().enumerate() {
                let h = if random { noise } else { flip(bases[b % bases.len()], noise, rounds * 2) };
                let id = (i as i64) % 50; // repeated ids too
                entries.push((h, id));
                index.insert(h, id);
            }
            proptest::prop_assert_eq!(index.len(), entries.len());
            for &(b, noise, max) in &queries {
                let q = if noise % 3 == 0 { noise } else { flip(bases[b % bases.len()], noise, 3) };
                proptest::prop_assert_eq!(index.within(q, max), brute_force(&entries, q, max));
            }
        }
    }
}
