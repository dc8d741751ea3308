//! HTML: a tokenizer, character references, and the allowlist sanitizer built on them; in the
//! browser, the sanitizer reads the tree of the browser's own parser instead ([`walk`]).

mod entities;
#[cfg(any(not(target_arch = "wasm32"), feature = "entity-table"))]
mod entity_table;
mod legacy_entities;
pub mod sanitize;
pub mod tokenizer;
pub mod walk;

pub use sanitize::{
    escape_attr, escape_text, escape_text_in_runs, sanitize, sanitize_tokens, BlockEnd,
    SanitizeContext, Sanitized, LONGEST_UNBROKEN,
};
