//! "Similar Posts": tokenizing, the ranking engine, and the bridge from feed items.

#[cfg(not(target_arch = "wasm32"))]
pub mod latent;
pub mod pick;
pub mod rank;
mod stopwords;
#[cfg(feature = "synthetic")]
pub mod synthetic;
pub mod tokenize;

pub use rank::{Doc, Explanation, Index, IndexBuilder, Match, Weights};

use crate::html::{sanitize, SanitizeContext};
use crate::model::{Body, Item};

impl Doc {
    /// The ranking view of a feed item: its title, summary, plain body text and tags.
    pub fn from_item(item: &Item) -> Doc {
        let body = match &item.body {
            Some(Body::Text(text)) => text.clone(),
            Some(Body::Html(html)) => sanitize(html, SanitizeContext::default()).prose,
            None => String::new(),
        };
        Doc::with_body(item, body)
    }

    /// The ranking view of a feed item whose plain body text is `body` (the prose of its
    /// sanitized HTML, or its text).
    pub fn with_body(item: &Item, body: String) -> Doc {
        Doc {
            id: item.id.clone(),
            title: item.title.clone().unwrap_or_default(),
            summary: item.summary.clone().unwrap_or_default(),
            body,
            tags: item.tags.clone(),
            language: item
                .language
                .as_ref()
                .map(|l| l.primary())
                .unwrap_or_else(|| "en".to_string()),
            published: item.published.as_ref().map(|t| t.unix()),
            terms: Vec::new(),
        }
    }
}
