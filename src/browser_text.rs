//! What the browser already knows about text, lent to the core so the wasm need not carry it:
//! Unicode's grapheme clusters (`Intl.Segmenter`) and lower case (`toLowerCase`). Natively the
//! core has its own tables; tests compare the two. (The browser's HTML parser is lent another
//! way: `browser_html.rs`.)

use wasm_bindgen::prelude::*;

/// Lends the browser's knowledge to the core; idempotent.
pub fn install() {
    broadsheet_core::text::use_grapheme_boundaries(grapheme_boundaries);
    broadsheet_core::text::use_lowercase(|s| js_sys::JsString::from(s).to_lower_case().into());
}

// In `src/browser.js`.
#[wasm_bindgen(module = "/src/browser.js")]
extern "C" {
    /// Where the grapheme clusters of `s` start, in UTF-16 code units (a `Uint32Array`), from
    /// `Intl.Segmenter`; null where the browser has none.
    fn grapheme_starts(s: &str) -> JsValue;
}

/// The byte offsets where grapheme clusters of `s` start after the first, from
/// `Intl.Segmenter`; every character is a cluster where it is missing.
fn grapheme_boundaries(s: &str) -> Vec<usize> {
    let starts = grapheme_starts(s);
    if starts.is_null() {
        return s.char_indices().skip(1).map(|(i, _)| i).collect();
    }
    // The segmenter counts in UTF-16 code units; the core wants byte offsets.
    let starts = starts.unchecked_into::<js_sys::Uint32Array>().to_vec();
    let mut out = Vec::with_capacity(starts.len());
    let mut utf16 = 0;
    let mut starts = starts.into_iter().peekable();
    for (byte, c) in s.char_indices() {
        while starts.peek().is_some_and(|&i| (i as usize) < utf16) {
            starts.next();
        }
        if starts.peek() == Some(&(utf16 as u32)) && byte > 0 {
            out.push(byte);
        }
        utf16 += c.len_utf16();
    }
    out
}
