//! Links that land on a passage: URL fragment text directives (`#:~:text=start,end`, WICG's
//! "URL Fragment Text Directives"), which browsers that support them scroll to and highlight;
//! the others open the page at its top.
//!
//! A short passage is given whole; a long one by its first and last words (`textStart` and
//! `textEnd`), which keeps the link short and still picks out the passage. A passage written
//! without spaces is given whole. Each part is
//! percent-encoded as the directive's grammar requires: only its explicit characters are left as
//! they are, so `-`, `,` and `&`, which are its syntax, are always encoded, and so is every
//! character outside ASCII.

/// Words kept at each end of a long passage.
const EDGE_WORDS: usize = 4;

/// The characters a text directive may carry unencoded (its grammar's
/// `text-directive-explicit-char`).
fn is_explicit(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!$'()*+./:;=?@_~".contains(&byte)
}

/// `text` percent-encoded for a text directive.
pub fn encode(text: &str) -> String {
    crate::safe_url::percent_encode(text, is_explicit)
}

/// The text directive (`:~:text=...`) that highlights `passage`, its white space collapsed;
/// `None` for a passage with nothing to find.
pub fn text_directive(passage: &str) -> Option<String> {
    let words: Vec<&str> = passage.split_whitespace().collect();
    if words.is_empty() {
        return None;
    }
    let joined = words.join(" ");
    if words.len() > 2 * EDGE_WORDS + 1 {
        let start = words[..EDGE_WORDS].join(" ");
        let end = words[words.len() - EDGE_WORDS..].join(" ");
        return Some(format!(":~:text={},{}", encode(&start), encode(&end)));
    }
    // A passage without spaces (Chinese, Japanese, Thai) is given whole: browsers match a
    // directive's ends on word boundaries, which the text alone does not show.
    Some(format!(":~:text={}", encode(&joined)))
}

/// `url` with its fragment replaced by the text directive of `passage` (`url` unchanged when
/// the passage is empty).
pub fn link_to_passage(url: &str, passage: &str) -> String {
    let base = url.split('#').next().unwrap_or(url);
    match text_directive(passage) {
        Some(directive) => format!("{base}#{directive}"),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_characters_are_encoded() {
        assert_eq!(
            text_directive("Apples, pears & plums"),
            Some(":~:text=Apples%2C%20pears%20%26%20plums".into())
        );
        assert_eq!(
            text_directive("a well-known fact"),
            Some(":~:text=a%20well%2Dknown%20fact".into())
        );
        assert_eq!(encode("50% off #1"), "50%25%20off%20%231");
        assert_eq!(
            encode("It's (nearly) done: yes!"),
            "It's%20(nearly)%20done:%20yes!"
        );
    }

    #[test]
    fn long_passages_by_their_ends() {
        let passage = "The foreign ministers met in Brussels on Monday, and agreed — after a long night — to send an envoy to Moscow.";
        assert_eq!(
            text_directive(passage),
            Some(":~:text=The%20foreign%20ministers%20met,an%20envoy%20to%20Moscow.".into())
        );
        // White space inside, around and across lines collapses.
        assert_eq!(
            text_directive("  one\n two\t three "),
            Some(":~:text=one%20two%20three".into())
        );
        assert_eq!(text_directive(" \n "), None);
    }

    #[test]
    fn emoji_arabic_and_scripts_without_spaces() {
        assert_eq!(
            text_directive("Bravo 👏"),
            Some(":~:text=Bravo%20%F0%9F%91%8F".into())
        );
        assert_eq!(
            text_directive("مرحبا بالعالم"),
            Some(":~:text=%D9%85%D8%B1%D8%AD%D8%A8%D8%A7%20%D8%A8%D8%A7%D9%84%D8%B9%D8%A7%D9%84%D9%85".into())
        );
        let japanese =
            "東京で開かれた会議では、各国の代表が新しい協定について長い時間をかけて話し合った。";
        let directive = text_directive(japanese).expect("directive");
        assert!(!directive.contains(','), "given whole: {directive}");
        assert!(directive.ends_with("%E3%80%82"), "to its last character");
        assert!(directive.starts_with(":~:text=%E6%9D%B1%E4%BA%AC"));
    }

    #[test]
    fn links_replace_the_fragment() {
        assert_eq!(
            link_to_passage("https://a.example/post/#comments", "Hello, world"),
            "https://a.example/post/#:~:text=Hello%2C%20world"
        );
        assert_eq!(
            link_to_passage("https://a.example/post/", ""),
            "https://a.example/post/"
        );
    }
}
