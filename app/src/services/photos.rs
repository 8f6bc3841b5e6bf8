//! The photo pipeline. The server is the authority whatever the browser did: the bytes must be
//! a JPEG, PNG or WebP that matches its declared type and decodes within the pixel cap; the
//! stored copies are re-encoded (upright, no metadata at all), a display size and a thumbnail.
use super::Limits;
use crate::model::Problem;
use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, RgbImage};
use std::io::Cursor;

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
    bytes: &'a [u8],
}

/// A processed photo, ready to store.
#[derive(Debug)]
pub struct Processed {
    pub display: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub thumb: Vec<u8>,
    /// SHA-256 of the upload as received, hex (exact repeats).
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
    let (width, height) = ImageReader::with_format(Cursor::new(bytes), format.image_format())
        .into_dimensions()
        .map_err(|_| Problem::PhotoUnreadable { photo })?;
    if u64::from(width) * u64::from(height) > limits.max_pixels {
        return Err(Problem::PhotoTooManyPixels {
            photo,
            max_megapixels: limits.max_pixels / 1_000_000,
        });
    }
    Ok(Inspected {
        format,
        width,
        height,
        bytes,
    })
}

/// The expensive part: decode (with allocation limits), shrink, turn upright, re-encode.
/// CPU-bound: call from a blocking thread.
pub fn process(
    photo: usize,
    inspected: &Inspected<'_>,
    limits: &Limits,
) -> Result<Processed, Problem> {
    let unreadable = || Problem::PhotoUnreadable { photo };
    if inspected.format == PhotoFormat::Jpeg && !jpeg_is_complete(inspected.bytes) {
        return Err(unreadable());
    }
    let mut reader = ImageReader::with_format(
        Cursor::new(inspected.bytes),
        inspected.format.image_format(),
    );
    let mut image_limits = image::Limits::default();
    image_limits.max_image_width = Some(inspected.width);
    image_limits.max_image_height = Some(inspected.height);
    image_limits.max_alloc = Some(limits.max_pixels.saturating_mul(4) + (16 << 20));
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

/// A JPEG whose end-of-image marker is missing was cut off in transit; decoders would
/// silently paint the missing part grey.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(64)..];
    tail.windows(2).any(|w| w == [0xFF, 0xD9])
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

/// Removes photo files no ticket refers to: left behind only if the process died between
/// writing a submission's files and committing its ticket (a failed submission cleans up after
/// itself). Only files older than `grace` are looked at, so a submission in flight on this or
/// another instance is never touched. Returns how many files were removed.
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
        let orphan = if name.starts_with('.') && name.ends_with(".tmp") {
            true
        } else if let Some(key) = PhotoKey::parse(name) {
            !crate::storage::tickets::photo_in_use(&state.db, key.as_str())
                .await
                .map_err(|e| format!("database: {e}"))?
        } else {
            false // not ours: leave it
        };
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
