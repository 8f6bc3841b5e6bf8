//! The photo pipeline. The server is the authority whatever the browser did: the bytes must be
//! a JPEG, PNG or WebP that matches its declared type and decodes within the pixel cap; the
//! stored copies are re-encoded (upright, no metadata at all), a display size and a thumbnail.
use super::Limits;
use crate::model::Problem;
use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, RgbImage};
use std::io::Cursor;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The image formats we accept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhotoFormat {
    Jpeg,
    Png,
    WebP,
}

impl PhotoFormat {
    pub fn label(self) -> &'static str {
        match self {
            PhotoFormat::Jpeg => "JPEG",
            PhotoFormat::Png => "PNG",
            PhotoFormat::WebP => "WebP",
        }
    }

    fn image_format(self) -> ImageFormat {
        match self {
            PhotoFormat::Jpeg => ImageFormat::Jpeg,
            PhotoFormat::Png => ImageFormat::Png,
            PhotoFormat::WebP => ImageFormat::WebP,
        }
    }

    fn from_mime(mime: &str) -> Option<Self> {
        match mime.trim().to_ascii_lowercase().as_str() {
            "image/jpeg" | "image/jpg" | "image/pjpeg" => Some(PhotoFormat::Jpeg),
            "image/png" => Some(PhotoFormat::Png),
            "image/webp" => Some(PhotoFormat::WebP),
            _ => None,
        }
    }

    fn from_file_name(name: &str) -> Option<Self> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" | "jfif" => Some(PhotoFormat::Jpeg),
            "png" => Some(PhotoFormat::Png),
            "webp" => Some(PhotoFormat::WebP),
            _ => None,
        }
    }

    /// What the bytes really are, by their magic numbers.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        Self::from_mime(infer::get(bytes)?.mime_type())
    }
}

/// One uploaded file as received: the bytes and what the sender said it was.
#[derive(Clone, Debug)]
pub struct Upload {
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

/// An upload whose type and header passed the cheap checks.
#[derive(Debug)]
pub struct Inspected<'a> {
    pub format: PhotoFormat,
    pub width: u32,
    pub height: u32,
    /// Worst-case memory the decode and the first shrink take, from the header alone.
    pub decode_bytes: u64,
    /// The picture: the upload up to a JPEG's end-of-image marker. Whatever a phone appended
    /// after it (the video of a motion photo, a gain map) is never decoded, stored or served.
    bytes: &'a [u8],
}

impl Inspected<'_> {
    /// Bytes of the upload after the picture (a vendor trailer), dropped.
    pub fn trailer_len(&self, upload: &Upload) -> usize {
        upload.bytes.len() - self.bytes.len()
    }
}

/// A processed photo, ready to store.
#[derive(Debug)]
pub struct Processed {
    pub display: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub thumb: Vec<u8>,
    /// SHA-256 of the picture as uploaded (a JPEG up to its end-of-image marker: a vendor
    /// trailer does not make a repeat look new), hex (exact repeats).
    pub original_sha256: String,
    /// Perceptual hash of the upright picture (near duplicates).
    pub phash: u64,
}

/// Cheap checks, before any pixel is decoded: size, magic bytes against every declared type,
/// dimensions from the header against the pixel cap. `photo` counts from 1.
pub fn inspect<'a>(
    photo: usize,
    upload: &'a Upload,
    limits: &Limits,
) -> Result<Inspected<'a>, Problem> {
    let bytes = upload.bytes.as_slice();
    if bytes.len() as u64 > limits.max_photo_bytes {
        return Err(Problem::PhotoTooLarge {
            photo,
            max_bytes: limits.max_photo_bytes,
        });
    }
    let format = PhotoFormat::sniff(bytes).ok_or(Problem::PhotoNotImage { photo })?;
    let declared = [
        upload
            .content_type
            .as_deref()
            .and_then(PhotoFormat::from_mime),
        upload
            .file_name
            .as_deref()
            .and_then(PhotoFormat::from_file_name),
    ];
    if let Some(claimed) = declared.into_iter().flatten().find(|d| *d != format) {
        return Err(Problem::PhotoTypeMismatch {
            photo,
            declared: claimed.label().to_string(),
            actual: format.label().to_string(),
        });
    }
    let unreadable = || Problem::PhotoUnreadable { photo };
    // A JPEG is walked marker by marker to its end-of-image: one cut off in transit is refused
    // (decoders would paint the missing part grey), one with data after the end is cut there.
    let jpeg = match format {
        PhotoFormat::Jpeg => Some(JpegLayout::read(bytes).ok_or_else(unreadable)?),
        _ => None,
    };
    let bytes = jpeg.map_or(bytes, |j| &bytes[..j.end]);
    let decoder = ImageReader::with_format(Cursor::new(bytes), format.image_format())
        .into_decoder()
        .map_err(|_| unreadable())?;
    let (width, height) = decoder.dimensions();
    let color = decoder.color_type();
    drop(decoder);
    let pixels = u64::from(width) * u64::from(height);
    if pixels > limits.max_pixels {
        return Err(Problem::PhotoTooManyPixels {
            photo,
            max_megapixels: limits.max_pixels / 1_000_000,
        });
    }
    let decode_bytes = decode_cost(
        format,
        width,
        height,
        color,
        jpeg,
        bytes.len(),
        limits.display_px,
    );
    if decode_bytes > limits.max_decode_bytes {
        // Progressive JPEGs and 16-bit PNGs take more memory per pixel: tell the citizen the
        // size that would have been accepted for this kind of picture.
        let per_pixel = decode_bytes as f64 / pixels.max(1) as f64;
        let fits = (limits.max_decode_bytes as f64 / per_pixel) as u64;
        return Err(Problem::PhotoTooManyPixels {
            photo,
            max_megapixels: (fits / 1_000_000).min(limits.max_pixels / 1_000_000),
        });
    }
    if jpeg.is_some_and(|j| !j.can_hold(width, height)) {
        return Err(unreadable());
    }
    Ok(Inspected {
        format,
        width,
        height,
        decode_bytes,
        bytes,
    })
}

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

/// What the marker walk of a JPEG found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JpegLayout {
    /// Offset just past the end-of-image marker: where the picture ends.
    pub end: usize,
    /// SOF2, SOF6, SOF10 or SOF14: all coefficients are held in memory until the last scan.
    pub progressive: bool,
    pub components: u8,
    pub scans: usize,
    /// Bytes of entropy-coded data, all scans together.
    pub entropy_bytes: usize,
}

impl JpegLayout {
    /// Whether the coded data can hold a picture of `width` × `height` at all: every 8 × 8
    /// block of the first component costs at least one bit (its DC code), so a few kilobytes
    /// claiming tens of megapixels are a cut-off file or a decompression bomb, whose missing
    /// part a decoder would fill in — after allocating for all of it.
    pub fn can_hold(&self, width: u32, height: u32) -> bool {
        let blocks = u64::from(width.div_ceil(8)) * u64::from(height.div_ceil(8));
        self.entropy_bytes as u64 * 8 >= blocks
    }
}

impl JpegLayout {
    /// Walks the segments and the entropy-coded data of every scan to the end-of-image marker.
    /// `None`: not a complete JPEG (cut off, or a marker runs past the end).
    pub fn read(bytes: &[u8]) -> Option<JpegLayout> {
        if bytes.len() < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8 {
            return None;
        }
        let mut layout = JpegLayout {
            end: 0,
            progressive: false,
            components: 0,
            scans: 0,
            entropy_bytes: 0,
        };
        let mut at = 2;
        loop {
            // At a marker: 0xFF, optional fill bytes 0xFF, the marker code. Stray bytes before
            // it are skipped, as libjpeg does.
            at += bytes.get(at..)?.iter().position(|&b| b == 0xFF)?;
            while *bytes.get(at)? == 0xFF {
                at += 1;
            }
            let code = bytes[at];
            at += 1;
            match code {
                0xD9 => {
                    layout.end = at;
                    return (layout.scans > 0).then_some(layout);
                }
                // Markers without a length: TEM, RSTn outside a scan (tolerated).
                0x01 | 0xD0..=0xD7 => continue,
                _ => {}
            }
            let len = usize::from(u16::from_be_bytes([*bytes.get(at)?, *bytes.get(at + 1)?]));
            if len < 2 || at + len > bytes.len() {
                return None;
            }
            let segment = &bytes[at + 2..at + len];
            if matches!(code, 0xC0..=0xCF) && !matches!(code, 0xC4 | 0xC8 | 0xCC) {
                layout.progressive = matches!(code, 0xC2 | 0xC6 | 0xCA | 0xCE);
                layout.components = *segment.get(5)?;
            }
            at += len;
            if code == 0xDA {
                // Start of scan: entropy-coded data up to the next marker that is neither a
                // stuffed 0xFF00 nor a restart marker.
                layout.scans += 1;
                let start = at;
                loop {
                    at += bytes.get(at..)?.iter().position(|&b| b == 0xFF)?;
                    match *bytes.get(at + 1)? {
                        0x00 | 0xD0..=0xD7 => at += 2,
                        0xFF => at += 1,
                        _ => break,
                    }
                }
                layout.entropy_bytes += at - start;
            }
        }
    }
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

/// The most photo decodes that ran at once in this process.
pub fn decodes_in_flight_peak() -> usize {
    DECODES_PEAK.load(Ordering::SeqCst)
}

/// The expensive part: decode (with allocation limits), shrink, turn upright, re-encode.
/// CPU-bound: call from a blocking thread.
pub fn process(
    photo: usize,
    inspected: &Inspected<'_>,
    limits: &Limits,
) -> Result<Processed, Problem> {
    let unreadable = || Problem::PhotoUnreadable { photo };
    let mut reader = ImageReader::with_format(
        Cursor::new(inspected.bytes),
        inspected.format.image_format(),
    );
    let mut image_limits = image::Limits::default();
    image_limits.max_image_width = Some(inspected.width);
    image_limits.max_image_height = Some(inspected.height);
    image_limits.max_alloc = Some(limits.max_decode_bytes);
    reader.limits(image_limits);
    let mut decoder = reader.into_decoder().map_err(|_| unreadable())?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let decoded = DynamicImage::from_decoder(decoder).map_err(|_| unreadable())?;
    let rgb = flatten_to_rgb(decoded);

    // Shrink first, then rotate: turning the small copy is cheap, and the long side is the
    // long side whichever way up.
    let display = fit_within(&rgb, limits.display_px).map_err(|_| unreadable())?;
    drop(rgb);
    let mut display = DynamicImage::ImageRgb8(display);
    display.apply_orientation(orientation);
    let display = display.into_rgb8();
    let thumb = fit_within(&display, limits.thumb_px).map_err(|_| unreadable())?;
    // The hash of the thumbnail: the same picture, at a fraction of the cost of the display
    // copy (the hash itself works on 8 × 8).
    let phash = super::fingerprint::perceptual_hash(&DynamicImage::ImageRgb8(thumb.clone()));
    Ok(Processed {
        width: display.width(),
        height: display.height(),
        display: encode_jpeg(&display, 82).map_err(|_| unreadable())?,
        thumb: encode_jpeg(&thumb, 75).map_err(|_| unreadable())?,
        original_sha256: super::fingerprint::sha256_hex(inspected.bytes),
        phash,
    })
}

/// Drops alpha by compositing onto white (a transparent PNG stays readable).
fn flatten_to_rgb(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    let (w, h) = rgba.dimensions();
    let mut out = RgbImage::new(w, h);
    for (dst, src) in out.pixels_mut().zip(rgba.pixels()) {
        let a = u16::from(src[3]);
        for c in 0..3 {
            dst[c] = ((u16::from(src[c]) * a + 255 * (255 - a)) / 255) as u8;
        }
    }
    out
}

/// Scales down so the long side is at most `max_px`; never scales up.
fn fit_within(image: &RgbImage, max_px: u32) -> Result<RgbImage, fast_image_resize::ResizeError> {
    let (w, h) = image.dimensions();
    let long = w.max(h);
    if long <= max_px {
        return Ok(image.clone());
    }
    let scale = f64::from(max_px) / f64::from(long);
    let nw = ((f64::from(w) * scale).round() as u32).max(1);
    let nh = ((f64::from(h) * scale).round() as u32).max(1);
    let mut out = RgbImage::new(nw, nh);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom));
    Resizer::new().resize(image, &mut out, &options)?;
    Ok(out)
}

fn encode_jpeg(image: &RgbImage, quality: u8) -> Result<Vec<u8>, jpeg_encoder::EncodingError> {
    let mut out = Vec::with_capacity(image.as_raw().len() / 8);
    let encoder = jpeg_encoder::Encoder::new(&mut out, quality);
    encoder.encode(
        image.as_raw(),
        image.width() as u16,
        image.height() as u16,
        jpeg_encoder::ColorType::Rgb,
    )?;
    Ok(out)
}

/// Held (shared) by a submission from writing its photo files until its ticket is committed,
/// and (exclusively) by the orphan sweep while it decides about and removes one file: a
/// submission that reuses an old unreferenced file (the same photo sent again) can never have
/// it removed between its write and its commit.
static FILES_IN_USE: tokio::sync::RwLock<()> = tokio::sync::RwLock::const_new(());

/// Taken by a submission while it writes photo files and commits the ticket referring to them.
pub async fn writing_files() -> tokio::sync::RwLockReadGuard<'static, ()> {
    FILES_IN_USE.read().await
}

/// Removes photo files no ticket refers to: left behind only if the process died between
/// writing a submission's files and committing its ticket (a failed submission cleans up after
/// itself). Only files older than `grace` are looked at, so a submission in flight on this or
/// another instance is never touched. Runs at start and every hour. Returns how many files
/// were removed.
pub async fn sweep_orphans(
    state: &super::AppState,
    grace: std::time::Duration,
) -> Result<usize, String> {
    use crate::storage::photos::PhotoKey;
    let cutoff = std::time::SystemTime::now() - grace;
    let store = state.photos.clone();
    let stale = tokio::task::spawn_blocking(move || store.written_before(cutoff))
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| format!("photo directory: {e}"))?;
    let mut removed = 0;
    for path in stale {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let key = PhotoKey::parse(name);
        let temporary = name.starts_with('.') && name.ends_with(".tmp");
        let in_use = |key: Option<PhotoKey>| async move {
            match key {
                Some(key) => crate::storage::tickets::photo_in_use(&state.db, key.as_str())
                    .await
                    .map_err(|e| format!("database: {e}")),
                None => Ok(false),
            }
        };
        // Most old files belong to cases: found without the lock.
        if !temporary && (key.is_none() || in_use(key.clone()).await?) {
            continue; // in use, or not ours: leave it
        }
        let _exclusive = FILES_IN_USE.write().await;
        let orphan = temporary || !in_use(key).await?;
        // A submission that reuses this file freshens it before committing: look again.
        let still_stale = match tokio::fs::metadata(&path).await.and_then(|m| m.modified()) {
            Ok(modified) => modified < cutoff,
            Err(_) => false,
        };
        if orphan && still_stale {
            match tokio::fs::remove_file(&path).await {
                Ok(()) => removed += 1,
                Err(e) => {
                    tracing::warn!(path = %path.display(), error = %e, "could not remove orphan photo")
                }
            }
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upload(bytes: Vec<u8>, name: &str, mime: &str) -> Upload {
        Upload {
            file_name: Some(name.into()),
            content_type: Some(mime.into()),
            bytes,
        }
    }

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 128]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn a_png_is_shrunk_to_the_display_and_thumbnail_sizes() {
        let limits = Limits::default();
        let u = upload(png(3000, 1000), "a.png", "image/png");
        let i = inspect(1, &u, &limits).unwrap();
        let p = process(1, &i, &limits).unwrap();
        assert_eq!((p.width, p.height), (2048, 683));
        let thumb = image::load_from_memory(&p.thumb).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (320, 107));
        assert_eq!(PhotoFormat::sniff(&p.display), Some(PhotoFormat::Jpeg));
    }

    #[test]
    fn a_small_photo_is_not_enlarged() {
        let limits = Limits::default();
        let u = upload(png(200, 100), "a.png", "image/png");
        let p = process(1, &inspect(1, &u, &limits).unwrap(), &limits).unwrap();
        assert_eq!((p.width, p.height), (200, 100));
    }

    #[test]
    fn a_png_named_jpg_is_refused_as_a_type_mismatch() {
        let u = upload(png(10, 10), "photo.jpg", "application/octet-stream");
        assert_eq!(
            inspect(2, &u, &Limits::default()).unwrap_err(),
            Problem::PhotoTypeMismatch {
                photo: 2,
                declared: "JPEG".into(),
                actual: "PNG".into()
            }
        );
    }

    #[test]
    fn text_is_not_an_image() {
        let u = upload(
            b"hello, this is not a picture".to_vec(),
            "x.jpg",
            "image/jpeg",
        );
        assert_eq!(
            inspect(1, &u, &Limits::default()).unwrap_err(),
            Problem::PhotoNotImage { photo: 1 }
        );
    }

    fn jpeg(w: u32, h: u32, progressive: bool) -> Vec<u8> {
        let img = RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, (x ^ y) as u8]));
        let mut out = Vec::new();
        let mut encoder = jpeg_encoder::Encoder::new(&mut out, 85);
        encoder.set_progressive(progressive);
        encoder
            .encode(
                img.as_raw(),
                w as u16,
                h as u16,
                jpeg_encoder::ColorType::Rgb,
            )
            .unwrap();
        out
    }

    /// Rewrites the dimensions in a JPEG's frame header (the pixel data stays small).
    fn claim_size(mut jpeg: Vec<u8>, w: u16, h: u16) -> Vec<u8> {
        let sof = jpeg
            .windows(2)
            .position(|m| m[0] == 0xFF && matches!(m[1], 0xC0 | 0xC2))
            .unwrap();
        jpeg[sof + 5..sof + 7].copy_from_slice(&h.to_be_bytes());
        jpeg[sof + 7..sof + 9].copy_from_slice(&w.to_be_bytes());
        jpeg
    }

    /// What a Samsung or Google motion photo looks like: the still, then a video after its
    /// end-of-image marker.
    fn motion_photo(still: &[u8]) -> Vec<u8> {
        let mut out = still.to_vec();
        out.extend(b"MotionPhoto_Data");
        out.extend([0, 0, 0, 0x18]);
        out.extend(b"ftypmp42\0\0\0\0mp42isom");
        out.extend((0..200_000u32).map(|i| (i * 7 % 251) as u8));
        out
    }

    #[test]
    fn a_motion_photo_is_accepted_and_its_video_is_dropped() {
        let limits = Limits::default();
        let still = jpeg(640, 480, false);
        let u = upload(motion_photo(&still), "MVIMG_0001.jpg", "image/jpeg");
        let i = inspect(1, &u, &limits).unwrap();
        assert_eq!(i.trailer_len(&u), u.bytes.len() - still.len());
        let p = process(1, &i, &limits).unwrap();
        assert_eq!((p.width, p.height), (640, 480));
        for stored in [&p.display, &p.thumb] {
            assert!(!stored.windows(4).any(|w| w == b"ftyp"), "no video stored");
            assert_eq!(JpegLayout::read(stored).unwrap().end, stored.len());
        }
        // The same still with another video (or none) is the same picture for exact repeats.
        assert_eq!(
            p.original_sha256,
            super::super::fingerprint::sha256_hex(&still)
        );
        let plain = upload(still.clone(), "a.jpg", "image/jpeg");
        let q = process(1, &inspect(1, &plain, &limits).unwrap(), &limits).unwrap();
        assert_eq!(q.original_sha256, p.original_sha256);
    }

    #[test]
    fn a_jpeg_cut_off_in_transit_is_unreadable() {
        let mut cut = jpeg(640, 480, true);
        cut.truncate(cut.len() - 300);
        let u = upload(cut, "a.jpg", "image/jpeg");
        assert_eq!(
            inspect(1, &u, &Limits::default()).unwrap_err(),
            Problem::PhotoUnreadable { photo: 1 }
        );
    }

    #[test]
    fn a_progressive_jpeg_is_refused_when_its_coefficients_would_not_fit_the_decode_budget() {
        let limits = Limits {
            max_decode_bytes: 256 << 20,
            ..Limits::default()
        };
        // 8000 × 6000 = 48 MP, under the pixel cap. Baseline it needs about 200 MB; progressive
        // its coefficients alone take 3 × 48 M × 2 bytes.
        let big = |progressive| {
            let layout = JpegLayout::read(&jpeg(64, 64, progressive)).unwrap();
            decode_cost(
                PhotoFormat::Jpeg,
                8000,
                6000,
                image::ColorType::Rgb8,
                Some(layout),
                1 << 20,
                2048,
            )
        };
        assert!(big(false) < limits.max_decode_bytes, "{}", big(false));
        assert!(big(true) > 3 * 48_000_000 * 2, "{}", big(true));
        // A real progressive photo of a size that fits passes; its bomb twin claiming 48 MP
        // in a few kilobytes is refused before any decoding.
        let real = upload(jpeg(1200, 900, true), "p.jpg", "image/jpeg");
        let i = inspect(1, &real, &limits).unwrap();
        assert!(JpegLayout::read(&real.bytes).unwrap().progressive);
        assert!(i.decode_bytes > 1200 * 900 * 3 * 2);
        process(1, &i, &limits).unwrap();
        let bomb = upload(
            claim_size(jpeg(64, 64, true), 8000, 6000),
            "b.jpg",
            "image/jpeg",
        );
        assert_eq!(
            inspect(1, &bomb, &limits).unwrap_err(),
            Problem::PhotoTooManyPixels {
                photo: 1,
                max_megapixels: 29
            }
        );
        // With room for its coefficients, the tiny file still cannot hold 48 MP: damaged.
        assert_eq!(
            inspect(1, &bomb, &Limits::default()).unwrap_err(),
            Problem::PhotoUnreadable { photo: 1 }
        );
    }

    #[test]
    fn a_pixel_flood_header_is_refused_before_decoding() {
        let flood = upload(
            claim_size(jpeg(64, 64, false), 30000, 30000),
            "f.jpg",
            "image/jpeg",
        );
        assert_eq!(
            inspect(1, &flood, &Limits::default()).unwrap_err(),
            Problem::PhotoTooManyPixels {
                photo: 1,
                max_megapixels: 50
            }
        );
    }

    #[test]
    fn a_jpeg_walk_finds_the_end_past_stuffed_bytes_and_restart_markers() {
        let plain = jpeg(300, 200, false);
        let layout = JpegLayout::read(&plain).unwrap();
        assert_eq!(layout.end, plain.len());
        assert_eq!(
            (layout.progressive, layout.components, layout.scans),
            (false, 3, 1)
        );
        let progressive = JpegLayout::read(&jpeg(300, 200, true)).unwrap();
        assert!(progressive.progressive && progressive.scans > 1);
        // An EXIF thumbnail (a whole JPEG inside APP1) does not end the picture early.
        let mut with_thumb = plain[..2].to_vec();
        let thumb = jpeg(16, 16, false);
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend(&thumb);
        with_thumb.extend([0xFF, 0xE1]);
        with_thumb.extend(((app1.len() + 2) as u16).to_be_bytes());
        with_thumb.extend(&app1);
        with_thumb.extend(&plain[2..]);
        assert_eq!(JpegLayout::read(&with_thumb).unwrap().end, with_thumb.len());
    }

    #[test]
    fn an_oversize_file_is_refused_before_sniffing() {
        let limits = Limits {
            max_photo_bytes: 100,
            ..Limits::default()
        };
        let u = upload(png(50, 50), "a.png", "image/png");
        assert!(matches!(
            inspect(1, &u, &limits),
            Err(Problem::PhotoTooLarge { .. })
        ));
    }
}
