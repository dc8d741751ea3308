//! The sanitizer of the bodies the browser's own parser would be slow on
//! (`broadsheet_core::html::walk::browser_parses_quickly` says which): the core's tokenizer and
//! sanitizer, linear on any input, with the standard's table of named character references
//! (feature `entity-table`), as the build step sanitizes natively.

use broadsheet_core::html::{sanitize as sanitize_html, SanitizeContext};
use broadsheet_core::safe_url::SafeUrl;
use wasm_bindgen::prelude::*;

/// `html` sanitized for an article read at `base` (empty: none), its ids prefixed with
/// `id_prefix`: the safe HTML. The component reads it again through the browser's parser and
/// the walk, which leave it as it is (sanitizing is idempotent) and which its bounded nesting
/// and allowlisted attributes keep quick, and counts its words then.
#[wasm_bindgen]
pub fn sanitize(html: &str, base: &str, id_prefix: &str) -> String {
    let base = SafeUrl::parse_absolute(base);
    let ctx = SanitizeContext {
        base: base.as_ref(),
        id_prefix,
        ..SanitizeContext::default()
    };
    sanitize_html(html, ctx).html
}
