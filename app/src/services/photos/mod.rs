//! The photo pipeline. The server is the authority whatever the browser did: the bytes must be
//! a JPEG, PNG or WebP that matches its declared type and decodes within the pixel cap; the
//! stored copies are a display size and a thumbnail, upright, with no metadata at all:
//! re-encoded, except a JPEG display copy that is already upright, within the display size and
//! compact, which keeps the upload's coded picture with every other segment removed.
use super::UploadLimits;
use crate::model::Problem;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageReader};
use std::io::Cursor;

mod budget;
mod format;
mod jpeg;
mod pixels;
mod sweep;
#[cfg(test)]
mod tests;

pub use budget::{decode_cost, large_decode_permit, DecodeInFlight, SMALL_DECODE_BYTES};
pub use format::PhotoFormat;
pub use jpeg::JpegLayout;
use pixels::{encode_jpeg, fit_within, flatten_to_rgb};
pub use sweep::{removing_files, sweep_orphans, writing_files, SweepError};

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
    limits: &UploadLimits,
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

/// The largest upload kept as it came (without its metadata) instead of re-encoded, in bits
/// per pixel: a phone photo the form shrank is about 0.6; the display copy's own encoding at
/// quality 82 about 1.5–2.5 on a detailed street.
const KEPT_BITS_PER_PIXEL: u64 = 3;

/// The expensive part: decode (with allocation limits), shrink, turn upright, re-encode (or,
/// for a JPEG that needs none of it, keep its coded picture without any metadata).
/// CPU-bound: call from a blocking thread.
pub fn process(
    photo: usize,
    inspected: &Inspected<'_>,
    limits: &UploadLimits,
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

    // A JPEG that is already upright, within the display size and compact is stored as it
    // came with its metadata removed (no re-encoding: the decode above proved it whole).
    let kept = (inspected.format == PhotoFormat::Jpeg
        && orientation == Orientation::NoTransforms
        && rgb.width().max(rgb.height()) <= limits.display_px
        && inspected.bytes.len() as u64 * 8
            <= u64::from(rgb.width()) * u64::from(rgb.height()) * KEPT_BITS_PER_PIXEL)
        .then(|| jpeg::without_metadata(inspected.bytes))
        .flatten();
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
    let display_bytes = match kept {
        Some(bytes) => bytes,
        None => encode_jpeg(&display, 82).map_err(|_| unreadable())?,
    };
    Ok(Processed {
        width: display.width(),
        height: display.height(),
        display: display_bytes,
        thumb: encode_jpeg(&thumb, 75).map_err(|_| unreadable())?,
        original_sha256: super::fingerprint::sha256_hex(inspected.bytes),
        phash,
    })
}
