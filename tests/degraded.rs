//! The article in a browser without the optional features it uses: `Intl.Segmenter` (grapheme
//! clusters, for counting CJK text and cutting a quoted passage), `Selection.getComposedRanges`
//! and `ShadowRoot.getSelection` (a selection inside an embed's shadow root) and
//! `document.fragmentDirective`. A script run before the page's own removes them; the article
//! must then show as it does with them, and each aid either work without them or stay away,
//! with no error. Run in every engine by `scripts/test`, after `trunk build --release` and
//! `scripts/sample-site`.
//!
//! How each one degrades:
//! - no `Intl.Segmenter`: a code point counts as a grapheme cluster, for the read time (the
//!   component) and for the length of a quoted passage (reader.js); read times of text
//!   without combining sequences, Japanese included, do not change;
//! - no `getComposedRanges` (nor Chromium's older `ShadowRoot.getSelection`): a passage
//!   selected inside a shadow root gets no share controls; in the page's own document it does;
//! - no text fragments: nothing of ours reads `fragmentDirective`; a passage's link still
//!   carries its directive, which such a browser ignores, opening the page at its top.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::Path;

use serde_json::{json, Value};
use support::static_server::StaticServer;
use support::webdriver::Browser;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Run first on every page: removes the features (Firefox defines `Intl`'s members when first
/// read, and a member not yet read comes back after its deletion), and keeps every error the page reports
/// (uncaught, rejected, or caught and logged, as reader.js logs an aid that failed).
const WITHOUT_FEATURES: &str = "
  void Intl.Segmenter;
  delete Intl.Segmenter;
  delete Selection.prototype.getComposedRanges;
  delete ShadowRoot.prototype.getSelection;
  delete Document.prototype.fragmentDirective;
  delete document.fragmentDirective;
  window.pageErrors = [];
  addEventListener('error', (e) => pageErrors.push(String(e.message)));
  addEventListener('unhandledrejection', (e) => pageErrors.push(String(e.reason)));
  const logError = console.error.bind(console);
  console.error = (...args) => { pageErrors.push(args.map(String).join(' ')); logError(...args); };";

/// Whether the features are gone, and what the page reported, as the page's own scripts see
/// them: read by a script of the page (Firefox runs the driver's scripts in a sandbox with
/// its own `Intl`).
const STATE: &str = "const script = document.createElement('script'); \
    script.textContent = `document.documentElement.dataset.degraded = JSON.stringify({ \
      segmenter: 'Segmenter' in Intl, composed: 'getComposedRanges' in Selection.prototype, \
      directives: 'fragmentDirective' in document, errors: window.pageErrors })`; \
    document.head.append(script); script.remove(); \
    return JSON.parse(document.documentElement.dataset.degraded);";

/// Checks the features are gone from the page (so the test tests something) and that it
/// reported no error.
fn assert_degraded_quietly(browser: &Browser, what: &str) {
    let state = browser.run(STATE, json!([]));
    assert_eq!(
        state,
        json!({"segmenter": false, "composed": false, "directives": false, "errors": []}),
        "{what}"
    );
}

/// In the document or the shadow root of the element with id `arguments[0]`: the article's
/// title, its read time, whether its share section's copy link shows, the time-left label, and
/// the passage controls' link to X.
const ARTICLE: &str = "const root = arguments[0] ? document.getElementById(arguments[0]).shadowRoot : document; \
     if (!root) return null; \
     const read = root.querySelector('time.bs-read-time'); \
     const copy = root.querySelector('.bs-share-list [data-share=copy]'); \
     const label = root.querySelector('.bs-progress-left'); \
     const quote = root.querySelector('.bs-body > .bs-quote a[data-network=x]'); \
     return { title: root.querySelector('h1')?.textContent, read: read && read.getAttribute('datetime'), \
       copy: !!copy && !copy.parentElement.hidden, left: label && label.textContent, x: quote && quote.href };";

fn article(browser: &Browser, host: Option<&str>) -> Value {
    browser.run(ARTICLE, json!([host]))
}

/// Waits until the article in the document (or in `host`'s shadow root) is painted and its
/// reading aids are running (the time-left label has its text).
fn wait_for_aids(browser: &Browser, host: Option<&str>) -> Value {
    browser.wait(
        &format!(
            "const a = (function () {{ {ARTICLE} }})({}); return a && a.left && a;",
            host.map_or("null".to_string(), |h| format!("'{h}'"))
        ),
        20,
    )
}

/// Waits for the passage controls in the document, and checks their link to X carries
/// `shared` (a passage's link or its directive).
fn assert_shared(browser: &Browser, shared: &str) {
    let shown = browser.wait(
        &format!("const a = (function () {{ {ARTICLE} }})(null); return a.x && a;"),
        10,
    );
    let encoded = broadsheet_core::share::encode_component(shared);
    assert!(
        shown["x"].as_str().is_some_and(|x| x.contains(&encoded)),
        "{shown}\nshould carry {shared}"
    );
}

#[test]
#[ignore = "needs `trunk build --release` first; scripts/test runs it"]
fn the_component_without_optional_features_in_the_page_and_in_shadow_roots() {
    use broadsheet_core::text_fragment::text_directive;

    assert!(
        root().join("dist/index.html").is_file(),
        "no release build in dist/: run `trunk build --release` first"
    );
    // The Japanese sample, counted by characters: its read time is the same with the
    // features and without.
    let page = "dist/?article=sample/posts/webassembly-adoption-japan.json";
    let with = {
        let server = StaticServer::start(root(), &[]);
        let browser = Browser::start();
        browser.goto(&format!("{}/{page}", server.origin));
        wait_for_aids(&browser, None)
    };
    let server = StaticServer::with_prelude(root(), WITHOUT_FEATURES);
    let browser = Browser::start();
    browser.resize(1280, 800);
    browser.goto(&format!("{}/{page}", server.origin));
    let without = wait_for_aids(&browser, None);
    assert_eq!(without["title"], with["title"]);
    assert!(
        without["read"]
            .as_str()
            .is_some_and(|r| r.starts_with("PT")),
        "{without}"
    );
    assert_eq!(without["read"], with["read"], "the same read time");
    assert_eq!(without["copy"], true, "copy link shows: {without}");
    assert_degraded_quietly(&browser, "the Trunk app, in Japanese");

    // In the page's own document, a selected passage gets its controls, its link carrying the
    // directive the native code writes.
    browser.goto(&format!(
        "{}/dist/?article=sample/posts/eu-weighs-envoy-for-russia-talks.json",
        server.origin
    ));
    wait_for_aids(&browser, None);
    let passage = browser.select_a_passage(None);
    assert_shared(&browser, &text_directive(&passage).expect("a directive"));
    assert_degraded_quietly(&browser, "the Trunk app");

    // Embedded in shadow roots: each article shows with its share section and its time left;
    // a passage selected inside one gets no controls, the page not being able to see it.
    browser.goto(&format!("{}/examples/two-articles.html", server.origin));
    for host in ["first", "second"] {
        let shown = wait_for_aids(&browser, Some(host));
        assert_eq!(shown["copy"], true, "{host}: {shown}");
    }
    browser.select_a_passage(Some("first"));
    browser.frames(4);
    assert_eq!(article(&browser, Some("first"))["x"], Value::Null);
    assert_degraded_quietly(&browser, "two articles in shadow roots");
}

#[test]
#[ignore = "needs scripts/sample-site first; scripts/test runs it"]
fn a_prerendered_page_without_optional_features() {
    use broadsheet_core::text_fragment::link_to_passage;

    let site = root().join("target/sample-site");
    assert!(
        site.join("index.html").is_file(),
        "no sample site in target/sample-site: run scripts/sample-site first"
    );
    let server = StaticServer::with_prelude(&site, WITHOUT_FEATURES);
    let browser = Browser::start();
    browser.resize(1280, 800);
    browser.goto(&format!("{}/posts/macron-eu-russia-talks/", server.origin));
    let shown = wait_for_aids(&browser, None);
    assert_eq!(shown["copy"], true, "copy link shows: {shown}");
    // A selected passage gets its controls, with a link to it as the native code writes it.
    let passage = browser.select_a_passage(None);
    let expected = link_to_passage(
        "https://broadsheet.example/posts/macron-eu-russia-talks/",
        &passage,
    );
    assert_shared(&browser, &expected);
    assert_degraded_quietly(&browser, "a prerendered page");
}
