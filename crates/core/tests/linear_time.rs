//! The sanitizer takes time in proportion to its input, whatever its shape: a megabyte of
//! pathological markup of each kind that has made HTML sanitizers slow (`support/shapes.rs`)
//! takes about as long as a megabyte of ordinary prose, never the seconds or minutes a
//! quadratic step would take. An article can be 32 MB, and ranking sanitizes other posts too.

use std::time::{Duration, Instant};

use broadsheet_core::html::walk::browser_parses_quickly;
use broadsheet_core::html::{sanitize, SanitizeContext};

#[path = "support/shapes.rs"]
mod shapes;

/// The fastest of three runs, which is what the code costs without the machine's noise.
fn time(input: &str) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            let out = sanitize(input, SanitizeContext::default());
            let took = start.elapsed();
            assert!(
                out.html.len() <= input.len() * 8,
                "output stays in proportion"
            );
            took
        })
        .min()
        .unwrap_or_default()
}

#[test]
fn a_megabyte_of_any_shape_costs_about_a_megabyte_of_prose() {
    let prose = shapes::prose();
    let base = time(&prose);
    let mut slow = Vec::new();
    for (shape, input) in &shapes::shapes() {
        let took = time(input);
        // Linear code stays within a small multiple of prose (each shape does more per byte
        // than prose does: about 15 times for a megabyte of unclosed `<p>`, each a paragraph
        // of its own, closed and marked); a quadratic step over a megabyte is thousands of
        // times slower.
        if took > base * 24 + Duration::from_millis(50) {
            slow.push(format!("{shape}: {took:.1?} against {base:.1?} for prose"));
        }
    }
    assert!(slow.is_empty(), "not linear:\n{}", slow.join("\n"));
}

#[test]
fn each_shape_cut_to_the_browsers_bounds_is_the_longest_start_it_parses() {
    let shapes = shapes::shapes();
    for ((name, cut), (_, whole)) in shapes::at_browser_bounds(&shapes).iter().zip(&shapes) {
        assert!(browser_parses_quickly(cut), "{name}");
        let longer = &whole[..whole.ceil_char_boundary(cut.len() + 1)];
        assert!(
            !browser_parses_quickly(longer),
            "{name}: {} bytes",
            cut.len()
        );
    }
}
