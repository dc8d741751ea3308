//! The pixel size of an image file, read from its header, for `og:image:width` and `height`:
//! PNG, GIF, JPEG, WebP, and SVG with numeric `width` and `height` (or a `viewBox`).

use std::io::Read;
use std::path::Path;

use crate::head::Size;

/// How much of a file is read: enough for any header, and for JPEG's markers before the frame.
const HEAD_BYTES: u64 = 256 * 1024;

/// The size of the image in `path`, when it is a readable image of a known format.
pub fn image_size(path: &Path) -> Option<Size> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(HEAD_BYTES)
        .read_to_end(&mut bytes)
        .ok()?;
    size_of(&bytes).filter(|(w, h)| *w > 0 && *h > 0)
}

/// The size of the image whose first bytes are `b`.
pub fn size_of(b: &[u8]) -> Option<Size> {
    let le16 = |i: usize| Some(u16::from_le_bytes([*b.get(i)?, *b.get(i + 1)?]) as u32);
    let be32 = |i: usize| Some(u32::from_be_bytes(b.get(i..i + 4)?.try_into().ok()?));
    let le24 = |i: usize| {
        Some(u32::from_le_bytes([
            *b.get(i)?,
            *b.get(i + 1)?,
            *b.get(i + 2)?,
            0,
        ]))
    };
    if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some((be32(16)?, be32(20)?));
    }
    if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        return Some((le16(6)?, le16(8)?));
    }
    if b.starts_with(&[0xFF, 0xD8]) {
        return jpeg(b);
    }
    if b.get(..4) == Some(b"RIFF") && b.get(8..12) == Some(b"WEBP") {
        return match b.get(12..16)? {
            b"VP8 " => Some((le16(26)? & 0x3FFF, le16(28)? & 0x3FFF)),
            b"VP8L" => {
                let bits = u32::from_le_bytes(b.get(21..25)?.try_into().ok()?);
                Some(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1))
            }
            b"VP8X" => Some((le24(24)? + 1, le24(27)? + 1)),
            _ => None,
        };
    }
    svg(std::str::from_utf8(b).ok().or_else(|| {
        // A cut in the middle of a character: what comes before it.
        std::str::from_utf8(&b[..b.len().saturating_sub(3)]).ok()
    })?)
}

/// JPEG: the first start-of-frame marker holds the height, then the width.
fn jpeg(b: &[u8]) -> Option<Size> {
    let mut i = 2;
    while i + 9 < b.len() {
        if b[i] != 0xFF {
            return None;
        }
        let marker = b[i + 1];
        let length = u16::from_be_bytes([b[i + 2], b[i + 3]]) as usize;
        let frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if frame {
            let h = u16::from_be_bytes([b[i + 5], b[i + 6]]) as u32;
            let w = u16::from_be_bytes([b[i + 7], b[i + 8]]) as u32;
            return Some((w, h));
        }
        i += 2 + length;
    }
    None
}

/// SVG: the root element's `width` and `height` in pixels, else its `viewBox`.
fn svg(text: &str) -> Option<Size> {
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let attr = |name: &str| -> Option<&str> {
        let at = tag.find(&format!(" {name}="))? + name.len() + 2;
        let quote = tag[at..].chars().next()?;
        let rest = &tag[at + 1..];
        Some(&rest[..rest.find(quote)?])
    };
    let pixels = |v: &str| -> Option<u32> {
        let number = v.trim().strip_suffix("px").unwrap_or(v.trim());
        number
            .parse::<f64>()
            .ok()
            .filter(|n| *n >= 1.0)
            .map(|n| n.round() as u32)
    };
    if let (Some(w), Some(h)) = (
        attr("width").and_then(pixels),
        attr("height").and_then(pixels),
    ) {
        return Some((w, h));
    }
    let view_box: Vec<f64> = attr("viewBox")?
        .split([' ', ','])
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect();
    match view_box[..] {
        [_, _, w, h] if w >= 1.0 && h >= 1.0 => Some((w.round() as u32, h.round() as u32)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_size_from_each_format() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend(1200u32.to_be_bytes());
        png.extend(630u32.to_be_bytes());
        assert_eq!(size_of(&png), Some((1200, 630)));
        assert_eq!(size_of(b"GIF89a\x40\x01\xf0\x00"), Some((320, 240)));
        // SOI, an APP0 segment of 4 bytes, then SOF0: precision, height 480, width 640.
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01,
            0xE0, 0x02, 0x80, 0x03,
        ];
        assert_eq!(size_of(&jpeg), Some((640, 480)));
        let mut webp = b"RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0\0\0\0\0".to_vec();
        webp.extend([0xAF, 0x04, 0x00, 0x75, 0x02, 0x00]);
        assert_eq!(size_of(&webp), Some((1200, 630)));
        assert_eq!(
            size_of(br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 675" width="1200" height="675"><g/></svg>"#),
            Some((1200, 675))
        );
        assert_eq!(size_of(br#"<svg viewBox="0 0 800 450">"#), Some((800, 450)));
        assert_eq!(size_of(br#"<svg width="100%" height="100%">"#), None);
        assert_eq!(size_of(b"plain text"), None);
    }

    #[test]
    fn the_sample_images_have_their_size() {
        let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../sample/images"));
        let path = dir.join("europe-heatwave-power-grids.svg");
        assert_eq!(image_size(&path), Some((1200, 675)));
        assert_eq!(image_size(&dir.join("missing.png")), None);
    }
}
