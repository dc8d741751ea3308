//! The site's own feeds, for subscribers: RSS 2.0, Atom 1.0 and JSON Feed 1.1 of its newest
//! posts in full text, and an RSS feed a tag (`tags/<tag>/index.xml`); and, as they need the
//! same absolute addresses, the sitemap ([`super::sitemap`]).
//!
//! They are not the index `feed.json`, which carries excerpts and ranking terms for the
//! browser. A feed's body is the post's sanitized body as its article JSON has it, with every
//! relative URL made absolute: a feed reader has no page to resolve them against. Only the
//! posts a feed holds are read back from the staging file, so memory stays small whatever the
//! size of the site. Without a base URL there are no absolute addresses, and no feeds.

use std::collections::BTreeMap;
use std::path::Path;

use atom_syndication as atom;
use broadsheet_core::date::Timestamp;
use broadsheet_core::html::tokenizer::{Token, Tokenizer};
use broadsheet_core::html::{sanitize_tokens, SanitizeContext};
use broadsheet_core::model::{index_item, Body, FeedDefaults};
use broadsheet_core::safe_url::{SafeUrl, UrlUse};
use chrono::{DateTime, FixedOffset, SecondsFormat};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;
use thiserror::Error;

use crate::assets::FeedLink;
use crate::error::{At, BuildError};
use crate::head::cut_at_word;
use crate::output::write_file;
use crate::pages::INSTANCE_ID;

use super::meta::{Site, FEED_VERSION};
use super::prepare::Post;
use super::settings::BuildSettings;
use super::sitemap::{site_pages, write_sitemap, SitemapEntry};
use super::slug::slug;
use super::staging::Staging;

/// Where the RSS feed goes by default: Hugo's address for it, so that a Hugo site's
/// subscribers keep theirs.
pub const RSS_PATH: &str = "index.xml";
/// Where the Atom feed goes by default.
pub const ATOM_PATH: &str = "atom.xml";
/// Where the JSON Feed goes by default (`feed.json` is the ranking index).
pub const JSON_FEED_PATH: &str = "feed/index.json";
/// Posts in each feed by default: the newest 20, as Hugo's and WordPress's feeds hold about
/// as many (10 to 20), and a reader polls often enough to see every post.
pub const FEED_LIMIT: usize = 20;

/// The media types of the feeds, as pages name them.
const RSS_TYPE: &str = "application/rss+xml";
const ATOM_TYPE: &str = "application/atom+xml";
const JSON_FEED_TYPE: &str = "application/feed+json";

/// Characters of a post's plain text kept as its RSS `description` when it has no summary.
const DESCRIPTION_CHARS: usize = 300;

/// Why a feed's path cannot be used.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("{path:?} cannot be a feed's path: {why}")]
pub struct FeedPathError {
    /// The path as given.
    pub path: String,
    /// Why.
    pub why: &'static str,
}

/// Where a feed goes: a file of the site, relative to its root, checked to stay inside it and
/// off the files the build writes itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedPath(String);

impl FeedPath {
    /// `path` as a feed's path: a leading `/` is dropped (`/index.xml` is `index.xml`), and a
    /// path ending in `/` is a folder, whose `index` file the feed is (`/feed/` with
    /// `index.xml` is `feed/index.xml`). `Ok(None)` for an empty path: no such feed.
    pub fn parse(path: &str, index: &str) -> Result<Option<FeedPath>, FeedPathError> {
        let error = |why| FeedPathError {
            path: path.to_string(),
            why,
        };
        let trimmed = path.trim();
        if trimmed.is_empty() {
            return Ok(None);
        }
        let relative = trimmed.trim_start_matches('/');
        let file = if relative.is_empty() || relative.ends_with('/') {
            format!("{relative}{index}")
        } else {
            relative.to_string()
        };
        if file.contains(['\\', '?', '#']) || file.chars().any(char::is_control) {
            return Err(error("it may hold no \\, ?, # or control character"));
        }
        if file
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == "..")
        {
            return Err(error("it must stay inside the site (no `..`, `.` or `//`)"));
        }
        let name = file.rsplit('/').next().unwrap_or(&file);
        let own = matches!(
            file.as_str(),
            "feed.json" | "robots.txt" | "sitemap.xml" | "_redirects"
        ) || file.starts_with("assets/")
            || file.starts_with("sitemap-")
            || matches!(name, "index.html" | "article.json");
        if own {
            return Err(error("the build writes a file of its own there"));
        }
        Ok(Some(FeedPath(file)))
    }

    /// The path, relative to the site's root.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The site's own feeds and sitemap: where they go and what they hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedSettings {
    /// The RSS 2.0 feed ([`RSS_PATH`]); `None`: none.
    pub rss: Option<FeedPath>,
    /// The Atom 1.0 feed ([`ATOM_PATH`]); `None`: none.
    pub atom: Option<FeedPath>,
    /// The JSON Feed 1.1 ([`JSON_FEED_PATH`]); `None`: none.
    pub json: Option<FeedPath>,
    /// The newest posts each feed holds ([`FEED_LIMIT`]); 0: every post.
    pub limit: usize,
    /// Whether each tag gets an RSS feed, `tags/<tag>/index.xml`.
    pub tag_feeds: bool,
    /// Addresses in one sitemap file; past it, the sitemap is an index of several
    /// ([`super::sitemap::SITEMAP_LIMIT`], the protocol's limit).
    pub sitemap_limit: usize,
}

impl Default for FeedSettings {
    fn default() -> Self {
        let path = |p: &str| Some(FeedPath(p.to_string()));
        FeedSettings {
            rss: path(RSS_PATH),
            atom: path(ATOM_PATH),
            json: path(JSON_FEED_PATH),
            limit: FEED_LIMIT,
            tag_feeds: true,
            sitemap_limit: super::sitemap::SITEMAP_LIMIT,
        }
    }
}

impl FeedSettings {
    /// The feeds every page of `site` links to: none without a base URL, as none is written.
    pub fn links(&self, site: &Site) -> Vec<FeedLink> {
        if site.info.base_url.is_none() {
            return Vec::new();
        }
        let name = site.info.name.as_deref().unwrap_or("Posts");
        [
            (&self.rss, RSS_TYPE, "RSS"),
            (&self.atom, ATOM_TYPE, "Atom"),
            (&self.json, JSON_FEED_TYPE, "JSON Feed"),
        ]
        .into_iter()
        .filter_map(|(path, media_type, kind)| {
            Some(FeedLink {
                media_type,
                title: format!("{name} ({kind})"),
                path: path.as_ref()?.as_str().to_string(),
            })
        })
        .collect()
    }
}

/// The RSS feed of the tag `tag`, relative to the site's root: `index.xml` in the tag's
/// folder, `tags/<slug>/`, where its page is.
pub fn tag_feed_path(tag: &str) -> String {
    format!("tags/{}/index.xml", slug(tag))
}

/// What the feeds and the sitemap are written from.
pub struct Syndication<'a> {
    /// Every post, in input order.
    pub posts: &'a [Post],
    /// The site.
    pub site: &'a Site,
    /// The build's settings (`feeds`, and `per_page` for the list pages in the sitemap).
    pub settings: &'a BuildSettings,
    /// Where the posts' bodies wait.
    pub staging: &'a Staging,
    /// The output folder.
    pub out: &'a Path,
    /// Pages the sitemap lists besides each post's and each list of posts' (every post's,
    /// each tag's and author's): any page of the caller's.
    pub more_pages: &'a [SitemapEntry],
}

/// What [`write_feeds`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Syndicated {
    /// The feeds written, their paths from the site's root.
    pub feeds: Vec<String>,
    /// Addresses the sitemap lists.
    pub sitemap: usize,
    /// What it left out, and why (no feed without a base URL).
    pub notes: Vec<String>,
}

/// Writes the site's feeds (each of `settings.feeds`, and a feed a tag) and its sitemap.
/// Without a base URL it writes neither, and says so.
pub fn write_feeds(syndication: &Syndication) -> Result<Syndicated, BuildError> {
    let Some(base) = syndication.site.info.base_url.as_ref() else {
        return Ok(Syndicated {
            notes: vec![
                "no feeds (RSS, Atom, JSON Feed), sitemap.xml or robots.txt: they need absolute \
                 addresses, and the site has no base URL (--base-url)"
                    .to_string(),
            ],
            ..Syndicated::default()
        });
    };
    let settings = &syndication.settings.feeds;
    let posts = syndication.posts;
    let mut order: Vec<usize> = (0..posts.len()).collect();
    // Newest first; undated posts last, in the order they were read (as the list of posts).
    order.sort_by_key(|&i| std::cmp::Reverse(posts[i].published.unwrap_or(i64::MIN)));
    let limit = if settings.limit == 0 {
        usize::MAX
    } else {
        settings.limit
    };
    let writer = Writer {
        syndication,
        base,
        name: syndication.site.info.name.as_deref().unwrap_or("Posts"),
        language: syndication
            .site
            .language
            .as_ref()
            .map(|l| l.as_str().to_string()),
    };
    let mut written = Syndicated::default();

    let site_feeds = [&settings.rss, &settings.atom, &settings.json];
    if site_feeds.iter().any(|f| f.is_some()) {
        let entries = writer.entries(order.iter().copied().take(limit))?;
        let head = writer.head(writer.name.to_string(), base.as_str().to_string());
        if let Some(path) = &settings.rss {
            writer.write_rss(&head, &entries, path.as_str())?;
            written.feeds.push(path.as_str().to_string());
        }
        if let Some(path) = &settings.atom {
            writer.write_atom(&head, &entries, path.as_str())?;
            written.feeds.push(path.as_str().to_string());
        }
        if let Some(path) = &settings.json {
            writer.write_json(&head, &entries, path.as_str())?;
            written.feeds.push(path.as_str().to_string());
        }
    }

    if settings.tag_feeds {
        // Each tag's newest posts, by the tag's folder: tags that differ only in case or
        // punctuation share one, under the name first met.
        let mut tags: BTreeMap<String, (&str, Vec<usize>)> = BTreeMap::new();
        for &i in &order {
            for tag in posts[i].card.tags.iter().flatten() {
                let (_, list) = tags.entry(slug(tag)).or_insert((tag.as_str(), Vec::new()));
                if list.len() < limit && list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        let paths = tags
            .par_iter()
            .map(|(tag_slug, (tag, list))| {
                let entries = writer.entries(list.iter().copied())?;
                // The feed of the tag's list of posts, `tags/<tag>/`.
                let head = writer.head(
                    format!("{} – {tag}", writer.name),
                    writer.address(&format!("tags/{tag_slug}/")),
                );
                let path = format!("tags/{tag_slug}/index.xml");
                writer.write_rss(&head, &entries, &path)?;
                Ok(path)
            })
            .collect::<Result<Vec<String>, BuildError>>()?;
        written.feeds.extend(paths);
    }

    let pages = site_pages(posts, syndication.settings.per_page)
        .chain(syndication.more_pages.iter().cloned());
    written.sitemap = write_sitemap(pages, base, syndication.out, settings.sitemap_limit)?;
    Ok(written)
}

/// One post as the feeds give it: every URL absolute.
struct Entry {
    /// Its id, as its source gave it (so that readers know the posts they have seen).
    id: String,
    /// Its page on the site.
    page: String,
    /// Its own address, when it is another than its page.
    external: Option<String>,
    title: Option<String>,
    summary: Option<String>,
    /// The summary, else the opening of its text.
    description: Option<String>,
    /// The body, as HTML, or as text.
    html: Option<String>,
    text: Option<String>,
    published: Option<Timestamp>,
    modified: Option<Timestamp>,
    /// Names, and profile pages.
    authors: Vec<(String, Option<String>)>,
    tags: Vec<String>,
    image: Option<String>,
    language: Option<String>,
}

impl Entry {
    /// Its last change, else its publication.
    fn updated(&self) -> Option<&Timestamp> {
        self.modified.as_ref().or(self.published.as_ref())
    }
}

/// What a feed says of itself.
struct Head {
    title: String,
    /// The page it is the feed of.
    home: String,
}

/// Writes the feeds of one build.
struct Writer<'a> {
    syndication: &'a Syndication<'a>,
    base: &'a SafeUrl,
    name: &'a str,
    language: Option<String>,
}

impl Writer<'_> {
    /// The head of a feed titled `title`, of the page `home`.
    fn head(&self, title: String, home: String) -> Head {
        Head { title, home }
    }

    /// The absolute address of `path`, a file or page of the site.
    fn address(&self, path: &str) -> String {
        absolute(self.base, path).unwrap_or_else(|| format!("{}{path}", self.base.as_str()))
    }

    /// The entries of the posts at `places`, in that order, read back from the staging file.
    fn entries(&self, places: impl Iterator<Item = usize>) -> Result<Vec<Entry>, BuildError> {
        let mut entries = Vec::new();
        for i in places {
            let post = &self.syndication.posts[i];
            let Some(kept) = post.staged else {
                continue;
            };
            let staged = self.syndication.staging.get(kept)?;
            if let Some(entry) = self.entry(post, &staged.item) {
                entries.push(entry);
            }
        }
        Ok(entries)
    }

    /// The entry of `post`, whose item (URLs relative to its folder) is `item`.
    fn entry(&self, post: &Post, item: &serde_json::Map<String, Value>) -> Option<Entry> {
        let folder = if post.dir.is_empty() {
            self.base.clone()
        } else {
            absolute(self.base, &format!("{}/", post.dir))
                .and_then(|u| SafeUrl::parse_absolute(&u))?
        };
        let page = self.address(&post.page);
        let read = index_item(item, Some(&folder), &FeedDefaults::default())?;
        let (html, prose) = match &read.body {
            Some(Body::Html(html)) => {
                let (html, prose) = absolute_body(html, &folder, &page);
                (Some(html), prose)
            }
            Some(Body::Text(text)) => (None, text.clone()),
            None => (None, String::new()),
        };
        let text = match &read.body {
            Some(Body::Text(text)) => Some(text.clone()),
            _ => None,
        };
        let description = read
            .summary
            .clone()
            .or_else(|| Some(cut_at_word(&prose, DESCRIPTION_CHARS)))
            .filter(|d| !d.is_empty());
        let own = read
            .url
            .as_ref()
            .filter(|u| u.is_absolute_http())
            .map(|u| u.as_str().to_string());
        Some(Entry {
            id: read.id,
            external: own.filter(|u| *u != page),
            page,
            title: read.title,
            summary: read.summary,
            description,
            html,
            text,
            published: read.published,
            modified: read.modified,
            authors: read
                .authors
                .into_iter()
                .map(|a| (a.name, a.url.map(|u| u.as_str().to_string())))
                .collect(),
            tags: read.tags,
            image: read
                .image
                .or(read.banner_image)
                .filter(SafeUrl::is_absolute_http)
                .map(|u| u.as_str().to_string()),
            language: read.language.map(|l| l.as_str().to_string()),
        })
    }

    /// The newest change among `entries`.
    fn updated(entries: &[Entry]) -> Option<DateTime<FixedOffset>> {
        entries
            .iter()
            .filter_map(Entry::updated)
            .max_by_key(|t| t.unix())
            .map(datetime)
    }

    /// Writes the RSS 2.0 feed of `entries` to `path`.
    fn write_rss(&self, head: &Head, entries: &[Entry], path: &str) -> Result<(), BuildError> {
        let file = self.syndication.out.join(path);
        let self_link = rss::extension::Extension {
            name: "atom:link".to_string(),
            value: None,
            attrs: BTreeMap::from([
                ("href".to_string(), self.address(path)),
                ("rel".to_string(), "self".to_string()),
                ("type".to_string(), RSS_TYPE.to_string()),
            ]),
            children: BTreeMap::new(),
        };
        let items = entries
            .iter()
            .map(|entry| {
                let body = entry
                    .html
                    .clone()
                    .or_else(|| entry.text.as_deref().map(text_as_html));
                let creators: Vec<String> =
                    entry.authors.iter().map(|(name, _)| xml(name)).collect();
                rss::Item {
                    title: entry.title.as_deref().map(xml),
                    link: Some(entry.page.clone()),
                    description: entry.description.as_deref().map(xml),
                    categories: entry
                        .tags
                        .iter()
                        .map(|t| rss::Category {
                            name: xml(t),
                            domain: None,
                        })
                        .collect(),
                    guid: Some(rss::Guid {
                        permalink: entry.id == entry.page,
                        value: xml(&entry.id),
                    }),
                    pub_date: entry.published.as_ref().map(|t| datetime(t).to_rfc2822()),
                    content: body.as_deref().map(xml),
                    dublin_core_ext: (!creators.is_empty()).then(|| {
                        rss::extension::dublincore::DublinCoreExtension {
                            creators,
                            ..Default::default()
                        }
                    }),
                    ..Default::default()
                }
            })
            .collect();
        let channel = rss::Channel {
            title: xml(&head.title),
            link: head.home.clone(),
            description: xml(&head.title),
            language: self.language.clone(),
            last_build_date: Writer::updated(entries).map(|t| t.to_rfc2822()),
            generator: Some("broadsheet-build".to_string()),
            items,
            namespaces: BTreeMap::from([(
                "atom".to_string(),
                "http://www.w3.org/2005/Atom".to_string(),
            )]),
            extensions: BTreeMap::from([(
                "atom".to_string(),
                BTreeMap::from([("link".to_string(), vec![self_link])]),
            )]),
            ..Default::default()
        };
        let bytes = channel
            .write_to(Vec::new())
            .map_err(|e| std::io::Error::other(e.to_string()))
            .at(&file)?;
        write_file(&file, bytes)
    }

    /// Writes the Atom 1.0 feed of `entries` to `path`.
    fn write_atom(&self, head: &Head, entries: &[Entry], path: &str) -> Result<(), BuildError> {
        let file = self.syndication.out.join(path);
        let address = self.address(path);
        let link = |href: &str, rel: &str, media_type: Option<&str>| atom::Link {
            href: href.to_string(),
            rel: rel.to_string(),
            mime_type: media_type.map(str::to_string),
            ..Default::default()
        };
        let site_author = atom::Person {
            name: xml(self.name),
            ..Default::default()
        };
        let updated = Writer::updated(entries).unwrap_or_default();
        let atom_entries = entries
            .iter()
            .map(|entry| {
                let published = entry.published.as_ref().map(datetime);
                let mut links = vec![link(&entry.page, "alternate", Some("text/html"))];
                if let Some(own) = &entry.external {
                    links.push(link(own, "related", None));
                }
                let content = match (&entry.html, &entry.text) {
                    (Some(html), _) => Some(atom::Content {
                        value: Some(xml(html)),
                        content_type: Some("html".to_string()),
                        ..Default::default()
                    }),
                    (None, Some(text)) => Some(atom::Content {
                        value: Some(xml(text)),
                        content_type: Some("text".to_string()),
                        ..Default::default()
                    }),
                    (None, None) => None,
                };
                atom::Entry {
                    title: atom::Text::plain(xml(entry.title.as_deref().unwrap_or_default())),
                    id: if is_iri(&entry.id) {
                        xml(&entry.id)
                    } else {
                        entry.page.clone()
                    },
                    updated: entry.updated().map(datetime).unwrap_or(updated),
                    authors: entry
                        .authors
                        .iter()
                        .map(|(name, uri)| atom::Person {
                            name: xml(name),
                            uri: uri.clone(),
                            ..Default::default()
                        })
                        .collect(),
                    categories: entry
                        .tags
                        .iter()
                        .map(|t| atom::Category {
                            term: xml(t),
                            ..Default::default()
                        })
                        .collect(),
                    links,
                    published,
                    summary: entry.summary.as_deref().map(|s| atom::Text::plain(xml(s))),
                    content,
                    ..Default::default()
                }
            })
            .collect();
        let feed = atom::Feed {
            title: atom::Text::plain(xml(&head.title)),
            id: address.clone(),
            updated,
            authors: vec![site_author],
            generator: Some(atom::Generator {
                value: "broadsheet-build".to_string(),
                ..Default::default()
            }),
            links: vec![
                link(&head.home, "alternate", Some("text/html")),
                link(&address, "self", Some(ATOM_TYPE)),
            ],
            entries: atom_entries,
            lang: self.language.clone(),
            ..Default::default()
        };
        let bytes = feed
            .write_to(Vec::new())
            .map_err(|e| std::io::Error::other(e.to_string()))
            .at(&file)?;
        write_file(&file, bytes)
    }

    /// Writes the JSON Feed 1.1 of `entries` to `path`.
    fn write_json(&self, head: &Head, entries: &[Entry], path: &str) -> Result<(), BuildError> {
        let file = self.syndication.out.join(path);
        let feed_url = self.address(path);
        let document = JsonFeed {
            version: FEED_VERSION,
            title: &head.title,
            home_page_url: &head.home,
            feed_url: &feed_url,
            language: self.language.as_deref(),
            items: entries
                .iter()
                .map(|entry| JsonItem {
                    id: &entry.id,
                    url: &entry.page,
                    external_url: entry.external.as_deref(),
                    title: entry.title.as_deref(),
                    content_html: entry.html.as_deref(),
                    content_text: match (&entry.html, &entry.text) {
                        (None, None) => Some(entry.summary.as_deref().unwrap_or_default()),
                        (_, text) => text.as_deref(),
                    },
                    summary: entry.summary.as_deref(),
                    image: entry.image.as_deref(),
                    date_published: entry.published.as_ref().map(rfc3339),
                    date_modified: entry.modified.as_ref().map(rfc3339),
                    authors: entry
                        .authors
                        .iter()
                        .map(|(name, url)| JsonAuthor {
                            name,
                            url: url.as_deref(),
                        })
                        .collect(),
                    tags: &entry.tags,
                    language: entry.language.as_deref(),
                })
                .collect(),
        };
        let bytes = serde_json::to_vec(&document)
            .map_err(std::io::Error::from)
            .at(&file)?;
        write_file(&file, bytes)
    }
}

/// A JSON Feed 1.1 document.
#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    items: Vec<JsonItem<'a>>,
}

/// An item of the JSON Feed.
#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<JsonAuthor<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
}

/// An author in the JSON Feed.
#[derive(Serialize)]
struct JsonAuthor<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

/// The absolute address of `path` (a link from the site's root) on the site at `base`.
pub(super) fn absolute(base: &SafeUrl, path: &str) -> Option<String> {
    // `./` first, so that a first segment with a colon is a path, not a scheme.
    SafeUrl::parse(&format!("./{path}"), Some(base), UrlUse::Link)
        .filter(SafeUrl::is_absolute_http)
        .map(|u| u.as_str().to_string())
}

/// The sanitized body `html`, whose relative URLs are relative to `folder`, with every URL
/// absolute (a link into the page, `#note`, goes to `page#note`); and its plain text.
/// Sanitizing it again changes nothing else: its element ids keep the page's prefix.
fn absolute_body(html: &str, folder: &SafeUrl, page: &str) -> (String, String) {
    let mut after_pre = false;
    let tokens = Tokenizer::new(html).map(|token| {
        let was_after_pre = std::mem::replace(
            &mut after_pre,
            matches!(&token, Token::Start { name, .. } if name == "pre" || name == "listing"),
        );
        match token {
            // As the HTML parser does (and `sanitize`), a newline right after `<pre>` is
            // dropped: the sanitizer wrote one there to keep the body's own.
            Token::Text(text) if was_after_pre && text.starts_with('\n') => {
                Token::Text(text[1..].to_string())
            }
            Token::Start {
                name,
                attrs,
                self_closing,
            } => Token::Start {
                name,
                attrs: attrs
                    .into_iter()
                    .map(|(key, value)| match value.strip_prefix('#') {
                        Some(fragment) if matches!(key.as_str(), "href" | "cite") => {
                            (key, format!("{page}#{fragment}"))
                        }
                        _ => (key, value),
                    })
                    .collect(),
                self_closing,
            },
            other => other,
        }
    });
    // Resolved against the post's folder as the document's base: links into the site stay
    // unmarked and links to other sites keep `rel="noopener …"`, as in the article JSON.
    let clean = sanitize_tokens(
        tokens,
        SanitizeContext {
            base: Some(folder),
            rewrite_url: None,
            id_prefix: INSTANCE_ID,
        },
    );
    (clean.html, clean.prose)
}

/// Plain text as HTML: each paragraph (blank-line separated) a `<p>`.
fn text_as_html(text: &str) -> String {
    let mut html = String::new();
    for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        html.push_str("<p>");
        broadsheet_core::html::escape_text(paragraph, &mut html);
        html.push_str("</p>");
    }
    html
}

/// `text` without the characters XML 1.0 does not allow (most control characters), which
/// would make the whole feed unreadable.
fn xml(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r')
                || ('\u{20}'..='\u{D7FF}').contains(&c)
                || ('\u{E000}'..='\u{FFFD}').contains(&c)
                || c >= '\u{10000}'
        })
        .collect()
}

/// Whether `id` is an IRI, as Atom wants an entry's id (`https://…`, `urn:…`, `tag:…`).
fn is_iri(id: &str) -> bool {
    match id.split_once(':') {
        Some((scheme, rest)) => {
            !rest.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !id.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// `t` with its offset, as written (a plain date is midnight UTC).
fn datetime(t: &Timestamp) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(t.as_str()).unwrap_or_else(|_| {
        DateTime::from_timestamp(t.unix(), 0)
            .unwrap_or_default()
            .fixed_offset()
    })
}

/// `t` as an RFC 3339 date-time (a plain date is midnight UTC).
fn rfc3339(t: &Timestamp) -> String {
    datetime(t).to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_paths_stay_in_the_site_and_off_the_builds_own_files() {
        let path = |p: &str| FeedPath::parse(p, "index.xml").map(|f| f.map(|f| f.0));
        assert_eq!(path("index.xml"), Ok(Some("index.xml".into())));
        assert_eq!(path("/atom.xml"), Ok(Some("atom.xml".into())));
        assert_eq!(path("/feed/"), Ok(Some("feed/index.xml".into())));
        assert_eq!(path("feed/rss/"), Ok(Some("feed/rss/index.xml".into())));
        assert_eq!(path("/"), Ok(Some("index.xml".into())));
        assert_eq!(path(""), Ok(None));
        assert_eq!(path("  "), Ok(None));
        for bad in [
            "../x.xml",
            "a/../../x.xml",
            "a//b.xml",
            "./x.xml",
            "a\\b.xml",
            "x.xml?v=1",
            "feed.json",
            "/sitemap.xml",
            "sitemap-2.xml",
            "robots.txt",
            "posts/a/index.html",
            "posts/a/article.json",
            "assets/x.xml",
        ] {
            assert!(path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_body_gets_absolute_urls_and_nothing_else_changes() {
        let folder = SafeUrl::parse_absolute("https://s.example/blog/posts/a/").expect("URL");
        let page = "https://s.example/blog/posts/a/";
        let html = concat!(
            r##"<p id="bs-c-top">See <a href="../b/">b</a>, <a href="#bs-c-n">n</a>, "##,
            r#"<a href="/root">root</a> and <a href="https://x.example/" rel="noopener noreferrer nofollow">x</a>.</p>"#,
            r#"<pre>"#,
            "\n\nfn main() {}\n",
            r#"</pre><img src="img/map.png" srcset="img/map-2x.png 2x" alt="" loading="lazy" decoding="async">"#,
            r#"<blockquote cite="q.html"><p>&lt;a href="x"&gt;</p></blockquote>"#,
        );
        let (out, prose) = absolute_body(html, &folder, page);
        assert_eq!(
            out,
            concat!(
                r##"<p id="bs-c-top">See <a href="https://s.example/blog/posts/b/">b</a>, "##,
                r##"<a href="https://s.example/blog/posts/a/#bs-c-n">n</a>, "##,
                r#"<a href="https://s.example/root">root</a> and "#,
                r#"<a href="https://x.example/" rel="noopener noreferrer nofollow">x</a>.</p>"#,
                r#"<pre>"#,
                "\n\nfn main() {}\n",
                r#"</pre><img src="https://s.example/blog/posts/a/img/map.png" srcset="https://s.example/blog/posts/a/img/map-2x.png 2x" alt="" loading="lazy" decoding="async">"#,
                r#"<blockquote cite="https://s.example/blog/posts/a/q.html"><p>&lt;a href="x"&gt;</p></blockquote>"#,
            )
        );
        assert!(prose.starts_with("See b, n, root and x."), "{prose}");
    }

    #[test]
    fn ids_dates_and_text_for_xml() {
        assert!(is_iri("https://s.example/?p=1"));
        assert!(is_iri("urn:uuid:1234"));
        assert!(is_iri("tag:s.example,2024:1"));
        assert!(!is_iri("posts/a"));
        assert!(!is_iri("1:2"));
        assert!(!is_iri("a b:c"));
        let date = Timestamp::parse("2024-05-01").expect("date");
        assert_eq!(rfc3339(&date), "2024-05-01T00:00:00Z");
        let time = Timestamp::parse("2024-05-01T09:30:00+02:00").expect("time");
        assert_eq!(rfc3339(&time), "2024-05-01T09:30:00+02:00");
        assert_eq!(
            datetime(&time).to_rfc2822(),
            "Wed, 1 May 2024 09:30:00 +0200"
        );
        assert_eq!(xml("a\u{0}b\u{b}c\td\u{fffe}e😀"), "abc\tde😀");
        assert_eq!(
            text_as_html("One <b>\n\nTwo"),
            "<p>One &lt;b&gt;</p><p>Two</p>"
        );
    }
}
