//! What each character is to a reader: part of a word, a Chinese, Japanese or Korean character
//! read on its own, a joiner inside a word, or a separator. Shared by the read-time count and
//! the ranking tokenizer, so both see the same words.

/// The class of one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CharClass {
    /// A Han ideograph.
    Han,
    /// Hiragana or katakana.
    Kana,
    /// A Hangul syllable or jamo.
    Hangul,
    /// A character of a script written without spaces between words (Thai, Lao, Khmer,
    /// Myanmar): counted one by one, as a word boundary cannot be seen.
    Unspaced,
    /// A letter, digit or combining mark of a space-delimited script.
    Word,
    /// An apostrophe or hyphen, which joins the parts of a word ("don't", "well-known").
    Joiner,
    /// Anything else: spaces, punctuation, symbols, emoji.
    Other,
}

/// The class of `c`.
pub fn classify(c: char) -> CharClass {
    match c as u32 {
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F => CharClass::Han,
        0x3041..=0x309F | 0x30A0..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => CharClass::Kana,
        0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F => CharClass::Hangul,
        0x0E00..=0x0EFF
        | 0x1000..=0x109F
        | 0xAA60..=0xAA7F
        | 0xA9E0..=0xA9FF
        | 0x1780..=0x17FF
        | 0x19E0..=0x19FF => CharClass::Unspaced,
        0x27 | 0x2D | 0x2019 | 0x2010 | 0x2011 => CharClass::Joiner,
        // Combining marks of Latin, Cyrillic, Hebrew, Arabic, Syriac and Thaana, the Indic,
        // Thai and Lao blocks (their vowel signs are marks), zero-width (non-)joiners.
        0x0300..=0x036F
        | 0x0483..=0x0489
        | 0x0591..=0x05C7
        | 0x0610..=0x061A
        | 0x064B..=0x065F
        | 0x0670
        | 0x06D6..=0x06ED
        | 0x0711
        | 0x0730..=0x074A
        | 0x07A6..=0x07B0
        | 0x0900..=0x0963
        | 0x0966..=0x0EFF
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x200C
        | 0x200D
        | 0x20D0..=0x20FF
        | 0xFE20..=0xFE2F => CharClass::Word,
        _ if c.is_alphanumeric() => CharClass::Word,
        _ => CharClass::Other,
    }
}

/// Maps text to lower case by Unicode's default case mapping.
pub type Lowercase = fn(&str) -> String;

#[cfg(target_arch = "wasm32")]
thread_local! {
    static LOWERCASE: std::cell::Cell<Option<Lowercase>> = const { std::cell::Cell::new(None) };
}

/// Makes `lowercase` (the browser's `String.prototype.toLowerCase`) the source of lower case
/// in the browser, where Unicode's case tables would cost the wasm 5 kB brotli. Natively the
/// tables are built in, and this does nothing.
pub fn use_lowercase(lowercase: Lowercase) {
    #[cfg(target_arch = "wasm32")]
    LOWERCASE.with(|l| l.set(Some(lowercase)));
    #[cfg(not(target_arch = "wasm32"))]
    let _ = lowercase;
}

/// `s` in lower case, by Unicode's default case mapping (`str::to_lowercase`, which is what
/// JavaScript's `toLowerCase` does too). In the browser, before a mapping is installed, only
/// ASCII letters are lowered.
pub fn lowercase(s: &str) -> String {
    #[cfg(not(target_arch = "wasm32"))]
    {
        s.to_lowercase()
    }
    #[cfg(target_arch = "wasm32")]
    {
        match LOWERCASE.with(|l| l.get()) {
            Some(lowercase) => lowercase(s),
            None => s.to_ascii_lowercase(),
        }
    }
}

/// Splits text at extended grapheme cluster boundaries: the byte offsets where clusters start
/// after the first (`"e\u{301}x"` gives `[3]`).
pub type GraphemeBoundaries = fn(&str) -> Vec<usize>;

#[cfg(target_arch = "wasm32")]
thread_local! {
    static SEGMENTER: std::cell::Cell<Option<GraphemeBoundaries>> = const { std::cell::Cell::new(None) };
}

/// Makes `boundaries` (the browser's `Intl.Segmenter`) the source of grapheme clusters in the
/// browser, where the tables of Unicode's rules would cost more of the wasm than they are
/// worth. Natively the rules are built in, and this does nothing.
pub fn use_grapheme_boundaries(boundaries: GraphemeBoundaries) {
    #[cfg(target_arch = "wasm32")]
    SEGMENTER.with(|s| s.set(Some(boundaries)));
    #[cfg(not(target_arch = "wasm32"))]
    let _ = boundaries;
}

/// The extended grapheme clusters of `s`, as Unicode's UAX #29 defines them: what a reader
/// sees as one character (a flag, a family emoji, a letter with its accents). In the browser,
/// before a segmenter is installed, every character is one (which only ever over-counts).
pub fn graphemes(s: &str) -> Vec<&str> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        use unicode_segmentation::UnicodeSegmentation;
        s.graphemes(true).collect()
    }
    #[cfg(target_arch = "wasm32")]
    {
        let boundaries = match SEGMENTER.with(|s| s.get()) {
            Some(segment) => segment(s),
            None => s.char_indices().skip(1).map(|(i, _)| i).collect(),
        };
        let mut out = Vec::with_capacity(boundaries.len() + 1);
        let mut start = 0;
        for end in boundaries
            .into_iter()
            .filter(|&b| b > 0 && b < s.len() && s.is_char_boundary(b))
        {
            if end > start {
                out.push(&s[start..end]);
                start = end;
            }
        }
        if start < s.len() {
            out.push(&s[start..]);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::{classify, CharClass};

    #[test]
    fn classifies_scripts() {
        assert_eq!(classify('a'), CharClass::Word);
        assert_eq!(classify('\u{0301}'), CharClass::Word, "combining acute");
        assert_eq!(classify('ि'), CharClass::Word, "Devanagari vowel sign");
        assert_eq!(classify('中'), CharClass::Han);
        assert_eq!(classify('の'), CharClass::Kana);
        assert_eq!(classify('한'), CharClass::Hangul);
        assert_eq!(classify('’'), CharClass::Joiner);
        assert_eq!(classify('。'), CharClass::Other);
        assert_eq!(classify('🚀'), CharClass::Other);
    }
}
