//! The photo pipeline on real encoded pictures: formats, limits, orientation, trailers.
use super::*;
use image::{ImageFormat, RgbImage};

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
    let limits = UploadLimits::default();
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
    let limits = UploadLimits::default();
    let u = upload(png(200, 100), "a.png", "image/png");
    let p = process(1, &inspect(1, &u, &limits).unwrap(), &limits).unwrap();
    assert_eq!((p.width, p.height), (200, 100));
}

#[test]
fn a_png_named_jpg_is_refused_as_a_type_mismatch() {
    let u = upload(png(10, 10), "photo.jpg", "application/octet-stream");
    assert_eq!(
        inspect(2, &u, &UploadLimits::default()).unwrap_err(),
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
        inspect(1, &u, &UploadLimits::default()).unwrap_err(),
        Problem::PhotoNotImage { photo: 1 }
    );
}

fn jpeg(w: u32, h: u32, progressive: bool) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, (x ^ y) as u8]));
    encode(&img, 85, progressive)
}

/// `img` as a JPEG at `quality`, as jpeg-encoder writes it (components numbered 0, 1, 2).
fn encode(img: &RgbImage, quality: u8, progressive: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
    encoder.set_progressive(progressive);
    encoder
        .encode(
            img.as_raw(),
            img.width() as u16,
            img.height() as u16,
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
    let limits = UploadLimits::default();
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
        inspect(1, &u, &UploadLimits::default()).unwrap_err(),
        Problem::PhotoUnreadable { photo: 1 }
    );
}

#[test]
fn a_progressive_jpeg_is_refused_when_its_coefficients_would_not_fit_the_decode_budget() {
    let limits = UploadLimits {
        max_decode_bytes: 256 << 20,
        ..UploadLimits::default()
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
        inspect(1, &bomb, &UploadLimits::default()).unwrap_err(),
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
        inspect(1, &flood, &UploadLimits::default()).unwrap_err(),
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
    let limits = UploadLimits {
        max_photo_bytes: 100,
        ..UploadLimits::default()
    };
    let u = upload(png(50, 50), "a.png", "image/png");
    assert!(matches!(
        inspect(1, &u, &limits),
        Err(Problem::PhotoTooLarge { .. })
    ));
}

/// A JPEG segment: marker `code`, length, `body`.
fn segment(code: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![0xFF, code];
    out.extend(((body.len() + 2) as u16).to_be_bytes());
    out.extend(body);
    out
}

/// A smooth picture, as compact as a phone photo the form shrank, at quality 80.
fn smooth_jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, 90])
    });
    encode(&img, 80, false)
}

/// Minimal EXIF: the orientation tag alone.
fn exif_orientation(orientation: u16) -> Vec<u8> {
    let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01".to_vec();
    exif.extend(orientation.to_be_bytes());
    exif.extend([0, 0, 0, 0, 0, 0]);
    exif
}

/// `jpeg` with `segments` inserted after its start-of-image marker.
fn with_segments(jpeg: &[u8], segments: &[Vec<u8>]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    for s in segments {
        out.extend(s);
    }
    out.extend(&jpeg[2..]);
    out
}

/// The bytes from the first start-of-scan marker on: the coded picture.
fn coded(jpeg: &[u8]) -> &[u8] {
    let sos = jpeg.windows(2).position(|m| m == [0xFF, 0xDA]).unwrap();
    &jpeg[sos..]
}

#[test]
fn an_upright_compact_jpeg_keeps_its_coded_picture_and_loses_every_metadata_segment() {
    let limits = UploadLimits::default();
    let plain = smooth_jpeg(800, 600);
    let secrets: [&[u8]; 5] = [
        b"Exif",
        b"GPSLatitude 35.41N",
        b"<x:xmpmeta>home address</x:xmpmeta>",
        b"ICC_PROFILE",
        b"shot by Wang Li 13900001111",
    ];
    let mut exif = exif_orientation(1);
    exif.extend(secrets[1]);
    let mut sent = with_segments(
        &plain,
        &[
            segment(0xE1, &exif),
            segment(
                0xE1,
                &[b"http://ns.adobe.com/xap/1.0/\0".as_slice(), secrets[2]].concat(),
            ),
            segment(0xE2, b"ICC_PROFILE\0\x01\x01profile"),
            segment(0xFE, secrets[4]),
        ],
    );
    sent.extend(b"trailer after the picture");
    let u = upload(sent, "IMG_0001.jpg", "image/jpeg");
    let p = process(1, &inspect(1, &u, &limits).unwrap(), &limits).unwrap();

    assert!(coded(&p.display) == coded(&plain), "not re-encoded");
    assert!(p
        .display
        .starts_with(&[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F']));
    for secret in secrets.iter().chain([&b"trailer".as_slice()]) {
        assert!(
            !p.display.windows(secret.len()).any(|w| w == *secret),
            "{} left in the stored copy",
            String::from_utf8_lossy(secret)
        );
    }
    let (kept, original) = (
        image::load_from_memory(&p.display).unwrap().to_rgb8(),
        image::load_from_memory(&plain).unwrap().to_rgb8(),
    );
    assert!(kept == original, "the same pixels");
    assert_eq!((p.width, p.height), (800, 600));
}

#[test]
fn a_jpeg_to_turn_shrink_or_read_with_its_colour_segment_is_re_encoded() {
    let limits = UploadLimits::default();
    let plain = smooth_jpeg(800, 600);
    // Sideways (orientation 6): turned, so coded anew.
    let sideways = with_segments(&plain, &[segment(0xE1, &exif_orientation(6))]);
    let u = upload(sideways, "a.jpg", "image/jpeg");
    let p = process(1, &inspect(1, &u, &limits).unwrap(), &limits).unwrap();
    assert_eq!((p.width, p.height), (600, 800));
    assert!(coded(&p.display) != coded(&plain), "re-encoded");
    // Larger than the display size: shrunk.
    let wide = smooth_jpeg(3000, 1000);
    let u = upload(wide.clone(), "a.jpg", "image/jpeg");
    let p = process(1, &inspect(1, &u, &limits).unwrap(), &limits).unwrap();
    assert_eq!((p.width, p.height), (2048, 683));
    // Colours that depend on a segment the copy would drop, or a frame it does not know.
    let adobe = with_segments(&plain, &[segment(0xEE, b"Adobe\0\x64\0\0\0\0\0")]);
    assert_eq!(jpeg::without_metadata(&adobe), None);
    let mut rgb_ids = plain.clone();
    let sof = rgb_ids.windows(2).position(|m| m == [0xFF, 0xC0]).unwrap();
    for (i, id) in b"RGB".iter().copied().enumerate() {
        rgb_ids[sof + 10 + 3 * i] = id;
    }
    assert_eq!(jpeg::without_metadata(&rgb_ids), None);
    let mut arithmetic = plain.clone();
    arithmetic[sof + 1] = 0xC9;
    assert_eq!(jpeg::without_metadata(&arithmetic), None);
    assert!(jpeg::without_metadata(&plain).is_some());
    // Cut off: no copy.
    assert_eq!(jpeg::without_metadata(&plain[..plain.len() - 100]), None);
}
