//! Text that arrives as HTML where plain text belongs: titles with markup (`<em>`, `&amp;`),
//! HTML summaries and excerpts.

use broadsheet_core::html::{sanitize, SanitizeContext};

/// The text a reader sees of `html`: tags gone, references decoded, blocks separated by a
/// space, runs of white space as one.
pub fn html_to_text(html: &str) -> String {
    let prose = sanitize(html, SanitizeContext::default()).prose;
    prose.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::html_to_text;

    #[test]
    fn markup_becomes_text() {
        assert_eq!(
            html_to_text("<em>Rust</em> &amp; <b>Wasm</b>"),
            "Rust & Wasm"
        );
        assert_eq!(html_to_text("<p>One</p><p>two</p>"), "One two");
        assert_eq!(html_to_text("AT&T <3 a < b"), "AT&T <3 a < b");
        assert_eq!(html_to_text("<script>x</script>Safe"), "Safe");
    }
}
