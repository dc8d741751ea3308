//! The sanitizer takes time in proportion to its input, whatever its shape: a megabyte of
//! pathological markup of each kind that has made HTML sanitizers slow (one tag with a hundred
//! thousand attributes, deep nesting, unclosed tags, character references, comments, lone
//! `<`) takes about as long as a megabyte of ordinary prose, never the seconds or minutes a
//! quadratic step would take. An article can be 32 MB, and ranking sanitizes other posts too.

use std::time::{Duration, Instant};

use broadsheet_core::html::{sanitize, SanitizeContext};

/// About one megabyte of `unit` repeated, with `head` before and `tail` after.
fn megabyte(head: &str, unit: &str, tail: &str) -> String {
    let mut s = String::from(head);
    while s.len() < 1 << 20 {
        s.push_str(unit);
    }
    s.push_str(tail);
    s
}

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
    let prose = megabyte(
        "<p>",
        "The quick brown fox jumps over the lazy dog, and the dog does not mind. ",
        "</p>",
    );
    let base = time(&prose);
    let shapes = [
        ("attributes", megabyte("<p ", "a1234=\"x\" ", ">x</p>")),
        ("distinct attributes", {
            let mut s = String::from("<img src=a.png ");
            let mut n = 0u64;
            while s.len() < 1 << 20 {
                s.push_str(&format!("data-a{n}=x "));
                n += 1;
            }
            s + ">"
        }),
        ("nesting", megabyte("", "<div><span><em>", "x")),
        ("nesting closed", {
            let open = "<div><span><em>".repeat(30_000);
            let close = "</em></span></div>".repeat(30_000);
            format!("{open}x{close}")
        }),
        ("unclosed tags", megabyte("", "<p>word ", "")),
        ("stray end tags", megabyte("", "</div></p>x", "")),
        (
            "character references",
            megabyte("<p>", "&amp;&#x41;&eacute;&notin&#9999999999;", "</p>"),
        ),
        (
            "references in attributes",
            megabyte("<a title=\"", "&amp;&lt;&#65;&bogus;", "\">x</a>"),
        ),
        ("an unknown reference", megabyte("<p>&", "a", ";</p>")),
        ("comments", megabyte("", "<!-- note -->text", "")),
        ("an unclosed comment", megabyte("<p>x<!--", "- - -", "")),
        ("lone angle brackets", megabyte("", "< <> </ <! a<b", "")),
        (
            "an unclosed quoted attribute",
            megabyte("<a title=\"", "word ", ""),
        ),
        ("dropped elements", megabyte("", "<svg><svg><script>", "")),
        (
            "raw text",
            megabyte("<script>", "</scrip </ </scriptx ", "</script>ok"),
        ),
    ];
    let mut slow = Vec::new();
    for (shape, input) in &shapes {
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
