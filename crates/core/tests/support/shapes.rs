//! Sixteen shapes of pathological markup, a megabyte each: each kind that has made HTML
//! sanitizers or browsers' parsers slow (one tag with a hundred thousand attributes, deep
//! nesting, formatting elements reopened in every block, unclosed tags, character references,
//! comments, lone `<`), and a megabyte of ordinary prose to measure them against. Shared by the native test (`crates/core/tests/linear_time.rs`), which runs them
//! through the core's tokenizer, and the end-to-end one (`tests/hostile_shapes.rs`), which shows each in
//! the browser component, through the browser's parser and walk, in every engine.

/// About one megabyte of `unit` repeated, with `head` before and `tail` after.
pub fn megabyte(head: &str, unit: &str, tail: &str) -> String {
    let mut s = String::from(head);
    while s.len() < 1 << 20 {
        s.push_str(unit);
    }
    s.push_str(tail);
    s
}

/// A megabyte of ordinary prose in one paragraph, the measure of the shapes.
pub fn prose() -> String {
    megabyte(
        "<p>",
        "The quick brown fox jumps over the lazy dog, and the dog does not mind. ",
        "</p>",
    )
}

/// The sixteen shapes, each with its name.
pub fn shapes() -> Vec<(&'static str, String)> {
    vec![
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
        // The parser reopens every formatting element still in its list in each new block, and
        // only three alike (same attributes) are kept there: distinct ones pile up.
        ("reopened formatting", {
            let mut s = String::new();
            let mut n = 0u64;
            while s.len() < 1 << 19 {
                s.push_str(&format!("<b data-n={n}>"));
                n += 1;
            }
            megabyte(&s, "<div>x</div>", "")
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
    ]
}

/// Each of `shapes` cut to the longest start of it that the browser component still hands the
/// browser's own parser (`broadsheet_core::html::walk::browser_parses_quickly`): the worst
/// that parser gets.
pub fn at_browser_bounds(shapes: &[(&str, String)]) -> Vec<(String, String)> {
    use broadsheet_core::html::walk::{BROWSER_PARSER_MAX_BYTES, BROWSER_PARSER_MAX_TAGS};
    shapes
        .iter()
        .map(|(name, html)| {
            let mut end = html.len().min(BROWSER_PARSER_MAX_BYTES);
            if let Some((at, _)) = html.match_indices('<').nth(BROWSER_PARSER_MAX_TAGS) {
                end = end.min(at);
            }
            while !html.is_char_boundary(end) {
                end -= 1;
            }
            (format!("{name}, cut"), html[..end].to_string())
        })
        .collect()
}
