//! HTML: a tokenizer, character references, and the allowlist sanitizer built on them.

mod entities;
#[cfg(not(target_arch = "wasm32"))]
mod entity_table;
mod legacy_entities;
pub mod sanitize;
pub mod tokenizer;
pub mod walk;

pub use sanitize::{
    escape_attr, escape_text, sanitize, sanitize_tokens, BlockEnd, SanitizeContext, Sanitized,
};
