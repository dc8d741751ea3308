//! What the browser lends the wasm, checked against Rust: its HTML parser, which reads article
//! bodies for the sanitizer (html5lib's `namedEntities` and `entities` tests, as natively
//! through the core's tokenizer in `crates/core/tests/html5lib.rs`; `tests/e2e.rs` compares
//! every sample post sanitized both ways), grapheme clusters and lower case.

use broadsheet::browser_html;
use broadsheet_core::html::tokenizer::Token;
use broadsheet_core::html::walk::walked_tokens;

use super::*;

/// The case's expected text and attributes, and the browser's, as `(kind, text)` pairs.
fn compare(case: &serde_json::Value) -> Option<String> {
    let input = case["input"].as_str().unwrap_or_default();
    let mut expected = Vec::new();
    for token in case["output"].as_array().into_iter().flatten() {
        match token[0].as_str() {
            Some("Character") => expected.push(token[1].to_string()),
            Some("StartTag") => expected.push(token[2].to_string()),
            _ => {}
        }
    }
    let mut got = Vec::new();
    for token in walked_tokens(&browser_html::walk(input)) {
        match token {
            Token::Text(t) => got.push(serde_json::Value::String(t).to_string()),
            Token::Start { attrs, .. } => {
                let map: serde_json::Map<String, serde_json::Value> = attrs
                    .into_iter()
                    .map(|(n, v)| (n, serde_json::Value::String(v)))
                    .collect();
                got.push(serde_json::Value::Object(map).to_string());
            }
            _ => {}
        }
    }
    (got != expected).then(|| format!("{input:?}: expected {expected:?}, got {got:?}"))
}

#[wasm_bindgen_test]
fn the_browser_reads_every_named_reference_as_html5lib_says() {
    let mut failures = Vec::new();
    let mut cases = 0;
    for file in [
        include_str!("../data/html5lib-tests/tokenizer/namedEntities.test"),
        include_str!("../data/html5lib-tests/tokenizer/entities.test"),
    ] {
        let doc: serde_json::Value = serde_json::from_str(file).expect("JSON");
        for case in doc["tests"].as_array().into_iter().flatten() {
            cases += 1;
            failures.extend(compare(case));
        }
    }
    assert_eq!(cases, 4290);
    assert!(
        failures.is_empty(),
        "{} of {cases} differ:\n{}",
        failures.len(),
        failures
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[wasm_bindgen_test]
fn a_form_that_shadows_its_own_properties_neither_hides_nor_loops() {
    // Each input shadows the form's property of its name (DOM clobbering): read from the
    // node, `attributes` would not be iterable, `nextSibling` would lead back into the form.
    let html = "<p>before</p><form id=f><input name=attributes><input name=nextSibling>\
                <input name=firstChild><input name=localName><input name=nodeType></form>\
                <p>after</p>";
    let out = browser_html::sanitize(html, broadsheet_core::html::SanitizeContext::default());
    assert_eq!(out.html, "<p>before</p><p>after</p>");
}

#[wasm_bindgen_test]
async fn the_browser_segments_graphemes_as_unicode_says() {
    let f = mount_with(&[("data-article-src", &data_url(SEED))]);
    wait_for(&f, "article h1").await;
    let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
    let cases: [(&str, &[&str]); 5] = [
        ("e\u{301}x", &["e\u{301}", "x"]),
        (
            "\u{1F1EB}\u{1F1F7}\u{1F1EF}\u{1F1F5}",
            &["\u{1F1EB}\u{1F1F7}", "\u{1F1EF}\u{1F1F5}"],
        ),
        (family, &[family]),
        (
            "\u{1100}\u{1161}\u{11A8}!",
            &["\u{1100}\u{1161}\u{11A8}", "!"],
        ),
        ("a\r\nb", &["a", "\r\n", "b"]),
    ];
    for (text, expected) in cases {
        assert_eq!(broadsheet_core::text::graphemes(text), expected, "{text:?}");
    }
    // A long title cut for Bluesky never splits a family in two.
    let title = format!("{} {family}{family} end", "word ".repeat(58));
    let post = broadsheet_core::share::bluesky_text(&title, "https://a.example/p");
    assert!(!post.contains('\u{FFFD}'));
    let kept_family = post.matches(family).count();
    let kept_men = post.matches('\u{1F468}').count();
    assert_eq!(kept_family, kept_men, "no family cut apart: {post}");
}

#[wasm_bindgen_test]
async fn the_browser_lowercases_as_rust_does() {
    // Mounting a component installs the browser's `toLowerCase`.
    let f = mount_with(&[("data-article-src", &data_url(SEED))]);
    wait_for(&f, "article h1").await;
    // Every scalar value on its own, in runs of 4,096 (one call each), then the contexts
    // where lower case depends on the neighbours: a final sigma, and İ with its dot.
    let scalars: Vec<char> = (0..=0x10FFFFu32).filter_map(char::from_u32).collect();
    let mut differ: Vec<char> = Vec::new();
    for run in scalars.chunks(4096) {
        let text: String = run.iter().flat_map(|c| [*c, ' ']).collect();
        let (ours, rust) = (broadsheet_core::text::lowercase(&text), text.to_lowercase());
        if ours != rust {
            differ.extend(run.iter().filter(|c| {
                let one = c.to_string();
                broadsheet_core::text::lowercase(&one) != one.to_lowercase()
            }));
        }
    }
    assert!(differ.is_empty(), "lower case differs for {differ:?}");
    for text in ["ΟΔΟΣ", "ΟΔΟΣ.", "Σ", "ΑΣ Β", "İstanbul", "Économie", "ΣΑΣ"] {
        assert_eq!(
            broadsheet_core::text::lowercase(text),
            text.to_lowercase(),
            "{text}"
        );
    }
    // Tags that differ only in case are one tag, in any script.
    let doc = serde_json::json!({"id": "t", "title": "T", "content_text": "x",
        "tags": ["Économie", "ÉCONOMIE", "Ελλάδα", "ΕΛΛΆΔΑ", "économie"]})
    .to_string();
    let g = mount_with(&[("data-article-src", &data_url(&doc))]);
    wait_for(&g, ".bs-tag").await;
    let tags: Vec<String> = all(&g, ".bs-tag").iter().map(text).collect();
    assert_eq!(tags, ["Économie", "Ελλάδα"]);
}
