//! Settings of one mounted component, read from the mount element's data attributes.

use crate::read_time::{ReadTimeConfig, ReadTimeStyle};
use crate::share::{parse_controls, ShareControl, DEFAULT_CONTROLS};

/// The article loaded when the mount element names none.
pub const DEFAULT_ARTICLE_SRC: &str = "article.json";
/// The site index used to find similar posts when the article has no precomputed list.
pub const DEFAULT_INDEX_SRC: &str = "feed.json";
/// How many similar posts are shown.
pub const DEFAULT_SIMILAR_COUNT: usize = 3;
/// How long a load may take before it is given up, in milliseconds.
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;

/// The parts shown in parts mode when `data-parts` names none.
pub const ALL_PARTS: &str = "read-time share similar";

/// Settings of one component instance.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// URL of the article JSON (`data-article-src`).
    pub article_src: String,
    /// Parts mode (`data-article-from`): the CSS selector of the element of the page that
    /// holds its article's body. The component then reads the article from the page and
    /// renders only [`Options::parts`], leaving the page's article as it is.
    pub article_from: Option<String>,
    /// The parts shown in parts mode, in order, separated by spaces (`data-parts="read-time
    /// share similar"`, the default): `read-time`, `share` and `similar`, the last after the
    /// others. Words, not a list of values: parsing them cost the wasm bytes.
    pub parts: String,
    /// Name of a query parameter of the page URL that overrides `article_src`
    /// (`data-url-param`, e.g. `article` for `?article=posts/x.json`); none by default.
    pub url_param: Option<String>,
    /// Long or short read-time text (`data-read-time="short"`).
    pub read_time_style: ReadTimeStyle,
    /// Reading rates (`data-wpm` sets words a minute).
    pub read_time: ReadTimeConfig,
    /// Load timeout in milliseconds (`data-timeout-ms`).
    pub timeout_ms: u32,
    /// Whether the page's `<title>` follows the article (`data-set-title`).
    pub set_document_title: bool,
    /// The share row, in order (`data-share="x,bluesky,mastodon,email,copy"`; `none` hides it).
    pub share: Vec<ShareControl>,
    /// URL of the site index for similar posts (`data-index-src`).
    pub index_src: String,
    /// Number of similar posts shown (`data-similar-count`, 0 to 12; 0 hides them).
    pub similar_count: usize,
    /// Only posts similar enough (`data-similar-strict`): when the ranking finds fewer than
    /// `similar_count`, the row is not filled with posts sharing a tag, then the newest.
    pub similar_strict: bool,
    /// URL of the ranking module (`data-rank-src`), which ranks the site index for an article
    /// with no precomputed list; none: `rank/broadsheet_rank.js` next to the component's script.
    pub rank_src: Option<String>,
    /// Whether the component renders into a shadow root with its own stylesheet, isolated from
    /// the page's CSS (the default); `data-shadow="off"` renders into the mount element itself,
    /// styled by the page (which then links `style/main.css`).
    pub shadow: bool,
    /// Whether a similar-post card of the same site loads in place (`data-cards="inplace"`,
    /// the default) or navigates to the post's page (`data-cards="navigate"`).
    pub cards_in_place: bool,
    /// The interface language (`data-ui-lang`, e.g. `fr`), tried before the article's own;
    /// then come the page's `<html lang>` and English (see [`crate::messages`]).
    pub ui_lang: Option<String>,
    /// The language of the page around the mount element (its nearest `lang` attribute), set
    /// when mounting: the interface's words fall back to it after the article's language.
    pub context_lang: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            article_src: DEFAULT_ARTICLE_SRC.to_string(),
            article_from: None,
            parts: ALL_PARTS.to_string(),
            url_param: None,
            read_time_style: ReadTimeStyle::Long,
            read_time: ReadTimeConfig::default(),
            timeout_ms: DEFAULT_TIMEOUT_MS,
            set_document_title: false,
            share: parse_controls(DEFAULT_CONTROLS),
            index_src: DEFAULT_INDEX_SRC.to_string(),
            similar_count: DEFAULT_SIMILAR_COUNT,
            similar_strict: false,
            rank_src: None,
            shadow: true,
            cards_in_place: true,
            ui_lang: None,
            context_lang: None,
        }
    }
}

impl Options {
    /// Reads options through `attr`, which returns the value of a named attribute
    /// (`data-article-src`, ...) of the mount element. Missing or invalid values keep their
    /// defaults.
    pub fn from_attributes(attr: impl Fn(&str) -> Option<String>) -> Options {
        let default = Options::default();
        let text = |name: &str| {
            attr(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        Options {
            article_src: text("data-article-src").unwrap_or(default.article_src),
            article_from: text("data-article-from"),
            parts: text("data-parts").unwrap_or(default.parts),
            url_param: text("data-url-param"),
            read_time_style: text("data-read-time")
                .map_or(default.read_time_style, |v| ReadTimeStyle::from_attr(&v)),
            read_time: text("data-wpm")
                .and_then(|v| decimal(&v))
                .map_or(default.read_time, ReadTimeConfig::with_words_per_minute),
            timeout_ms: text("data-timeout-ms")
                .and_then(|v| v.parse::<u32>().ok())
                .filter(|ms| (100..=600_000).contains(ms))
                .unwrap_or(default.timeout_ms),
            set_document_title: attr("data-set-title").is_some(),
            share: text("data-share").map_or(default.share, |v| parse_controls(&v)),
            index_src: text("data-index-src").unwrap_or(default.index_src),
            similar_count: text("data-similar-count")
                .and_then(|v| v.parse::<usize>().ok())
                .filter(|n| *n <= 12)
                .unwrap_or(default.similar_count),
            similar_strict: attr("data-similar-strict").is_some(),
            rank_src: text("data-rank-src"),
            shadow: text("data-shadow").is_none_or(|v| !v.eq_ignore_ascii_case("off")),
            cards_in_place: text("data-cards").is_none_or(|v| !v.eq_ignore_ascii_case("navigate")),
            ui_lang: text("data-ui-lang"),
            context_lang: None,
        }
    }
}

/// A decimal number written with digits and at most one point (`238`, `238.5`, `.5`), read by
/// hand rather than with `str::parse::<f64>`, whose tables would cost the wasm several
/// kilobytes. Also reads `srcset` densities for the sanitizer.
pub(crate) fn decimal(text: &str) -> Option<f64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.len() + fraction.len() == 0 || whole.len() > 9 || !digits(whole) || !digits(fraction) {
        return None;
    }
    let mut value = whole
        .bytes()
        .fold(0.0, |v, b| v * 10.0 + f64::from(b - b'0'));
    let mut scale = 1.0;
    for b in fraction.bytes().take(9) {
        scale /= 10.0;
        value += f64::from(b - b'0') * scale;
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(pairs: &[(&str, &str)]) -> Options {
        Options::from_attributes(|name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn defaults_without_attributes() {
        assert_eq!(from(&[]), Options::default());
    }

    #[test]
    fn reads_every_attribute() {
        let o = from(&[
            ("data-article-src", " posts/a.json "),
            ("data-url-param", "article"),
            ("data-read-time", "short"),
            ("data-wpm", "250"),
            ("data-timeout-ms", "2000"),
            ("data-set-title", ""),
            ("data-share", "email,copy"),
            ("data-index-src", "/site/feed.json"),
            ("data-similar-count", "5"),
            ("data-similar-strict", ""),
            ("data-cards", "navigate"),
            ("data-shadow", "off"),
            ("data-ui-lang", "fr"),
        ]);
        assert_eq!(o.ui_lang.as_deref(), Some("fr"));
        assert_eq!(o.article_src, "posts/a.json");
        assert_eq!(o.url_param.as_deref(), Some("article"));
        assert_eq!(o.read_time_style, ReadTimeStyle::Short);
        assert_eq!(o.read_time.words_per_minute, 250.0);
        assert_eq!(o.timeout_ms, 2000);
        assert!(o.set_document_title);
        assert_eq!(
            o.share,
            [
                ShareControl::Link(crate::share::Network::Email),
                ShareControl::Copy
            ]
        );
        assert!(from(&[("data-share", "none")]).share.is_empty());
        assert_eq!(o.index_src, "/site/feed.json");
        assert_eq!(o.similar_count, 5);
        assert!(o.similar_strict);
        assert!(!o.cards_in_place);
        assert!(!o.shadow);
    }

    #[test]
    fn parts_mode_reads_its_selector_and_its_parts() {
        let o = from(&[
            ("data-article-from", " .entry-content "),
            ("data-parts", "share read-time"),
        ]);
        assert_eq!(o.article_from.as_deref(), Some(".entry-content"));
        assert_eq!(o.parts, "share read-time");
        assert_eq!(from(&[]).parts, ALL_PARTS);
        assert_eq!(from(&[]).article_from, None);
    }

    #[test]
    fn rates_are_decimals() {
        assert_eq!(decimal("238.5"), Some(238.5));
        assert_eq!(decimal("250"), Some(250.0));
        assert_eq!(decimal(".5"), Some(0.5));
        for bad in ["", ".", "1e3", "-3", "2.5.1", "fast", " 2"] {
            assert_eq!(decimal(bad), None, "{bad}");
        }
    }

    #[test]
    fn invalid_values_keep_defaults() {
        let o = from(&[
            ("data-article-src", "  "),
            ("data-wpm", "fast"),
            ("data-timeout-ms", "5"),
        ]);
        assert_eq!(o, Options::default());
    }
}
