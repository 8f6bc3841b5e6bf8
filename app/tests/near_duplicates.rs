#![cfg(feature = "ssr")]
//! Near-duplicate detection on real photographs (`tests/photos/`, sources in its README).
//!
//! Each photo is altered the way a reward cheat (or an innocent re-share) would: re-encoded at
//! another JPEG quality, resized, lightly cropped, brightened or darkened. Every altered copy
//! is compared with its original (should be flagged) and with every other original (should
//! not). Run with `--nocapture` to see the measured miss and false-match rates.
use app::model::near_dup::{distance, HashIndex, NEAR_DUPLICATE_DISTANCE};
use app::services::fingerprint::perceptual_hash;
use image::{imageops::FilterType, DynamicImage};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

/// Photos of texture-like subjects (a brick wall, grass, gravel, a star field) whose 8×8 average
/// has no dominant structure, so that a crop reshuffles the hash. Their crop misses are
/// measured and reported, not asserted away.
const TEXTURES: [&str; 5] = ["brick", "grass", "gravel", "hubble_left", "hubble_right"];

/// Pairs of different photographs of a similar scene: the two views of a stereo camera, and
/// two crops of one large photo that overlap by less than a quarter.
const SIMILAR_SCENES: [(&str, &str); 3] = [
    ("motorcycle_left", "motorcycle_right"),
    ("hubble_left", "hubble_right"),
    ("retina_bottom_right", "retina_top_left"),
];

struct Photo {
    name: String,
    hash: u64,
    /// (kind of change, hash of the changed copy)
    variants: Vec<(&'static str, u64)>,
}

fn jpeg_round_trip(img: &DynamicImage, quality: u8) -> DynamicImage {
    let mut bytes = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, quality);
    match img {
        DynamicImage::ImageLuma8(_) => img.write_with_encoder(encoder),
        _ => DynamicImage::ImageRgb8(img.to_rgb8()).write_with_encoder(encoder),
    }
    .expect("encode");
    image::load_from_memory(&bytes).expect("decode")
}

fn scaled(img: &DynamicImage, s: f32) -> DynamicImage {
    let (w, h) = (img.width() as f32 * s, img.height() as f32 * s);
    jpeg_round_trip(
        &img.resize_exact(w as u32, h as u32, FilterType::Lanczos3),
        85,
    )
}

fn cropped(img: &DynamicImage, per_side: f32) -> DynamicImage {
    let (w, h) = (img.width(), img.height());
    let (dx, dy) = ((w as f32 * per_side) as u32, (h as f32 * per_side) as u32);
    jpeg_round_trip(&img.crop_imm(dx, dy, w - 2 * dx, h - 2 * dy), 85)
}

fn variants(img: &DynamicImage) -> Vec<(&'static str, DynamicImage)> {
    vec![
        ("re-encoded q95", jpeg_round_trip(img, 95)),
        ("re-encoded q75", jpeg_round_trip(img, 75)),
        ("re-encoded q50", jpeg_round_trip(img, 50)),
        ("re-encoded q30", jpeg_round_trip(img, 30)),
        ("resized 50%", scaled(img, 0.5)),
        ("resized 25%", scaled(img, 0.25)),
        ("resized 150%", scaled(img, 1.5)),
        ("cropped 3%/side", cropped(img, 0.03)),
        ("cropped 5%/side", cropped(img, 0.05)),
        ("cropped 8%/side", cropped(img, 0.08)),
        ("brightened", jpeg_round_trip(&img.brighten(15), 85)),
        ("darkened", jpeg_round_trip(&img.brighten(-15), 85)),
    ]
}

fn photos() -> &'static [Photo] {
    static PHOTOS: OnceLock<Vec<Photo>> = OnceLock::new();
    PHOTOS.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/photos");
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("tests/photos")
            .map(|e| e.expect("dir entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "jpg"))
            .collect();
        paths.sort();
        assert!(paths.len() >= 8, "expected at least 8 fixture photos");
        paths
            .iter()
            .map(|p| {
                let img = image::open(p).expect("fixture photo");
                Photo {
                    name: p.file_stem().unwrap().to_string_lossy().into_owned(),
                    hash: perceptual_hash(&img),
                    variants: variants(&img)
                        .iter()
                        .map(|(kind, v)| (*kind, perceptual_hash(v)))
                        .collect(),
                }
            })
            .collect()
    })
}

fn flagged(a: u64, b: u64) -> bool {
    distance(a, b) <= NEAR_DUPLICATE_DISTANCE
}

fn pct(n: usize, of: usize) -> f64 {
    100.0 * n as f64 / of.max(1) as f64
}

/// Misses of one kind of change: (photo, distance) for every copy not flagged.
fn misses(kind_prefix: &str) -> (Vec<(String, u32)>, usize) {
    let mut missed = Vec::new();
    let mut total = 0;
    for p in photos() {
        for &(kind, h) in &p.variants {
            if kind.starts_with(kind_prefix) {
                total += 1;
                if !flagged(p.hash, h) {
                    missed.push((format!("{} {kind}", p.name), distance(p.hash, h)));
                }
            }
        }
    }
    (missed, total)
}

#[test]
fn the_measured_rates_stay_within_their_thresholds() {
    let ph = photos();
    println!(
        "near duplicates: {} photos, threshold {} bits",
        ph.len(),
        NEAR_DUPLICATE_DISTANCE
    );
    let mut by_kind: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for p in ph {
        for &(kind, h) in &p.variants {
            by_kind.entry(kind).or_default().push(distance(p.hash, h));
        }
    }
    let (mut all_missed, mut all_total) = (0, 0);
    println!("  altered copy vs its original (distance per photo; miss = distance > threshold):");
    for (kind, ds) in &by_kind {
        let missed = ds.iter().filter(|&&d| d > NEAR_DUPLICATE_DISTANCE).count();
        all_missed += missed;
        all_total += ds.len();
        let mut sorted = ds.clone();
        sorted.sort_unstable();
        println!(
            "    {kind:16} missed {missed:2}/{:2} ({:5.1}%)  max {:2}  distances {sorted:?}",
            ds.len(),
            pct(missed, ds.len()),
            sorted.last().unwrap()
        );
    }
    println!(
        "    all changes       missed {all_missed}/{all_total} ({:.1}%)",
        pct(all_missed, all_total)
    );
    let mut originals = Vec::new();
    let mut copies = Vec::new();
    for (i, a) in ph.iter().enumerate() {
        for (j, b) in ph.iter().enumerate() {
            if i < j {
                originals.push((distance(a.hash, b.hash), format!("{}~{}", a.name, b.name)));
            }
            if i != j {
                copies.extend(b.variants.iter().map(|&(_, h)| distance(a.hash, h)));
            }
        }
    }
    originals.sort();
    let false_orig = originals
        .iter()
        .filter(|(d, _)| *d <= NEAR_DUPLICATE_DISTANCE)
        .count();
    let false_copies = copies
        .iter()
        .filter(|&&d| d <= NEAR_DUPLICATE_DISTANCE)
        .count();
    println!(
        "  different photos: false matches {false_orig}/{} pairs of originals ({:.1}%), \
         {false_copies}/{} altered copies vs other originals ({:.1}%)",
        originals.len(),
        pct(false_orig, originals.len()),
        copies.len(),
        pct(false_copies, copies.len())
    );
    println!(
        "    closest different originals: {:?}",
        &originals[..originals.len().min(6)]
    );
    println!(
        "    nearest altered copy of another photo: {} bits",
        copies.iter().min().unwrap()
    );
    for (a, b) in SIMILAR_SCENES {
        let (pa, pb) = (find(a), find(b));
        println!(
            "    similar scene {a}~{b}: {} bits",
            distance(pa.hash, pb.hash)
        );
    }
    // The thresholds the rates must stay within (measured: 16/192 changes missed, all of
    // them crops; no false match).
    assert!(
        pct(all_missed, all_total) <= 10.0,
        "altered copies missed: {all_missed}/{all_total}"
    );
    for (kind, ds) in &by_kind {
        let missed = ds.iter().filter(|&&d| d > NEAR_DUPLICATE_DISTANCE).count();
        let allowed = match *kind {
            k if k.starts_with("cropped 8%") => 70.0,
            k if k.starts_with("cropped") => 25.0,
            _ => 0.0,
        };
        assert!(
            pct(missed, ds.len()) <= allowed,
            "{kind}: missed {missed}/{}, allowed {allowed}%",
            ds.len()
        );
    }
    assert_eq!(false_orig, 0, "different originals flagged as the same");
    assert!(
        pct(false_copies, copies.len()) <= 0.1,
        "altered copies matched to another photo: {false_copies}/{}",
        copies.len()
    );
}

fn find(name: &str) -> &'static Photo {
    photos()
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("fixture {name}.jpg"))
}

#[test]
fn a_re_encoded_photo_is_flagged_as_a_near_duplicate() {
    let (missed, total) = misses("re-encoded");
    assert_eq!(total, 4 * photos().len());
    assert!(missed.is_empty(), "re-encodes missed: {missed:?}");
}

#[test]
fn a_resized_photo_is_flagged_as_a_near_duplicate() {
    let (missed, total) = misses("resized");
    assert_eq!(total, 3 * photos().len());
    assert!(missed.is_empty(), "resizes missed: {missed:?}");
}

#[test]
fn a_brightened_or_darkened_photo_is_flagged_as_a_near_duplicate() {
    let (mut missed, _) = misses("brightened");
    missed.extend(misses("darkened").0);
    assert!(missed.is_empty(), "brightness changes missed: {missed:?}");
}

#[test]
fn a_photo_cropped_by_up_to_5_percent_per_side_is_flagged_as_a_near_duplicate() {
    let (mut missed, mut total) = misses("cropped 3%");
    let (m5, t5) = misses("cropped 5%");
    missed.extend(m5);
    total += t5;
    // Every scene photo is caught; texture-like subjects may slip through (reported).
    let scene_misses: Vec<_> = missed
        .iter()
        .filter(|(what, _)| !TEXTURES.iter().any(|t| what.split(' ').next() == Some(t)))
        .collect();
    assert!(
        scene_misses.is_empty(),
        "crops of scene photos missed: {scene_misses:?}"
    );
    assert!(
        missed.len() * 5 <= total,
        "more than 20% of 3-5% crops missed: {missed:?}"
    );
}

#[test]
fn a_different_photo_is_not_flagged_even_of_a_similar_scene() {
    let ph = photos();
    let mut false_matches = Vec::new();
    for (i, a) in ph.iter().enumerate() {
        for (j, b) in ph.iter().enumerate() {
            if i == j {
                continue;
            }
            if i < j && flagged(a.hash, b.hash) {
                false_matches.push(format!(
                    "{}~{}: {}",
                    a.name,
                    b.name,
                    distance(a.hash, b.hash)
                ));
            }
            for &(kind, h) in &b.variants {
                if flagged(a.hash, h) {
                    false_matches.push(format!(
                        "{} ~ {} {kind}: {}",
                        a.name,
                        b.name,
                        distance(a.hash, h)
                    ));
                }
            }
        }
    }
    assert!(false_matches.is_empty(), "false matches: {false_matches:?}");
    for (a, b) in SIMILAR_SCENES {
        assert!(!flagged(find(a).hash, find(b).hash), "{a} ~ {b}");
    }
}

#[test]
fn the_index_finds_an_altered_copy_among_earlier_photos() {
    // The staff-facing path: earlier photos in a HashIndex, a new upload looked up.
    let ph = photos();
    let mut index = HashIndex::new();
    for (id, p) in ph.iter().enumerate() {
        index.insert(p.hash, id as i64);
    }
    for (id, p) in ph.iter().enumerate() {
        for &(kind, h) in &p.variants {
            let found = index.within(h, NEAR_DUPLICATE_DISTANCE);
            if flagged(p.hash, h) {
                assert_eq!(
                    found.iter().map(|m| m.photo_id).collect::<Vec<_>>(),
                    vec![id as i64],
                    "{} {kind}",
                    p.name
                );
            } else {
                assert!(found.is_empty(), "{} {kind}: {found:?}", p.name);
            }
        }
    }
}
