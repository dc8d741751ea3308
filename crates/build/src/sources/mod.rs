//! The formats a site already has, read into one model: every source yields JSON Feed item
//! objects, a post at a time, and the rest of the build step does not know where they came
//! from. JSON Feed 1.0 and 1.1 (`feed_reader`), RSS 0.9x, 1.0 and 2.0 and Atom 1.0 (`xml_feed`,
//! parsed by `feed-rs`), a folder of Markdown posts with YAML or TOML front matter
//! (`markdown`, rendered by `pulldown-cmark`), and WordPress, from its REST API's JSON or a WXR
//! export (`wordpress`, read with `quick-xml`). Native only: none of this is in the wasm.

pub mod dates;
pub mod markdown;
pub mod shortcodes;
pub mod text;
pub mod wordpress;
pub mod xml_feed;
pub mod yaml;

use std::path::{Path, PathBuf};

use serde_json::Value;
use thiserror::Error;

use crate::feed_reader::{self, Object};

/// A source that could not be read at all (an item that cannot be used is a [`Notice`]
/// instead, and the rest of the source is read).
#[derive(Debug, Error)]
#[error("{}: {problem}", path.display())]
pub struct SourceError {
    /// The file or folder.
    pub path: PathBuf,
    /// What is wrong with it.
    pub problem: Problem,
}

/// What is wrong with a source that could not be read.
#[derive(Debug, Error)]
pub enum Problem {
    /// It could not be opened or read.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// It is not what it should be (not JSON, XML that breaks before any item, ...).
    #[error("{0}")]
    Invalid(String),
}

impl SourceError {
    /// `path` could not be read.
    pub fn io(path: &Path, error: std::io::Error) -> SourceError {
        SourceError {
            path: path.to_path_buf(),
            problem: Problem::Io(error),
        }
    }

    /// `path` is not what it should be, as `message` says.
    pub fn invalid(path: &Path, message: impl Into<String>) -> SourceError {
        SourceError {
            path: path.to_path_buf(),
            problem: Problem::Invalid(message.into()),
        }
    }
}

/// A format the build step reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// JSON Feed 1.0 or 1.1, or a bare item.
    JsonFeed,
    /// RSS 0.9x, 1.0 (RDF) or 2.0, or Atom 1.0.
    XmlFeed,
    /// A folder of Markdown posts with front matter.
    Markdown,
    /// WordPress's REST API: a JSON array of posts (`/wp-json/wp/v2/posts?_embed`).
    WordPressJson,
    /// A WordPress export (WXR).
    Wxr,
}

impl Format {
    /// The format named on the command line (`--format`).
    pub fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "json-feed" | "jsonfeed" | "json" => Some(Format::JsonFeed),
            "rss" | "atom" | "xml" => Some(Format::XmlFeed),
            "markdown" | "md" => Some(Format::Markdown),
            "wordpress" | "wp-json" => Some(Format::WordPressJson),
            "wxr" => Some(Format::Wxr),
            _ => None,
        }
    }

    /// The format of `path`, from what it holds: a folder is Markdown; JSON is a feed, or
    /// WordPress's posts when it is an array; XML is a WordPress export when it says so, a
    /// feed otherwise.
    pub fn detect(path: &Path) -> Result<Format, SourceError> {
        if path.is_dir() {
            return Ok(Format::Markdown);
        }
        let mut head = vec![0u8; 4096];
        let read = std::fs::File::open(path)
            .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
            .map_err(|e| SourceError::io(path, e))?;
        head.truncate(read);
        let text = String::from_utf8_lossy(&head);
        let text = text.trim_start_matches('\u{FEFF}').trim_start();
        match text.chars().next() {
            Some('{') => Ok(Format::JsonFeed),
            Some('[') => Ok(Format::WordPressJson),
            Some('<') if text.contains("wordpress.org/export/") => Ok(Format::Wxr),
            Some('<') => Ok(Format::XmlFeed),
            _ => Err(SourceError::invalid(
                path,
                "not a format broadsheet-build reads (JSON Feed, RSS, Atom, WordPress, or a folder of Markdown)",
            )),
        }
    }
}

/// A file the site needs that is not a post: an image next to a Markdown post, copied to the
/// same place in the output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resource {
    /// The file on disk.
    pub file: PathBuf,
    /// Where it goes, relative to the site's root.
    pub site_path: String,
}

/// One post read from a source.
#[derive(Clone, Debug)]
pub struct SourceItem {
    /// The post as a JSON Feed item.
    pub item: Object,
    /// The folder of the site its relative URLs are relative to (`""`: the site's root).
    pub base: String,
    /// The name its folder should have, when the source says (a slug, a file name).
    pub slug: Option<String>,
    /// Where it was read, for messages (`posts/a.md`, `feed.xml item 3`).
    pub place: String,
    /// Files it refers to, to copy.
    pub resources: Vec<Resource>,
}

/// Something a source read but could not use, or used with a caveat.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// Where (a file, and the item or line in it).
    pub place: String,
    /// What.
    pub message: String,
}

/// What a source says as it is read.
pub trait Sink {
    /// A post.
    fn item(&mut self, item: SourceItem);
    /// A post left out, and why.
    fn skip(&mut self, notice: Notice);
    /// A post kept with a caveat (an unreadable date, dated by its file instead).
    fn warn(&mut self, notice: Notice);
}

/// The feed-level fields of the source at `path` (title, home page, language, icon), as a
/// JSON Feed's.
pub fn header(path: &Path, format: Format) -> Result<Object, SourceError> {
    match format {
        Format::JsonFeed => {
            let mut header = feed_reader::read_header(path)?;
            header.remove("items");
            Ok(header)
        }
        Format::XmlFeed => xml_feed::header(path),
        Format::Wxr => wordpress::wxr_header(path),
        Format::Markdown | Format::WordPressJson => Ok(Object::new()),
    }
}

/// Reads every post of the source at `path`, whose relative URLs are relative to the site's
/// folder `base`, into `sink`, in order.
pub fn read(
    path: &Path,
    format: Format,
    base: &str,
    sink: &mut dyn Sink,
) -> Result<(), SourceError> {
    match format {
        Format::JsonFeed => {
            let mut position = 0;
            feed_reader::for_each_item(path, |item| {
                position += 1;
                sink.item(SourceItem {
                    item,
                    base: base.to_string(),
                    slug: None,
                    place: format!("{} item {position}", path.display()),
                    resources: Vec::new(),
                });
            })
        }
        Format::XmlFeed => xml_feed::read(path, base, sink),
        Format::Markdown => markdown::read(path, sink),
        Format::WordPressJson => wordpress::read_json(path, base, sink),
        Format::Wxr => wordpress::read_wxr(path, base, sink),
    }
}

/// Tells `sink` of a post read at `place`: the item and its slug, or why it was left out.
pub fn deliver(
    sink: &mut dyn Sink,
    read: Result<(Object, Option<String>), String>,
    base: &str,
    place: String,
) {
    match read {
        Ok((item, slug)) => sink.item(SourceItem {
            item,
            base: base.to_string(),
            slug,
            place,
            resources: Vec::new(),
        }),
        Err(message) => sink.skip(Notice { place, message }),
    }
}

/// A string field of a JSON object, trimmed, when it is one and not empty.
pub fn string_field<'a>(object: &'a Object, key: &str) -> Option<&'a str> {
    object
        .get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The last path segment of a URL (`hello-world` for `https://a.example/2024/hello-world/`),
/// the usual slug of a post; `None` when the post is named by its query instead
/// (`/?p=12`, `/noticia.php?artigo=x`).
pub fn slug_from_url(url: &str) -> Option<String> {
    let (path, query) = match url.split('#').next()?.split_once('?') {
        Some((path, query)) => (path, !query.is_empty()),
        None => (url.split('#').next()?, false),
    };
    let path = path.split_once("://").map_or(path, |(_, rest)| rest);
    let path = path.split_once('/').map(|(_, p)| p)?;
    let last = path.trim_end_matches('/').rsplit('/').next()?;
    let (stem, extension) = last.rsplit_once('.').unwrap_or((last, ""));
    let stem = match extension {
        "" => last,
        "html" | "htm" | "xhtml" => stem,
        // A script's name says nothing of the post its query picks.
        _ if query => return None,
        _ => stem,
    };
    (!stem.is_empty() && stem != "index").then(|| stem.to_string())
}

/// `title` as a slug's source when it makes a readable one (three ASCII letters or digits at
/// least): a title in a script other than Latin would leave only punctuation.
pub fn slug_from_title(title: &str) -> Option<String> {
    let readable = title.chars().filter(char::is_ascii_alphanumeric).count() >= 3;
    readable.then(|| title.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_urls() {
        assert_eq!(
            slug_from_url("https://a.example/2024/01/hello-world/").as_deref(),
            Some("hello-world")
        );
        assert_eq!(
            slug_from_url("https://a.example/p/post.html?x=1").as_deref(),
            Some("post")
        );
        assert_eq!(slug_from_url("https://a.example/"), None);
        assert_eq!(slug_from_url("https://a.example/x/index.html"), None);
        assert_eq!(slug_from_url("https://a.example/?p=12"), None);
        assert_eq!(
            slug_from_url("https://a.example/noticia.php?artigo=x"),
            None
        );
        assert_eq!(
            slug_from_url("https://a.example/20200406.php").as_deref(),
            Some("20200406")
        );
        assert_eq!(slug_from_title("記事1のタイトル"), None);
        assert_eq!(
            slug_from_title("Apple isn’t").as_deref(),
            Some("Apple isn’t")
        );
    }
}
