//! The article model: JSON Feed 1.1 items, read leniently field by field.
//!
//! A field of the wrong type or with an unsafe URL is dropped on its own; only a document that
//! is not JSON, or has no item with an `id` and content, is an error.

use std::fmt;

use serde_json::Value;

use crate::date::Timestamp;
use crate::json_in::{JsonObject, JsonValue};
use crate::lang::LanguageTag;
use crate::messages::{fill, Messages, EN};
use crate::safe_url::{SafeUrl, UrlUse};
use crate::text::lowercase;

/// Most tags kept from one item; the rest are dropped.
pub const MAX_TAGS: usize = 32;
/// Most authors kept from one item.
pub const MAX_AUTHORS: usize = 16;
/// Most similar-post references kept from `_article.similar`.
pub const MAX_SIMILAR: usize = 24;
/// Longest title, summary or tag kept, in characters; longer ones are cut.
pub const MAX_SHORT_TEXT: usize = 2_000;

/// The body of an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    /// `content_html`, not yet sanitized.
    Html(String),
    /// `content_text`: paragraphs separated by blank lines.
    Text(String),
}

/// A person who wrote the article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Author {
    /// Display name.
    pub name: String,
    /// Profile page.
    pub url: Option<SafeUrl>,
}

/// Values for the share buttons from `_article.share`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShareExtras {
    /// Text to share instead of the title.
    pub text: Option<String>,
    /// Hashtags without `#`.
    pub hashtags: Vec<String>,
    /// Account the share is "via" (X), without `@`.
    pub via: Option<String>,
}

/// A precomputed similar post from `_article.similar`.
#[derive(Clone, Debug, PartialEq)]
pub enum SimilarRef {
    /// The `id` of a post in the site index.
    Id(String),
    /// A small item carried inline.
    Item(Box<Item>),
}

/// One JSON Feed item, validated.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Unique id (JSON Feed requires it).
    pub id: String,
    /// Canonical page URL.
    pub url: Option<SafeUrl>,
    /// Where the item's own article JSON lives (`_article.src`), for loading it in place.
    pub src: Option<SafeUrl>,
    /// Headline.
    pub title: Option<String>,
    /// Standfirst.
    pub summary: Option<String>,
    /// Body, when the item has one.
    pub body: Option<Body>,
    /// Main image.
    pub image: Option<SafeUrl>,
    /// Wide banner image, used when there is no `image`.
    pub banner_image: Option<SafeUrl>,
    /// Alternative text of the image (`_article.image_alt`).
    pub image_alt: Option<String>,
    /// First publication.
    pub published: Option<Timestamp>,
    /// Last change.
    pub modified: Option<Timestamp>,
    /// Authors, item-level or else the feed's.
    pub authors: Vec<Author>,
    /// Tags, de-duplicated.
    pub tags: Vec<String>,
    /// Language, item-level or else the feed's.
    pub language: Option<LanguageTag>,
    /// Precomputed similar posts (`_article.similar`).
    pub similar: Option<Vec<SimilarRef>>,
    /// Share settings (`_article.share`).
    pub share: ShareExtras,
    /// Precomputed read time in seconds (`_article.read_time`), for cards.
    pub read_seconds: Option<u64>,
    /// The body's most frequent ranking terms with their counts (`_article.terms`, read by
    /// [`crate::similar::read_terms`]): what a site index carries for ranking in place of the
    /// body. Kept as written, since only the ranking reads it.
    pub terms: Option<String>,
    /// The post's latent vector as the build step found it (`_article.latent`, read by
    /// [`crate::similar::latent_code::decode`]), for ranking in the browser. Kept as written.
    pub latent: Option<String>,
}

impl Item {
    /// The image to show: `image`, else `banner_image`.
    pub fn hero(&self) -> Option<&SafeUrl> {
        self.image.as_ref().or(self.banner_image.as_ref())
    }
}

/// A loaded article: the item and the site it belongs to.
#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    /// The article item; it always has a body.
    pub item: Item,
    /// The site's name (the feed's `title`).
    pub site: Option<String>,
}

/// Why a document could not be read as an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModelError {
    /// The text is not JSON; the parser's message.
    NotJson(String),
    /// JSON, but neither a feed nor an item object.
    NotAFeed,
    /// A feed with no item that has an `id` and `content_html` or `content_text`.
    NoUsableItem,
}

impl ModelError {
    /// What is wrong with the file, in the words of `m`.
    pub fn describe(&self, m: &Messages) -> String {
        match self {
            ModelError::NotJson(why) => fill(m.not_json, why),
            ModelError::NotAFeed => m.not_a_feed.to_string(),
            ModelError::NoUsableItem => m.no_item.to_string(),
        }
    }
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(&EN))
    }
}

impl std::error::Error for ModelError {}

/// Feed-level values that apply to items lacking their own: the feed's `language` and
/// `authors`.
#[derive(Clone, Debug, Default)]
pub struct FeedDefaults {
    language: Option<LanguageTag>,
    authors: Vec<Author>,
}

fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => text[..i].to_string(),
        None => text.to_string(),
    }
}

/// `s` trimmed and cut to [`MAX_SHORT_TEXT`]; `None` when nothing is left.
fn short(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| cut(s, MAX_SHORT_TEXT))
}

/// The member `key` of `obj`, if it is a string.
fn text<O: JsonObject>(obj: &O, key: &str) -> Option<String> {
    obj.get(key)?.into_string()
}

fn string<O: JsonObject>(obj: &O, key: &str) -> Option<String> {
    short(&text(obj, key)?)
}

fn long_string<O: JsonObject>(obj: &O, key: &str) -> Option<String> {
    text(obj, key).filter(|s| !s.trim().is_empty())
}

fn url<O: JsonObject>(
    obj: &O,
    key: &str,
    base: Option<&SafeUrl>,
    usage: UrlUse,
) -> Option<SafeUrl> {
    SafeUrl::parse(&text(obj, key)?, base, usage)
}

fn authors<V: JsonValue>(value: Option<V>, base: Option<&SafeUrl>) -> Vec<Author> {
    let Some(list) = value.and_then(V::into_elements) else {
        return Vec::new();
    };
    list.filter_map(V::into_object)
        .filter_map(|a| {
            Some(Author {
                name: string(&a, "name")?,
                url: url(&a, "url", base, UrlUse::Link),
            })
        })
        .take(MAX_AUTHORS)
        .collect()
}

fn string_list<V: JsonValue>(value: Option<V>, max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // Each kept string in lower case, lowered once: in the browser that is a call out to
    // JavaScript, and a site index has thousands of lists.
    let mut seen: Vec<String> = Vec::new();
    for s in value
        .and_then(V::into_elements)
        .into_iter()
        .flatten()
        .filter_map(V::into_string)
    {
        let s = cut(s.trim().trim_start_matches('#'), 100);
        let lower = lowercase(&s);
        if !s.is_empty() && !seen.contains(&lower) {
            out.push(s);
            seen.push(lower);
            if out.len() == max {
                break;
            }
        }
    }
    out
}

fn similar<V: JsonValue>(value: Option<V>, base: Option<&SafeUrl>) -> Option<Vec<SimilarRef>> {
    Some(
        value?
            .into_elements()?
            .filter_map(|v| match v.clone().into_string() {
                Some(id) => short(&id).map(SimilarRef::Id),
                None => item(&v.into_object()?, base, &FeedDefaults::default())
                    .map(|i| SimilarRef::Item(Box::new(i))),
            })
            .take(MAX_SIMILAR)
            .collect(),
    )
}

/// An item's `id`: a string, or a whole number as its text.
fn id<V: JsonValue>(value: V) -> Option<String> {
    // JSON Feed 1.0 allowed numbers; keep whole ones as their text (`12` and `12.0` both as
    // "12", as the browser's JSON.parse reads them). Others are dropped: printing them would
    // bring a float printer into the wasm for ids no feed uses.
    if let Some(n) = value.as_u64() {
        return Some(n.to_string());
    }
    if let Some(n) = value.as_i64() {
        return Some(n.to_string());
    }
    if let Some(f) = value.as_f64() {
        return (f.fract() == 0.0 && f.abs() < 9.0e15).then(|| (f as i64).to_string());
    }
    short(&value.into_string()?)
}

fn item<O: JsonObject>(obj: &O, base: Option<&SafeUrl>, feed: &FeedDefaults) -> Option<Item> {
    let id = id(obj.get("id")?)?;
    let body = long_string(obj, "content_html")
        .map(Body::Html)
        .or_else(|| long_string(obj, "content_text").map(Body::Text));
    let ext = obj.get("_article").and_then(O::Value::into_object);
    let ext = ext.as_ref();
    let ext_get = |key| ext.and_then(|e| e.get(key));
    let share = ext_get("share")
        .and_then(O::Value::into_object)
        .map(|s| ShareExtras {
            text: string(&s, "text"),
            hashtags: string_list(s.get("hashtags"), 8)
                .into_iter()
                .map(|h| h.replace(char::is_whitespace, ""))
                .collect(),
            via: string(&s, "via").map(|v| v.trim_start_matches('@').to_string()),
        })
        .unwrap_or_default();
    let own_authors = authors(obj.get("authors"), base);
    Some(Item {
        id,
        url: url(obj, "url", base, UrlUse::Link),
        src: ext.and_then(|e| url(e, "src", base, UrlUse::Resource)),
        title: string(obj, "title"),
        summary: string(obj, "summary"),
        body,
        image: url(obj, "image", base, UrlUse::Resource),
        banner_image: url(obj, "banner_image", base, UrlUse::Resource),
        image_alt: ext.and_then(|e| string(e, "image_alt")),
        published: text(obj, "date_published").and_then(|t| Timestamp::parse(&t)),
        modified: text(obj, "date_modified").and_then(|t| Timestamp::parse(&t)),
        authors: if own_authors.is_empty() {
            feed.authors.clone()
        } else {
            own_authors
        },
        tags: string_list(obj.get("tags"), MAX_TAGS),
        language: text(obj, "language")
            .and_then(|l| LanguageTag::parse(&l))
            .or_else(|| feed.language.clone()),
        similar: similar(ext_get("similar"), base),
        share,
        read_seconds: ext_get("read_time").and_then(|t| t.as_u64()),
        terms: ext
            .and_then(|e| text(e, "terms"))
            .filter(|t| t.len() <= MAX_TERMS_LEN),
        latent: ext
            .and_then(|e| text(e, "latent"))
            .filter(|t| t.len() <= MAX_TERMS_LEN),
    })
}

/// Longest `_article.terms` kept, in bytes.
const MAX_TERMS_LEN: usize = 16_384;

impl FeedDefaults {
    /// The defaults of the feed object `feed` (its fields other than `items` are enough).
    pub fn read<O: JsonObject>(feed: O, base: Option<&SafeUrl>) -> FeedDefaults {
        FeedDefaults {
            language: text(&feed, "language").and_then(|l| LanguageTag::parse(&l)),
            authors: authors(feed.get("authors"), base),
        }
    }
}

/// Reads an article document: a JSON Feed whose first usable item is the article, or a bare
/// item. Relative URLs resolve against `base`, the document's own URL.
pub fn parse_article(text: &str, base: Option<&SafeUrl>) -> Result<Article, ModelError> {
    article_from_value(&parse_json(text)?, base)
}

/// Reads an article document already parsed as JSON (the browser parses it with `JSON.parse`,
/// so serde_json's parser is not in the wasm): as [`parse_article`].
pub fn article_from_value<V: JsonValue>(
    value: V,
    base: Option<&SafeUrl>,
) -> Result<Article, ModelError> {
    let obj = value.into_object().ok_or(ModelError::NotAFeed)?;
    match obj.get("items") {
        Some(items) => {
            let feed = FeedDefaults::read(obj.clone(), base);
            let item = items
                .into_elements()
                .into_iter()
                .flatten()
                .filter_map(V::into_object)
                .filter_map(|i| item(&i, base, &feed))
                .find(|i| i.body.is_some())
                .ok_or(ModelError::NoUsableItem)?;
            Ok(Article {
                item,
                site: string(&obj, "title"),
            })
        }
        None if obj.get("id").is_some() => {
            let item = item(&obj, base, &FeedDefaults::default())
                .filter(|i| i.body.is_some())
                .ok_or(ModelError::NoUsableItem)?;
            Ok(Article { item, site: None })
        }
        None => Err(ModelError::NotAFeed),
    }
}

/// Reads a site index: every item with an `id` and a title or URL, bodies optional.
pub fn parse_index(text: &str, base: Option<&SafeUrl>) -> Result<Vec<Item>, ModelError> {
    index_from_value(&parse_json(text)?, base)
}

/// Reads a site index already parsed as JSON: as [`parse_index`].
pub fn index_from_value<V: JsonValue>(
    value: V,
    base: Option<&SafeUrl>,
) -> Result<Vec<Item>, ModelError> {
    Ok(index_entries(value, base)?
        .into_iter()
        .map(|(_, item)| item)
        .collect())
}

/// An index item with the JSON object it was read from.
pub type IndexEntry<O> = (O, Item);

/// The items of an already parsed index document, each with the object it was read from.
pub fn index_entries<V: JsonValue>(
    value: V,
    base: Option<&SafeUrl>,
) -> Result<Vec<IndexEntry<V::Object>>, ModelError> {
    let obj = value.into_object().ok_or(ModelError::NotAFeed)?;
    let items = obj
        .get("items")
        .and_then(V::into_elements)
        .ok_or(ModelError::NotAFeed)?;
    let feed = FeedDefaults::read(obj, base);
    Ok(items
        .filter_map(V::into_object)
        .filter_map(|raw| {
            let item = index_item(raw.clone(), base, &feed)?;
            Some((raw, item))
        })
        .collect())
}

/// Reads one item object of a site index, with the feed's defaults `feed`: `None` unless it
/// has an `id` and a title or URL.
pub fn index_item<O: JsonObject>(
    raw: O,
    base: Option<&SafeUrl>,
    feed: &FeedDefaults,
) -> Option<Item> {
    item(&raw, base, feed).filter(|i| i.title.is_some() || i.url.is_some())
}

/// Parses `text` as JSON, accepting a leading byte-order mark.
pub fn parse_json(text: &str) -> Result<Value, ModelError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    serde_json::from_str(text).map_err(|e| ModelError::NotJson(e.to_string()))
}

/// Splits `content_text` into paragraphs at blank lines; lines inside one are kept.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line.trim());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> SafeUrl {
        SafeUrl::parse_absolute("https://news.example/posts/a.json").expect("valid")
    }

    #[test]
    fn reads_a_feed_with_fallbacks() {
        let doc = r##"{
            "version": "https://jsonfeed.org/version/1.1",
            "title": "The Site", "language": "he",
            "authors": [{"name": "Feed Author"}],
            "items": [
              {"id": "no-content"},
              {"id": "x", "title": " Hello ", "content_text": "Body",
               "url": "javascript:alert(1)", "image": "../img/a.png",
               "date_published": "2025-02-30T00:00:00Z", "date_modified": "2025-03-01T10:00:00Z",
               "tags": ["Rust", "rust", "#wasm", 7, ""],
               "_article": {"image_alt": "A cat", "share": {"hashtags": ["#a b"], "via": "@site"},
                            "similar": ["y", {"id": "z", "title": "Z", "url": "/z/"}, 3]}}
            ]}"##;
        let a = parse_article(doc, Some(&base())).expect("article");
        assert_eq!(a.site.as_deref(), Some("The Site"));
        let i = a.item;
        assert_eq!(i.id, "x");
        assert_eq!(i.title.as_deref(), Some("Hello"));
        assert_eq!(i.url, None, "javascript: URL dropped");
        assert_eq!(
            i.image.map(|u| u.to_string()).as_deref(),
            Some("https://news.example/img/a.png")
        );
        assert_eq!(i.published, None, "30 February dropped");
        assert!(i.modified.is_some());
        assert_eq!(i.tags, ["Rust", "wasm"]);
        assert_eq!(
            i.language.map(|l| l.as_str().to_string()).as_deref(),
            Some("he")
        );
        assert_eq!(i.authors[0].name, "Feed Author");
        assert_eq!(i.image_alt.as_deref(), Some("A cat"));
        assert_eq!(i.share.hashtags, ["ab"]);
        assert_eq!(i.share.via.as_deref(), Some("site"));
        let similar = i.similar.expect("similar");
        assert_eq!(similar.len(), 2);
        assert_eq!(similar[0], SimilarRef::Id("y".into()));
        assert!(
            matches!(&similar[1], SimilarRef::Item(z) if z.url.as_ref().map(SafeUrl::as_str) == Some("https://news.example/z/"))
        );
    }

    #[test]
    fn reads_a_bare_item_and_prefers_html() {
        let a = parse_article(
            r#"{"id": 12, "content_html": "<p>x</p>", "content_text": "x"}"#,
            None,
        )
        .expect("article");
        assert_eq!(a.item.id, "12");
        assert_eq!(a.item.body, Some(Body::Html("<p>x</p>".into())));
        let id = |doc: &str| parse_article(doc, None).ok().map(|a| a.item.id);
        assert_eq!(
            id(r#"{"id": -3, "content_text": "x"}"#).as_deref(),
            Some("-3")
        );
        assert_eq!(
            id(r#"{"id": 12.0, "content_text": "x"}"#).as_deref(),
            Some("12")
        );
        assert_eq!(
            id(r#"{"id": 1e3, "content_text": "x"}"#).as_deref(),
            Some("1000")
        );
        assert_eq!(id(r#"{"id": 1.5, "content_text": "x"}"#), None);
    }

    #[test]
    fn explains_what_is_wrong() {
        assert!(matches!(
            parse_article("{\"items\": [", None),
            Err(ModelError::NotJson(_))
        ));
        assert!(matches!(
            parse_article("<html>", None),
            Err(ModelError::NotJson(_))
        ));
        assert_eq!(parse_article("[1,2]", None), Err(ModelError::NotAFeed));
        assert_eq!(
            parse_article("{\"title\": 1}", None),
            Err(ModelError::NotAFeed)
        );
        assert_eq!(
            parse_article("{\"items\": []}", None),
            Err(ModelError::NoUsableItem)
        );
        assert_eq!(
            parse_article("{\"items\": {}}", None),
            Err(ModelError::NoUsableItem)
        );
        assert_eq!(
            parse_article(
                "{\"items\": [{\"id\": \"a\", \"content_text\": \"  \"}]}",
                None
            ),
            Err(ModelError::NoUsableItem)
        );
        let deep = "[".repeat(100_000);
        assert!(matches!(
            parse_article(&deep, None),
            Err(ModelError::NotJson(_))
        ));
        assert!(ModelError::NoUsableItem.to_string().contains("no article"));
    }

    #[test]
    fn bounds_huge_lists() {
        let tags: Vec<String> = (0..10_000).map(|i| format!("\"t{i}\"")).collect();
        let doc = format!(
            r#"{{"id": "a", "content_text": "x", "tags": [{}]}}"#,
            tags.join(",")
        );
        assert_eq!(
            parse_article(&doc, None).expect("article").item.tags.len(),
            MAX_TAGS
        );
    }

    #[test]
    fn reads_the_seed_article() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../sample/posts/seed-article.json"
        ))
        .expect("the seed article in sample/posts");
        let a = parse_article(&text, None).expect("article");
        assert!(a
            .item
            .title
            .as_deref()
            .is_some_and(|t| t.starts_with("Macron Poised")));
        assert!(a.item.authors.is_empty() && a.item.published.is_none() && a.item.url.is_none());
    }

    #[test]
    fn index_keeps_items_without_bodies() {
        let doc = r#"{"items": [{"id": "a", "title": "A"}, {"id": "b"}, {"title": "no id"}]}"#;
        let items = parse_index(doc, None).expect("index");
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].id, "a");
    }

    #[test]
    fn splits_paragraphs_at_blank_lines() {
        assert_eq!(paragraphs("a\nb\n\n  \nc\r\n\r\nd "), ["a\nb", "c", "d"]);
        assert!(paragraphs(" \n\n ").is_empty());
    }
}
