//! HTML: a tokenizer, character references, and the allowlist sanitizer built on them.

mod entities;
pub mod sanitize;
mod tokenizer;

pub use sanitize::{escape_text, sanitize, SanitizeContext, Sanitized};
