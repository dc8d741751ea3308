//! Stop words: the most frequent function words of each supported language, which say
//! nothing about what a post is about. Lists are sorted for binary search.

const EN: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "get",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "last",
    "least",
    "less",
    "like",
    "made",
    "make",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "per",
    "said",
    "same",
    "say",
    "says",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "to",
    "too",
    "two",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "way",
    "we",
    "well",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "year",
    "yet",
    "you",
    "your",
    "yours",
];

const FR: &[&str] = &[
    "a", "afin", "ai", "au", "aussi", "aux", "avec", "c", "ce", "ces", "cette", "comme", "d",
    "dans", "de", "des", "du", "elle", "en", "est", "et", "etre", "il", "ils", "je", "l", "la",
    "le", "les", "leur", "lui", "mais", "me", "meme", "mes", "n", "ne", "nous", "on", "ont", "ou",
    "par", "pas", "plus", "pour", "qu", "que", "qui", "s", "sa", "se", "ses", "son", "sont", "sur",
    "ta", "te", "tes", "un", "une", "vos", "vous", "à", "été", "être",
];

const DE: &[&str] = &[
    "aber", "als", "am", "an", "auch", "auf", "aus", "bei", "bis", "das", "dass", "dem", "den",
    "der", "des", "die", "doch", "du", "durch", "ein", "eine", "einem", "einen", "einer", "es",
    "für", "hat", "ich", "im", "in", "ist", "mit", "nach", "nicht", "noch", "nur", "oder", "sich",
    "sie", "sind", "so", "um", "und", "vom", "von", "vor", "war", "was", "wie", "wir", "wird",
    "zu", "zum", "zur", "über",
];

const ES: &[&str] = &[
    "al", "como", "con", "de", "del", "el", "en", "es", "esta", "este", "ha", "la", "las", "le",
    "lo", "los", "mas", "más", "no", "para", "pero", "por", "que", "se", "sin", "sobre", "su",
    "sus", "un", "una", "y", "ya",
];

const AR: &[&str] = &[
    "أن", "أو", "إلى", "إن", "التي", "الذي", "ذلك", "على", "عن", "في", "قد", "كان", "كما", "لا",
    "لم", "ما", "مع", "من", "هذا", "هذه", "هو", "هي", "و",
];

/// The stop-word list for a BCP 47 primary language; English when unknown.
fn list(language: &str) -> &'static [&'static str] {
    match language {
        "fr" => FR,
        "de" => DE,
        "es" => ES,
        "ar" => AR,
        _ => EN,
    }
}

/// True when `word` (lower-case) is a stop word in `language`.
pub fn is_stop_word(word: &str, language: &str) -> bool {
    let words = list(language);
    words.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_for_binary_search() {
        for l in [EN, FR, DE, ES, AR] {
            assert!(
                l.windows(2).all(|w| w[0] < w[1]),
                "{:?}",
                l.windows(2).find(|w| w[0] >= w[1])
            );
        }
    }

    #[test]
    fn finds_stop_words_by_language() {
        assert!(is_stop_word("the", "en"));
        assert!(!is_stop_word("ukraine", "en"));
        assert!(is_stop_word("und", "de"));
        assert!(is_stop_word("في", "ar"));
        assert!(is_stop_word("the", "ja"), "unknown languages use English");
    }
}
