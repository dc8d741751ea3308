//! An article's HTML body parsed by the browser's own HTML parser, then sanitized by the core
//! from the tree the parser built ([`broadsheet_core::html::walk`]). The parser is the one that
//! will read the sanitized markup back, and the wasm carries no HTML tokenizer and no table of
//! character references: 3.6 kB brotli less of the first load (BENCHMARKS.md). Natively the
//! build step sanitizes with the core's own tokenizer; an end-to-end test (`tests/e2e.rs`)
//! compares the two on every sample post.
//!
//! A long body, or one with many tags, goes first to the core's tokenizer and sanitizer, in the
//! on-demand module (`crates/rank`): browsers' parsers are quadratic on some markup, and only
//! short bodies ([`browser_parses_quickly`]) and sanitized ones are sure to parse quickly
//! whatever their shape.

use broadsheet_core::html::tokenizer::RAW_TEXT;
use broadsheet_core::html::walk::{browser_parses_quickly, walked_tokens, VOID};
use broadsheet_core::html::{sanitize_tokens, SanitizeContext, Sanitized};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen_futures::JsFuture;

// In `src/browser.js`.
#[wasm_bindgen(module = "/src/browser.js")]
extern "C" {
    /// The walk (`broadsheet_core::html::walk`) of the tree the browser parses `html` into,
    /// not going into the elements named in `raw_text` and closing none of those in `voids`
    /// (both space-separated).
    fn walk_html(html: &str, raw_text: &str, voids: &str) -> String;

    /// `html` sanitized by the on-demand module at `src` (empty: the one next to the
    /// component) for an article read at `base`, with ids prefixed `id`: a promise of the safe
    /// HTML.
    fn sanitize_apart(src: &str, html: &str, base: &str, id: &str) -> js_sys::Promise;
}

/// The walk of `html` as the browser parses it: [`walked_tokens`] reads its tokens.
pub fn walk(html: &str) -> String {
    walk_html(html, &RAW_TEXT.join(" "), VOID)
}

/// `html` parsed by the browser and sanitized for `ctx`.
pub fn sanitize(html: &str, ctx: SanitizeContext<'_>) -> Sanitized {
    sanitize_tokens(walked_tokens(&walk(html)), ctx)
}

/// `html` sanitized for `ctx`: by the browser's parser and the walk when it parses `html`
/// quickly; else first by the on-demand module at `module_src` (empty: the one next to the
/// component), whose safe HTML the browser's parser then reads quickly, and the walk leaves as
/// it is (sanitizing is idempotent). When that module cannot be had, the browser's parser
/// reads `html` itself all the same.
pub async fn sanitize_any(html: &str, ctx: SanitizeContext<'_>, module_src: &str) -> Sanitized {
    let readable = if browser_parses_quickly(html) {
        None
    } else {
        let base = ctx.base.map_or("", |b| b.as_str());
        JsFuture::from(sanitize_apart(module_src, html, base, ctx.id_prefix))
            .await
            .ok()
            .and_then(|clean| clean.as_string())
    };
    sanitize(readable.as_deref().unwrap_or(html), ctx)
}
