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

use support::static_server::StaticServer;
use support::webdriver::Browser;

#[path = "../crates/core/tests/support/shapes.rs"]
mod shapes;

/// How many times a megabyte of prose a shape may take, and an allowance for the machine's
/// noise: linear code stays within a few times prose (each shape does more per byte than prose
/// does), while a quadratic step over a megabyte takes many seconds or minutes.
const TIMES: u32 = 10;
const NOISE: Duration = Duration::from_secs(2);

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
    let mut names = vec!["prose".to_string()];
    let write = |name: &str, html: &str| {
        let json = serde_json::json!({
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Shapes",
            "items": [{"id": name, "title": format!("Shape: {name}"), "content_html": html}]
        });
        std::fs::write(dir.join(format!("{name}.json")), json.to_string()).expect("write");
    };
    write("prose", &shapes::prose());
    // The megabytes, then each shape cut to the most the browser's own parser is handed.
    let mut cuts = 0;
    let all = shapes::shapes();
    for (shape, html) in &all {
        let name = shape.replace(' ', "-");
        write(&name, html);
        names.push(name);
    }
    for (shape, html) in shapes::at_browser_bounds(&all) {
        let name = shape.replace(", ", "-").replace(' ', "-");
        write(&name, &html);
        names.push(name);
        cuts += 1;
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
    for (i, name) in names.iter().enumerate().skip(1) {
        let took = time(name);
        report.push(format!("{name}: {} ms", took.as_millis()));
        // A cut shape, 32 kB at most, shows within the time of a megabyte of prose.
        let limit = if i >= names.len() - cuts {
            base + NOISE
        } else {
            base * TIMES + NOISE
        };
        if took > limit {
            slow.push(format!("{name}: {took:.1?} against {base:.1?} for prose"));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    println!("prose: {} ms; {}", base.as_millis(), report.join("; "));
    assert!(slow.is_empty(), "not linear:\n{}", slow.join("\n"));
}
