//! Character references (`&amp;`, `&#233;`, `&#x1F680;`, `&frac13;`) decoded exactly as the HTML
//! standard's tokenizer decodes them, in text and in attribute values, with all 2,231 named
//! references. What is not a reference stays literal text, which is safe because the sanitizer
//! escapes every `&` it writes. html5lib's tokenizer tests check this module
//! (`crates/core/tests/html5lib.rs`), and the browser's parser as the component reads HTML with
//! it (`tests/browser/entities.rs`).
//!
//! The names come from the standard's table (`entity_table.rs`), natively only: in the browser
//! that table would cost 10 kB of the compressed wasm, and the component has the browser parse
//! HTML instead (`src/browser_html.rs`). Compiled to wasm, named references stay literal text,
//! unless the feature `entity-table` puts the table in: the on-demand module (`crates/rank`),
//! which sanitizes the bodies the browser's parser would be slow on and reads an index's HTML
//! bodies for their words, has it.

#[cfg(any(not(target_arch = "wasm32"), feature = "entity-table"))]
use std::sync::OnceLock;

use super::legacy_entities::LEGACY;

/// Longest name, `;` included (`CounterClockwiseContourIntegral;`).
const LONGEST_NAME: usize = 32;

/// Windows-1252 meanings of numeric references 0x80 to 0x9F, as the standard requires.
const WINDOWS_1252: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{8D}', '\u{017D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{9D}', '\u{017E}', '\u{0178}',
];

/// The named references as `(name with ';', text)`, sorted by name: read from the table once.
#[cfg(any(not(target_arch = "wasm32"), feature = "entity-table"))]
fn named_table() -> &'static [(&'static str, &'static str)] {
    static TABLE: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        super::entity_table::NAMED
            .split('\u{1}')
            .filter_map(|record| {
                let end = record.find(';')? + 1;
                Some((&record[..end], &record[end..]))
            })
            .collect()
    })
}

/// The text of the named reference `name` (with its `;`), from the standard's table.
#[cfg(any(not(target_arch = "wasm32"), feature = "entity-table"))]
fn lookup(name: &str) -> Option<String> {
    let table = named_table();
    table
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|i| table[i].1.to_string())
}

/// Compiled to wasm without the table, every named reference stays literal text.
#[cfg(all(target_arch = "wasm32", not(feature = "entity-table")))]
fn lookup(_name: &str) -> Option<String> {
    None
}

/// The character a numeric reference stands for, with the standard's replacements for null,
/// surrogates, out-of-range values and the C1 range.
fn numeric(value: u32) -> char {
    match value {
        0 | 0xD800..=0xDFFF | 0x11_0000.. => '\u{FFFD}',
        0x80..=0x9F => WINDOWS_1252[(value - 0x80) as usize],
        v => char::from_u32(v).unwrap_or('\u{FFFD}'),
    }
}

/// Where the text being decoded is: an attribute value keeps a legacy reference without its
/// `;` literal when `=` or a letter or digit follows (`?q=x&region=eu` keeps `&region`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Character data.
    Text,
    /// An attribute value.
    Attribute,
}

/// Decodes every character reference in `text`, found at `place`.
pub fn decode(text: &str, place: Place) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match reference(&rest[1..], place) {
            Some((Decoded::Char(c), used)) => {
                out.push(c);
                rest = &rest[1 + used..];
            }
            Some((Decoded::Text(t), used)) => {
                out.push_str(&t);
                rest = &rest[1 + used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// What a reference decodes to.
enum Decoded {
    Char(char),
    Text(String),
}

/// The reference at the start of `body` (what follows a `&`): what it stands for and the bytes
/// of `body` it used, or `None` when it is not one.
fn reference(body: &str, place: Place) -> Option<(Decoded, usize)> {
    if let Some(number) = body.strip_prefix('#') {
        let (digits, radix, prefix) = match number.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 2),
            None => (number, 10, 1),
        };
        let len = digits
            .bytes()
            .take_while(|b| (*b as char).is_digit(radix))
            .count();
        if len == 0 {
            return None;
        }
        // Any number past the last code point is out of range, however many digits it has.
        let value = digits[..len].bytes().fold(0u32, |value, b| {
            let digit = (b as char).to_digit(radix).unwrap_or(0);
            value
                .saturating_mul(radix)
                .saturating_add(digit)
                .min(0x11_0000)
        });
        let semicolon = usize::from(digits[len..].starts_with(';'));
        return Some((Decoded::Char(numeric(value)), prefix + len + semicolon));
    }
    let run = body
        .bytes()
        .take(LONGEST_NAME)
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    if run == 0 {
        return None;
    }
    if body[run..].starts_with(';') {
        if let Some(text) = lookup(&body[..=run]) {
            return Some((Decoded::Text(text), run + 1));
        }
    }
    // The longest legacy name the run starts with: `&notit;` is `¬it;` in text.
    let len = (2..=run.min(6))
        .rev()
        .find(|&len| LEGACY.binary_search(&&body[..len]).is_ok())?;
    let next = body.as_bytes().get(len).copied();
    if place == Place::Attribute && next.is_some_and(|b| b == b'=' || b.is_ascii_alphanumeric()) {
        return None;
    }
    let text = lookup(&format!("{};", &body[..len]))?;
    Some((Decoded::Text(text), len))
}

// The native table is what these tests read.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        decode(s, Place::Text)
    }

    #[test]
    fn decodes_named_numeric_and_legacy_references() {
        assert_eq!(text("caf&eacute; &amp; cr&#232;me"), "café & crème");
        assert_eq!(text("&#x1F680;&#128640;"), "🚀🚀");
        assert_eq!(text("a &lt;b&gt; &quot;c&quot;"), "a <b> \"c\"");
        assert_eq!(text("fish &amp chips"), "fish & chips");
        assert_eq!(text("java&#x09;script&colon;"), "java\tscript:");
        assert_eq!(
            text("&#0;&#xD800;&#x110000;&#99999999999;"),
            "\u{FFFD}".repeat(4)
        );
        assert_eq!(text("&#0000000065;"), "A", "leading zeros are no overflow");
        assert_eq!(text("&#150;"), "\u{2013}");
        assert_eq!(text("&unknown; & &#; &#x;"), "&unknown; & &#; &#x;");
        assert_eq!(
            text("&ldquo;Rust&rdquo; &hellip;"),
            "\u{201C}Rust\u{201D} \u{2026}"
        );
    }

    #[test]
    fn every_named_reference_is_known() {
        assert_eq!(named_table().len(), 2125);
        assert!(LEGACY.iter().all(|n| lookup(&format!("{n};")).is_some()));
        assert_eq!(
            text("&alpha;&Omega;&frac13;&check;&NotNestedGreaterGreater;&fjlig;"),
            "αΩ⅓✓\u{2AA2}\u{338}fj"
        );
        assert_eq!(text("&CounterClockwiseContourIntegral;"), "∳");
        assert_eq!(text("&Afr;"), "𝔄");
    }

    #[test]
    fn attributes_keep_legacy_references_before_letters_and_equals() {
        let attr = |s: &str| decode(s, Place::Attribute);
        assert_eq!(attr("?q=x&region=eu"), "?q=x&region=eu");
        assert_eq!(attr("?a=1&copy=2"), "?a=1&copy=2");
        assert_eq!(attr("?a=1&copyx"), "?a=1&copyx");
        assert_eq!(attr("&copy;&copy &amp"), "©© &");
        assert_eq!(text("?q=x&region=eu"), "?q=x®ion=eu");
        assert_eq!(text("&notit;"), "¬it;");
        assert_eq!(attr("&notit;"), "&notit;");
    }
}
