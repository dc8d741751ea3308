//! The browser's path is linear on every shape: the component shows an article whose body is a
//! megabyte of each pathological shape of the native linear-time test
//! (`crates/core/tests/support/shapes.rs`) in a small multiple of the time a megabyte of prose
//! takes, and each shape cut to the most the browser's own parser is handed within the time of
//! a megabyte of prose. Longer bodies go to the on-demand module's sanitizer
//! (`src/browser_html.rs`), which keeps them from the browser's own parser, quadratic on some.

use super::*;

#[path = "../../crates/core/tests/support/shapes.rs"]
mod data;

#[path = "../support/shape_articles.rs"]
mod articles;

/// How long the component takes from mounting to showing the article `name` (its title and its
/// body), in milliseconds, or why it did not show it.
async fn shown(name: &str) -> Result<f64, String> {
    let start = js_sys::Date::now();
    let f = mount_with(&[("data-article-src", &format!("/shape/{name}.json"))]);
    let title = format!("Shape: {name}");
    wait_until(60_000.0, || {
        f.host
            .query_selector("h1")
            .ok()
            .flatten()
            .is_some_and(|h| text(&h) == title)
            && f.host.query_selector(".bs-body").ok().flatten().is_some()
    })
    .await
    .map_err(|e| {
        format!(
            "{name}: {e}; the component shows: {:.300}",
            f.host.inner_html()
        )
    })?;
    Ok(js_sys::Date::now() - start)
}

#[wasm_bindgen_test]
async fn a_megabyte_of_any_shape_shows_in_about_the_time_of_prose() {
    // Made a few at a time, giving the page back in between: the test runner reads its
    // progress from the page, and a page held for seconds looks hung to it.
    let shapes = data::shapes();
    frames(1).await;
    let cuts = data::at_browser_bounds(&shapes);
    frames(1).await;
    let list = articles::shape_articles(data::prose(), shapes, cuts);
    // The article of the moment, which the stand-in fetch answers with.
    let restore = stub_fetch(
        "return (input, init) => String(input.url ?? input).includes('/shape/') \
           ? Promise.resolve(new Response(globalThis.__shape, { status: 200 })) : real(input, init);",
    );
    // The fastest of two, which is what the page costs without the machine's noise.
    let mut times = Vec::new();
    for article in &list {
        js_sys::Reflect::set(&js_sys::global(), &"__shape".into(), &article.json().into())
            .expect("global");
        // The page's own work done before the clock starts.
        frames(2).await;
        let mut best = f64::INFINITY;
        for _ in 0..2 {
            match shown(&article.name).await {
                Ok(ms) => best = best.min(ms),
                Err(e) => {
                    restore
                        .call0(&wasm_bindgen::JsValue::NULL)
                        .expect("restore");
                    panic!("{e}");
                }
            }
        }
        times.push((article, best));
    }
    restore
        .call0(&wasm_bindgen::JsValue::NULL)
        .expect("restore fetch");
    let prose = times[0].1;
    let report: Vec<String> = times
        .iter()
        .map(|(article, ms)| format!("{}: {ms:.0} ms", article.name))
        .collect();
    let slow: Vec<&String> = times
        .iter()
        .zip(&report)
        .filter(|((article, ms), _)| *ms > article.limit_ms(prose))
        .map(|(_, line)| line)
        .collect();
    assert!(slow.is_empty(), "not linear: {slow:?}; all: {report:?}");
    console_log!("{}", report.join("; "));
}
