//! Measuring ranking quality: precision@k against category labels, and the tags-only baseline
//! it is compared with (Hugo's default related content: shared tags, newest first on ties).

use broadsheet_core::model::{index_entries, index_from_value, parse_json};
use broadsheet_core::read_time::{estimate, ReadTimeConfig, ReadTimeInput};
use broadsheet_core::similar::tokenize::top_terms;
use broadsheet_core::similar::{Doc, Index, Weights};
use serde_json::json;

use crate::site::card::{Card, CardExt};
use crate::site::prepare::first_words;
use crate::site::settings::index_terms_for;
use crate::site::{INDEX_TERMS, INDEX_WORDS};

/// The `n` posts sharing most tags with post `query` (at least one), ties to the newer post,
/// then to the smaller id.
pub fn tags_only(docs: &[Doc], query: usize, n: usize) -> Vec<usize> {
    let lower = |d: &Doc| -> Vec<String> { d.tags.iter().map(|t| t.to_lowercase()).collect() };
    let q = lower(&docs[query]);
    let mut scored: Vec<(usize, usize)> = docs
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != query)
        .map(|(i, d)| (i, lower(d).iter().filter(|t| q.contains(t)).count()))
        .filter(|(_, shared)| *shared > 0)
        .collect();
    scored.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| docs[b.0].published.cmp(&docs[a.0].published))
            .then_with(|| docs[a.0].id.cmp(&docs[b.0].id))
    });
    scored.into_iter().take(n).map(|(i, _)| i).collect()
}

/// Mean precision@k: for each post, the share of its top `k` results with its own label; a
/// missing result counts as a miss.
pub fn precision_at(k: usize, labels: &[String], rank: impl Fn(usize) -> Vec<usize>) -> f64 {
    if labels.is_empty() || k == 0 {
        return 0.0;
    }
    let total: f64 = (0..labels.len())
        .map(|q| {
            let hits = rank(q)
                .iter()
                .take(k)
                .filter(|&&d| labels[d] == labels[q])
                .count();
            hits as f64 / k as f64
        })
        .sum();
    total / labels.len() as f64
}

/// Precision@k of the content ranking with `weights` over `docs`.
pub fn content_precision(docs: &[Doc], labels: &[String], k: usize, weights: Weights) -> f64 {
    index_precision(&Index::build(docs, weights), labels, k)
}

/// Precision@k of the ranking of `index`, whose posts have `labels`.
pub fn index_precision(index: &Index, labels: &[String], k: usize) -> f64 {
    precision_at(k, labels, |q| {
        index
            .similar_to_indexed(q, k)
            .iter()
            .map(|m| m.doc)
            .collect()
    })
}

/// A labelled set: the posts of the JSON Feed at `path`, as the ranking sees them, and each
/// one's category (its `_bench.category`).
pub fn labelled_set(path: &str) -> Result<(Vec<Doc>, Vec<String>), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let feed = parse_json(&text).map_err(|e| e.to_string())?;
    let entries = index_entries(&feed, None).map_err(|e| e.to_string())?;
    let labels = entries
        .iter()
        .map(|(raw, _)| {
            raw["_bench"]["category"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    let docs = entries
        .iter()
        .map(|(_, item)| Doc::from_item(item))
        .collect();
    Ok((docs, labels))
}

/// The corpora of the "Similar Posts" suite, by name and path from the repository's root: none
/// written by this project, each labelled (`_bench.category`); where each comes from, and its
/// licence, is in `tests/data/suite/README.md`.
pub const SUITE: [(&str, &str); 6] = [
    (
        "Reuters-21578 (newswire)",
        "tests/data/reuters/reuters-r41.json",
    ),
    ("AG's News (short news)", "tests/data/suite/agnews.json"),
    (
        "3GPP mailing lists (long posts, quotes, signatures)",
        "tests/data/suite/mailing-lists.json",
    ),
    (
        "Linux and other mailing lists (discussions, quotes, signatures)",
        "tests/data/suite/lists.json",
    ),
    (
        "Stack Exchange (Q&A, real titles, tags)",
        "tests/data/suite/stackexchange.json",
    ),
    ("livedoor news (Japanese)", "tests/data/suite/livedoor.json"),
];

/// How the posts of a corpus are titled in a variant of the suite.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Titles {
    /// As the corpus gives them.
    AsGiven,
    /// None.
    Without,
    /// The opening words of the body: [`OPENING_WORDS`] words, at most [`OPENING_CHARS`]
    /// characters (so that a script without spaces gets a title of a usual length too).
    Opening,
}

/// Words and characters of a title that repeats the opening words ([`Titles::Opening`]).
pub const OPENING_WORDS: usize = 8;
/// See [`OPENING_WORDS`].
pub const OPENING_CHARS: usize = 40;

impl Titles {
    /// The three variants, in the order the suite reports them.
    pub const ALL: [Titles; 3] = [Titles::AsGiven, Titles::Without, Titles::Opening];

    /// As the tables name it.
    pub fn name(self) -> &'static str {
        match self {
            Titles::AsGiven => "titles as given",
            Titles::Without => "no titles",
            Titles::Opening => "titles = opening words",
        }
    }

    /// `docs` titled this way.
    pub fn apply(self, docs: &[Doc]) -> Vec<Doc> {
        docs.iter()
            .map(|d| Doc {
                title: match self {
                    Titles::AsGiven => d.title.clone(),
                    Titles::Without => String::new(),
                    Titles::Opening => opening_words(&d.body),
                },
                ..d.clone()
            })
            .collect()
    }
}

/// The first [`OPENING_WORDS`] words of `body`, cut to [`OPENING_CHARS`] characters.
pub fn opening_words(body: &str) -> String {
    let words = body
        .split_whitespace()
        .take(OPENING_WORDS)
        .collect::<Vec<_>>()
        .join(" ");
    words.chars().take(OPENING_CHARS).collect()
}

/// The trimmed index the browser ranks from: each post's title, tags and excerpt (its
/// [`INDEX_WORDS`] first words), its [`INDEX_TERMS`] most frequent terms written to
/// `_article.terms` (more without a latent vector, as the build step writes them:
/// `CardExt::set_terms`), and the first `dimensions` of its latent vector in `built` (the
/// build step's index of `docs`) written to `_article.latent`, read back as the browser reads
/// them; with the mean length of an entry of the index, in bytes.
pub fn as_in_site_index(docs: &[Doc], built: &Index, dimensions: usize) -> (Vec<Doc>, usize) {
    let mut bytes = 0;
    let count = docs.len().max(1);
    let docs = docs
        .iter()
        .enumerate()
        .map(|(d, doc)| {
            // The terms and latent vector as the build step gives them to the post's card.
            let mut ext = CardExt::default();
            ext.set_terms(
                &top_terms(&doc.body, &doc.language, usize::MAX),
                index_terms_for(&doc.language, INDEX_TERMS),
            );
            ext.latent = built.latent_code(d, dimensions);
            ext.src = format!("posts/{}.json", doc.id);
            let body = ReadTimeInput {
                prose: &doc.body,
                language: Some(&doc.language),
                ..Default::default()
            };
            ext.read_time = estimate(&body, &ReadTimeConfig::default()).seconds;
            // The entry as the build step writes it (a card), with its post's address.
            let card = Card {
                ext,
                banner_image: None,
                content_text: Some(first_words(&doc.body, INDEX_WORDS)),
                date_published: None,
                id: doc.id.clone(),
                image: None,
                language: Some(doc.language.clone()),
                summary: None,
                tags: (!doc.tags.is_empty()).then(|| doc.tags.clone()),
                // An untitled post has no title in the index.
                title: (!doc.title.is_empty()).then(|| doc.title.clone()),
                url: Some(format!("https://example.com/{}/", doc.id)),
            };
            let entry = serde_json::to_value(&card).unwrap_or_default();
            bytes += entry.to_string().len();
            let entry = json!({ "items": [entry] });
            let read = index_from_value(&entry, None)
                .ok()
                .and_then(|mut items| items.pop())
                .map(|item| Doc::from_item(&item))
                .unwrap_or_default();
            Doc {
                title: read.title,
                tags: read.tags,
                body: String::new(),
                terms: read.terms,
                latent: read.latent,
                ..doc.clone()
            }
        })
        .collect();
    (docs, bytes / count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, tags: &[&str], day: i64) -> Doc {
        Doc {
            id: id.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            published: Some(day),
            ..Default::default()
        }
    }

    #[test]
    fn tags_only_counts_shared_tags_then_prefers_newer() {
        let docs = vec![
            doc("q", &["a", "b"], 0),
            doc("one-old", &["a"], 1),
            doc("two", &["A", "b"], 0),
            doc("one-new", &["b"], 5),
            doc("none", &["c"], 9),
        ];
        assert_eq!(tags_only(&docs, 0, 5), [2, 3, 1]);
    }

    #[test]
    fn precision_counts_misses() {
        let labels: Vec<String> = ["x", "x", "y", "y"].iter().map(|s| s.to_string()).collect();
        assert_eq!(precision_at(1, &labels, |q| vec![q ^ 1]), 1.0);
        assert_eq!(precision_at(2, &labels, |q| vec![q ^ 1]), 0.5);
        assert_eq!(precision_at(1, &labels, |_| vec![]), 0.0);
    }

    #[test]
    fn opening_words_make_a_title_of_a_usual_length() {
        assert_eq!(
            opening_words("One two three four five six seven eight nine ten"),
            "One two three four five six seven eight"
        );
        assert_eq!(
            opening_words(&"語".repeat(100)).chars().count(),
            OPENING_CHARS
        );
        let docs = vec![Doc {
            title: "Given".into(),
            body: "Body text".into(),
            ..Default::default()
        }];
        assert_eq!(Titles::Without.apply(&docs)[0].title, "");
        assert_eq!(Titles::Opening.apply(&docs)[0].title, "Body text");
        assert_eq!(Titles::AsGiven.apply(&docs)[0].title, "Given");
    }
}
