//! The tokens of a tree built by the browser's HTML parser, as the browser component's walker
//! writes them (`src/browser_html.rs`). In the browser they are the sanitizer's input, so the
//! wasm carries no HTML tokenizer and no table of character references: the browser has both.
//!
//! A walk is a list of records separated by U+0000, which the HTML parser never leaves in a
//! tree (the walker replaces any with U+FFFD all the same):
//! - `<name` opens an element; each of its attributes follows as `=name`, then its value as a
//!   record of its own;
//! - `>name` closes the element, but for the HTML elements in [`VOID`], which a tokenizer's
//!   tokens never close either;
//! - `#text` is text.
//!
//! Names are ASCII-lowercased, as [`Tokenizer`](super::tokenizer::Tokenizer) writes them. The
//! walker does not go into the elements whose content the tokenizer reads as raw text
//! ([`RAW_TEXT`](super::tokenizer::RAW_TEXT)), and goes into a template's contents.

use super::tokenizer::Token;

/// What separates the records of a walk.
pub const SEPARATOR: char = '\0';

/// HTML's void elements, separated by spaces (as the browser's walker takes them): no end
/// record follows their start (`<br>` has no `</br>`).
pub const VOID: &str = "area base br col embed hr img input link meta source track wbr";

/// Largest body, in bytes, and most `<` in it, that the component hands to the browser's own
/// parser (`src/browser_html.rs`). Browsers' parsers are quadratic on some markup: the open
/// elements of deep nesting are searched at each new tag, formatting elements with distinct
/// attributes are reopened in each new block, and a tag's attributes are compared with each
/// other. Each costs at most the square of the tags (every tag, comment and element starts
/// with a `<`) or of the bytes (a tag's attributes), so within these bounds the worst markup
/// parses in a fraction of a second (BENCHMARKS.md); a longer body goes to the core's tokenizer,
/// which is linear on any input, in the on-demand module.
pub const BROWSER_PARSER_MAX_BYTES: usize = 32 << 10;
/// See [`BROWSER_PARSER_MAX_BYTES`].
pub const BROWSER_PARSER_MAX_TAGS: usize = 1 << 10;

/// Whether the browser's own parser reads `html` quickly whatever its shape: it is short and
/// has few tags ([`BROWSER_PARSER_MAX_BYTES`], [`BROWSER_PARSER_MAX_TAGS`]).
pub fn browser_parses_quickly(html: &str) -> bool {
    html.len() <= BROWSER_PARSER_MAX_BYTES
        && html.bytes().filter(|&b| b == b'<').count() <= BROWSER_PARSER_MAX_TAGS
}

/// The tokens of `walk`, in order. A record of no known kind is skipped.
pub fn walked_tokens(walk: &str) -> impl Iterator<Item = Token> + '_ {
    let mut records = walk.split(SEPARATOR).peekable();
    std::iter::from_fn(move || loop {
        let record = records.next()?;
        if let Some(name) = record.strip_prefix('<') {
            let mut attrs = Vec::new();
            while let Some(attr) = records.next_if(|r| r.starts_with('=')) {
                let value = records.next().unwrap_or_default();
                attrs.push((attr[1..].to_string(), value.to_string()));
            }
            return Some(Token::Start {
                name: name.to_string(),
                attrs,
                self_closing: false,
            });
        }
        if let Some(name) = record.strip_prefix('>') {
            return Some(Token::End {
                name: name.to_string(),
            });
        }
        if let Some(text) = record.strip_prefix('#') {
            return Some(Token::Text(text.to_string()));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_short_bodies_with_few_tags_go_to_the_browsers_parser() {
        assert!(browser_parses_quickly(""));
        assert!(browser_parses_quickly(
            &"<p>word</p>".repeat(BROWSER_PARSER_MAX_TAGS / 2)
        ));
        assert!(!browser_parses_quickly(
            &"<p>word</p>".repeat(BROWSER_PARSER_MAX_TAGS / 2 + 1)
        ));
        // One tag, its attributes filling the bytes.
        let attributes = |n: usize| format!("<img {}>", "a=x ".repeat(n));
        assert!(browser_parses_quickly(&attributes(
            BROWSER_PARSER_MAX_BYTES / 4 - 2
        )));
        assert!(!browser_parses_quickly(&attributes(
            BROWSER_PARSER_MAX_BYTES / 4
        )));
    }

    fn start(name: &str, attrs: &[(&str, &str)]) -> Token {
        Token::Start {
            name: name.to_string(),
            attrs: attrs
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            self_closing: false,
        }
    }

    #[test]
    fn records_become_tokens() {
        let walk = [
            "<p", "=class", "=x", "=title", "", "#a < b", "<br", ">br", ">p", "#",
        ]
        .join("\0");
        let tokens: Vec<Token> = walked_tokens(&walk).collect();
        assert_eq!(
            tokens,
            [
                // A value that starts with `=` is still the value.
                start("p", &[("class", "=x"), ("title", "")]),
                Token::Text("a < b".to_string()),
                start("br", &[]),
                Token::End {
                    name: "br".to_string()
                },
                Token::End {
                    name: "p".to_string()
                },
                Token::Text(String::new()),
            ]
        );
    }

    #[test]
    fn an_empty_or_odd_walk_gives_what_it_can() {
        assert_eq!(walked_tokens("").count(), 0);
        // An unknown record is skipped; an attribute cut short has an empty value.
        let tokens: Vec<Token> = walked_tokens("?x\0<a\0=href").collect();
        assert_eq!(tokens, [start("a", &[("href", "")])]);
    }
}
