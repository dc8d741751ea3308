//! Ranking time in the browser, for the benchmark (`scripts/bench`): builds the index of 1,000
//! and 10,000 synthetic posts in release wasm and ranks posts against it. Prints one line per
//! size; it asserts only that the ranking found similar posts for most queries.

#![cfg(target_arch = "wasm32")]

use broadsheet_core::similar::synthetic::synthetic;
use broadsheet_core::similar::{Index, Weights};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

#[wasm_bindgen_test]
fn ranking_speed_in_the_browser() {
    for n in [1_000, 10_000] {
        let docs = synthetic(n);
        let start = now();
        let index = Index::build(&docs, Weights::default());
        let built = now() - start;
        let mut answered = 0;
        let mut times: Vec<f64> = (0..21)
            .map(|i| {
                let t = now();
                let found = index.similar(&docs[(i * 7919) % n], 3);
                let elapsed = now() - t;
                answered += usize::from(!found.is_empty());
                elapsed
            })
            .collect();
        // A synthetic topic can have a single post, which then has no similar one.
        assert!(
            answered >= 15,
            "only {answered} of 21 queries found similar posts"
        );
        times.sort_by(f64::total_cmp);
        console_log!(
            "BENCH browser posts={n} index_ms={built:.1} rank_one_ms={:.2} total_ms={:.1}",
            times[10],
            built + times[10]
        );
    }
}
