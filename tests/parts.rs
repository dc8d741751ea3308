//! Parts mode on other people's article pages, in headless Chromium over WebDriver: the pages of
//! four real themes as they render (WordPress's Twenty Seventeen, Ghost's Casper, Jekyll's
//! minima, Hugo's Vanilla Bootstrap; `tests/data/themes/`, each with its licence and
//! provenance), each with the embed added as a publisher would (one script tag, a mount element
//! with the read time under the title and one with the share section and the cards after the
//! body) and its site index made by `broadsheet-build --no-pages` from the site's own feed.
//! Under the strict Content-Security-Policy: the host's DOM stays as it was, node for node; the
//! read time is the build step's for the same post, within 5%; the share section carries the
//! page's address and title; the cards lead to other posts of the site; axe-core finds no WCAG
//! 2.2 A/AA violation in the parts, light and dark; nothing is said on the console but a page
//! missing from the index; the layout does not shift; and the time left follows the reader
//! through the page's article. Run by `scripts/test` after the release build.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};
use support::build_step::binary;
use support::static_server::StaticServer;
use support::webdriver::Browser;

/// The policy docs/csp.md tells publishers to send.
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
                   img-src 'self' https: data:; object-src 'none'; base-uri 'none'";

/// One theme's article page.
struct Theme {
    /// Its folder under `tests/data/themes/`.
    folder: &'static str,
    /// Where the site is served from (`minima/`, as the feed's links say), or the root.
    prefix: &'static str,
    /// The article page, in the folder.
    page: &'static str,
    /// The element that holds the article's body.
    selector: &'static str,
    /// The site's feed (or its folder of Markdown), from the folder.
    feed: &'static str,
    /// Whether the index has the page: Hugo's example site was built for localhost:1313 and
    /// its page has no canonical link, so served here it is not found, and shows no cards.
    in_index: bool,
}

const THEMES: [Theme; 4] = [
    Theme {
        folder: "wordpress-twentyseventeen",
        prefix: "",
        page: "hello-world/index.html",
        selector: ".entry-content",
        feed: "feed/index.xml",
        in_index: true,
    },
    Theme {
        folder: "ghost-casper",
        prefix: "",
        page: "the-editor/index.html",
        selector: ".post-full-content",
        feed: "rss/index.html",
        in_index: true,
    },
    Theme {
        folder: "jekyll-minima",
        prefix: "minima/",
        page: "2016/05/20/welcome-to-jekyll.html",
        selector: ".post-content",
        feed: "feed.xml",
        in_index: true,
    },
    Theme {
        folder: "hugo-vanilla-bootstrap",
        prefix: "",
        page: "migrate-from-jekyll/index.html",
        selector: "article",
        // Its feed has summaries only: the index is made from the site's Markdown, the same
        // commit's, vendored for the build step's own tests.
        feed: "../../sources/hugo-vanilla/content/post",
        in_index: false,
    },
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Copies the files under `from` into `to`.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("folder").flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

/// What the test page adds: the probe, which notes the body as the host made it, the layout
/// shifts and what is said on the console.
const PROBE: &str = r#"window.__probe = { cls: 0, ours: 0, said: [], shifts: [] };
// The body once parsed (the white space after </body> goes into it then), before the parts.
document.addEventListener("DOMContentLoaded", () => { __probe.before = document.body.outerHTML; });
new PerformanceObserver((list) => {
  for (const shift of list.getEntries()) {
    if (shift.hadRecentInput) continue;
    __probe.cls += shift.value;
    // The parts can only move the page once the component's wasm is here; the themes' own
    // shifts (fonts and images that are not vendored) come before, and are not the parts'.
    const wasm = performance.getEntriesByType("resource").find((r) => r.name.endsWith("broadsheet_bg.wasm"));
    if (wasm && shift.startTime >= wasm.responseEnd) __probe.ours += shift.value;
    __probe.shifts.push([shift.value, shift.sources.map((s) => `${s.node?.nodeName}#${s.node?.id}.${s.node?.className}`)]);
  }
}).observe({ type: "layout-shift", buffered: true });
for (const level of ["warn", "error"]) {
  const original = console[level];
  console[level] = (...args) => { __probe.said.push(`${level}: ${args.join(" ")}`); original.apply(console, args); };
}
// When the parts are painted: the first frame in which the read time's part shows.
const painted = () => {
  if (document.getElementById("bs-read")?.shadowRoot?.querySelector(".bs-read-time")) __probe.parts = performance.now();
  else requestAnimationFrame(painted);
};
requestAnimationFrame(painted);
addEventListener("error", (e) => __probe.said.push(`error: ${e.message}`));
addEventListener("unhandledrejection", (e) => __probe.said.push(`rejection: ${e.reason}`));
addEventListener("securitypolicyviolation", (e) => {
  if (/broadsheet|index\//.test(`${e.blockedURI} ${e.sourceFile}`)) __probe.said.push(`csp: ${e.violatedDirective} ${e.blockedURI}`);
});
"#;

/// What docs/parts.md tells publishers to add to their stylesheet, so that the read time
/// under the title has its room before the component has loaded.
const HOST_CSS: &str =
    "[data-article-from][data-parts=\"read-time\"] { display: block; min-height: 1.5rem; }\n";

/// Serves `theme` with the embed added; returns the server and the page's address.
fn serve(theme: &Theme) -> (StaticServer, String) {
    let site = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("parts")
        .join(theme.folder);
    let _ = std::fs::remove_dir_all(&site);
    let source = root().join("tests/data/themes").join(theme.folder);
    let served = site.join(theme.prefix);
    copy_tree(&source, &served);
    let embed = root().join("dist/embed");
    assert!(
        embed.join("broadsheet-embed.js").is_file(),
        "no release build in dist/embed: run scripts/build first"
    );
    copy_tree(&embed, &site.join("broadsheet"));
    std::fs::write(site.join("probe.js"), PROBE).expect("probe");
    std::fs::write(site.join("host.css"), HOST_CSS).expect("stylesheet");

    // The site index, from the site's own feed (Ghost's is saved as `rss/index.html`).
    let mut feed = source.join(theme.feed);
    if feed.is_file() {
        let copy = site.join("feed.xml");
        std::fs::copy(&feed, &copy).expect("feed");
        feed = copy;
    }
    let built = Command::new(binary())
        .args(["--no-pages", "--quiet", "--out"])
        .arg(site.join("index"))
        .arg(&feed)
        .output()
        .expect("broadsheet-build runs");
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );

    // The page as a publisher changes it: the read time under the title, the share section
    // and the cards after the article, one script.
    let page_path = served.join(theme.page);
    let page = std::fs::read_to_string(&page_path).expect("page");
    let mount = |id: &str, parts: &str| {
        format!(
            r#"<div id="{id}" data-article-from="{}" data-parts="{parts}" data-index-src="/index/feed.json"></div>"#,
            theme.selector
        )
    };
    let head_end = page.find("</head>").expect("a head");
    let page = format!(
        "{}<link rel=\"stylesheet\" href=\"/host.css\">{}",
        &page[..head_end],
        &page[head_end..]
    );
    let title_end = page.find("</h1>").expect("a title") + "</h1>".len();
    let body_end = page.rfind("</body>").expect("a body");
    let page = format!(
        "{}{}{}{}<script type=\"module\" src=\"/broadsheet/broadsheet-embed.js\"></script>\
         <script src=\"/probe.js\"></script>{}",
        &page[..title_end],
        mount("bs-read", "read-time"),
        &page[title_end..body_end],
        mount("bs-more", "share similar"),
        &page[body_end..]
    );
    std::fs::write(&page_path, page).expect("page");
    let server = StaticServer::start(&site, &[("Content-Security-Policy", CSP)]);
    let address = format!(
        "{}/{}{}",
        server.origin,
        theme.prefix,
        theme.page.trim_end_matches("index.html")
    );
    (server, address)
}

/// The index entry the build step made of the post at `address`, by the last part of its path
/// (Hugo's example site was built for another host, and its index from its Markdown).
fn index_entry(theme: &Theme, address: &str) -> Value {
    let site = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("parts")
        .join(theme.folder);
    let index: Value = serde_json::from_str(
        &std::fs::read_to_string(site.join("index/feed.json")).expect("index"),
    )
    .expect("JSON");
    let path = |url: &str| {
        let last = url
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or_default();
        last.trim_end_matches(".html").to_string()
    };
    index["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|item| {
            let url = item["url"].as_str().or(item["id"].as_str());
            url.is_some_and(|u| path(u) == path(address))
        })
        .cloned()
        .unwrap_or_else(|| panic!("{address} is not in the index"))
}

/// Seconds of an ISO 8601 duration (`PT3M22S`).
fn seconds(duration: &str) -> f64 {
    let mut total = 0.0;
    let mut number = String::new();
    for c in duration.trim_start_matches("PT").chars() {
        match c {
            'H' => total += number.parse::<f64>().unwrap_or(0.0) * 3600.0,
            'M' => total += number.parse::<f64>().unwrap_or(0.0) * 60.0,
            'S' => total += number.parse::<f64>().unwrap_or(0.0),
            _ => {
                number.push(c);
                continue;
            }
        }
        number.clear();
    }
    total
}

/// What a reader sees of the parts, from their shadow roots.
const SEEN: &str = "const part = (id) => document.getElementById(id)?.shadowRoot; \
  const read = part('bs-read')?.querySelector('time.bs-read-time'); \
  const more = part('bs-more'); const share = more?.querySelector('.bs-share'); \
  return { read: read?.getAttribute('datetime'), readText: read?.textContent, \
    shareUrl: share?.dataset.url, shareText: share?.dataset.text, \
    links: [...(more?.querySelectorAll('a.bs-share-control') ?? [])].map(a => a.href), \
    copy: !!more?.querySelector('[data-share=\"copy\"]:not([hidden])') && \
      !more.querySelector('[data-share=\"copy\"]').closest('[hidden]'), \
    cards: [...(more?.querySelectorAll('a.bs-card-link') ?? [])].map(a => a.href), \
    same: document.body.outerHTML === window.__probe?.before, \
    cls: window.__probe?.cls, ours: window.__probe?.ours, said: window.__probe?.said, \
    parts: window.__probe?.parts, \
    paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime, \
    heights: ['bs-read', 'bs-more'].map(id => document.getElementById(id).getBoundingClientRect().height), \
    shifts: window.__probe?.shifts };";

/// axe-core on the parts only (the themes' own markup is theirs), at the WCAG 2.2 A and AA
/// tags.
fn violations(browser: &Browser) -> Vec<Value> {
    let axe = std::fs::read_to_string(root().join("node_modules/axe-core/axe.min.js"))
        .expect("axe-core (scripts/setup installs it)");
    browser.run(&format!("{axe}\n;return typeof axe;"), json!([]));
    let result = browser.run_async(
        "const done = arguments[arguments.length - 1]; \
         axe.run({ include: [['#bs-read'], ['#bs-more']] }, { runOnly: { type: 'tag', values: \
           ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }) \
           .then(r => done(r.violations.map(v => ({ id: v.id, help: v.help, \
             nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })))) \
           .catch(e => done([{ id: 'axe-error', help: String(e) }]));",
        json!([]),
    );
    result.as_array().cloned().unwrap_or_default()
}

#[test]
#[ignore = "needs Chromium and the release build; scripts/test runs it"]
fn parts_show_on_real_themes_pages_and_leave_them_as_they_were() {
    let browser = Browser::start();
    for theme in &THEMES {
        let (_server, address) = serve(theme);
        let at = theme.folder;
        browser.color_scheme("light");
        browser.goto(&address);
        let ready = if theme.in_index {
            "const more = document.getElementById('bs-more')?.shadowRoot; \
             return more?.querySelectorAll('a.bs-card-link').length >= 3"
        } else {
            "return window.__probe?.said.some(s => s.includes('is not in the site index'))"
        };
        browser.wait(ready, 30);
        browser.wait(
            "return document.getElementById('bs-read')?.shadowRoot?.querySelector('time')",
            10,
        );
        let seen = browser.run(SEEN, json!([]));
        if seen["same"] != true {
            let diff = browser.run(
                "const a = window.__probe.before, b = document.body.outerHTML; let i = 0; \
                 while (i < a.length && a[i] === b[i]) i++; \
                 return [a.slice(Math.max(0, i - 200), i + 300), b.slice(Math.max(0, i - 200), i + 300)];",
                json!([]),
            );
            panic!("{at}: the host's DOM changed: {diff:#}");
        }

        // The read time, against the build step's for the same post.
        let entry = index_entry(theme, seen["shareUrl"].as_str().unwrap_or_default());
        let built = entry["_article"]["read_time"].as_f64().expect("read time");
        let shown = seconds(seen["read"].as_str().expect("a read time"));
        assert!(
            (shown - built).abs() <= built * 0.05 + 0.5,
            "{at}: read time {shown} s, the build step's {built} s"
        );
        assert!(
            seen["readText"]
                .as_str()
                .is_some_and(|t| t.to_lowercase().contains("read")),
            "{at}: {seen}"
        );

        // Sharing: the page's address and title, in every link.
        let url = seen["shareUrl"].as_str().expect("a share section");
        let title = seen["shareText"].as_str().expect("a title");
        assert!(
            !title.is_empty() && !title.contains("Simply Static"),
            "{at}: {title}"
        );
        let encoded: String = url
            .bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect();
        let links = seen["links"].as_array().expect("links");
        assert!(links.len() >= 5, "{at}: {links:?}");
        for link in links {
            assert!(
                link.as_str().is_some_and(|l| l.contains(&encoded)),
                "{at}: {link} does not share {url}"
            );
        }
        assert_eq!(seen["copy"], true, "{at}: copy link is not shown");

        // The cards: other posts of the site, at their own addresses.
        let cards: Vec<&str> = seen["cards"]
            .as_array()
            .expect("cards")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        if theme.in_index {
            assert!(cards.len() >= 3, "{at}: {cards:?}");
            for card in &cards {
                assert!(
                    card.trim_end_matches('/') != url.trim_end_matches('/'),
                    "{at}: the page is its own similar post"
                );
            }
        } else {
            assert!(
                cards.is_empty(),
                "{at}: cards for a page the index does not have"
            );
        }

        // The console: nothing, but a page the index does not have.
        let said: Vec<&str> = seen["said"]
            .as_array()
            .expect("said")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let expected = usize::from(!theme.in_index);
        assert_eq!(said.len(), expected, "{at}: the console says {said:?}");

        let cls = seen["ours"].as_f64().expect("cls");
        eprintln!(
            "{at}: read time {shown} s (build step {built} s), {} cards, CLS {cls:.4} from the parts ({:.4} in all), \
             the page painted at {:.0} ms and the parts at {:.0} ms",
            cards.len(),
            seen["cls"].as_f64().unwrap_or_default(),
            seen["paint"].as_f64().unwrap_or_default(),
            seen["parts"].as_f64().unwrap_or_default()
        );
        assert!(
            cls < 0.01,
            "{at}: the layout shifted by {cls}: {}",
            seen["shifts"]
        );

        // The time left, on the page's own article, as the reader scrolls through it.
        let left = "return document.getElementById('bs-read')?.shadowRoot\
                    ?.querySelector('.bs-progress-left')?.dataset.secondsLeft";
        let at_top: f64 = browser
            .wait(left, 10)
            .as_str()
            .and_then(|s| s.parse().ok())
            .expect("seconds left");
        if built >= 60.0 {
            assert!(at_top > 0.0, "{at}: {at_top} s left before reading");
        }
        // Read down the page a quarter of a screen at a time.
        let seen = browser.run_async(
            "const done = arguments[arguments.length - 1]; \
             const label = () => document.getElementById('bs-read').shadowRoot\
               .querySelector('.bs-progress-left'); \
             const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))); \
             (async () => { const seen = []; \
               for (let i = 0; i < 400; i++) { scrollBy(0, innerHeight / 4); await frame(); \
                 seen.push(+label().dataset.secondsLeft); \
                 if (innerHeight + scrollY >= document.documentElement.scrollHeight - 1) break; } \
               done(seen); })();",
            json!([]),
        );
        let seen: Vec<f64> = seen
            .as_array()
            .expect("seconds left")
            .iter()
            .filter_map(Value::as_f64)
            .collect();
        assert!(
            seen.windows(2).all(|w| w[1] <= w[0]),
            "{at}: the time left went up: {seen:?}"
        );
        let least = seen.iter().copied().fold(f64::INFINITY, f64::min);
        assert!(
            least <= (built * 0.1).max(1.0),
            "{at}: {least} s left at the end of the article: {seen:?}"
        );

        for &scheme in browser.schemes() {
            browser.color_scheme(scheme);
            let found = violations(&browser);
            assert!(found.is_empty(), "{at} ({scheme}): {found:#?}");
        }
    }
}
