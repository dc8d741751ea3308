//! The browser's path is linear on every shape: the release build (`dist/`) shows an article
//! whose body is a megabyte of each pathological shape of `crates/core/tests/support/shapes.rs`
//! (the native test's) in a small multiple of the time a megabyte of prose takes, in the engine
//! `BROADSHEET_ENGINE` names; and each shape cut to the most the browser's own parser is handed
//! (32 kB, 1,024 tags) within the time of a megabyte of prose. Longer bodies go to the core's
//! sanitizer in the on-demand module (`rank/broadsheet_rank.js`, loaded from next to the
//! component's script, as a reader's browser loads it), never to the browser's own parser,
//! which is quadratic on some of them (`src/browser_html.rs`); the browser suite checks the
//! megabytes through the component alone (`tests/browser/shapes.rs`).

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use support::shape_articles::shape_articles;
use support::static_server::StaticServer;
use support::webdriver::Browser;

#[path = "../crates/core/tests/support/shapes.rs"]
mod shapes;

fn dist() -> PathBuf {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("dist");
    assert!(
        dist.join("index.html").is_file(),
        "no release build in dist/: run `trunk build --release` first"
    );
    dist
}

/// How long the release build takes from navigation to showing the article `name` (its title
/// and its body), served from `origin`.
fn shown(browser: &Browser, app: &str, origin: &str, name: &str) -> Duration {
    browser.goto("about:blank");
    let start = Instant::now();
    browser.goto(&format!("{app}/?article={origin}/{name}.json"));
    browser.wait(
        &format!(
            "const h = document.querySelector('h1'); \
             return h && h.textContent === 'Shape: {name}' && !!document.querySelector('.bs-body');"
        ),
        120,
    );
    start.elapsed()
}

#[test]
#[ignore = "needs `trunk build --release` first; scripts/test runs it"]
fn a_megabyte_of_any_shape_shows_in_about_the_time_of_prose() {
    let dir = std::env::temp_dir().join(format!("broadsheet-shapes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder for the articles");
    let all = shapes::shapes();
    let cuts = shapes::at_browser_bounds(&all);
    let list = shape_articles(shapes::prose(), all, cuts);
    for article in &list {
        std::fs::write(dir.join(format!("{}.json", article.name)), article.json()).expect("write");
    }
    let articles = StaticServer::start(&dir, &[("Access-Control-Allow-Origin", "*")]);
    let app = StaticServer::start(&dist(), &[]);
    let browser = Browser::start();
    // The fastest of two, which is what the page costs without the machine's noise.
    let time = |name: &str| {
        (0..2)
            .map(|_| shown(&browser, &app.origin, &articles.origin, name))
            .min()
            .unwrap_or_default()
    };
    let base = time("prose");
    let mut report = Vec::new();
    let mut slow = Vec::new();
    for article in list.iter().skip(1) {
        let took = time(&article.name);
        report.push(format!("{}: {} ms", article.name, took.as_millis()));
        let limit = Duration::from_secs_f64(article.limit_ms(base.as_secs_f64() * 1e3) / 1e3);
        if took > limit {
            slow.push(format!(
                "{}: {took:.1?} against {base:.1?} for prose",
                article.name
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    println!("prose: {} ms; {}", base.as_millis(), report.join("; "));
    assert!(slow.is_empty(), "not linear:\n{}", slow.join("\n"));
}
