//! Near-duplicate photos: the Hamming distance between 64-bit perceptual hashes, the tuned
//! threshold under which two photos count as "the same picture", and [`HashIndex`], a BK-tree
//! that finds every earlier photo within that distance without comparing against all of them.
//!
//! Pure code: the hashes themselves are computed on the server
//! (`services::fingerprint::perceptual_hash`); this module only compares them.

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

/// No node: the end of a list of photos sharing one hash.
const NONE: u32 = u32::MAX;

#[derive(Clone, Debug)]
struct Node {
    hash: u64,
    photo_id: i64,
    /// Next node holding the very same hash (a singly linked list through the arena), so that
    /// many photos with one hash do not turn into a long chain of distance-0 children.
    same: u32,
    /// Children keyed by their distance to this node, sorted by distance; at most one child
    /// per distance (1..=64).
    children: Vec<(u8, u32)>,
}

/// A BK-tree of (perceptual hash, photo id) pairs, for "which earlier photos are within
/// distance `max` of this one?" in far fewer than `len()` comparisons when `max` is small.
///
/// Arena-backed (one `Vec` of nodes, children referenced by index) and walked with an explicit
/// stack, so neither insertion nor lookup recurses. Several photos may share a hash; each is
/// kept and returned. Inserting the same (hash, photo id) twice keeps both.
#[derive(Clone, Debug, Default)]
pub struct HashIndex {
    nodes: Vec<Node>,
}

impl HashIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty index with room for `capacity` photos.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            nodes: Vec::with_capacity(capacity),
        }
    }

    /// Number of photos indexed.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn insert(&mut self, hash: u64, photo_id: i64) {
        let new = u32::try_from(self.nodes.len()).expect("HashIndex holds at most 2^32-1 photos");
        assert!(new != NONE, "HashIndex holds at most 2^32-1 photos");
        self.nodes.push(Node {
            hash,
            photo_id,
            same: NONE,
            children: Vec::new(),
        });
        if new == 0 {
            return;
        }
        let mut at = 0usize;
        loop {
            let d = distance(hash, self.nodes[at].hash);
            if d == 0 {
                // Same hash: link the new node into this node's list of equals.
                self.nodes[new as usize].same = self.nodes[at].same;
                self.nodes[at].same = new;
                return;
            }
            let d = d as u8;
            let children = &mut self.nodes[at].children;
            match children.binary_search_by_key(&d, |&(cd, _)| cd) {
                Ok(i) => at = children[i].1 as usize,
                Err(i) => {
                    children.insert(i, (d, new));
                    return;
                }
            }
        }
    }

    /// Every indexed photo whose hash is within `max` bits of `hash`, nearest first (ties by
    /// photo id).
    pub fn within(&self, hash: u64, max: u32) -> Vec<NearMatch> {
        self.within_counted(hash, max).0
    }

    /// [`within`](Self::within), also returning how many tree nodes (distinct hashes) were
    /// compared against the query: the cost of the lookup, for benchmarks and diagnostics.
    pub fn within_counted(&self, hash: u64, max: u32) -> (Vec<NearMatch>, usize) {
        let mut found = Vec::new();
        let mut visited = 0usize;
        if self.nodes.is_empty() {
            return (found, visited);
        }
        let mut stack: Vec<u32> = Vec::with_capacity(64);
        stack.push(0);
        while let Some(at) = stack.pop() {
            let node = &self.nodes[at as usize];
            visited += 1;
            let d = distance(hash, node.hash);
            if d <= max {
                let mut same = at;
                while same != NONE {
                    let n = &self.nodes[same as usize];
                    found.push(NearMatch {
                        photo_id: n.photo_id,
                        distance: d,
                    });
                    same = n.same;
                }
            }
            // Triangle inequality: a match in the subtree of the child at distance `cd` from
            // this node needs |cd - d| <= max.
            let lo = d.saturating_sub(max);
            let hi = d.saturating_add(max);
            let first = node.children.partition_point(|&(cd, _)| u32::from(cd) < lo);
            for &(cd, child) in &node.children[first..] {
                if u32::from(cd) > hi {
                    break;
                }
                stack.push(child);
            }
        }
        found.sort_unstable_by_key(|m| (m.distance, m.photo_id));
        (found, visited)
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
        let (all, visited) = index.within_counted(0xdead_beef, 1);
        assert_eq!(all.len(), 5);
        assert_eq!(visited, 2, "equal hashes share one tree node");
    }

    #[test]
    fn many_equal_hashes_do_not_deepen_the_tree() {
        let mut index = HashIndex::new();
        for id in 0..10_000 {
            index.insert(42, id);
        }
        assert_eq!(index.within(42, 0).len(), 10_000);
        assert_eq!(index.within_counted(43, 0).1, 1);
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
