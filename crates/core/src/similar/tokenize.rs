//! Terms of a text for ranking: lower-cased words of space-delimited scripts without stop words
//! (English plurals folded), and character bigrams of Chinese and Japanese. Characters are
//! classified as the read-time count does ([`crate::text`]).

use super::stopwords::is_stop_word;
use crate::text::{classify, CharClass};

/// Folds a common English plural or possessive ending ("talks" → "talk", "policies" →
/// "policy", "europe's" → "europe"); other words are kept.
fn fold(word: &str) -> String {
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word);
    if word.is_ascii() && word.len() > 4 {
        if let Some(stem) = word.strip_suffix("ies") {
            return format!("{stem}y");
        }
    }
    if word.is_ascii()
        && word.len() > 3
        && word.ends_with('s')
        && !["ss", "us", "is"].iter().any(|e| word.ends_with(e))
    {
        return word[..word.len() - 1].to_string();
    }
    word.to_string()
}

/// Calls `emit` with every term of `text` written in `language` (a primary subtag).
pub fn terms(text: &str, language: &str, mut emit: impl FnMut(&str)) {
    let mut word = String::new();
    let mut cjk_prev: Option<char> = None;
    let flush = |word: &mut String, emit: &mut dyn FnMut(&str)| {
        if !word.is_empty() {
            let term = fold(&word.to_lowercase());
            if term.chars().count() >= 2
                && !term.chars().all(|c| c.is_ascii_digit())
                && !is_stop_word(&term, language)
            {
                emit(&term);
            }
            word.clear();
        }
    };
    for c in text.chars() {
        let class = classify(c);
        // Scripts without spaces between words: character pairs stand for words.
        if matches!(
            class,
            CharClass::Han | CharClass::Kana | CharClass::Unspaced
        ) {
            flush(&mut word, &mut emit);
            if let Some(p) = cjk_prev {
                let mut pair = String::with_capacity(8);
                pair.push(p);
                pair.push(c);
                emit(&pair);
            }
            cjk_prev = Some(c);
            continue;
        }
        cjk_prev = None;
        // Apostrophes stay inside a word; hyphens split it ("well-known" is two terms).
        let apostrophe = class == CharClass::Joiner && matches!(c, '\'' | '’');
        if matches!(class, CharClass::Word | CharClass::Hangul) || apostrophe && !word.is_empty() {
            word.push(c);
        } else {
            flush(&mut word, &mut emit);
        }
    }
    flush(&mut word, &mut emit);
}

/// Whether `title` only repeats the opening of `text` (both in `language`): its terms are the
/// first terms of `text`, the last possibly cut short. Feeds without titles give posts such
/// titles (a post's first words, cut to a length), and counting those words again as a title
/// makes the opening outweigh the rest of the post.
pub fn repeats_opening(title: &str, text: &str, language: &str) -> bool {
    let title = term_list(title, language);
    let Some((last, whole)) = title.split_last() else {
        return false;
    };
    // The title's terms lie within about as many characters of the text as the title has.
    let span = 2 * title.iter().map(|t| t.chars().count() + 1).sum::<usize>() + 16;
    let opening = match text.char_indices().nth(span) {
        Some((end, _)) => &text[..end],
        None => text,
    };
    let opening = term_list(opening, language);
    opening.len() >= title.len()
        && opening[..whole.len()] == *whole
        && opening[whole.len()].starts_with(last.as_str())
}

/// The terms of `text` as a list (for tests and explanations).
pub fn term_list(text: &str, language: &str) -> Vec<String> {
    let mut out = Vec::new();
    terms(text, language, |t| out.push(t.to_string()));
    out
}

/// The `n` most frequent terms of `text` with their counts, most frequent first (ties in
/// alphabetical order): what a site index keeps of a post's body for ranking.
pub fn top_terms(text: &str, language: &str, n: usize) -> Vec<(String, f32)> {
    let mut counts: std::collections::HashMap<String, f32> = std::collections::HashMap::new();
    terms(text, language, |t| {
        *counts.entry(t.to_string()).or_insert(0.0) += 1.0
    });
    let mut all: Vec<(String, f32)> = counts.into_iter().collect();
    all.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    all.truncate(n);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercased_without_stop_words_and_plurals() {
        assert_eq!(
            term_list("The EU's peace talks, and Europe’s policies in 2025!", "en"),
            ["eu", "peace", "talk", "europe", "policy"]
        );
        assert_eq!(
            term_list("Ukraine crisis bus class", "en"),
            ["ukraine", "crisis", "bus", "class"]
        );
        assert_eq!(
            term_list("Die Verhandlungen und die Ukraine", "de"),
            ["verhandlungen", "ukraine"]
        );
    }

    #[test]
    fn a_title_that_repeats_the_opening_is_told_apart() {
        let body = "The EU's peace talks with Russia resumed in Geneva on Monday, officials said.";
        assert!(repeats_opening("The EU's peace talks with Rus", body, "en"));
        assert!(repeats_opening("EU peace talks with Russia", body, "en"));
        assert!(!repeats_opening("Peace talks resume in Geneva", body, "en"));
        assert!(!repeats_opening(
            "EU peace talks with Russia resumed in Paris",
            body,
            "en"
        ));
        assert!(!repeats_opening("", body, "en"));
        assert!(!repeats_opening("EU peace talks", "", "en"));
        assert!(repeats_opening(
            "東京の天気",
            "東京の天気は晴れです。",
            "ja"
        ));
    }

    #[test]
    fn chinese_and_japanese_become_bigrams() {
        assert_eq!(
            term_list("日本語のWeb", "ja"),
            ["日本", "本語", "語の", "web"]
        );
        assert_eq!(term_list("你好", "zh"), ["你好"]);
        assert_eq!(term_list("中", "zh"), Vec::<String>::new());
    }

    #[test]
    fn keeps_other_scripts_whole() {
        assert_eq!(
            term_list("الطاقة الشمسية في الخليج", "ar"),
            ["الطاقة", "الشمسية", "الخليج"]
        );
        assert_eq!(term_list("Ελληνικά κείμενα", "el"), ["ελληνικά", "κείμενα"]);
    }
}
