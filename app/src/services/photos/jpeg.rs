//! The marker walk of a JPEG: where the picture ends (a motion photo's trailer is dropped)
//! and what its header promises.

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

/// One piece of a JPEG as the marker walk meets it.
enum Part<'a> {
    /// A marker segment: its code, the whole segment (marker and length included) and its body.
    Segment {
        code: u8,
        whole: &'a [u8],
        body: &'a [u8],
    },
    /// The entropy-coded data after a start-of-scan segment.
    Entropy(&'a [u8]),
}

/// Walks the segments and the entropy-coded data of every scan to the end-of-image marker,
/// handing each to `visit` (which stops the walk with `None`). Returns the offset just past
/// the end-of-image marker; `None`: not a complete JPEG (cut off, or a marker runs past the
/// end), or `visit` stopped it. Markers without a length (TEM, RSTn outside a scan) are skipped.
fn walk<'a>(bytes: &'a [u8], mut visit: impl FnMut(Part<'a>) -> Option<()>) -> Option<usize> {
    if bytes.len() < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8 {
        return None;
    }
    let mut at = 2;
    loop {
        // At a marker: 0xFF, optional fill bytes 0xFF, the marker code. Stray bytes before it
        // are skipped, as libjpeg does.
        at += bytes.get(at..)?.iter().position(|&b| b == 0xFF)?;
        while *bytes.get(at)? == 0xFF {
            at += 1;
        }
        let code = bytes[at];
        at += 1;
        match code {
            0xD9 => return Some(at),
            0x01 | 0xD0..=0xD7 => continue,
            _ => {}
        }
        let len = usize::from(u16::from_be_bytes([*bytes.get(at)?, *bytes.get(at + 1)?]));
        if len < 2 || at + len > bytes.len() {
            return None;
        }
        visit(Part::Segment {
            code,
            whole: &bytes[at - 2..at + len],
            body: &bytes[at + 2..at + len],
        })?;
        at += len;
        if code == 0xDA {
            // Start of scan: entropy-coded data up to the next marker that is neither a
            // stuffed 0xFF00 nor a restart marker.
            let start = at;
            loop {
                at += bytes.get(at..)?.iter().position(|&b| b == 0xFF)?;
                match *bytes.get(at + 1)? {
                    0x00 | 0xD0..=0xD7 => at += 2,
                    0xFF => at += 1,
                    _ => break,
                }
            }
            visit(Part::Entropy(&bytes[start..at]))?;
        }
    }
}

impl JpegLayout {
    /// The layout of a complete JPEG; `None`: not one (cut off, a marker runs past the end,
    /// or no scan at all).
    pub fn read(bytes: &[u8]) -> Option<JpegLayout> {
        let mut layout = JpegLayout {
            end: 0,
            progressive: false,
            components: 0,
            scans: 0,
            entropy_bytes: 0,
        };
        layout.end = walk(bytes, |part| {
            match part {
                Part::Segment { code, body, .. }
                    if matches!(code, 0xC0..=0xCF) && !matches!(code, 0xC4 | 0xC8 | 0xCC) =>
                {
                    layout.progressive = matches!(code, 0xC2 | 0xC6 | 0xCA | 0xCE);
                    layout.components = *body.get(5)?;
                }
                Part::Segment { code: 0xDA, .. } => layout.scans += 1,
                Part::Segment { .. } => {}
                Part::Entropy(data) => layout.entropy_bytes += data.len(),
            }
            Some(())
        })?;
        (layout.scans > 0).then_some(layout)
    }
}

/// A plain JFIF header (version 1.1, no density, no thumbnail) for a copy without metadata.
const JFIF_APP0: [u8; 18] = [
    0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01,
    0x00, 0x00,
];

/// The picture of a JPEG with every segment a decoder does not need removed — EXIF (with its
/// GPS position and embedded thumbnail), XMP, ICC, IPTC, comments, vendor segments, and
/// whatever follows the end-of-image marker — behind a plain JFIF header: the same coded
/// pixels, nothing else, and no re-encoding (no loss of quality, and most of a report's CPU
/// saved). `None` when that cannot be done safely, and the picture is re-encoded instead:
/// its colours depend on a segment this drops (an Adobe segment; components numbered R, G,
/// B; not one or three components), a coding a browser may not show (arithmetic, lossless, hierarchical),
/// a marker this does not know, or a walk that fails.
pub fn without_metadata(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    out.extend_from_slice(&JFIF_APP0);
    let mut frame = false;
    walk(bytes, |part| {
        match part {
            // Baseline, extended and progressive Huffman frames of grey or YCbCr pictures: one
            // component, or three not numbered R, G, B (which libjpeg reads as RGB without a
            // JFIF header; with the JFIF header written above every decoder reads YCbCr).
            Part::Segment {
                code: 0xC0..=0xC2,
                whole,
                body,
            } => {
                let n = usize::from(*body.get(5)?);
                let ids: Vec<u8> = (0..n)
                    .map(|i| body.get(6 + 3 * i).copied())
                    .collect::<Option<_>>()?;
                if !(n == 1 || (n == 3 && ids != *b"RGB")) {
                    return None;
                }
                frame = true;
                out.extend_from_slice(whole);
            }
            // Quantisation and Huffman tables, restart interval, start of scan (after a frame).
            Part::Segment {
                code: 0xDB | 0xC4 | 0xDD,
                whole,
                ..
            } => out.extend_from_slice(whole),
            Part::Segment {
                code: 0xDA, whole, ..
            } if frame => out.extend_from_slice(whole),
            Part::Entropy(data) => out.extend_from_slice(data),
            // Adobe: colour transform information a decoder needs.
            Part::Segment {
                code: 0xEE, body, ..
            } if body.starts_with(b"Adobe") => return None,
            // Application segments and comments: metadata, dropped.
            Part::Segment {
                code: 0xE0..=0xEF | 0xFE,
                ..
            } => {}
            // Anything else (arithmetic, lossless, hierarchical frames; a scan before any frame;
            // markers this does not know): re-encode instead.
            Part::Segment { .. } => return None,
        }
        Some(())
    })?;
    out.extend_from_slice(&[0xFF, 0xD9]);
    frame.then_some(out)
}
