//! Near-duplicate lookup against 200 000 earlier photos: multi-index hashing (`HashIndex`) versus a
//! linear scan. Plain `Instant` timings, printed as figures. Run with
//! `cargo bench -q -p app --features ssr --bench near_duplicates` (or `bench/run near`).
use app::model::near_dup::{distance, HashIndex, NearMatch, NEAR_DUPLICATE_DISTANCE};
use app::services::fingerprint::perceptual_hash;
use image::{imageops::FilterType, DynamicImage};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const EARLIER: usize = 200_000;
const QUERIES: usize = 2_000;

/// Deterministic pseudo-random numbers (splitmix64), so every run indexes the same hashes.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// `hash` with `bits` random bits flipped.
    fn flip(&mut self, mut hash: u64, bits: u64) -> u64 {
        for _ in 0..bits {
            hash ^= 1 << self.below(64);
        }
        hash
    }
}

/// Perceptual hashes of random crops, resizes and re-encodes of the fixture photos: real
/// hash values, with the correlations real photos have.
fn real_hashes(rng: &mut Rng, count: usize) -> Vec<u64> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/photos");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("app/tests/photos")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "jpg"))
        .collect();
    paths.sort();
    let photos: Vec<DynamicImage> = paths
        .iter()
        .map(|p| image::open(p).expect("photo"))
        .collect();
    (0..count)
        .map(|_| {
            let img = &photos[rng.below(photos.len() as u64) as usize];
            let (w, h) = (img.width(), img.height());
            // Any window of 30-100% of each side, anywhere: mostly *different* pictures.
            let cw = (w as u64 * (30 + rng.below(71)) / 100).max(16) as u32;
            let ch = (h as u64 * (30 + rng.below(71)) / 100).max(16) as u32;
            let x = rng.below(u64::from(w - cw + 1)) as u32;
            let y = rng.below(u64::from(h - ch + 1)) as u32;
            let mut v = img.crop_imm(x, y, cw, ch);
            if rng.below(2) == 0 {
                v = v.resize_exact((cw / 2).max(8), (ch / 2).max(8), FilterType::Triangle);
            }
            if rng.below(3) == 0 {
                v = v.brighten(rng.below(41) as i32 - 20);
            }
            perceptual_hash(&v)
        })
        .collect()
}

fn percentiles(mut v: Vec<Duration>) -> String {
    v.sort_unstable();
    let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    format!(
        "median {:>9.3?}  p99 {:>9.3?}  max {:>9.3?}",
        at(0.5),
        at(0.99),
        v[v.len() - 1]
    )
}

fn counts(mut v: Vec<usize>) -> String {
    v.sort_unstable();
    let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    format!(
        "median {}  p99 {}  max {}",
        at(0.5),
        at(0.99),
        v[v.len() - 1]
    )
}

fn linear(entries: &[(u64, i64)], hash: u64, max: u32) -> Vec<NearMatch> {
    let mut found: Vec<NearMatch> = entries
        .iter()
        .filter_map(|&(h, photo_id)| {
            let d = distance(h, hash);
            (d <= max).then_some(NearMatch {
                photo_id,
                distance: d,
            })
        })
        .collect();
    found.sort_unstable_by_key(|m| (m.distance, m.photo_id));
    found
}

fn main() {
    let max = NEAR_DUPLICATE_DISTANCE;
    let mut rng = Rng(0x5eed_1234_5678_9abc);

    let t = Instant::now();
    let real = real_hashes(&mut rng, 3_000);
    let hash_time = t.elapsed();

    // 200 000 earlier photos: 40% real photo hashes (drawn from the 3 000 above, each with 0-3
    // bits of noise), 30% clusters of near duplicates (a base hash and 1-20 copies within 0-8
    // bits: the same pothole reported again and again), 30% uniformly random 64-bit values.
    let mut entries: Vec<(u64, i64)> = Vec::with_capacity(EARLIER);
    while entries.len() < EARLIER {
        let id = entries.len() as i64 + 1;
        match rng.below(10) {
            0..=3 => {
                let h = real[rng.below(real.len() as u64) as usize];
                let noise = rng.below(4);
                entries.push((rng.flip(h, noise), id));
            }
            4..=6 => {
                let base = if rng.below(2) == 0 {
                    real[rng.below(real.len() as u64) as usize]
                } else {
                    rng.next()
                };
                for k in 0..=rng.below(20) {
                    if entries.len() == EARLIER {
                        break;
                    }
                    let noise = rng.below(9);
                    entries.push((rng.flip(base, noise), id + k as i64));
                }
            }
            _ => entries.push((rng.next(), id)),
        }
    }

    let t = Instant::now();
    let mut index = HashIndex::with_capacity(EARLIER);
    for &(h, id) in &entries {
        index.insert(h, id);
    }
    let build = t.elapsed();
    assert_eq!(index.len(), EARLIER);

    // Queries near an indexed photo (1-6 bits from one), and fresh ones: new real photo
    // hashes (other crops of the fixtures) and random values.
    let near: Vec<u64> = (0..QUERIES)
        .map(|_| {
            let h = entries[rng.below(EARLIER as u64) as usize].0;
            let noise = 1 + rng.below(6);
            rng.flip(h, noise)
        })
        .collect();
    let fresh_real = real_hashes(&mut rng, QUERIES / 2);
    let fresh: Vec<u64> = fresh_real
        .into_iter()
        .chain((0..QUERIES / 2).map(|_| rng.next()))
        .collect();

    println!(
        "near-duplicate lookup: {EARLIER} earlier photos, threshold {max} bits, {QUERIES} queries per case"
    );
    println!(
        "  index contents: 40% perceptual hashes of random crops/resizes of the 16 fixture photos \
         (+0-3 bits noise), 30% near-duplicate clusters (1-20 copies within 8 bits), 30% random 64-bit"
    );
    println!(
        "  perceptual_hash of a fixture crop (<=640 px): {:.3?} each",
        hash_time / 3_000
    );
    println!(
        "  build HashIndex of {EARLIER}: {build:.1?} ({:.0?} per insert)",
        build / EARLIER as u32
    );

    for (case, queries) in [
        ("near an indexed photo", &near),
        ("fresh (new crops + random)", &fresh),
    ] {
        let mut tree_times = Vec::with_capacity(QUERIES);
        let mut visited = Vec::with_capacity(QUERIES);
        let mut matches = Vec::with_capacity(QUERIES);
        for &q in queries {
            let t = Instant::now();
            let (found, seen) = index.within_counted(black_box(q), max);
            tree_times.push(t.elapsed());
            visited.push(seen);
            matches.push(found.len());
            black_box(found);
        }
        let mut scan_times = Vec::with_capacity(QUERIES);
        for &q in queries {
            let t = Instant::now();
            let found = linear(&entries, black_box(q), max);
            scan_times.push(t.elapsed());
            black_box(found);
        }
        // Same answers, checked on a sample.
        for &q in queries.iter().step_by(50) {
            assert_eq!(index.within(q, max), linear(&entries, q, max));
        }
        println!("  queries {case}:");
        println!("    HashIndex within(): {}", percentiles(tree_times));
        println!(
            "      hashes compared: {} (of {EARLIER}; median {:.1}%)",
            counts(visited.clone()),
            {
                let mut v = visited;
                v.sort_unstable();
                100.0 * v[v.len() / 2] as f64 / EARLIER as f64
            }
        );
        println!("      matches found:   {}", counts(matches));
        println!("    linear scan:        {}", percentiles(scan_times));
    }

    // The hash of a thumbnail (what the upload pipeline hashes) and of a 2048 px photo.
    let thumb =
        image::open(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/photos/astronaut.jpg"))
            .expect("photo")
            .resize_exact(320, 320, FilterType::Triangle);
    let mut times = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        black_box(perceptual_hash(black_box(&thumb)));
        times.push(t.elapsed());
    }
    println!(
        "  perceptual_hash of a 320x320 thumbnail: {}",
        percentiles(times)
    );
    let big =
        image::open(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/photos/astronaut.jpg"))
            .expect("photo")
            .resize_exact(2048, 2048, FilterType::Triangle);
    let mut times = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        black_box(perceptual_hash(black_box(&big)));
        times.push(t.elapsed());
    }
    println!(
        "  perceptual_hash of a 2048x2048 photo: {}",
        percentiles(times)
    );
}
