//! The similar-posts ranking against the rankers it is measured with, on the development
//! corpus (Reuters-21578, 2,284 single-topic ModApte documents of 41 topics, vendored under
//! `tests/data/reuters/`): it must stay ahead of BM25 and TF-IDF, and give the same results on
//! every build.

use broadsheet_build::baselines::{Corpus, Query};
use broadsheet_build::evaluate::{content_precision, labelled_set, precision_at};
use broadsheet_core::similar::synthetic::synthetic;
use broadsheet_core::similar::{Doc, Index, Weights};

fn reuters() -> (Vec<Doc>, Vec<String>) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/reuters/reuters-r41.json"
    );
    labelled_set(path).expect("the development corpus")
}

#[test]
fn ahead_of_bm25_and_tfidf_on_the_development_corpus() {
    let (docs, labels) = reuters();
    assert_eq!((docs.len(), labels.len()), (2284, 2284));
    let corpus = Corpus::new(&docs);
    let bm25 = [Query::Distinct, Query::Whole]
        .into_iter()
        .map(|form| precision_at(3, &labels, |q| corpus.bm25(q, 3, 1.5, 0.75, form)))
        .fold(0.0, f64::max);
    let tfidf = precision_at(3, &labels, |q| corpus.tfidf(q, 3));
    let ours = content_precision(&docs, &labels, 3, Weights::default());
    assert!(ours > bm25 + 0.01, "ours {ours:.3}, BM25 {bm25:.3}");
    assert!(ours > tfidf + 0.01, "ours {ours:.3}, TF-IDF {tfidf:.3}");
}

#[test]
fn rankings_with_latent_vectors_are_the_same_on_every_build() {
    // Enough posts for latent vectors (5 a dimension).
    let docs = synthetic(600);
    let weights = Weights {
        latent_dimensions: 40,
        ..Weights::default()
    };
    let first = Index::build(&docs, weights);
    let second = Index::build(&docs, weights);
    for d in 0..docs.len() {
        assert_eq!(
            first.similar_to_indexed(d, 6),
            second.similar_to_indexed(d, 6),
            "post {d}"
        );
    }
    // And they are not the terms-only rankings: the latent vectors take part.
    let terms_only = Index::build(
        &docs,
        Weights {
            latent_dimensions: 0,
            ..weights
        },
    );
    let differ = (0..docs.len())
        .filter(|&d| first.similar_to_indexed(d, 6) != terms_only.similar_to_indexed(d, 6))
        .count();
    assert!(differ > 0);
}
