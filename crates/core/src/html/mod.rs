//! HTML: a tokenizer, character references, and the allowlist sanitizer built on them.

mod entities;
#[cfg(not(target_arch = "wasm32"))]
mod entity_table;
mod legacy_entities;
pub mod sanitize;
pub mod tokenizer;

pub use entities::{use_named_lookup, NamedLookup};
pub use sanitize::{escape_attr, escape_text, sanitize, BlockEnd, SanitizeContext, Sanitized};
