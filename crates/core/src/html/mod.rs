//! HTML: a tokenizer, character references, and the allowlist sanitizer built on them.

mod entities;
mod entity_table;
pub mod sanitize;
pub mod tokenizer;

pub use sanitize::{escape_text, sanitize, SanitizeContext, Sanitized};
