//! The build step: from a JSON Feed of a whole site, one article JSON per post with its read
//! time and `_article.similar` precomputed, and a trimmed index (`feed.json`) for in-browser
//! ranking. Pure: the `broadsheet-build` binary does the file system and the progress bar.

use serde_json::{json, Map, Value};

use broadsheet_core::html::{sanitize, SanitizeContext};
use broadsheet_core::paths::{dir_of, rebase, relative_src};
use broadsheet_core::model::{index_entries, Article, Item, ModelError};
use broadsheet_core::page::Page;
use broadsheet_core::read_time::ReadTimeConfig;
use broadsheet_core::similar::{Doc, Index, Weights};

/// Settings of a build.
#[derive(Clone, Copy, Debug)]
pub struct BuildSettings {
    /// Similar posts precomputed into each article.
    pub similar: usize,
    /// Words of body text kept in each index entry, for in-browser ranking.
    pub index_words: usize,
    /// Ranking weights.
    pub weights: Weights,
}

impl Default for BuildSettings {
    fn default() -> Self {
        BuildSettings {
            similar: 6,
            index_words: 60,
            weights: Weights::default(),
        }
    }
}

/// One post going into the build: its item as written, and where its article JSON lives
/// relative to the index (`posts/x.json`).
#[derive(Clone, Debug)]
pub struct Source {
    /// The item object as read, kept field for field in the output.
    pub raw: Map<String, Value>,
    /// The validated item.
    pub item: Item,
    /// Path of the post's article JSON, relative to the index.
    pub src: String,
    /// The folder, relative to the index, that the item's relative URLs are relative to.
    pub base: String,
}

/// A file name for `id`: letters, digits, `-` and `_`, at most 80 bytes, never empty.
pub fn slug(id: &str) -> String {
    let mut s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    s.truncate(80);
    let s = s.trim_matches('-').to_string();
    if s.is_empty() {
        "post".to_string()
    } else {
        s
    }
}

/// Reads the posts of a parsed JSON Feed document; `src_for` names each post's article file
/// from its slug (made unique); `base` is the folder (relative to the index) the feed's
/// relative URLs are relative to. Items without an id, or without a title and URL, are skipped.
pub fn read_sources(
    feed: &Value,
    src_for: impl Fn(&str) -> String,
    base: &str,
) -> Result<Vec<Source>, ModelError> {
    let mut taken = std::collections::HashSet::new();
    Ok(index_entries(feed, None)?
        .into_iter()
        .map(|(raw, item)| {
            let stem = slug(&item.id);
            let mut name = stem.clone();
            let mut n = 1;
            while !taken.insert(name.clone()) {
                n += 1;
                name = format!("{stem}-{n}");
            }
            Source {
                raw: raw.clone(),
                src: src_for(&name),
                base: base.to_string(),
                item,
            }
        })
        .collect())
}

/// `html` with its relative URLs rebased from folder `from` to folder `to`. It comes out
/// sanitized, which changes nothing the component would show: the component sanitizes it again.
fn rebased_html(html: &str, from: &str, to: &str) -> String {
    let rewrite = |url: &str| rebase(url, from, to);
    sanitize(
        html,
        SanitizeContext {
            rewrite_url: Some(&rewrite),
            ..SanitizeContext::default()
        },
    )
    .html
}

/// A copy of the item's link and image fields rebased from `from` to `to`.
fn rebased_fields(raw: &Map<String, Value>, from: &str, to: &str) -> Map<String, Value> {
    let mut out = raw.clone();
    for key in ["url", "image", "banner_image"] {
        if let Some(Value::String(u)) = raw.get(key) {
            out.insert(key.to_string(), Value::String(rebase(u, from, to)));
        }
    }
    out
}

fn read_seconds(item: &Item) -> u64 {
    let article = Article {
        item: item.clone(),
        site: None,
    };
    Page::new(article, None, &ReadTimeConfig::default())
        .read_time
        .seconds
}

fn first_words(text: &str, n: usize) -> String {
    text.split_whitespace()
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The small item object that stands for `source` in an index or a similar list written in
/// folder `dir`; its `_article.src` is `src`.
fn card(
    source: &Source,
    dir: &str,
    src: &str,
    seconds: u64,
    body_words: Option<(&str, usize)>,
) -> Value {
    let raw = rebased_fields(&source.raw, &source.base, dir);
    let mut obj = Map::new();
    for key in [
        "id",
        "url",
        "title",
        "summary",
        "image",
        "banner_image",
        "date_published",
        "language",
        "tags",
    ] {
        if let Some(v) = raw.get(key) {
            obj.insert(key.to_string(), v.clone());
        }
    }
    if let Some((text, n)) = body_words.filter(|(_, n)| *n > 0) {
        let words = first_words(text, n);
        if !words.is_empty() {
            obj.insert("content_text".into(), Value::String(words));
        }
    }
    let mut ext = Map::new();
    ext.insert("src".into(), json!(src));
    ext.insert("read_time".into(), json!(seconds));
    if let Some(alt) = &source.item.image_alt {
        ext.insert("image_alt".into(), json!(alt));
    }
    obj.insert("_article".into(), Value::Object(ext));
    Value::Object(obj)
}

/// What a build produces.
pub struct BuildOutput {
    /// `(src, article JSON)` for each post.
    pub posts: Vec<(String, String)>,
    /// The trimmed index, a JSON Feed.
    pub index: String,
}

/// Builds the site from `sources`. `site` holds feed-level fields (`title`, `home_page_url`,
/// `language`) copied into every output document. `progress` is called with the number of
/// posts ranked so far.
pub fn build(
    sources: &[Source],
    site: &Map<String, Value>,
    settings: &BuildSettings,
    progress: &(dyn Fn(usize) + Sync),
) -> BuildOutput {
    let docs: Vec<Doc> = sources.iter().map(|s| Doc::from_item(&s.item)).collect();
    let seconds: Vec<u64> = sources.iter().map(|s| read_seconds(&s.item)).collect();
    let index = Index::build(&docs, settings.weights);
    let ranked = rank_all(&index, settings.similar, progress);

    let feed = |items: Vec<Value>| {
        let mut doc = Map::new();
        doc.insert("version".into(), json!("https://jsonfeed.org/version/1.1"));
        for key in ["title", "home_page_url", "language"] {
            if let Some(v) = site.get(key) {
                doc.insert(key.to_string(), v.clone());
            }
        }
        doc.insert("items".into(), Value::Array(items));
        Value::Object(doc).to_string()
    };

    let posts = sources
        .iter()
        .enumerate()
        .map(|(i, source)| {
            let dir = dir_of(&source.src);
            let mut item = rebased_fields(&source.raw, &source.base, dir);
            if let Some(Value::String(html)) = source.raw.get("content_html") {
                if source.base != dir {
                    let html = rebased_html(html, &source.base, dir);
                    item.insert("content_html".into(), Value::String(html));
                }
            }
            let mut ext = item
                .get("_article")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            ext.insert("read_time".into(), json!(seconds[i]));
            ext.insert(
                "similar".into(),
                Value::Array(
                    ranked[i]
                        .iter()
                        .map(|&d| {
                            let src = relative_src(&source.src, &sources[d].src);
                            card(&sources[d], dir, &src, seconds[d], None)
                        })
                        .collect(),
                ),
            );
            item.insert("_article".into(), Value::Object(ext));
            (source.src.clone(), feed(vec![Value::Object(item)]))
        })
        .collect();

    let index_items = sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            card(
                s,
                "",
                &s.src,
                seconds[i],
                Some((&docs[i].body, settings.index_words)),
            )
        })
        .collect();
    BuildOutput {
        posts,
        index: feed(index_items),
    }
}

/// Ranks every indexed post against the others on all cores.
fn rank_all(index: &Index, n: usize, progress: &(dyn Fn(usize) + Sync)) -> Vec<Vec<usize>> {
    let total = index.len();
    let threads = std::thread::available_parallelism()
        .map_or(1, |p| p.get())
        .clamp(1, 8);
    let chunk = total.div_ceil(threads).max(1);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); total];
    std::thread::scope(|scope| {
        for (c, slots) in out.chunks_mut(chunk).enumerate() {
            let done = &done;
            scope.spawn(move || {
                for (k, slot) in slots.iter_mut().enumerate() {
                    let d = c * chunk + k;
                    *slot = index
                        .similar_to_indexed(d, n)
                        .iter()
                        .map(|m| m.doc)
                        .collect();
                    let finished = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                    if finished.is_multiple_of(256) || finished == total {
                        progress(finished);
                    }
                }
            });
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet_core::model::{parse_article, SimilarRef};

    const SITE: &str = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Site", "language": "en",
      "items": [
        {"id": "eu-russia", "title": "EU talks with Russia", "url": "https://s.example/eu/",
         "content_text": "Macron may lead European negotiations with Moscow over Ukraine peace.", "tags": ["europe"],
         "date_published": "2025-01-10T10:00:00Z", "custom": 1, "image": "img/eu.png"},
        {"id": "ceasefire", "title": "Ukraine ceasefire framework", "url": "https://s.example/ce/",
         "content_html": "<p>European diplomats draft a <b>ceasefire</b> plan for <a href=\"ua/\">Ukraine</a> and Russia.</p><img src=\"img/map.png\" alt=\"\">", "tags": ["europe"]},
        {"id": "wasm", "title": "Rust and WebAssembly", "content_text": "Rust compiles to WebAssembly for browsers."},
        {"id": "wasm-jp", "title": "WebAssembly in Japan", "content_text": "Japanese teams adopt WebAssembly and Rust."},
        {"title": "no id"}
      ]}"#;

    fn built() -> BuildOutput {
        let site: Value = serde_json::from_str(SITE).expect("JSON");
        let sources = read_sources(&site, |s| format!("posts/{s}.json"), "").expect("feed");
        build(
            &sources,
            site.as_object().expect("object"),
            &BuildSettings::default(),
            &|_| {},
        )
    }

    #[test]
    fn writes_one_article_per_post_with_similar_and_read_time() {
        let out = built();
        assert_eq!(out.posts.len(), 4);
        let (src, json) = &out.posts[0];
        assert_eq!(src, "posts/eu-russia.json");
        let article = parse_article(json, None).expect("a valid article");
        assert_eq!(article.site.as_deref(), Some("Site"));
        assert_eq!(article.item.read_seconds, Some(3));
        let similar = article.item.similar.expect("precomputed");
        let SimilarRef::Item(first) = &similar[0] else {
            panic!("similar posts are small items");
        };
        assert_eq!(first.id, "ceasefire");
        assert_eq!(
            first.src.as_ref().map(|u| u.as_str()),
            Some("ceasefire.json")
        );
        assert!(similar
            .iter()
            .all(|s| !matches!(s, SimilarRef::Item(i) if i.id == "eu-russia")));
        let raw: Value = serde_json::from_str(json).expect("JSON");
        assert_eq!(raw["items"][0]["custom"], 1, "unknown fields are kept");
    }

    #[test]
    fn writes_a_trimmed_index() {
        let out = built();
        let items = broadsheet_core::model::parse_index(&out.index, None).expect("index");
        assert_eq!(items.len(), 4);
        assert!(items
            .iter()
            .all(|i| i.src.is_some() && i.read_seconds.is_some()));
        let raw: Value = serde_json::from_str(&out.index).expect("JSON");
        assert!(raw["items"][1].get("content_html").is_none());
        assert_eq!(
            raw["items"][1]["content_text"],
            "European diplomats draft a ceasefire plan for Ukraine and Russia."
        );
    }

    #[test]
    fn relative_urls_are_rebased_to_where_they_are_written() {
        let out = built();
        let post: Value = serde_json::from_str(&out.posts[0].1).expect("JSON");
        assert_eq!(post["items"][0]["image"], "../img/eu.png");
        let index: Value = serde_json::from_str(&out.index).expect("JSON");
        assert_eq!(index["items"][0]["image"], "img/eu.png");
        let post: Value = serde_json::from_str(&out.posts[1].1).expect("JSON");
        let html = post["items"][0]["content_html"].as_str().expect("HTML");
        assert!(html.contains(r#"<a href="../ua/">Ukraine</a>"#), "{html}");
        assert!(html.contains(r#"<img src="../img/map.png""#), "{html}");
    }

    #[test]
    fn slugs_are_safe_and_unique_file_names() {
        let feed = json!({"items": [{"id": "a/b", "title": "1"}, {"id": "a b", "title": "2"}]});
        let srcs: Vec<String> = read_sources(&feed, |s| s.to_string(), "")
            .expect("feed")
            .into_iter()
            .map(|s| s.src)
            .collect();
        assert_eq!(srcs, ["a-b", "a-b-2"]);
        assert_eq!(slug("Hello World/../x"), "hello-world----x");
        assert_eq!(slug("日本"), "post");
        assert_eq!(slug("a".repeat(200).as_str()).len(), 80);
    }
}
