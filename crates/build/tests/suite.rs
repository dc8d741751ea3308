//! The "Similar Posts" suite (`tests/data/suite/`, `broadsheet-bench suite`): every corpus
//! loads with enough labelled posts, its title variants are what they say, and a ranker's
//! figures on it are computed and well above chance.

use broadsheet_build::baselines::{Corpus, Query};
use broadsheet_build::evaluate::{labelled_set, precision_at, Titles, OPENING_CHARS, SUITE};

#[test]
fn every_corpus_loads_with_labelled_posts_and_bm25_beats_chance() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");
    assert!(SUITE.len() >= 5);
    for (name, path) in SUITE {
        let (docs, labels) = labelled_set(&format!("{root}{path}")).expect(name);
        assert!(docs.len() >= 150, "{name}: {} posts", docs.len());
        assert!(
            labels.iter().all(|l| !l.is_empty()),
            "{name}: a post without a label"
        );
        let mut counts = std::collections::BTreeMap::<&str, usize>::new();
        for l in &labels {
            *counts.entry(l).or_default() += 1;
        }
        assert!(counts.len() >= 4, "{name}: {} labels", counts.len());
        assert!(counts.values().all(|&n| n >= 5), "{name}: {counts:?}");
        assert!(
            docs.iter().all(|d| !d.body.is_empty()),
            "{name}: an empty post"
        );
        assert!(
            docs.iter().all(|d| !d.title.is_empty()),
            "{name}: an untitled post"
        );
        // The variants.
        assert!(Titles::Without
            .apply(&docs)
            .iter()
            .all(|d| d.title.is_empty()));
        for (opened, doc) in Titles::Opening.apply(&docs).iter().zip(&docs) {
            assert!(opened.title.chars().count() <= OPENING_CHARS);
            let words = doc.body.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(words.starts_with(&opened.title), "{name}: {}", opened.title);
        }
        // Chance: the share of other posts with a post's label.
        let n = docs.len() as f64;
        let chance = counts
            .values()
            .map(|&c| c as f64 * (c as f64 - 1.0))
            .sum::<f64>()
            / (n * (n - 1.0));
        let corpus = Corpus::new(&docs);
        let bm25 = precision_at(3, &labels, |q| corpus.bm25(q, 3, 1.5, 0.75, Query::Whole));
        assert!(
            bm25 > chance + 0.2,
            "{name}: BM25 P@3 {bm25:.3}, chance {chance:.3}"
        );
    }
}
