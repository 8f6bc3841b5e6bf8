//! Pixels: flattening to RGB, shrinking, JPEG encoding.
use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::{DynamicImage, RgbImage};

/// Drops alpha by compositing onto white (a transparent PNG stays readable).
pub(super) fn flatten_to_rgb(image: DynamicImage) -> RgbImage {
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
pub(super) fn fit_within(
    image: &RgbImage,
    max_px: u32,
) -> Result<RgbImage, fast_image_resize::ResizeError> {
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

pub(super) fn encode_jpeg(
    image: &RgbImage,
    quality: u8,
) -> Result<Vec<u8>, jpeg_encoder::EncodingError> {
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
