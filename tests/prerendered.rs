//! The prerendered sample site (`scripts/sample-site`, in `target/sample-site`) in headless
//! Chromium over WebDriver: with scripts off every page shows its article, read time, share
//! links and cards and passes axe-core (WCAG 2.2 A/AA) light and dark; with scripts on copy
//! link works, also under the strict Content-Security-Policy, and the console stays clean;
//! and the prerendered article is the one the browser component renders from the same JSON.
//! Run by `scripts/test` after the sample site and the release build are built.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use support::axe;
use support::chromium::dump_dom_logged;
use support::static_server::StaticServer;
use support::webdriver::Browser;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn site() -> PathBuf {
    let site = root().join("target/sample-site");
    assert!(
        site.join("index.html").is_file(),
        "no sample site in target/sample-site: run scripts/sample-site first"
    );
    site
}

/// Every page of the site, as paths from its root: the list of posts, then each post.
fn pages(site: &Path) -> Vec<String> {
    let mut posts: Vec<String> = std::fs::read_dir(site.join("posts"))
        .expect("posts")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .map(|slug| format!("posts/{slug}/"))
        .collect();
    posts.sort();
    let mut all = vec![String::new()];
    all.extend(posts);
    all
}

/// The policy the README tells publishers to send.
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
                   img-src 'self' https: data:; object-src 'none'; base-uri 'none'";

/// What a reader sees of the page, and whether a button that needs script shows.
const SEEN: &str = "const visible = e => e && e.getClientRects().length > 0; \
     const all = s => [...document.querySelectorAll(s)]; \
     return { title: document.querySelector('h1')?.textContent, \
       read: document.querySelector('time.bs-read-time')?.getAttribute('datetime'), \
       readText: document.querySelector('time.bs-read-time')?.textContent, \
       links: all('a.bs-share-control').filter(visible).map(a => a.dataset.network), \
       deadButtons: all('.bs button').filter(visible).length, \
       cards: all('a.bs-card-link').filter(visible).map(a => a.getAttribute('href')), \
       images: all('img').map(i => [i.getAttribute('src'), i.complete && i.naturalWidth]) };";

#[test]
#[ignore = "needs scripts/sample-site first; scripts/test runs it"]
fn with_scripts_off_every_page_shows_everything() {
    let site = site();
    let server = StaticServer::start(&site, &[]);
    let browser = Browser::start();
    browser.page_scripts(false);
    for page in pages(&site) {
        browser.goto(&format!("{}/{page}", server.origin));
        let seen = browser.run(SEEN, json!([]));
        let at = format!("{page:?}");
        assert!(
            seen["title"].as_str().is_some_and(|t| !t.is_empty()),
            "{at}: no title: {seen}"
        );
        assert_eq!(
            seen["deadButtons"], 0,
            "{at}: a button that needs script shows"
        );
        let cards = seen["cards"].as_array().map_or(0, Vec::len);
        if page.is_empty() {
            assert_eq!(cards, pages(&site).len() - 1, "{at}: every post listed");
        } else {
            assert!(
                seen["read"].as_str().is_some_and(|d| d.starts_with("PT")),
                "{at}: no read time: {seen}"
            );
            let links = seen["links"].as_array().map_or(0, Vec::len);
            assert!(links >= 7, "{at}: share links: {seen}");
            assert!(cards >= 1, "{at}: no similar posts: {seen}");
        }
        if page == "posts/macron-eu-russia-talks/" {
            assert_eq!(seen["readText"], "3 minutes, 20 seconds read", "{seen}");
        }
        for image in seen["images"].as_array().into_iter().flatten() {
            // Lazy card images below the fold may not have loaded; those that did, did.
            assert!(image[1] != json!(0), "{at}: an image failed: {image}");
        }
    }
}

#[test]
#[ignore = "needs scripts/sample-site first; scripts/test runs it"]
fn without_its_script_every_page_passes_axe_light_and_dark() {
    // axe-core needs timers, which a page with scripting disabled does not run; a policy that
    // allows no script at all keeps the page's own script out just the same, and leaves the
    // driver's alone.
    let site = site();
    let server = StaticServer::start(&site, &[("Content-Security-Policy", "script-src 'none'")]);
    let browser = Browser::start();
    let mut report = Vec::new();
    for scheme in ["light", "dark"] {
        browser.color_scheme(scheme);
        for page in pages(&site) {
            browser.goto(&format!("{}/{page}", server.origin));
            let seen = browser.run(SEEN, json!([]));
            assert_eq!(seen["deadButtons"], 0, "{page:?}: the page's script ran");
            let violations = axe::violations(&browser);
            if !violations.is_empty() {
                report.push(format!("{page:?} ({scheme}): {}", Value::Array(violations)));
            }
        }
    }
    assert!(report.is_empty(), "axe violations:\n{}", report.join("\n"));
}

#[test]
#[ignore = "needs scripts/sample-site first; scripts/test runs it"]
fn cards_and_pages_link_to_each_other_without_scripts() {
    let site = site();
    let server = StaticServer::start(&site, &[]);
    let browser = Browser::start();
    browser.page_scripts(false);
    browser.goto(&format!("{}/", server.origin));
    // The list of posts, a card, the post's site name back home: plain links all the way.
    browser.run(
        "document.querySelector('a.bs-card-link').click();",
        json!([]),
    );
    let title = browser.wait(
        "return location.pathname.startsWith('/posts/') && document.querySelector('h1.bs-title')?.textContent;",
        10,
    );
    browser.run(
        "document.querySelector('a.bs-card-link').click();",
        json!([]),
    );
    let next = browser.wait(
        &format!(
            "const h = document.querySelector('h1.bs-title'); return h && h.textContent !== {title} && h.textContent;"
        ),
        10,
    );
    assert_ne!(title, next);
    browser.run("document.querySelector('.bs-site a').click();", json!([]));
    browser.wait("return location.pathname === '/';", 10);
}

#[test]
#[ignore = "needs scripts/sample-site first; scripts/test runs it"]
fn with_scripts_copy_link_works_under_the_strict_policy() {
    let site = site();
    let server = StaticServer::start(&site, &[("Content-Security-Policy", CSP)]);
    let browser = Browser::start();
    let page = format!("{}/posts/macron-eu-russia-talks/", server.origin);
    browser.cdp(
        "Browser.grantPermissions",
        json!({"origin": server.origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]}),
    );
    browser.goto(&page);
    let copy = "li:not([hidden]) > button[data-share=copy]";
    browser.wait(&format!("return document.querySelector('{copy}');"), 10);
    // Native share shows only where the browser can share (not in headless Chromium on Linux).
    let native = browser.run(
        "return [!!document.querySelector('li:not([hidden]) > button[data-share=native]'), \
                 typeof navigator.canShare === 'function'];",
        json!([]),
    );
    assert_eq!(
        native[0], native[1],
        "native share follows navigator.canShare: {native}"
    );
    browser.run(
        &format!("document.querySelector('{copy}').click();"),
        json!([]),
    );
    let status = browser.wait(
        "return document.querySelector('.bs-share-status').textContent.trim();",
        10,
    );
    assert_eq!(status, "Link copied");
    let copied = browser.run_async(
        "const done = arguments[arguments.length - 1]; \
         navigator.clipboard.readText().then(done, e => done('unreadable: ' + e));",
        json!([]),
    );
    assert_eq!(
        copied, "https://broadsheet.example/posts/macron-eu-russia-talks/",
        "the page's canonical address is on the clipboard"
    );

    // The console of every page, scripts on and the policy in force: nothing to report.
    for path in pages(&site) {
        let (dom, log) = dump_dom_logged(&format!("{}/{path}", server.origin), 3_000);
        assert!(dom.contains("</h1>"), "{path}: no page");
        let noise: Vec<&str> = log
            .lines()
            .filter(|l| {
                l.contains("CONSOLE")
                    || l.contains("Content Security Policy")
                    || l.contains("Failed to load")
                    || l.contains("Uncaught")
            })
            .collect();
        assert!(
            noise.is_empty(),
            "{path}: the console says:\n{}",
            noise.join("\n")
        );
        if !path.is_empty() {
            assert!(
                dom.contains(r#"<li><button type="button" data-share="copy""#),
                "{path}: the enhancement script did not show copy link"
            );
        }
    }
}

/// A description of the markup of `arguments[0]` as a reader's browser has it: elements with
/// their attributes (addresses resolved; ids, and what refers to them, fragment links
/// included, without their instance prefix), text with runs of white space collapsed; comments and white space between
/// elements left out. Inside `.bs-card`, the card's link is left out.
const DESCRIBE: &str = "
  const describe = (node) => {
    if (node.nodeType === 3) return node.data.trim() ? node.data.replace(/\\s+/g, ' ') : '';
    if (node.nodeType !== 1) return '';
    const attrs = [...node.attributes].map(a => {
      let v = a.value;
      if (a.name === 'href' || a.name === 'src') v = node[a.name];
      if (a.name === 'href' && a.value.startsWith('#')) v = '#' + a.value.slice(1).replace(/^[a-z]+\\d*-/, '');
      if (a.name === 'id' || a.name === 'aria-labelledby') v = v.replace(/^[a-z]+\\d*-/, '');
      if (a.name === 'href' && node.matches('.bs-card-link')) v = '(link)';
      return `${a.name}=\"${v}\"`;
    }).sort().join(' ');
    return `<${node.localName} ${attrs}>${[...node.childNodes].map(describe).join('')}</${node.localName}>`;
  };
  const cards = {};
  for (const card of document.querySelectorAll('.bs-similar .bs-card')) {
    cards[card.querySelector('.bs-card-link').textContent] = describe(card);
  }
  return { article: describe(document.querySelector('.bs-article')), cards };";

#[test]
#[ignore = "needs scripts/sample-site and `trunk build --release` first; scripts/test runs it"]
fn the_prerendered_article_is_the_one_the_browser_renders() {
    let site = site();
    let dist = root().join("dist");
    assert!(
        dist.join("index.html").is_file(),
        "no release build in dist/"
    );
    // The browser component reads the site's own article JSON, from the site's server.
    let prerendered = StaticServer::start(&site, &[("Access-Control-Allow-Origin", "*")]);
    let app = StaticServer::start(&dist, &[]);
    let browser = Browser::start();
    let mut checked = 0;
    for page in pages(&site).into_iter().filter(|p| !p.is_empty()) {
        let json = format!("{}/{page}article.json", prerendered.origin);
        browser.goto(&format!("{}/?article={json}", app.origin));
        browser.wait(
            "return document.querySelector('.bs-article') && !document.querySelector('.bs-similar-pending');",
            15,
        );
        let client = browser.run(DESCRIBE, json!([]));

        browser.goto(&format!("{}/{page}", prerendered.origin));
        browser.wait("return document.querySelector('.bs-article');", 15);
        // The one difference by design: on its own site, the site's name links home.
        browser.run(
            "const a = document.querySelector('.bs-site a'); if (a) a.replaceWith(...a.childNodes);",
            json!([]),
        );
        let server = browser.run(DESCRIBE, json!([]));
        assert_eq!(
            client["article"], server["article"],
            "{page}: the prerendered article differs from the browser's"
        );
        // The browser shows the first three of the same precomputed list: the same cards,
        // but for their links (in place there, the post's page here).
        let client_cards = client["cards"].as_object().cloned().unwrap_or_default();
        assert!(!client_cards.is_empty(), "{page}: no cards in the browser");
        for (title, card) in &client_cards {
            assert_eq!(
                Some(card),
                server["cards"].get(title),
                "{page}: the card of {title} differs"
            );
        }
        checked += 1;
    }
    assert!(
        checked >= 17,
        "the seed and 16 sample posts, found {checked}"
    );
}

#[test]
#[ignore = "needs scripts/sample-site first; scripts/test runs it"]
fn a_link_to_a_passage_lands_on_it() {
    // Links made by `text_fragment::link_to_passage` for passages of the seed article (a
    // long one given by its ends, a short one with a comma and a dash), opened in Chromium:
    // the page scrolls to the passage.
    let site = site();
    let server = StaticServer::start(&site, &[]);
    let browser = Browser::start();
    browser.resize(800, 600);
    let page = format!("{}/posts/macron-eu-russia-talks/", server.origin);
    browser.goto(&page);
    let paragraphs = browser.run(
        "return [...document.querySelectorAll('.bs-body p')].map(p => p.textContent);",
        json!([]),
    );
    let paragraphs: Vec<String> = paragraphs
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p.as_str().map(str::to_string))
        .collect();
    let long = paragraphs
        .last()
        .expect("the seed's last paragraph")
        .clone();
    let short = paragraphs
        .iter()
        .rev()
        .flat_map(|p| p.split(". "))
        .find(|s| s.contains(',') && s.split_whitespace().count() <= 9)
        .map(str::to_string);
    for passage in std::iter::once(long).chain(short) {
        let link = broadsheet_core::text_fragment::link_to_passage(&page, &passage);
        browser.goto("about:blank");
        browser.goto(&link);
        let landed = browser.wait("return scrollY > 0 && scrollY;", 10);
        // The passage's start is on screen.
        let words: Vec<&str> = passage.split_whitespace().take(4).collect();
        let on_screen = browser.run(
            "const [start] = arguments; \
             const p = [...document.querySelectorAll('.bs-body p')].find(p => p.textContent.replace(/\\s+/g, ' ').includes(start)); \
             const r = p.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight;",
            json!([words.join(" ")]),
        );
        assert_eq!(
            on_screen,
            json!(true),
            "{link} scrolled to {landed} but not to the passage"
        );
    }
}
