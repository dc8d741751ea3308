//! The prerendered sample site (`scripts/sample-site`, in `target/sample-site`) in headless
//! Chromium over WebDriver: with scripts off every page shows its article, read time, share
//! links and cards and passes axe-core (WCAG 2.2 A/AA) light and dark; with scripts on copy
//! link works, also under the strict Content-Security-Policy, and the console stays clean;
//! and the prerendered article is the one the browser component renders from the same JSON.
//! Every tag's and author's list passes axe light and dark, and so does every page of the same
//! site built in Jekyll's minima (`--layout`, `target/sample-site-minima`), the theme's page
//! and stylesheet around the build's content.
//! Run by `scripts/test` after the sample site and the release build are built.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use support::axe;
use support::pages::Pages;
use support::static_server::StaticServer;
use support::wait::{wait_until, within};
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

/// Every page of the site, as paths from its root: the list of posts, then each post (at its
/// own address, or under `posts/`), as the index says where their article JSON is.
fn pages(site: &Path) -> Vec<String> {
    let index = std::fs::read_to_string(site.join("feed.json")).expect("feed.json");
    let index: serde_json::Value = serde_json::from_str(&index).expect("JSON");
    let mut posts: Vec<String> = index["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|card| {
            let src = card["_article"]["src"].as_str().expect("src");
            src.strip_suffix("article.json")
                .expect("a folder")
                .to_string()
        })
        .collect();
    posts.sort();
    let mut all = vec![String::new()];
    all.extend(posts);
    all
}

/// The policy docs/csp.md tells publishers to send.
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
    let browser = Browser::start_without_page_scripts();
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
    for &scheme in browser.schemes() {
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

/// The same site in Jekyll's minima (`--layout`, `--static`), which `scripts/sample-site`
/// builds next to it.
fn minima_site() -> PathBuf {
    let site = root().join("target/sample-site-minima");
    assert!(
        site.join("index.html").is_file(),
        "no sample site in target/sample-site-minima: run scripts/sample-site first"
    );
    site
}

/// The lists of every tag and author of the site, as paths from its root (`tags/energy/`).
fn tag_and_author_pages(site: &Path) -> Vec<String> {
    let mut lists = Vec::new();
    for kind in ["tags", "authors"] {
        let mut these: Vec<String> = std::fs::read_dir(site.join(kind))
            .unwrap_or_else(|e| panic!("{kind}/: {e}"))
            .map(|entry| entry.expect("entry").file_name())
            .map(|name| format!("{kind}/{}/", name.to_string_lossy()))
            .filter(|path| site.join(path).join("index.html").is_file())
            .collect();
        these.sort();
        assert!(!these.is_empty(), "no {kind} lists in {}", site.display());
        lists.extend(these);
    }
    lists
}

/// axe-core (the WCAG 2.2 A/AA rules) on each of `pages` of `site`, light and dark, with the
/// page's own script kept out by a policy (axe-core needs timers, which a page with scripting
/// disabled does not run); `check` looks at each page first. A line for each page with
/// violations.
fn axe_light_and_dark(site: &Path, pages: &[String], check: &str) -> Vec<String> {
    let server = StaticServer::start(site, &[("Content-Security-Policy", "script-src 'none'")]);
    let browser = Browser::start();
    let mut report = Vec::new();
    for &scheme in browser.schemes() {
        browser.color_scheme(scheme);
        for page in pages {
            browser.goto(&format!("{}/{page}", server.origin));
            let seen = browser.run(SEEN, json!([]));
            assert_eq!(seen["deadButtons"], 0, "{page:?}: the page's script ran");
            assert!(
                seen["title"].as_str().is_some_and(|t| !t.trim().is_empty()),
                "{page:?}: no heading: {seen}"
            );
            let checked = browser.run(check, json!([]));
            assert_eq!(checked, json!(true), "{page:?} ({scheme}): {checked}");
            let violations = axe::violations(&browser);
            if !violations.is_empty() {
                report.push(format!("{page:?} ({scheme}): {}", Value::Array(violations)));
            }
        }
    }
    report
}

#[test]
#[ignore = "needs scripts/sample-site first; scripts/test runs it"]
fn without_its_script_every_tag_and_author_list_passes_axe_light_and_dark() {
    let site = site();
    let lists = tag_and_author_pages(&site);
    // Each is a list of the tag's or the author's posts, under its name.
    let check = "const cards = document.querySelectorAll('a.bs-card-link').length; \
         return cards > 0 || `no cards`;";
    let report = axe_light_and_dark(&site, &lists, check);
    assert!(report.is_empty(), "axe violations:\n{}", report.join("\n"));
}

/// On a page of the minima site: the theme's header, one `main` holding the build's content,
/// and the theme's stylesheet applied (its 5 px rule above the header).
const THEMED: &str = "const header = document.querySelector('header.site-header'); \
     const mains = document.querySelectorAll('main, [role=main]'); \
     if (!header) return 'no theme header'; \
     if (mains.length !== 1 || !mains[0].querySelector('.bs')) return `${mains.length} main`; \
     const rule = getComputedStyle(header).borderTopWidth; \
     return rule === '5px' || `the theme's stylesheet is not applied: ${rule}`;";

#[test]
#[ignore = "needs scripts/sample-site first; scripts/test runs it"]
fn through_a_real_theme_every_page_passes_axe_light_and_dark() {
    // The sample site in Jekyll's minima: the list of posts, every post and every tag's and
    // author's list, each in the theme's page around the build's content.
    let site = minima_site();
    let mut all = pages(&site);
    all.extend(tag_and_author_pages(&site));
    let report = axe_light_and_dark(&site, &all, THEMED);
    assert!(report.is_empty(), "axe violations:\n{}", report.join("\n"));
}

#[test]
#[ignore = "needs scripts/sample-site first; scripts/test runs it"]
fn cards_and_pages_link_to_each_other_without_scripts() {
    let site = site();
    let server = StaticServer::start(&site, &[]);
    let browser = Browser::start_without_page_scripts();
    browser.goto(&format!("{}/", server.origin));
    // The list of posts, a card, the post's site name back home: plain links all the way.
    browser.run(
        "document.querySelector('a.bs-card-link').click();",
        json!([]),
    );
    let title = browser.wait(
        "return location.pathname !== '/' && document.querySelector('h1.bs-title')?.textContent;",
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
    browser.allow_clipboard(&server.origin);
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

    // The console of every page, scripts on and the policy in force: nothing to report
    // (Chromium's console; elsewhere the page and its script's work are checked).
    let loader = Pages::new();
    for path in pages(&site) {
        let (dom, log) = loader.load(
            &format!("{}/{path}", server.origin),
            3_000,
            &format!("document.querySelector('h1') && {ENHANCED}"),
        );
        assert!(dom.contains("</h1>"), "{path}: no page");
        let log = log.unwrap_or_default();
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
                dom.contains(
                    r#"<li><button type="button" class="bs-share-control" data-share="copy">"#
                ),
                "{path}: the enhancement script did not show copy link"
            );
        }
    }
}

/// A description of the markup of `arguments[0]` as a reader's browser has it: elements with
/// their attributes (addresses resolved; ids, and what refers to them, fragment links
/// included, without their instance prefix), text with runs of white space collapsed; comments
/// and white space between elements left out. Inside `.bs-card`, the card's link is left out;
/// so are the reading aids' own elements, which come and go as the reader scrolls and selects.
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
    if (node.matches('.bs-progress, .bs-body > .bs-quote')) return '';
    return `<${node.localName} ${attrs}>${[...node.childNodes].map(describe).join('')}</${node.localName}>`;
  };
  const cards = {};
  for (const card of document.querySelectorAll('.bs-similar .bs-card')) {
    cards[card.querySelector('.bs-card-link').textContent] = describe(card);
  }
  return { article: describe(document.querySelector('.bs-article')), cards };";

/// True once the article's script (`reader.js`) has run the share buttons: on both pages it
/// shows copy link, which is written hidden. The component loads the script after the paint.
const ENHANCED: &str = "((b) => !b || !b.parentElement.hidden)(document.querySelector('.bs-share-list [data-share=copy]'))";

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
            &format!("return document.querySelector('.bs-article') && !document.querySelector('.bs-similar-pending') && {ENHANCED};"),
            15,
        );
        let client = browser.run(DESCRIBE, json!([]));

        browser.goto(&format!("{}/{page}", prerendered.origin));
        browser.wait(
            &format!("return document.querySelector('.bs-article') && {ENHANCED};"),
            15,
        );
        // The differences by design: on its own site, the site's name links home, the tags
        // are links to their lists after the article (the component shows them as text at its
        // end), and an author with no address links to their list.
        browser.run(
            "const a = document.querySelector('.bs-site a'); if (a) a.replaceWith(...a.childNodes);
             const topics = document.querySelector('.bs-topics');
             if (topics) {
               const list = topics.querySelector('.bs-tags');
               list.querySelectorAll('a').forEach(a => a.replaceWith(...a.childNodes));
               list.setAttribute('aria-label', topics.getAttribute('aria-label'));
               document.querySelector('.bs-article .bs-footer').prepend(list);
               topics.remove();
             }
             document.querySelectorAll('.bs-byline a:not([href^=\"http\"])').forEach(a => {
               const name = document.createElement('span');
               name.append(...a.childNodes);
               a.replaceWith(name);
             });",
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

/// The time-left label as the reader sees it, once the next frame has been drawn.
const TIME_LEFT: &str = "const done = arguments[arguments.length - 1]; \
     requestAnimationFrame(() => requestAnimationFrame(() => { \
       const label = document.querySelector('.bs-progress-left'); \
       const bar = document.querySelector('.bs-progress-bar'); \
       done({ text: label.hidden ? '' : label.textContent, seconds: Number(label.dataset.secondsLeft), \
         shown: getComputedStyle(label).visibility === 'visible', \
         still: getComputedStyle(bar).transitionDuration === '0s', \
         fraction: new DOMMatrix(getComputedStyle(bar).transform).a, \
         hidden: label.closest('[aria-hidden=true]') !== null }); }));";

/// Scrolls so that the point `arguments[0]` of the way down the body is in the middle of the
/// viewport.
const SCROLL_BODY: &str = "const b = document.querySelector('.bs-body').getBoundingClientRect(); \
     scrollTo(0, scrollY + b.top + b.height * arguments[0] - innerHeight * 0.5);";

#[test]
#[ignore = "needs scripts/sample-site first; scripts/test runs it"]
fn time_left_follows_the_reader() {
    let site = site();
    let server = StaticServer::start(&site, &[("Content-Security-Policy", CSP)]);
    let browser = Browser::start();
    browser.resize(800, 700);
    // Without motion, what is drawn is where the reader is, with no transition to wait for.
    let reduced = browser.reduce_motion();
    let page = format!("{}/posts/macron-eu-russia-talks/", server.origin);
    browser.goto(&page);
    // Counted once the body is seen on screen: an observer's callback, which WebKit delivers
    // some frames later than Chromium and Firefox.
    browser.wait(
        "return document.querySelector('.bs-progress-left')?.dataset.secondsLeft;",
        10,
    );
    // Before reading: the whole read time (about 3 minutes, 22 seconds) is left.
    let read = browser.run(
        "return document.querySelector('time.bs-read-time').dateTime;",
        json!([]),
    );
    let total = read
        .as_str()
        .and_then(|d| d.strip_prefix("PT")?.strip_suffix('S')?.split_once('M'))
        .and_then(|(m, s)| Some(m.parse::<f64>().ok()? * 60.0 + s.parse::<f64>().ok()?))
        .expect("the read time in minutes and seconds");
    assert!((total - 202.0).abs() <= 3.0, "{read}");
    let top = browser.run_async(TIME_LEFT, json!([]));
    assert_eq!(top["seconds"], total, "{top}");
    assert_eq!(top["text"], "3 minutes left");
    assert_eq!(top["hidden"], true, "not read out: {top}");
    // WebKit's driver cannot ask for reduced motion.
    if reduced {
        assert_eq!(
            top["still"], true,
            "no motion when the reader asks for none: {top}"
        );
    }

    // Halfway down the body, about half of it: by the read-time model, not the page's height.
    browser.run(SCROLL_BODY, json!([0.5]));
    let half = browser.run_async(TIME_LEFT, json!([]));
    let seconds = half["seconds"].as_f64().unwrap_or(-1.0);
    assert!((total * 0.35..=total * 0.65).contains(&seconds), "{half}");
    assert!(
        half["text"] == "2 minutes left" || half["text"] == "1 minute left",
        "{half}"
    );
    assert_eq!(half["shown"], true, "{half}");
    // The bar is where the time is once it has stopped moving: at once without motion (in
    // WebKit, which cannot be asked for none, it is still on its way).
    if reduced {
        let fraction = half["fraction"].as_f64().unwrap_or(-1.0);
        assert!(
            (fraction - (total - seconds) / total).abs() < 0.01,
            "{half}"
        );
    }

    // Near the end: the last minute; past the body: nothing left, and the label goes.
    browser.run(SCROLL_BODY, json!([0.9]));
    let end = browser.run_async(TIME_LEFT, json!([]));
    assert_eq!(end["text"], "1 minute left", "{end}");
    assert!(end["seconds"].as_f64().is_some_and(|s| s < 60.0), "{end}");
    browser.run(SCROLL_BODY, json!([1.2]));
    let past = browser.run_async(TIME_LEFT, json!([]));
    assert_eq!(past["seconds"], 0, "{past}");
    assert_eq!(past["text"], "", "{past}");
}

/// Selects, in the seed, a passage of about 15 words with a comma, in the middle of the
/// viewport; returns it.
const SELECT_PASSAGE: &str = "const p = [...document.querySelectorAll('.bs-body > p')].find(p => /,/.test(p.textContent) && !p.querySelector('a')); \
     p.scrollIntoView({ block: 'center' }); \
     const text = p.firstChild; const comma = text.data.indexOf(','); \
     const start = text.data.lastIndexOf(' ', comma - 40) + 1; \
     let end = comma; for (let i = 0; i < 4; i++) end = text.data.indexOf(' ', end + 1); \
     getSelection().setBaseAndExtent(text, start, text, end); return String(getSelection());";

/// The seed's prerendered page, served with `headers` and open in a window of `width` by
/// `height` once its reading aids run: the server, the browser and the page's address.
fn open_seed(headers: &[(&str, &str)], width: u32, height: u32) -> (StaticServer, Browser, String) {
    let server = StaticServer::start(&site(), headers);
    let browser = Browser::start();
    browser.resize(width, height);
    let page = format!("{}/posts/macron-eu-russia-talks/", server.origin);
    browser.goto(&page);
    browser.wait("return document.querySelector('.bs-progress');", 10);
    (server, browser, page)
}

/// `quote()`: the controls for the selected passage, where focus is, and their links.
const QUOTE_FN: &str = "const quote = () => { const q = document.querySelector('.bs-body > .bs-quote'); \
     if (!q) return null; \
     const links = Object.fromEntries([...q.querySelectorAll('a[data-network]')].map(a => [a.dataset.network, a.href])); \
     return { links, focused: q.contains(document.activeElement), selection: String(getSelection()) }; };";

/// What `quote()` says, as a script.
fn quote_controls() -> String {
    format!("{QUOTE_FN} return quote();")
}

#[test]
#[ignore = "needs scripts/sample-site first; scripts/test runs it"]
fn a_selected_passage_can_be_shared_and_lands_on_it() {
    use broadsheet_core::safe_url::SafeUrl;
    use broadsheet_core::share::{share_url, Network, ShareData};
    use broadsheet_core::text_fragment::link_to_passage;

    let (server, browser, page) = open_seed(&[("Content-Security-Policy", CSP)], 900, 700);
    browser.allow_clipboard(&server.origin);
    // The address shared is the page's canonical one.
    let canonical = "https://broadsheet.example/posts/macron-eu-russia-talks/";

    // The mouse: a double click selects a word in a paragraph without links, and the controls
    // come up; the next Tab reaches them.
    browser.double_click_a_word(None, 200);
    let shown = browser.wait(&quote_controls(), 15);
    let word = shown["selection"].as_str().unwrap_or("").trim().to_string();
    assert!(!word.is_empty(), "a word is selected: {shown}");
    // The keyboard extends it (Shift+Right), and the links follow.
    for _ in 0..8 {
        browser.press_shifted("\u{E014}");
    }
    // (The links follow in the frame after the selection's last change.)
    let mut longer = Value::Null;
    wait_until(within(5), || {
        longer = browser.run(&quote_controls(), json!([]));
        let extended = longer["selection"].as_str().unwrap_or("").to_string();
        let expected =
            broadsheet_core::share::encode_component(&link_to_passage(canonical, &extended));
        let follows = longer["links"]["x"]
            .as_str()
            .is_some_and(|x| x.contains(&expected));
        follows && extended.len() > word.len() + 4
    })
    .unwrap_or_else(|e| panic!("the links do not follow the selection ({e}): {longer}"));
    browser.press("\u{E004}");
    let tabbed = browser.run(&quote_controls(), json!([]));
    assert_eq!(
        tabbed["focused"], true,
        "Tab reaches the controls: {tabbed}"
    );
    let focused = browser.run("return document.activeElement.dataset.network;", json!([]));
    assert_eq!(focused, "x", "the first control is X");
    // Escape puts them away, and the focus goes back to the passage's paragraph, where the
    // next Tab goes on from.
    browser.press("\u{E00C}");
    let mut after = Value::Null;
    wait_until(within(5), || {
        after = browser.run(&quote_controls(), json!([]));
        after.is_null()
    })
    .unwrap_or_else(|e| panic!("Escape closes them ({e}): {after}"));
    let back = browser.run(
        "const a = document.activeElement; \
         return { tag: a.tagName, inBody: a.parentElement === document.querySelector('.bs-body'), \
                  word: a.textContent.includes(arguments[0]) };",
        json!([word]),
    );
    assert_eq!(
        back,
        json!({"tag": "P", "inBody": true, "word": true}),
        "focus is back on the paragraph"
    );

    // A longer passage, with a comma: the links carry it as the native code (text_fragment.rs,
    // share.rs) would write them.
    let passage = browser.run(SELECT_PASSAGE, json!([]));
    let passage = passage.as_str().expect("a passage").trim().to_string();
    let shown = browser.wait(&quote_controls(), 15);
    let link = link_to_passage(canonical, &passage);
    let quote = format!(
        "\u{201c}{}\u{201d}",
        passage.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    assert!(passage.chars().count() < 200, "quoted whole: {passage}");
    let data = ShareData {
        url: SafeUrl::parse_absolute(&link).expect("link"),
        text: quote.clone(),
        hashtags: Vec::new(),
        via: None,
    };
    for network in [Network::X, Network::Bluesky, Network::Mastodon] {
        assert_eq!(
            shown["links"][network.key()],
            share_url(network, &data).to_string(),
            "{network:?}"
        );
    }
    let email = shown["links"]["email"].as_str().unwrap_or("");
    assert!(email.starts_with("mailto:?subject="), "{email}");
    assert!(
        email.ends_with(&format!(
            "&body={}%0D%0A%0D%0A{}",
            broadsheet_core::share::encode_component(&quote),
            broadsheet_core::share::encode_component(&link)
        )),
        "{email}"
    );

    // They pass axe, light and dark.
    for &scheme in browser.schemes() {
        browser.color_scheme(scheme);
        let violations = axe::violations(&browser);
        assert!(violations.is_empty(), "{scheme}: {violations:#?}");
    }

    // For review: the controls and the time left, on a desktop and a phone, light and dark.
    let shots = root().join("screenshots");
    std::fs::create_dir_all(&shots).expect("screenshots folder");
    for (w, h) in [(900, 700), (390, 844)] {
        browser.resize(w, h);
        for &scheme in browser.schemes() {
            browser.color_scheme(scheme);
            browser.run("getSelection().removeAllRanges();", json!([]));
            browser.run(SELECT_PASSAGE, json!([]));
            browser.wait(&quote_controls(), 15);
            browser.run_async(TIME_LEFT, json!([]));
            let png = browser.screenshot();
            assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
            std::fs::write(
                shots.join(format!("reading-aids-{w}x{h}-{scheme}.png")),
                png,
            )
            .expect("write");
        }
    }
    browser.color_scheme("light");
    browser.resize(900, 700);

    // Copy puts the link to the passage on the clipboard, and says so.
    browser.run(
        "document.querySelector('.bs-body > .bs-quote [data-share=copy]').click();",
        json!([]),
    );
    let said = browser.wait(
        "return document.querySelector('.bs-body > .bs-quote [role=status]')?.textContent;",
        5,
    );
    assert_eq!(said, "Link copied");
    let copied = browser.run_async(
        "const done = arguments[arguments.length - 1]; \
         navigator.clipboard.readText().then(done, e => done('unreadable: ' + e));",
        json!([]),
    );
    assert_eq!(copied, link);

    // The link, opened (on this server rather than the canonical host) in a browser that
    // supports text directives: the passage is scrolled into view.
    let here = link.replace(canonical, &page);
    browser.goto("about:blank");
    browser.goto(&here);
    browser.wait("return scrollY > 0;", 10);
    let start: Vec<&str> = passage.split_whitespace().take(4).collect();
    let landed = browser.run(
        "const p = [...document.querySelectorAll('.bs-body p')].find(p => p.textContent.replace(/\\s+/g, ' ').includes(arguments[0])); \
         const r = p.getBoundingClientRect(); \
         return { onScreen: r.bottom > 0 && r.top < innerHeight, directives: 'fragmentDirective' in document };",
        json!([start.join(" ")]),
    );
    assert_eq!(landed["onScreen"], true, "{here}: {landed}");
    assert_eq!(landed["directives"], true, "{here}: {landed}");
}

#[test]
#[ignore = "needs scripts/sample-site first; scripts/test runs it"]
fn a_passage_is_shared_as_whole_words_across_paragraphs() {
    use broadsheet_core::text_fragment::link_to_passage;

    let (_server, browser, _page) = open_seed(&[], 900, 700);
    // From inside the second-last word of a paragraph to inside the second word of the next.
    let words = browser.run(
        "const ps = [...document.querySelectorAll('.bs-body > p')]; \
         const i = ps.findIndex((p, i) => p.lastChild?.nodeType === 3 && ps[i + 1]?.firstChild?.nodeType === 3); \
         const a = ps[i].lastChild, b = ps[i + 1].firstChild; \
         a.parentNode.scrollIntoView({ block: 'center' }); \
         const tail = a.data.trimEnd().split(/\\s+/).slice(-2), head = b.data.trimStart().split(/\\s+/).slice(0, 2); \
         const start = a.data.trimEnd().length - tail.join(' ').length + 2; \
         const end = b.data.indexOf(head[1]) + 2; \
         window.__select = () => getSelection().setBaseAndExtent(a, start, b, end); \
         window.__selected = 1; window.__select(); \
         return [...tail, ...head];",
        json!([]),
    );
    let words: Vec<&str> = words
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|w| w.as_str())
        .collect();
    assert_eq!(words.len(), 4, "{words:?}");
    let expected = link_to_passage(
        "https://broadsheet.example/posts/macron-eu-russia-talks/",
        &words.join(" "),
    );
    // In WebKitGTK under Xvfb this test timed out twice in about twenty runs; the second time
    // the page said it had no selection and no focus: the selection, made by a script in a
    // window without the focus, was gone before its controls came, and no code of the page
    // clears one. The passage is selected again if it is gone, and how often is printed.
    let shown = browser.wait(
        &format!(
            "{QUOTE_FN} if (!String(getSelection())) {{ window.__selected++; window.__select(); }} \
             return quote();"
        ),
        15,
    );
    let selected = browser.run("return window.__selected;", json!([]));
    if selected != 1 {
        eprintln!("the passage was selected {selected} times");
    }
    let x = shown["links"]["x"].as_str().unwrap_or("");
    assert!(
        x.contains(&broadsheet_core::share::encode_component(&expected)),
        "{x}\nshould carry {expected}"
    );
    // A new drag puts the controls away until it ends, so they are never part of it.
    browser.run(
        "document.querySelector('.bs-body > p').dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));",
        json!([]),
    );
    assert_eq!(browser.run(&quote_controls(), json!([])), Value::Null);
}

#[test]
#[ignore = "needs scripts/sample-site first; scripts/test runs it"]
fn a_press_as_the_body_comes_on_screen_is_let_go() {
    let (_server, browser, _page) = open_seed(&[], 900, 500);
    // The body off screen, and the page has seen it so (two frames on).
    let off = browser.run_async(
        "const done = arguments[arguments.length - 1]; \
         scrollTo(0, document.documentElement.scrollHeight); \
         requestAnimationFrame(() => requestAnimationFrame(() => \
           done(document.querySelector('.bs-body').getBoundingClientRect().bottom < 0)));",
        json!([]),
    );
    assert_eq!(off, true, "the body is off screen at the page's end");
    // A press on a paragraph as it scrolls on screen, a word selected and the press let go,
    // all before the page has had a frame to see the body come on screen: a tap on a page
    // still moving. The controls come up for the word all the same.
    let word = browser.run(
        "const p = [...document.querySelectorAll('.bs-body > p')].find(p => p.firstChild?.data?.length > 120); \
         p.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, isPrimary: true })); \
         p.scrollIntoView({ block: 'center' }); \
         const text = p.firstChild; const spaces = [...text.data.matchAll(/ /g)].map(m => m.index); \
         getSelection().setBaseAndExtent(text, spaces[1] + 1, text, spaces[2]); \
         p.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, isPrimary: true })); \
         return String(getSelection());",
        json!([]),
    );
    let word = word.as_str().expect("a word").to_string();
    let shown = browser.wait(&quote_controls(), 5);
    assert_eq!(shown["selection"], word.as_str(), "{shown}");
    assert!(
        shown["links"]["x"].as_str().is_some_and(|x| !x.is_empty()),
        "{shown}"
    );
}
