#![cfg(not(target_arch = "wasm32"))]
mod support;
use serde_json::json;
use support::static_server::StaticServer;
use support::webdriver::Browser;
const PROBE: &str = "window.__long = []; window.__marks = {}; \
    new PerformanceObserver(l => { for (const e of l.getEntries()) window.__long.push([Math.round(e.startTime), Math.round(e.duration)]); }) \
      .observe({ type: 'longtask', buffered: true }); \
    new PerformanceObserver(l => { for (const e of l.getEntries()) window.__lcp = Math.round(e.startTime); }) \
      .observe({ type: 'largest-contentful-paint', buffered: true }); \
    addEventListener('TrunkApplicationStarted', () => { window.__marks.started = Math.round(performance.now()); }); \
    new MutationObserver(() => { const m = window.__marks; \
      if (!m.body && document.querySelector('.bs-body')) m.body = Math.round(performance.now()); \
      if (!m.cards && document.querySelector('.bs-card')) m.cards = Math.round(performance.now()); \
      if (!m.skel && document.querySelector('.bs-skeleton')) m.skel = Math.round(performance.now()); \
    }).observe(document, {subtree: true, childList: true});";
#[test]
#[ignore]
fn profile() {
    let dist = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("dist");
    let server = StaticServer::start(&dist, &[]);
    for _ in 0..4 {
        let browser = Browser::start();
        browser.cdp("Page.enable", json!({}));
        browser.cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({"source": PROBE}),
        );
        browser.resize(1280, 800);
        browser.cdp("Emulation.setCPUThrottlingRate", json!({"rate": 4.0}));
        browser.goto("about:blank");
        browser.goto(&format!("{}/", server.origin));
        browser.wait("return document.querySelector('.bs-card');", 60);
        std::thread::sleep(std::time::Duration::from_millis(1500));
        let v = browser.run("return { long: window.__long, marks: window.__marks, lcp: window.__lcp, \
            res: performance.getEntriesByType('resource').map(e => [e.name.split('/').pop(), Math.round(e.startTime), Math.round(e.responseEnd)]) };", json!([]));
        println!("{v}");
    }
}
