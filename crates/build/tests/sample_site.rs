//! The sample site: `sample/feed.json` is what the build step makes of the sample posts, and
//! its rankings make sense (a post's most similar posts share its category).

#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

use broadsheet_core::model::parse_json;
use broadsheet_core::similar::{Doc, Index, Weights};
use broadsheet_build::site::{build, read_sources, BuildSettings, Source};
use serde_json::{Map, Value};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The inputs `scripts/sample-feed` gives the build step, in the same order.
fn inputs() -> Vec<PathBuf> {
    let mut posts: Vec<PathBuf> = std::fs::read_dir(root().join("sample/posts"))
        .expect("sample/posts")
        .map(|e| e.expect("entry").path())
        .collect();
    posts.sort();
    posts
}

fn sources() -> (Vec<Source>, Map<String, Value>) {
    let mut all = Vec::new();
    let mut site = Map::new();
    for path in inputs() {
        let feed = parse_json(&std::fs::read_to_string(&path).expect("read")).expect("JSON");
        if site.is_empty() {
            site = feed.as_object().cloned().expect("object");
            site.remove("items");
        }
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        all.extend(read_sources(&feed, |_| format!("posts/{name}"), "posts").expect("feed"));
    }
    (all, site)
}

#[test]
fn sample_feed_is_up_to_date() {
    let (sources, site) = sources();
    let built = build(&sources, &site, &BuildSettings::default(), &|_| {});
    let expected: Value = serde_json::from_str(&built.index).expect("JSON");
    let committed: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("sample/feed.json")).expect("sample/feed.json"),
    )
    .expect("JSON");
    assert!(
        expected == committed,
        "sample/feed.json is stale: run scripts/sample-feed"
    );
}

#[test]
fn sample_rankings_follow_categories() {
    let labels = std::fs::read_to_string(root().join("sample/labels.tsv")).expect("labels");
    let category = |id: &str| -> String {
        if id == "macron-eu-russia-talks" {
            return "europe".into(); // the seed article
        }
        labels
            .lines()
            .find_map(|l| {
                l.split_once('\t')
                    .filter(|(i, _)| *i == id)
                    .map(|(_, c)| c.to_string())
            })
            .unwrap_or_else(|| panic!("no label for {id}"))
    };
    let (sources, _) = sources();
    let docs: Vec<Doc> = sources.iter().map(|s| Doc::from_item(&s.item)).collect();
    let index = Index::build(&docs, Weights::default());
    let mut hits = 0;
    for (d, doc) in docs.iter().enumerate() {
        let first = index.similar_to_indexed(d, 1);
        let same = first
            .first()
            .is_some_and(|m| category(index.id(m.doc)) == category(&doc.id));
        hits += usize::from(same);
        // The two large clusters (5 and 4 posts in one language) must always be right.
        if matches!(category(&doc.id).as_str(), "europe" | "technology") && doc.language == "en" {
            assert!(
                same,
                "{}: most similar is {:?}",
                doc.id,
                first.first().map(|m| index.id(m.doc))
            );
        }
    }
    let precision = hits as f32 / docs.len() as f32;
    // 16 of 17 at the default weights: the miss is the Arabic post, whose text shares nothing
    // with the English ones (it lists its related post in `_article.similar` instead).
    assert!(
        precision >= 0.9,
        "precision@1 over the sample site is {precision:.2}"
    );
}
