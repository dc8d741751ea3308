//! The model reads a document through the browser's `JSON.parse` (`broadsheet::json`) as it
//! reads it through serde_json natively: every sample post, the sample site index, and
//! documents with the wrong types in every field the model reads.

use super::*;
use broadsheet::json;
use broadsheet_core::model::{
    article_from_value, index_from_value, parse_article, parse_index, Article, Item, ModelError,
};

/// Each sample post, by name.
const POSTS: &[(&str, &str)] = &[
    (
        "alzheimers",
        include_str!("../../sample/posts/alzheimers-drug-trial-blood-biomarkers.json"),
    ),
    (
        "blood-test",
        include_str!("../../sample/posts/blood-test-alzheimers-early-detection.json"),
    ),
    (
        "fingerprinting",
        include_str!("../../sample/posts/browser-fingerprinting-privacy.json"),
    ),
    (
        "envoy",
        include_str!("../../sample/posts/eu-weighs-envoy-for-russia-talks.json"),
    ),
    (
        "heatwave",
        include_str!("../../sample/posts/europe-heatwave-power-grids.json"),
    ),
    (
        "defence",
        include_str!("../../sample/posts/france-uk-defence-cooperation.json"),
    ),
    (
        "gulf-solar",
        include_str!("../../sample/posts/gulf-solar-energy-expansion.json"),
    ),
    (
        "inp",
        include_str!("../../sample/posts/interaction-to-next-paint-web-performance.json"),
    ),
    (
        "nato",
        include_str!("../../sample/posts/nato-eastern-flank-readiness.json"),
    ),
    (
        "north-sea",
        include_str!("../../sample/posts/north-sea-offshore-wind-grid.json"),
    ),
    (
        "tutorial",
        include_str!("../../sample/posts/rust-wasm-reading-time-tutorial.json"),
    ),
    ("seed", include_str!("../../sample/posts/seed-article.json")),
    (
        "storage",
        include_str!("../../sample/posts/southern-europe-battery-storage-solar.json"),
    ),
    (
        "rocky",
        include_str!("../../sample/posts/space-telescope-rocky-planet-atmosphere.json"),
    ),
    (
        "sub-neptune",
        include_str!("../../sample/posts/space-telescope-sub-neptune-atmosphere.json"),
    ),
    (
        "ceasefire",
        include_str!("../../sample/posts/ukraine-ceasefire-talks-framework.json"),
    ),
    (
        "japan",
        include_str!("../../sample/posts/webassembly-adoption-japan.json"),
    ),
];

/// Documents whose fields have the wrong types, or edge values, for what the model reads.
/// (Two differences are known and left out: a whole number written with a fraction, `12.0`,
/// is a float to serde_json and whole to `JSON.parse`; an integer id above 2^53 is exact to
/// serde_json and rounded by `JSON.parse`.)
const ODD: &[&str] = &[
    r#"{"id": 12, "content_text": "Whole id."}"#,
    r#"{"id": -3, "content_text": "Negative id."}"#,
    r#"{"id": 1.5, "content_text": "Fractional id."}"#,
    r#"{"id": "  ", "content_text": "Blank id."}"#,
    r#"{"id": null, "content_text": "Null id."}"#,
    r#"{"id": ["a"], "content_text": "Array id."}"#,
    r#"{"id": "a", "content_html": 5, "content_text": "Body of the wrong type first."}"#,
    r#"{"items": [1, "x", null, [], {"id": "a"}, {"id": "b", "content_text": "Second."}]}"#,
    r#"{"items": {"id": "a", "content_text": "Not an array."}}"#,
    r#"{"title": "No items"}"#,
    r#"[{"id": "a", "content_text": "An array."}]"#,
    r#""a string""#,
    "null",
    "\u{FEFF}{\"id\": \"bom\", \"content_text\": \"After a byte-order mark.\"}",
    "{\"id\": ",
    r##"{"__proto__": {"id": "p"}, "id": "x", "content_text": "Odd fields.",
        "title": {"t": 1}, "summary": ["s"], "url": 7, "image": "javascript:alert(1)",
        "tags": ["A", "a", "#b", 3, null, "  "], "language": "de-DE",
        "authors": [{"name": " N "}, "x", {"name": ""}, {"name": "M", "url": "/m"}],
        "date_published": "2026-01-02T03:04:05Z", "date_modified": 5,
        "_article": {"read_time": 12, "terms": 4, "image_alt": ["x"], "src": "https://a.example/x.json",
          "similar": ["s1", {"id": "s2", "title": "S2"}, 5, "", {"title": "no id"}],
          "share": {"hashtags": ["a b", 1], "via": "@v", "text": null}}}"##,
    r#"{"title": "Site", "language": "fr", "authors": [{"name": "Feed author"}],
        "items": [{"id": "i", "content_text": "Inherits.", "authors": "nobody"}]}"#,
    r#"{"_article": {"read_time": -1}, "id": "neg", "content_text": "Negative read time."}"#,
];

fn in_browser(text: &str) -> Result<Article, ModelError> {
    article_from_value(json::parse(text)?, None)
}

fn index_in_browser(text: &str) -> Result<Vec<Item>, ModelError> {
    index_from_value(json::parse(text)?, None)
}

/// Equal, but for the parser's message on text that is not JSON.
fn same<T: PartialEq + std::fmt::Debug>(
    a: &Result<T, ModelError>,
    b: &Result<T, ModelError>,
) -> bool {
    match (a, b) {
        (Err(ModelError::NotJson(_)), Err(ModelError::NotJson(_))) => true,
        _ => a == b,
    }
}

#[wasm_bindgen_test]
fn the_model_reads_json_parse_as_it_reads_serde_json() {
    let mut wrong = Vec::new();
    for (name, text) in POSTS.iter().copied().chain(ODD.iter().map(|t| ("odd", *t))) {
        let (browser, native) = (in_browser(text), parse_article(text, None));
        if !same(&browser, &native) {
            wrong.push(format!(
                "{name} {text:.60}: browser {browser:?}\nnative {native:?}"
            ));
        }
        let (browser, native) = (index_in_browser(text), parse_index(text, None));
        if !same(&browser, &native) {
            wrong.push(format!(
                "{name} as an index: browser {browser:?}\nnative {native:?}"
            ));
        }
    }
    let feed = include_str!("../../sample/feed.json");
    let browser = index_in_browser(feed);
    assert!(
        browser.as_ref().is_ok_and(|items| items.len() > 10),
        "{browser:?}"
    );
    if !same(&browser, &parse_index(feed, None)) {
        wrong.push("sample/feed.json".into());
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}
