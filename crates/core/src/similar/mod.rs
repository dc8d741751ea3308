//! "Similar Posts": tokenizing, the ranking engine, and the bridge from feed items.

#[cfg(not(target_arch = "wasm32"))]
pub mod latent;
pub mod latent_code;
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
    /// The ranking view of a feed item: its title, summary, plain body text and tags; for an
    /// entry of a site index that carries them, its terms in place of the body and its latent
    /// vector.
    pub fn from_item(item: &Item) -> Doc {
        let terms = item.terms.as_deref().map_or_else(Vec::new, read_terms);
        if !terms.is_empty() {
            let mut doc = Doc {
                terms,
                ..Doc::with_body(item, String::new())
            };
            // The index's excerpt is the body's opening words.
            if let Some(Body::Text(excerpt)) = &item.body {
                doc.drop_repeated_title(excerpt);
            }
            return doc;
        }
        let body = match &item.body {
            Some(Body::Text(text)) => text.clone(),
            Some(Body::Html(html)) => sanitize(html, SanitizeContext::default()).prose,
            None => String::new(),
        };
        Doc::with_body(item, body)
    }

    /// Leaves the title out of the ranking when it only repeats `opening`, the start of the
    /// post's text ([`tokenize::repeats_opening`]), as the ranking does by itself for a post
    /// with its body: for a post whose body comes counted already (`terms`).
    pub fn drop_repeated_title(&mut self, opening: &str) {
        if tokenize::repeats_opening(&self.title, opening, &self.language) {
            self.title.clear();
        }
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
            latent: item
                .latent
                .as_deref()
                .map(latent_code::decode)
                .unwrap_or_default(),
        }
    }
}

/// Most terms read from `_article.terms`, and their longest.
const MAX_TERMS: usize = 200;
const MAX_TERM_LEN: usize = 64;

/// Reads `_article.terms` (`"russia:5 talk:3 eu"`, see [`Item::terms`]): terms with counts
/// from 1 to 10,000 (1 when left out); malformed entries are skipped.
pub fn read_terms(list: &str) -> Vec<(String, f32)> {
    list.split_whitespace()
        .filter_map(|entry| {
            let (term, count) = match entry.rsplit_once(':') {
                Some((term, count)) => (term, count.parse::<u16>().ok()?),
                None => (entry, 1),
            };
            (!term.is_empty() && term.len() <= MAX_TERM_LEN && (1..=10_000).contains(&count))
                .then(|| (term.to_string(), f32::from(count)))
        })
        .take(MAX_TERMS)
        .collect()
}

/// `terms` (with whole counts) as `_article.terms` is written, within what [`read_terms`]
/// reads back: counts above 10,000 as 10,000, terms longer than it takes left out.
pub fn write_terms(terms: &[(String, f32)]) -> String {
    terms
        .iter()
        .filter(|(term, _)| !term.is_empty() && term.len() <= MAX_TERM_LEN)
        .map(|(term, count)| match (*count as u32).min(10_000) {
            0 | 1 => term.clone(),
            n => format!("{term}:{n}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_index;

    #[test]
    fn index_terms_are_read_within_bounds_and_written_back() {
        let doc = r#"{"items": [{"id": "a", "title": "A", "_article": {"terms":
            "russia:5 talk:3 eu  bad:0 huge:99999 :4 ok:x 東京:2"}}]}"#;
        let item = parse_index(doc, None).expect("index").remove(0);
        assert_eq!(
            read_terms(item.terms.as_deref().unwrap_or_default()),
            [
                ("russia".to_string(), 5.0),
                ("talk".to_string(), 3.0),
                ("eu".to_string(), 1.0),
                ("東京".to_string(), 2.0)
            ]
        );
        assert_eq!(
            write_terms(&read_terms(item.terms.as_deref().unwrap_or_default())),
            "russia:5 talk:3 eu 東京:2"
        );
        // What is written is what is read back.
        let long = "x".repeat(MAX_TERM_LEN + 1);
        let written = write_terms(&[
            ("often".to_string(), 12_345.0),
            (long, 2.0),
            ("once".to_string(), 1.0),
        ]);
        assert_eq!(written, "often:10000 once");
        assert_eq!(read_terms(&written).len(), 2);
        let many = (0..300)
            .map(|i| format!("t{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let doc = format!(
            r#"{{"items": [{{"id": "a", "title": "A", "_article": {{"terms": "{many}"}}}}]}}"#
        );
        let item = parse_index(&doc, None).expect("index").remove(0);
        assert_eq!(
            read_terms(item.terms.as_deref().unwrap_or_default()).len(),
            MAX_TERMS
        );
    }
}
