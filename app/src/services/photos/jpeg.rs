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
