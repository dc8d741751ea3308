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
