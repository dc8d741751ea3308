//! BCP 47 language tags and the text direction they imply.

/// A syntactically valid BCP 47 language tag (`en`, `pt-BR`, `zh-Hant-TW`, `ar-EG`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LanguageTag(String);

/// Writing direction of a language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left (Arabic, Hebrew, Persian, Urdu, ...).
    Rtl,
}

impl Direction {
    /// The value of the `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// Primary languages written right to left.
const RTL_LANGUAGES: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "mzn", "nqo", "pnb", "ps", "sd", "syr",
    "ug", "ur", "yi",
];

/// Script subtags written right to left.
const RTL_SCRIPTS: &[&str] = &[
    "adlm", "arab", "hebr", "mand", "mend", "nkoo", "rohg", "samr", "syrc", "thaa", "yezi",
];

impl LanguageTag {
    /// Validates `input` (underscores are read as hyphens): a primary language of 2 to 8
    /// letters, then subtags of 1 to 8 letters or digits, where a one-character subtag must
    /// be followed by another. Returns `None` otherwise.
    pub fn parse(input: &str) -> Option<LanguageTag> {
        let tag = input.trim().replace('_', "-");
        let parts: Vec<&str> = tag.split('-').collect();
        let primary = parts.first()?;
        if !(2..=8).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        for (i, part) in parts.iter().enumerate().skip(1) {
            if part.is_empty() || part.len() > 8 || !part.bytes().all(|b| b.is_ascii_alphanumeric())
            {
                return None;
            }
            if part.len() == 1 && i + 1 == parts.len() {
                return None;
            }
        }
        Some(LanguageTag(tag))
    }

    /// The tag as written, for the `lang` attribute.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language subtag, lower-cased (`pt` for `pt-BR`).
    pub fn primary(&self) -> String {
        self.0
            .split('-')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    }

    /// The direction text in this language is written in; a script subtag wins over the
    /// language (`az-Arab` is right to left, `ku-Latn` left to right).
    pub fn direction(&self) -> Direction {
        let script = self
            .0
            .split('-')
            .skip(1)
            .take_while(|p| p.len() != 1)
            .find(|p| p.len() == 4 && p.bytes().all(|b| b.is_ascii_alphabetic()));
        let rtl = match script {
            Some(s) => RTL_SCRIPTS.contains(&s.to_ascii_lowercase().as_str()),
            None => RTL_LANGUAGES.contains(&self.primary().as_str()),
        };
        if rtl {
            Direction::Rtl
        } else {
            Direction::Ltr
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(tag: &str) -> Option<Direction> {
        LanguageTag::parse(tag).map(|t| t.direction())
    }

    #[test]
    fn validates_tags() {
        for good in [
            "en",
            "pt-BR",
            "zh-Hant-TW",
            "de-CH-1996",
            "en-x-private",
            "sr_Latn",
        ] {
            assert!(LanguageTag::parse(good).is_some(), "{good}");
        }
        for bad in [
            "",
            "e",
            "en-",
            "en--US",
            "en-a",
            "english language",
            "<x>",
            "123",
            "en-US!",
        ] {
            assert_eq!(LanguageTag::parse(bad), None, "{bad}");
        }
        assert_eq!(
            LanguageTag::parse(" sr_Latn ").map(|t| t.0),
            Some("sr-Latn".into())
        );
    }

    #[test]
    fn direction_follows_language_and_script() {
        assert_eq!(dir("ar"), Some(Direction::Rtl));
        assert_eq!(dir("he-IL"), Some(Direction::Rtl));
        assert_eq!(dir("fa"), Some(Direction::Rtl));
        assert_eq!(dir("en-US"), Some(Direction::Ltr));
        assert_eq!(dir("ja"), Some(Direction::Ltr));
        assert_eq!(dir("az-Arab"), Some(Direction::Rtl));
        assert_eq!(dir("ku-Latn"), Some(Direction::Ltr));
        assert_eq!(Direction::Rtl.as_str(), "rtl");
    }
}
