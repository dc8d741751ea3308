//! The page benchmark (`scripts/bench`): our pages against the limit, a plain static HTML page
//! of the same article (the markup our page ends with, same CSS, no script), measured in the
//! same run, medians of several loads, unthrottled and under Slow 4G with 4x CPU: the release
//! build of the browser component (`dist/`), and a prerendered page of the sample site
//! (`target/sample-site`). Both are served the same way as their limit: brotli-compressed
//! when `scripts/precompress` ran over the folder (as `scripts/bench` does), plain otherwise.
//! Prints tables, with the script and wasm bytes each page loads; asserts only that every load
//! painted the article.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::Path;

use serde_json::{json, Value};
use support::static_server::StaticServer;
use support::webdriver::Browser;

/// Installed before any page script: records the largest contentful paint, long tasks, and
/// the wasm instance the Trunk loader announces.
const PROBE: &str = "window.__lcp = 0; window.__long = 0; window.__longMs = 0; \
    new PerformanceObserver(l => { for (const e of l.getEntries()) window.__lcp = e.startTime; }) \
      .observe({ type: 'largest-contentful-paint', buffered: true }); \
    new PerformanceObserver(l => { for (const e of l.getEntries()) { window.__long++; window.__longMs += e.duration; } }) \
      .observe({ type: 'longtask', buffered: true }); \
    addEventListener('TrunkApplicationStarted', e => { window.__wasm = e.detail.wasm; });";

/// Loads of each page for the browser component: each takes a second or more throttled.
const RUNS: usize = 11;
/// Loads of each page for a prerendered page: they are quick, and their differences small
/// next to this machine's noise (paint times come in steps of about 4 ms), so more of them.
const PRERENDERED_RUNS: usize = 41;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

struct Load {
    lcp: f64,
    long_tasks: f64,
    heap: f64,
    wasm: f64,
}

fn load(browser: &Browser, url: &str) -> Load {
    browser.goto("about:blank");
    browser.goto(url);
    browser.wait(
        "return document.querySelector('.bs-body p') && window.__lcp > 0;",
        60,
    );
    // The similar posts settled (every page measured, ours and its static copy, ends with
    // their links), and a few frames more for a late paint to be reported, before reading the
    // figures.
    browser.wait("return document.querySelector('.bs-card-link');", 60);
    browser.frames(3);
    // The wasm's memory found by its type: its exports have short names (`scripts/release/rewrite shorten`).
    let v = browser.run(
        "return { lcp: window.__lcp, long: window.__long, \
                  heap: performance.memory ? performance.memory.usedJSHeapSize : 0, \
                  wasm: window.__wasm ? Object.values(window.__wasm).find(v => v instanceof WebAssembly.Memory).buffer.byteLength : 0 };",
        json!([]),
    );
    let f = |k: &str| v[k].as_f64().unwrap_or(0.0);
    Load {
        lcp: f("lcp"),
        long_tasks: f("long"),
        heap: f("heap"),
        wasm: f("wasm"),
    }
}

fn throttle(browser: &Browser, on: bool) {
    // Chrome DevTools' "Slow 4G": 562.5 ms latency, 180 kB/s down, 84 kB/s up.
    let (latency, down, up, cpu) = if on {
        (562.5, 180_000.0, 84_000.0, 4.0)
    } else {
        (0.0, -1.0, -1.0, 1.0)
    };
    browser.cdp("Network.enable", json!({}));
    browser.cdp(
        "Network.emulateNetworkConditions",
        json!({"offline": false, "latency": latency, "downloadThroughput": down, "uploadThroughput": up}),
    );
    browser.cdp("Emulation.setCPUThrottlingRate", json!({"rate": cpu}));
}

/// Script and wasm bytes the current page loaded, as they travelled (after compression).
const SCRIPT_BYTES: &str = "return performance.getEntriesByType('resource') \
      .filter(e => /\\.(js|wasm)(\\?|$)/.test(e.name)) \
      .reduce((sum, e) => sum + e.encodedBodySize, 0);";

/// Loads `page` (a path under `dir`, served by `server`) against a static copy of the markup
/// it ends with, `runs` times each, alternating, unthrottled and throttled; prints a table
/// headed `title`.
fn measure(
    browser: &Browser,
    dir: &Path,
    server: &StaticServer,
    page: &str,
    title: &str,
    runs: usize,
) {
    let compressed = dir.join("index.html.br").is_file();
    // The limit: the same markup and CSS, written out as a static page with no script.
    browser.goto(&format!("{}/{page}", server.origin));
    browser.wait("return document.querySelector('.bs-card-link');", 20);
    let static_html: Value = browser.run(
        "const d = document.documentElement.cloneNode(true); \
         d.querySelectorAll('script, link[rel=modulepreload], link[rel=preload]').forEach(e => e.remove()); \
         return '<!doctype html>' + d.outerHTML;",
        json!([]),
    );
    let script_bytes = browser.run(SCRIPT_BYTES, json!([])).as_f64().unwrap_or(0.0);
    // The static copy sits beside the page, so its relative links resolve the same.
    let folder = dir.join(page.split('?').next().unwrap_or_default());
    let folder = if page.ends_with('/') || page.is_empty() || page.starts_with('?') {
        folder
    } else {
        folder.parent().map(Path::to_path_buf).unwrap_or(folder)
    };
    let static_name = "static-bench.html";
    let static_path = folder.join(static_name);
    std::fs::write(&static_path, static_html.as_str().unwrap_or_default())
        .expect("write the static page");
    // Served like our page: brotli when `scripts/precompress` ran over the folder.
    if compressed {
        let status = std::process::Command::new("brotli")
            .args(["-f", "-q", "11", static_name])
            .current_dir(&folder)
            .status()
            .expect("run brotli");
        assert!(status.success(), "brotli failed on the static page");
    }
    let static_url = {
        let relative = static_path.strip_prefix(dir).expect("inside the folder");
        format!("{}/{}", server.origin, relative.display())
    };

    println!("{title}: article painted (largest contentful paint), median of {runs} loads, 1280x800; it loads {script_bytes:.0} bytes of script and wasm:");
    println!("| network and CPU | our page | static page | ratio | long tasks (ours) |");
    println!("|---|---|---|---|---|");
    let mut memory = (Vec::new(), Vec::new());
    for throttled in [false, true] {
        throttle(browser, throttled);
        let (mut ours, mut limit, mut long) = (Vec::new(), Vec::new(), Vec::new());
        for run in 0..runs {
            // Each goes first half the time: the first load of a pair is slower.
            let ours_url = format!("{}/{page}", server.origin);
            let (a, b) = if run % 2 == 0 {
                let a = load(browser, &ours_url);
                (a, load(browser, &static_url))
            } else {
                let b = load(browser, &static_url);
                (load(browser, &ours_url), b)
            };
            assert!(a.lcp > 0.0 && b.lcp > 0.0);
            ours.push(a.lcp);
            limit.push(b.lcp);
            long.push(a.long_tasks);
            if !throttled {
                memory.0.push(a.heap);
                memory.1.push(a.wasm);
            }
        }
        let (o, l) = (median(ours), median(limit));
        println!(
            "| {} | {o:.0} ms | {l:.0} ms | {:.2} | {:.0} |",
            if throttled {
                "Slow 4G, 4x CPU"
            } else {
                "unthrottled"
            },
            o / l,
            median(long)
        );
    }
    throttle(browser, false);
    let _ = std::fs::remove_file(&static_path);
    let _ = std::fs::remove_file(folder.join(format!("{static_name}.br")));
    println!();
    println!(
        "Memory after render (median): JS heap {:.1} MB, wasm memory {:.1} MB",
        median(memory.0) / 1e6,
        median(memory.1) / 1e6
    );
    println!();
}

fn bench_browser() -> Browser {
    let browser = Browser::start();
    browser.cdp("Page.enable", json!({}));
    browser.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({"source": PROBE}),
    );
    browser.resize(1280, 800);
    browser
}

#[test]
#[ignore = "a benchmark: scripts/bench runs it after `trunk build --release`"]
fn page_paint_against_a_static_page() {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("dist");
    assert!(
        dist.join("index.html").is_file(),
        "run `trunk build --release` first"
    );
    let server = StaticServer::start(&dist, &[]);
    let browser = bench_browser();
    let article = "?article=sample/posts/eu-weighs-envoy-for-russia-talks.json";
    // What the wire carried: brotli when `scripts/precompress` ran over dist/.
    browser.goto(&format!("{}/{article}", server.origin));
    browser.wait("return document.querySelector('.bs-card-link');", 20);
    let wasm = browser.run(
        "const w = performance.getEntriesByType('resource').find(e => e.name.endsWith('.wasm')); \
         return w ? [w.encodedBodySize, w.decodedBodySize] : [0, 0];",
        json!([]),
    );
    let (wire, decoded) = (
        wasm[0].as_f64().unwrap_or(0.0),
        wasm[1].as_f64().unwrap_or(0.0),
    );
    if dist.join("index.html.br").is_file() {
        assert!(
            wire > 0.0 && wire < decoded * 0.6,
            "the wasm was not served compressed: {wire} of {decoded} bytes"
        );
    }
    println!("The wasm travels as {wire:.0} bytes ({decoded:.0} decoded).");
    measure(
        &browser,
        &dist,
        &server,
        article,
        "The browser component (dist/)",
        RUNS,
    );
}

#[test]
#[ignore = "a benchmark: scripts/bench runs it after scripts/sample-site"]
fn prerendered_page_paint_against_a_static_page() {
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/sample-site");
    assert!(
        site.join("index.html").is_file(),
        "run scripts/sample-site first"
    );
    let server = StaticServer::start(&site, &[]);
    let browser = bench_browser();
    measure(
        &browser,
        &site,
        &server,
        "2025/05/eu-weighs-envoy-for-russia-talks/",
        "A prerendered page (target/sample-site)",
        PRERENDERED_RUNS,
    );
}
