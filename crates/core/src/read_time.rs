//! Read-time estimate: how long a reader needs for an article, for any script.
//!
//! Space-delimited scripts are counted in words; Chinese, Japanese and Korean in characters, each
//! at its own rate (Trauzettel-Klosinski et al. 2012, the International Reading Speed Texts,
//! measured 255 characters a minute for Chinese and 357 for Japanese). Thai, Lao, Khmer and
//! Myanmar, written without spaces between words, are counted in characters at the same
//! study's rate across its alphabetic and syllabic languages, 68 ms a character (880 a
//! minute). Images add time the way Medium does (12 s for the first, one second less for each
//! next one, never under 3 s) and code is read at its own, slower rate.

use crate::messages::{fill, Messages, Unit};
use crate::text::{classify, CharClass};

/// Reading rates and per-image time. [`ReadTimeConfig::default`] reproduces the reference page
/// ("3 minutes, 22 seconds" for the seed article: 200 words a minute, the WordPress figure).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReadTimeConfig {
    /// Words a minute for space-delimited scripts.
    pub words_per_minute: f64,
    /// Han characters a minute in Chinese (and in text of no known CJK language).
    pub chinese_chars_per_minute: f64,
    /// Characters a minute in Japanese (kana, and Han in a Japanese article).
    pub japanese_chars_per_minute: f64,
    /// Hangul syllables a minute.
    pub korean_chars_per_minute: f64,
    /// Characters a minute in Thai, Lao, Khmer and Myanmar.
    pub unspaced_chars_per_minute: f64,
    /// Words a minute inside code blocks.
    pub code_words_per_minute: f64,
    /// Whether images add time.
    pub count_images: bool,
}

impl Default for ReadTimeConfig {
    fn default() -> Self {
        ReadTimeConfig {
            words_per_minute: 200.0,
            chinese_chars_per_minute: 255.0,
            japanese_chars_per_minute: 357.0,
            korean_chars_per_minute: 400.0,
            unspaced_chars_per_minute: 880.0,
            code_words_per_minute: 100.0,
            count_images: true,
        }
    }
}

impl ReadTimeConfig {
    /// The default configuration at another words-a-minute rate; rates of zero, below or
    /// non-finite fall back to the default.
    pub fn with_words_per_minute(words_per_minute: f64) -> Self {
        let default = ReadTimeConfig::default();
        if words_per_minute.is_finite() && words_per_minute > 0.0 {
            ReadTimeConfig {
                words_per_minute,
                ..default
            }
        } else {
            default
        }
    }
}

/// What the estimate is computed from: the prose, the code, and the number of images.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReadTimeInput<'a> {
    /// Running text (paragraphs, headings, captions).
    pub prose: &'a str,
    /// Text inside code blocks.
    pub code: &'a str,
    /// Number of images in the body.
    pub images: usize,
    /// The article's BCP 47 language, which decides the rate for Han characters.
    pub language: Option<&'a str>,
}

/// The result of an estimate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadTime {
    /// Words in space-delimited scripts, prose and code together.
    pub words: usize,
    /// Characters counted one by one: Chinese, Japanese, Korean, and scripts without spaces.
    pub cjk_chars: usize,
    /// Images counted.
    pub images: usize,
    /// Estimated reading time in whole seconds (rounded down).
    pub seconds: u64,
}

/// Counts of a text by kind of unit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextCounts {
    /// Words in space-delimited scripts.
    pub words: usize,
    /// Han ideographs.
    pub han: usize,
    /// Hiragana and katakana.
    pub kana: usize,
    /// Hangul syllables and jamo.
    pub hangul: usize,
    /// Characters of Thai, Lao, Khmer and Myanmar.
    pub unspaced: usize,
}

/// Counts words and CJK characters in `text`.
///
/// A word is a run of letters, digits and combining marks, where an apostrophe or hyphen
/// between two such characters joins rather than splits ("U.S." is two words, "—" none).
pub fn count(text: &str) -> TextCounts {
    let mut counts = TextCounts::default();
    let mut in_word = false;
    let mut pending_joiner = false;
    for c in text.chars() {
        match classify(c) {
            CharClass::Word => {
                if !in_word {
                    counts.words += 1;
                }
                in_word = true;
                pending_joiner = false;
            }
            CharClass::Joiner if in_word && !pending_joiner => pending_joiner = true,
            other => {
                in_word = false;
                pending_joiner = false;
                match other {
                    CharClass::Han => counts.han += 1,
                    CharClass::Kana => counts.kana += 1,
                    CharClass::Hangul => counts.hangul += 1,
                    CharClass::Unspaced => counts.unspaced += 1,
                    _ => {}
                }
            }
        }
    }
    counts
}

/// Seconds Medium-style image time adds for `images` images: 12, 11, ... 4, then 3 each.
pub fn image_seconds(images: usize) -> f64 {
    (0..images)
        .map(|i| (12usize.saturating_sub(i)).max(3) as f64)
        .sum()
}

fn is_japanese(language: Option<&str>) -> bool {
    language.is_some_and(|l| {
        let primary = l.split(['-', '_']).next().unwrap_or("");
        primary.eq_ignore_ascii_case("ja")
    })
}

impl TextCounts {
    fn plus(self, other: TextCounts) -> TextCounts {
        TextCounts {
            words: self.words + other.words,
            han: self.han + other.han,
            kana: self.kana + other.kana,
            hangul: self.hangul + other.hangul,
            unspaced: self.unspaced + other.unspaced,
        }
    }
}

/// Seconds to read prose and code of these counts, and `images` images where `config` counts
/// images.
fn seconds(
    prose: TextCounts,
    code: TextCounts,
    images: usize,
    language: Option<&str>,
    config: &ReadTimeConfig,
) -> f64 {
    let han_rate = if is_japanese(language) {
        config.japanese_chars_per_minute
    } else {
        config.chinese_chars_per_minute
    };
    let minutes = prose.words as f64 / config.words_per_minute
        + code.words as f64 / config.code_words_per_minute
        + (prose.han + code.han) as f64 / han_rate
        + (prose.kana + code.kana) as f64 / config.japanese_chars_per_minute
        + (prose.hangul + code.hangul) as f64 / config.korean_chars_per_minute
        + (prose.unspaced + code.unspaced) as f64 / config.unspaced_chars_per_minute;
    let images = if config.count_images { images } else { 0 };
    minutes * 60.0 + image_seconds(images)
}

/// Estimates the reading time of `input` with `config`.
///
/// ```
/// use broadsheet_core::messages::{Messages, EN};
/// use broadsheet_core::read_time::{estimate, ReadTimeConfig, ReadTimeInput, ReadTimeStyle};
///
/// // 500 words at 200 a minute, 20 words of code at 100 a minute, two images (12 s + 11 s).
/// let prose = "word ".repeat(500);
/// let code = "let total = price * count;\n".repeat(5);
/// let input = ReadTimeInput { prose: &prose, code: &code, images: 2, language: Some("en") };
/// let read = estimate(&input, &ReadTimeConfig::default());
/// assert_eq!((read.words, read.images), (520, 2));
/// assert_eq!(read.seconds, 150 + 12 + 12 + 11);
/// assert_eq!(read.iso8601(), "PT3M5S");
/// assert_eq!(read.label(ReadTimeStyle::Long, &EN), "3 minutes, 5 seconds read");
/// assert_eq!(read.label(ReadTimeStyle::Short, &EN), "4 min read");
///
/// // Japanese is counted in characters, 357 a minute, and labelled in its own words.
/// // Six characters a sentence (the full stop is not counted), 714 characters: two minutes.
/// let japanese = "日本語の文章。".repeat(119);
/// let input = ReadTimeInput { prose: &japanese, language: Some("ja"), ..Default::default() };
/// let read = estimate(&input, &ReadTimeConfig::default());
/// assert_eq!((read.cjk_chars, read.seconds), (714, 120));
/// let ja = Messages::for_tag("ja").unwrap();
/// assert_eq!(read.label(ReadTimeStyle::Long, ja), "読了時間 2分");
/// ```
pub fn estimate(input: &ReadTimeInput<'_>, config: &ReadTimeConfig) -> ReadTime {
    let prose = count(input.prose);
    let code = count(input.code);
    let images = if config.count_images { input.images } else { 0 };
    let cjk = |c: TextCounts| c.han + c.kana + c.hangul + c.unspaced;
    ReadTime {
        words: prose.words + code.words,
        cjk_chars: cjk(prose) + cjk(code),
        images,
        seconds: seconds(prose, code, input.images, input.language, config).floor() as u64,
    }
}

/// The read time up to the end of each of `parts`, consecutive parts of one text (each with
/// its own prose, code and images, and the text's language), in whole seconds (rounded down)
/// and never above `total`: where a reader who has read that far stands. The last is `total`
/// (the only one, when there are no parts).
pub fn marks(parts: &[ReadTimeInput<'_>], total: u64, config: &ReadTimeConfig) -> Vec<u64> {
    let (mut prose, mut code, mut images) = (TextCounts::default(), TextCounts::default(), 0);
    let mut out: Vec<u64> = parts
        .iter()
        .map(|part| {
            prose = prose.plus(count(part.prose));
            code = code.plus(count(part.code));
            images += part.images;
            let at = seconds(prose, code, images, part.language, config).floor() as u64;
            at.min(total)
        })
        .collect();
    match out.last_mut() {
        Some(last) => *last = total,
        None if total > 0 => out.push(total),
        None => {}
    }
    out
}

/// How a read time is written on the page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReadTimeStyle {
    /// "3 minutes, 22 seconds read".
    #[default]
    Long,
    /// "4 min read" (minutes rounded up).
    Short,
}

impl ReadTimeStyle {
    /// Reads the style from a data attribute value: `short`, anything else is long.
    pub fn from_attr(value: &str) -> Self {
        if value.trim().eq_ignore_ascii_case("short") {
            ReadTimeStyle::Short
        } else {
            ReadTimeStyle::Long
        }
    }
}

impl ReadTime {
    /// The ISO 8601 duration for `<time datetime>`, e.g. `PT3M22S`.
    pub fn iso8601(&self) -> String {
        let (h, m, s) = (
            self.seconds / 3600,
            self.seconds / 60 % 60,
            self.seconds % 60,
        );
        let mut out = String::from("PT");
        if h > 0 {
            out.push_str(&format!("{h}H"));
        }
        if m > 0 {
            out.push_str(&format!("{m}M"));
        }
        if s > 0 || self.seconds == 0 {
            out.push_str(&format!("{s}S"));
        }
        out
    }

    /// The text shown to readers in `style`, in the words of `messages`.
    pub fn label(&self, style: ReadTimeStyle, messages: &Messages) -> String {
        match style {
            ReadTimeStyle::Short => {
                let minutes = self.seconds.div_ceil(60).max(1);
                fill(messages.read_short, &minutes.to_string())
            }
            ReadTimeStyle::Long => {
                let (h, m, s) = (
                    self.seconds / 3600,
                    self.seconds / 60 % 60,
                    self.seconds % 60,
                );
                let parts = if h > 0 {
                    [(h, Unit::Hour), (m, Unit::Minute)]
                } else if m > 0 {
                    [(m, Unit::Minute), (s, Unit::Second)]
                } else {
                    [(s, Unit::Second), (0, Unit::Second)]
                };
                let parts: Vec<String> = parts
                    .iter()
                    .enumerate()
                    .filter(|&(i, &(n, _))| i == 0 || n > 0)
                    .map(|(_, &(n, unit))| (messages.quantity)(n, unit))
                    .collect();
                fill(messages.read_long, &parts.join(messages.part_sep))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::EN;

    fn seconds(prose: &str, language: Option<&str>) -> u64 {
        let input = ReadTimeInput {
            prose,
            language,
            ..Default::default()
        };
        estimate(&input, &ReadTimeConfig::default()).seconds
    }

    #[test]
    fn counts_words_across_scripts_and_punctuation() {
        assert_eq!(count("Hello, world!").words, 2);
        assert_eq!(count("don't stop — well-known U.S. policy").words, 6);
        assert_eq!(count("  \n\t ").words, 0);
        assert_eq!(count("café naïve Ελληνικά русский").words, 4);
        assert_eq!(count("مرحبا بالعالم").words, 2);
        assert_eq!(
            count("שָׁלוֹם עולם").words,
            2,
            "Hebrew points stay inside the word"
        );
        assert_eq!(count("नमस्ते दुनिया").words, 2, "Devanagari vowel signs join");
        assert_eq!(count("'quoted' -dash- 2025").words, 3);
        assert_eq!(count("🚀 🚀 ✨").words, 0);
    }

    #[test]
    fn counts_cjk_by_character() {
        let c = count("我们喜欢Rust。日本語のテキスト、한국어 문장");
        assert_eq!(c.words, 1);
        assert_eq!(c.han, 4 + 3);
        assert_eq!(c.kana, 5);
        assert_eq!(c.hangul, 5);
    }

    #[test]
    fn chinese_and_japanese_use_their_own_rates() {
        let chinese = "中".repeat(255);
        assert_eq!(seconds(&chinese, Some("zh-Hans")), 60);
        let japanese = "日".repeat(357);
        assert_eq!(seconds(&japanese, Some("ja")), 60);
        assert_eq!(seconds(&"あ".repeat(357), None), 60);
        assert_eq!(seconds(&"한".repeat(400), Some("ko")), 60);
        assert_eq!(seconds(&"word ".repeat(200), Some("en")), 60);
    }

    #[test]
    fn images_and_code_add_time() {
        assert_eq!(image_seconds(0), 0.0);
        assert_eq!(image_seconds(1), 12.0);
        assert_eq!(image_seconds(3), 12.0 + 11.0 + 10.0);
        assert_eq!(
            image_seconds(12),
            (4..=12).sum::<usize>() as f64 + 3.0 * 3.0
        );
        let input = ReadTimeInput {
            prose: &"word ".repeat(200),
            code: &"token ".repeat(50),
            images: 2,
            language: None,
        };
        let t = estimate(&input, &ReadTimeConfig::default());
        assert_eq!(t.words, 250);
        assert_eq!(t.seconds, 60 + 30 + 23);
        let no_images = ReadTimeConfig {
            count_images: false,
            ..Default::default()
        };
        assert_eq!(estimate(&input, &no_images).seconds, 90);
    }

    #[test]
    fn words_per_minute_is_configurable_and_guarded() {
        assert_eq!(
            ReadTimeConfig::with_words_per_minute(100.0).words_per_minute,
            100.0
        );
        for bad in [0.0, -5.0, f64::NAN, f64::INFINITY] {
            assert_eq!(
                ReadTimeConfig::with_words_per_minute(bad),
                ReadTimeConfig::default()
            );
        }
    }

    #[test]
    fn formats_long_short_and_iso() {
        let t = |seconds| ReadTime {
            seconds,
            ..Default::default()
        };
        assert_eq!(
            t(202).label(ReadTimeStyle::Long, &EN),
            "3 minutes, 22 seconds read"
        );
        assert_eq!(t(202).label(ReadTimeStyle::Short, &EN), "4 min read");
        assert_eq!(t(202).iso8601(), "PT3M22S");
        assert_eq!(t(60).label(ReadTimeStyle::Long, &EN), "1 minute read");
        assert_eq!(
            t(61).label(ReadTimeStyle::Long, &EN),
            "1 minute, 1 second read"
        );
        assert_eq!(t(45).label(ReadTimeStyle::Long, &EN), "45 seconds read");
        assert_eq!(t(0).label(ReadTimeStyle::Short, &EN), "1 min read");
        assert_eq!(t(0).iso8601(), "PT0S");
        assert_eq!(
            t(3725).label(ReadTimeStyle::Long, &EN),
            "1 hour, 2 minutes read"
        );
        assert_eq!(t(3725).iso8601(), "PT1H2M5S");
        assert_eq!(t(7200).label(ReadTimeStyle::Long, &EN), "2 hours read");
        let ja = Messages::for_tag("ja").expect("Japanese");
        assert_eq!(t(202).label(ReadTimeStyle::Long, ja), "読了時間 3分22秒");
        assert_eq!(t(202).label(ReadTimeStyle::Short, ja), "読了時間 4分");
        let ar = Messages::for_tag("ar").expect("Arabic");
        assert_eq!(
            t(202).label(ReadTimeStyle::Long, ar),
            "مدة القراءة 3 دقائق و22 ثانية"
        );
        let fr = Messages::for_tag("fr").expect("French");
        assert_eq!(
            t(61).label(ReadTimeStyle::Long, fr),
            "1 minute et 1 seconde de lecture"
        );
        assert_eq!(t(120).iso8601(), "PT2M");
        assert_eq!(ReadTimeStyle::from_attr(" Short "), ReadTimeStyle::Short);
        assert_eq!(ReadTimeStyle::from_attr("long"), ReadTimeStyle::Long);
    }

    #[test]
    fn scripts_without_spaces_are_read_by_the_character() {
        // Thai, Lao, Khmer and Myanmar mark no word boundaries: a sentence is not one word.
        let thai = "ภาษาไทยเป็นภาษาที่ไม่มีการเว้นวรรคระหว่างคำ";
        let counts = count(thai);
        assert_eq!((counts.words, counts.unspaced), (0, thai.chars().count()));
        for (language, text) in [
            ("th", thai.repeat(40)),
            ("lo", "ພາສາລາວບໍ່ມີການຍະຫວ່າງລະຫວ່າງຄຳ".repeat(40)),
            ("km", "ភាសាខ្មែរមិនដកឃ្លារវាងពាក្យទេ".repeat(40)),
            (
                "my",
                "မြန်မာဘာသာစကားသည်စကားလုံးများကြားတွင်နေရာမခြားပါ".repeat(40),
            ),
        ] {
            let input = ReadTimeInput {
                prose: &text,
                language: Some(language),
                ..Default::default()
            };
            let time = estimate(&input, &ReadTimeConfig::default());
            let expected = text.chars().count() as f64 / 880.0 * 60.0;
            assert!(
                (time.seconds as f64 - expected).abs() <= 1.0,
                "{language}: {} s for {} characters",
                time.seconds,
                text.chars().count()
            );
            assert!(
                time.seconds > 60,
                "{language}: about a minute and more, not seconds"
            );
        }
    }
}
