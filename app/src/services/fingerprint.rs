//! Photo fingerprints: a SHA-256 of the original upload (exact repeats) and a 64-bit perceptual
//! hash of the upright picture (near duplicates: re-encoded, resized or lightly cropped copies).
//! Hashes are compared with [`crate::model::near_dup`].
use image::DynamicImage;
use image_hasher::{HashAlg, Hasher, HasherConfig};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// SHA-256 of `bytes` as 64 lowercase hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Longest side the picture is first reduced to (fast box-filter thumbnail) before
/// `image_hasher` does its own Lanczos resize down to 8×8: hashing a 2048 px photo directly
/// costs tens of milliseconds, this way well under one.
pub const HASH_INPUT_SIDE: u32 = 256;

fn hasher() -> &'static Hasher<[u8; 8]> {
    static HASHER: OnceLock<Hasher<[u8; 8]>> = OnceLock::new();
    HASHER.get_or_init(|| {
        HasherConfig::with_bytes_type::<[u8; 8]>()
            .hash_size(8, 8)
            .hash_alg(HashAlg::Mean)
            .to_hasher()
    })
}

/// 64-bit perceptual hash of an (upright, decoded) photo: the "average hash" — grayscale,
/// reduced to 8×8, each cell compared with the mean. Chosen by measurement on the real-photo
/// test set (`app/tests/near_duplicates.rs`) over DCT "pHash" (mean or median), gradient,
/// vertical/double gradient and blockhash: it is the only one that keeps re-encodes, resizes
/// and most 3–5 % crops apart from every different photo, including the stereo pair. Bit `i` of the hash
/// is bit `i % 8` of byte `i / 8` of `image_hasher`'s hash (little-endian), so the value is
/// stable across platforms. Near-duplicate photos differ in few bits; see
/// [`crate::model::near_dup::NEAR_DUPLICATE_DISTANCE`].
pub fn perceptual_hash(image: &DynamicImage) -> u64 {
    let hash = if image.width() > HASH_INPUT_SIDE || image.height() > HASH_INPUT_SIDE {
        let small = image.thumbnail(HASH_INPUT_SIDE, HASH_INPUT_SIDE);
        hasher().hash_image(&small)
    } else {
        hasher().hash_image(image)
    };
    u64::from_le_bytes(hash.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::near_dup::distance;
    use image::{Rgb, RgbImage};

    #[test]
    fn sha256_is_lowercase_hex_of_the_bytes() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(sha256_hex(b"").len(), 64);
    }

    fn scene(w: u32, h: u32) -> DynamicImage {
        // Smooth shapes at fixed relative positions, so that the picture "looks the same" at
        // any size.
        DynamicImage::ImageRgb8(RgbImage::from_fn(w, h, |x, y| {
            let (u, v) = (x as f32 / w as f32, y as f32 / h as f32);
            let disc = ((u - 0.3).powi(2) + (v - 0.6).powi(2)).sqrt() < 0.2;
            let sky = v < 0.4;
            let base = if disc {
                200.0
            } else if sky {
                150.0 - 80.0 * v
            } else {
                60.0 + 40.0 * u
            };
            let b = base as u8;
            Rgb([b, b.saturating_add(10), b / 2])
        }))
    }

    #[test]
    fn the_hash_is_deterministic_and_survives_resizing() {
        let big = scene(2048, 1536);
        let small = scene(512, 384);
        assert_eq!(perceptual_hash(&big), perceptual_hash(&big));
        assert!(distance(perceptual_hash(&big), perceptual_hash(&small)) <= 4);
    }

    #[test]
    fn a_2048_px_photo_hashes_quickly() {
        let big = scene(2048, 1536);
        let _ = perceptual_hash(&big);
        let start = std::time::Instant::now();
        for _ in 0..5 {
            std::hint::black_box(perceptual_hash(std::hint::black_box(&big)));
        }
        let each = start.elapsed() / 5;
        // Generous for debug builds on a busy CI machine; release is ~1 ms (benches).
        assert!(each.as_millis() < 500, "perceptual_hash took {each:?}");
    }
}
