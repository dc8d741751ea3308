//! An article's HTML body parsed by the browser's own HTML parser, then sanitized by the core
//! from the tree the parser built ([`broadsheet_core::html::walk`]). The parser is the one that
//! will read the sanitized markup back, and the wasm carries no HTML tokenizer and no table of
//! character references: 3.6 kB brotli less of the first load (BENCHMARKS.md). Natively the
//! build step sanitizes with the core's own tokenizer; an end-to-end test (`tests/e2e.rs`)
//! compares the two on every sample post.

use broadsheet_core::html::tokenizer::RAW_TEXT;
use broadsheet_core::html::walk::{walked_tokens, VOID};
use broadsheet_core::html::{sanitize_tokens, SanitizeContext, Sanitized};
use wasm_bindgen::prelude::wasm_bindgen;

// In `src/browser.js`.
#[wasm_bindgen(module = "/src/browser.js")]
extern "C" {
    /// The walk (`broadsheet_core::html::walk`) of the tree the browser parses `html` into,
    /// not going into the elements named in `raw_text` and closing none of those in `voids`
    /// (both space-separated).
    fn walk_html(html: &str, raw_text: &str, voids: &str) -> String;
}

/// The walk of `html` as the browser parses it: [`walked_tokens`] reads its tokens.
pub fn walk(html: &str) -> String {
    walk_html(html, &RAW_TEXT.join(" "), VOID)
}

/// `html` parsed by the browser and sanitized for `ctx`.
pub fn sanitize(html: &str, ctx: SanitizeContext<'_>) -> Sanitized {
    sanitize_tokens(walked_tokens(&walk(html)), ctx)
}
