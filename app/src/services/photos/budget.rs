//! What a decode may cost before it starts, and the lanes that bound decodes at once.
use super::{JpegLayout, PhotoFormat};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The most memory decoding a picture and shrinking it can take at any one moment, in bytes,
/// from what the header says. Decoders allocate from the header too, before the first pixel:
/// the `image` crate's allocation limit does not cover the coefficient buffers of a
/// progressive JPEG (a whole picture of 16-bit coefficients per component, kept until the
/// last scan), so the limit is checked here, against this figure, before decoding.
pub fn decode_cost(
    format: PhotoFormat,
    width: u32,
    height: u32,
    color: image::ColorType,
    jpeg: Option<JpegLayout>,
    input_bytes: usize,
    display_px: u32,
) -> u64 {
    let (w, h) = (u64::from(width), u64::from(height));
    let px = w * h;
    let decoded = px * u64::from(color.bytes_per_pixel());
    // The JPEG decoder works on its own copy of the input.
    let input = if jpeg.is_some() {
        input_bytes as u64
    } else {
        0
    };
    // Decoding: the output buffer, plus a progressive JPEG's coefficients (2 bytes per sample
    // of every component, padded to whole blocks of the largest sampling factor).
    let coefficients = match jpeg {
        Some(j) if j.progressive => u64::from(j.components) * (w + 32) * (h + 32) * 2,
        _ => 0,
    };
    // A lossless WebP is decoded into 32-bit ARGB first.
    let argb = if format == PhotoFormat::WebP {
        px * 4
    } else {
        0
    };
    let decoding = input + decoded + coefficients + argb;
    // Turning it into 8-bit RGB: an RGBA copy first when there is alpha to flatten.
    let rgba_copy = if color.has_alpha() && color != image::ColorType::Rgba8 {
        px * 4
    } else {
        0
    };
    let converting = if color == image::ColorType::Rgb8 {
        decoded
    } else {
        decoded + rgba_copy + px * 3
    };
    // Shrinking: the RGB picture, the resizer's intermediate (one pass along the width) and
    // the display copy.
    let side = u64::from(display_px);
    let shrinking = px * 3 + h * w.min(side) * 3 + side * side * 3;
    decoding.max(converting).max(shrinking)
}

/// Decodes whose worst case (`Inspected::decode_bytes`) is above this go one at a time, in a
/// lane of their own: a photo the browser shrank (≤ 2048 px, about 15 MB to decode) never
/// waits behind them, and decode memory stays below one large decode plus a small one per
/// photo permit.
pub const SMALL_DECODE_BYTES: u64 = 96 << 20;

static LARGE_DECODES: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);
static DECODES_IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);
static DECODES_PEAK: AtomicUsize = AtomicUsize::new(0);

/// Waits for the large-decode lane when `inspected` needs it. The permit lives as long as the
/// decode: move it into the blocking task.
pub async fn large_decode_permit(
    decode_bytes: u64,
) -> Option<tokio::sync::SemaphorePermit<'static>> {
    if decode_bytes <= SMALL_DECODE_BYTES {
        return None;
    }
    LARGE_DECODES.acquire().await.ok()
}

/// Counts a decode running on a blocking thread for as long as it lives.
pub struct DecodeInFlight(());

impl DecodeInFlight {
    pub fn start() -> DecodeInFlight {
        let now = DECODES_IN_FLIGHT.fetch_add(1, Ordering::SeqCst) + 1;
        let peak = DECODES_PEAK.fetch_max(now, Ordering::SeqCst).max(now);
        tracing::debug!(in_flight = now, peak, "photo decode started");
        DecodeInFlight(())
    }
}

impl Drop for DecodeInFlight {
    fn drop(&mut self) {
        DECODES_IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
    }
}
