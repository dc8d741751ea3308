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

/// A site large enough for latent vectors (800 stories of the development corpus): the site
/// index carries each post's (`_article.latent`), and the browser, ranking from that index,
/// finds more of the build step's lists than from the index's terms alone.
#[test]
fn the_site_index_carries_latent_vectors_that_the_browser_ranks_with() {
    use broadsheet_build::site::{build_site, BuildSettings, Input, Mode, SiteOverrides};
    use broadsheet_build::sources::Format;
    use broadsheet_core::model::{parse_article, parse_index, SimilarRef};
    use broadsheet_core::similar::latent_code::{decode, INDEX_DIMENSIONS};
    use broadsheet_core::similar::pick::{Site, SiteBuilder};

    let scratch = tempfile::Builder::new()
        .prefix("broadsheet-latent-")
        .tempdir()
        .expect("scratch");
    let posts = scratch.path().join("posts");
    std::fs::create_dir_all(&posts).expect("posts");
    for d in reuters().0.iter().take(800) {
        let title = d.title.replace(['"', '\\'], "");
        let text = format!("---\ntitle: \"{title}\"\n---\n\n{}\n", d.body);
        std::fs::write(posts.join(format!("{}.md", d.id)), text).expect("post");
    }
    let out = scratch.path().join("site");
    build_site(
        &[Input {
            path: posts,
            format: Format::Markdown,
            base: String::new(),
        }],
        &out,
        Mode::Site,
        &BuildSettings::default(),
        &SiteOverrides::default(),
        &|_, _, _| {},
    )
    .expect("builds");

    let index_text = std::fs::read_to_string(out.join("feed.json")).expect("index");
    let items = parse_index(&index_text, None).expect("index");
    assert_eq!(items.len(), 800);
    for item in &items {
        let code = item.latent.as_deref().expect("a latent vector");
        assert_eq!(decode(code).len(), INDEX_DIMENSIONS, "{}", item.id);
    }
    // The browser's sites (which find no latent directions of their own): the index as it is,
    // and without its latent vectors.
    let site_of = |keep_latent: bool| {
        let mut site = SiteBuilder::new(Weights::from_site_index());
        for item in &items {
            let mut item = item.clone();
            if !keep_latent {
                item.latent = None;
            }
            site.add(item);
        }
        site.finish()
    };
    let (with, without) = (site_of(true), site_of(false));
    // How many of the build step's listed posts the browser finds, over 200 posts.
    let (mut found_with, mut found_without, mut listed) = (0, 0, 0);
    for item in items.iter().take(200) {
        let src = item.src.as_ref().expect("src").as_str();
        let json = std::fs::read_to_string(out.join(src)).expect("article JSON");
        let mut article = parse_article(&json, None).expect("article").item;
        let list: Vec<String> = article
            .similar
            .take()
            .expect("a list")
            .iter()
            .map(|r| match r {
                SimilarRef::Id(id) => id.clone(),
                SimilarRef::Item(item) => item.id.clone(),
            })
            .collect();
        let found = |site: &Site| {
            site.similar_to(&article, list.len())
                .iter()
                .filter(|i| list.contains(&i.id))
                .count()
        };
        listed += list.len();
        found_with += found(&with);
        found_without += found(&without);
    }
    println!("of {listed} listed: {found_with} with latent vectors, {found_without} without");
    assert!(
        found_with > found_without + listed / 20,
        "of {listed}: {found_with} with, {found_without} without"
    );
}
