//! The build step: a site's JSON Feeds in; one article JSON per post with its read time and
//! `_article.similar` precomputed, the trimmed index `feed.json` for ranking in the browser,
//! and prerendered pages (each post's page and the list of posts, newest first) out.
//!
//! It works in two passes over the posts so that memory stays small whatever the size of the
//! site. The first reads the feeds a post at a time; each post is sanitized once (with its
//! relative URLs rebased to where it is written) and rendered, its index entry is written at
//! once, its term vector joins the ranking index, and its article JSON and page are written up
//! to where the similar posts go: both are laid out so that those come last (the JSON's
//! `_article.similar`, the page's last section). After ranking, the second pass appends each
//! post's similar posts and the closing rest to its two files.
//!
//! Output layout (`--out DIR`): `posts/<slug>/index.html` and `posts/<slug>/article.json`, side
//! by side so that one rebased body serves both; `feed.json`; `index.html` and
//! `page/<n>/index.html`, the posts as cards; `assets/`, the stylesheet and the enhancement
//! script, named by their contents.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use broadsheet_core::html::{sanitize, SanitizeContext, Sanitized};
use broadsheet_core::lang::LanguageTag;
use broadsheet_core::model::{index_item, Article, Body, FeedDefaults, Item};
use broadsheet_core::page::Page;
use broadsheet_core::paths::rebase;
use broadsheet_core::read_time::{ReadTimeConfig, ReadTimeStyle};
use broadsheet_core::safe_url::SafeUrl;
use broadsheet_core::share::{parse_controls, ShareControl, ShareData, DEFAULT_CONTROLS};
use broadsheet_core::similar::tokenize::top_terms;
use broadsheet_core::similar::{write_terms, Doc, Index, IndexBuilder, Weights};
use serde_json::{json, Map, Value};

use crate::assets::Assets;
use crate::feed_reader::Object;
use crate::head::{article_head, SiteInfo};
use crate::image_size::image_size;
use crate::pages::{
    article_page, index_page, similar_section, ArticlePage, IndexPage, PageLinks, INSTANCE_ID,
};
use crate::sources::{self, Format, Notice, Resource, Sink, SourceItem};
use broadsheet::CardLink;

/// Settings of a build.
#[derive(Clone, Debug)]
pub struct BuildSettings {
    /// Similar posts precomputed into each article.
    pub similar: usize,
    /// Words of body text kept in each index entry (`content_text`), as an excerpt.
    pub index_words: usize,
    /// The body's most frequent ranking terms kept in each index entry (`_article.terms`), for
    /// ranking in the browser.
    pub index_terms: usize,
    /// Ranking weights.
    pub weights: Weights,
    /// Whether pages are written (article JSON and the index are, always).
    pub pages: bool,
    /// Posts on each page of the list of posts.
    pub per_page: usize,
    /// The share section of each page, in order.
    pub share: Vec<ShareControl>,
    /// Long or short read time on pages.
    pub read_time_style: ReadTimeStyle,
    /// Reading rates.
    pub read_time: ReadTimeConfig,
}

impl Default for BuildSettings {
    fn default() -> Self {
        BuildSettings {
            similar: 6,
            index_words: INDEX_WORDS,
            index_terms: INDEX_TERMS,
            weights: Weights::default(),
            pages: true,
            per_page: 24,
            share: parse_controls(DEFAULT_CONTROLS),
            read_time_style: ReadTimeStyle::Long,
            read_time: ReadTimeConfig::default(),
        }
    }
}

/// What is said of the site on the command line, over what its feed says.
#[derive(Clone, Debug, Default)]
pub struct SiteOverrides {
    /// The site's name (else the feed's `title`).
    pub name: Option<String>,
    /// Where the site's root is published (else the feed's `home_page_url`).
    pub base_url: Option<String>,
    /// The image of pages without one (else the feed's `icon`).
    pub default_image: Option<String>,
}

/// One input: a file or a folder, its format, and the folder of the site (relative to its
/// root, `/`-separated) that its relative URLs are relative to.
#[derive(Clone, Debug)]
pub struct Input {
    /// A feed, a WordPress file, or a folder of Markdown posts.
    pub path: PathBuf,
    /// What it is.
    pub format: Format,
    /// The folder of the site its relative URLs are relative to (`""`: the site's root).
    pub base: String,
}

impl Input {
    /// `path`, whose relative URLs are relative to the site's folder `base`, in the format it
    /// holds.
    pub fn detect(path: PathBuf, base: String) -> Result<Input, String> {
        let format = Format::detect(&path)?;
        Ok(Input { path, format, base })
    }
}

/// How the posts are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Each post gets `posts/<slug>/` in the output: its article JSON and its page.
    Posts,
    /// Each input file is one post's article JSON already, where it is: only the index is
    /// written, pointing at the files (`--index-only`).
    InPlace,
}

/// A post left out, or kept with a caveat, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// The file, and the item's place in it (from 1).
    pub place: String,
    /// Why.
    pub reason: String,
}

/// What a build did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Posts built.
    pub posts: usize,
    /// Items left out.
    pub skipped: Vec<Skipped>,
    /// Posts kept with a caveat (an unreadable date, dated by its file instead).
    pub warnings: Vec<Skipped>,
    /// Posts whose slug was taken and got a number.
    pub renamed: usize,
    /// Pages written (posts and the list of posts).
    pub pages: usize,
    /// How long each stage took: reading (and sanitizing, rendering), ranking, writing.
    pub stages: Vec<(&'static str, Duration)>,
}

/// How a build tells where it is: a stage's name, its work done and its total (0 when not
/// known yet).
pub type Progress<'a> = &'a (dyn Fn(&str, usize, usize) + Sync);

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

/// The site as the build sees it: the feed-level fields every output document repeats, and
/// what pages say of it.
struct Site {
    fields: Map<String, Value>,
    info: SiteInfo,
    language: Option<LanguageTag>,
}

impl Site {
    /// From the first input's feed fields, with `overrides` on top.
    fn new(first: &Object, overrides: &SiteOverrides) -> Site {
        let text = |key: &str| first.get(key).and_then(Value::as_str).map(str::to_string);
        let name = overrides.name.clone().or_else(|| text("title"));
        let base_url = overrides
            .base_url
            .clone()
            .or_else(|| text("home_page_url"))
            .and_then(|u| SafeUrl::parse_absolute(&u))
            .map(|u| {
                let path_end = u.as_str().find(['?', '#']).unwrap_or(u.as_str().len());
                let root = &u.as_str()[..path_end];
                let root = if root.ends_with('/') {
                    root.to_string()
                } else {
                    format!("{root}/")
                };
                SafeUrl::parse_absolute(&root).unwrap_or(u)
            });
        let mut fields = Map::new();
        if let Some(name) = &name {
            fields.insert("title".into(), json!(name));
        }
        if let Some(url) = &base_url {
            fields.insert("home_page_url".into(), json!(url.as_str()));
        }
        if let Some(language) = first.get("language") {
            fields.insert("language".into(), language.clone());
        }
        Site {
            language: text("language").and_then(|l| LanguageTag::parse(&l)),
            info: SiteInfo {
                name,
                base_url,
                default_image: overrides.default_image.clone().or_else(|| text("icon")),
            },
            fields,
        }
    }

    /// The fields of a JSON Feed document of this site, but its items.
    fn feed_fields(&self) -> Map<String, Value> {
        let mut doc = self.fields.clone();
        doc.insert("version".into(), json!(FEED_VERSION));
        doc
    }
}

/// The JSON Feed version the build writes.
const FEED_VERSION: &str = "https://jsonfeed.org/version/1.1";

/// Words of each body kept in the index as its `content_text`: a short excerpt, so that the
/// index stays a valid JSON Feed (ranking in the browser reads the terms instead).
pub const INDEX_WORDS: usize = 12;

/// Terms of each body kept in the index for ranking in the browser: on Reuters-21578 the 30
/// most frequent rank at 0.778 precision@3 where the whole text ranks at 0.782, and the first
/// 60 words, kept before, at 0.755 (`broadsheet-bench quality`). With the 12 words above, the
/// index is no larger than with 60 words.
pub const INDEX_TERMS: usize = 30;

/// A post kept through the build: little, so that a large site fits in memory.
struct Post {
    /// Its folder, relative to the site's root (`posts/<slug>`).
    dir: String,
    /// Its card: the small item standing for it in lists, URLs relative to the site's root.
    card: Value,
    /// Publication time, for the list of posts.
    published: Option<i64>,
    /// Its language, for its similar-posts list.
    language: Option<LanguageTag>,
    /// What its page ends with after its similar posts.
    page_tail: String,
    /// Its similar posts as its author listed them (`_article.similar`): ids of posts of the
    /// site, or small items (URLs relative to the site's root). Ranking does not override them.
    listed: Option<Vec<Value>>,
}

/// The item fields a card keeps.
const CARD_FIELDS: [&str; 9] = [
    "id",
    "url",
    "title",
    "summary",
    "image",
    "banner_image",
    "date_published",
    "language",
    "tags",
];

/// A copy of `raw` with its link and image fields rebased from folder `from` to folder `to`.
fn rebased_fields(raw: &Object, from: &str, to: &str) -> Object {
    let mut out = raw.clone();
    for key in ["url", "image", "banner_image"] {
        if let Some(Value::String(u)) = raw.get(key) {
            out.insert(key.to_string(), Value::String(rebase(u, from, to)));
        }
    }
    out
}

/// `card` (written for folder `from`) rewritten for folder `to`, its `_article.src` included.
fn card_in(card: &Value, from: &str, to: &str) -> Value {
    let Some(obj) = card.as_object() else {
        return card.clone();
    };
    let mut out = rebased_fields(obj, from, to);
    if let Some(Value::Object(ext)) = out.get_mut("_article") {
        if let Some(Value::String(src)) = ext.get_mut("src") {
            *src = rebase(src, from, to);
        }
    }
    Value::Object(out)
}

/// The first `n` words of `text`, and at most eight characters a word: a script written
/// without spaces (Japanese, Chinese) would otherwise give whole paragraphs as "words".
fn first_words(text: &str, n: usize) -> String {
    let words = text
        .split_whitespace()
        .take(n)
        .collect::<Vec<_>>()
        .join(" ");
    match words.char_indices().nth(n * 8) {
        Some((end, _)) => words[..end].to_string(),
        None => words,
    }
}

/// Writes `text` to `path`, making its folder first.
fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Adds `parts` to the end of the file `path`.
fn append(path: &Path, parts: &[&str]) -> Result<(), String> {
    let failed = |e: std::io::Error| format!("{}: {e}", path.display());
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .map_err(failed)?;
    file.write_all(parts.concat().as_bytes()).map_err(failed)
}

/// The start of a JSON object's text, open for more members: `{"a":1` for `{"a":1}`.
fn open_object(object: Map<String, Value>) -> String {
    let mut text = Value::Object(object).to_string();
    text.pop();
    text
}

/// The index `feed.json`, written an entry at a time.
struct IndexWriter {
    out: BufWriter<File>,
    path: PathBuf,
    entries: usize,
}

impl IndexWriter {
    fn create(path: PathBuf, site: &Site) -> Result<IndexWriter, String> {
        let file = File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut out = BufWriter::new(file);
        // The site's fields, then the items, one a line.
        let open = format!("{},\"items\":[", open_object(site.feed_fields()));
        out.write_all(open.as_bytes())
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(IndexWriter {
            out,
            path,
            entries: 0,
        })
    }

    fn add(&mut self, entry: &Value) -> Result<(), String> {
        let separator = if self.entries == 0 { "\n" } else { ",\n" };
        self.entries += 1;
        write!(self.out, "{separator}{entry}").map_err(|e| format!("{}: {e}", self.path.display()))
    }

    fn finish(mut self) -> Result<(), String> {
        self.out
            .write_all(b"\n]}\n")
            .and_then(|()| self.out.flush())
            .map_err(|e| format!("{}: {e}", self.path.display()))
    }
}

/// Where a post goes: its folder and its article JSON, relative to the site's root.
struct Place {
    dir: String,
    src: String,
    /// Whether its slug was taken by an earlier post and got a number.
    renamed: bool,
}

/// The first pass's work on one item: everything but its similar posts.
struct Prepared {
    post: Post,
    doc: Doc,
    index_entry: Value,
    /// The article JSON and the page, up to the similar posts.
    files: Option<[String; 2]>,
}

/// What closes an article JSON after the list of its similar posts: `_article`, the item,
/// `items` and the feed.
const JSON_TAIL: &str = "}}]}";

/// What every post of a build shares.
struct Context<'a> {
    site: &'a Site,
    settings: &'a BuildSettings,
    layout: Layout,
    links: PageLinks,
    /// The output folder.
    out: &'a Path,
}

/// One input as the first pass reads it.
struct Source<'a> {
    input: &'a Input,
    /// Its feed-level defaults.
    defaults: FeedDefaults,
    /// The site's root on disk as the input sees it: where its relative image paths point.
    root: Option<PathBuf>,
}

impl<'a> Source<'a> {
    /// `input`, whose feed-level fields are `header`.
    fn new(input: &'a Input, header: &Object) -> Source<'a> {
        let root = if input.format == Format::Markdown {
            Some(input.path.clone())
        } else {
            input.path.parent().map(|folder| {
                let up = input.base.split('/').filter(|s| !s.is_empty()).count();
                (0..up).fold(folder.to_path_buf(), |p, _| p.join(".."))
            })
        };
        Source {
            input,
            defaults: FeedDefaults::read(header, None),
            root,
        }
    }
}

impl Context<'_> {
    /// Prepares `raw` from `source`, whose relative URLs are relative to the site's folder
    /// `base`, for `place`; `None` when it is not a post (no id, or neither a title nor a URL).
    fn prepare(
        &self,
        raw: &Object,
        source: &Source,
        base: &str,
        place: &Place,
    ) -> Option<Prepared> {
        let defaults = &source.defaults;
        let dir = place.dir.as_str();
        let mut out = rebased_fields(raw, base, dir);
        let html = match raw.get("content_html") {
            Some(Value::String(html)) if !html.trim().is_empty() => Some(html),
            _ => None,
        };
        // The one sanitizing of this post: its links rebased to where it is written.
        let clean: Option<Sanitized> = html.map(|html| {
            let rewrite = |url: &str| rebase(url, base, dir);
            sanitize(
                html,
                SanitizeContext {
                    rewrite_url: Some(&rewrite),
                    id_prefix: INSTANCE_ID,
                    ..SanitizeContext::default()
                },
            )
        });
        if let Some(clean) = &clean {
            out.insert("content_html".into(), Value::String(clean.html.clone()));
        }
        let page_url = self
            .site
            .info
            .base_url
            .as_ref()
            .and_then(|base| SafeUrl::parse_absolute(&format!("{}{dir}/", base.as_str())));
        if self.layout == Layout::Posts && !out.contains_key("url") {
            if let Some(url) = &page_url {
                out.insert("url".into(), json!(url.as_str()));
            }
        }
        let item = index_item(&out, None, defaults)?;
        let prose = match (&clean, &item.body) {
            (Some(clean), _) => clean.prose.clone(),
            (None, Some(Body::Text(text))) => text.clone(),
            _ => String::new(),
        };
        let article = Article {
            item,
            site: self.site.info.name.clone(),
        };
        let page = Page::from_sanitized(article, clean.as_ref(), &self.settings.read_time);
        let seconds = page.read_time.seconds;
        let item = &page.article.item;
        // The body's terms are counted once, here on a worker: the index adds them as they
        // are (the reading thread that builds it does no tokenizing of bodies), and the site
        // index keeps the most frequent, which come first.
        let mut doc = Doc::with_body(item, String::new());
        doc.terms = top_terms(&prose, &doc.language, usize::MAX);

        let mut card = Map::new();
        let root_fields = rebased_fields(&out, dir, "");
        for key in CARD_FIELDS {
            if let Some(v) = root_fields.get(key) {
                card.insert(key.to_string(), v.clone());
            }
        }
        let mut ext = Map::new();
        ext.insert("src".into(), json!(place.src));
        ext.insert("read_time".into(), json!(seconds));
        if let Some(alt) = &item.image_alt {
            ext.insert("image_alt".into(), json!(alt));
        }
        card.insert("_article".into(), Value::Object(ext));
        let card = Value::Object(card);
        let mut index_entry = card.clone();
        if let Some(obj) = index_entry.as_object_mut() {
            let words = first_words(&prose, self.settings.index_words);
            if !words.is_empty() {
                obj.insert("content_text".into(), Value::String(words));
            }
            let terms = &doc.terms[..doc.terms.len().min(self.settings.index_terms)];
            if let (false, Some(Value::Object(ext))) = (terms.is_empty(), obj.get_mut("_article")) {
                ext.insert("terms".into(), Value::String(write_terms(terms)));
            }
        }

        let item_published = item.published.as_ref().map(|t| t.unix());
        let item_language = item.language.clone();
        let listed = out
            .get("_article")
            .and_then(|ext| ext.get("similar"))
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(|entry| match entry {
                        Value::String(id) => Some(Value::String(id.clone())),
                        Value::Object(obj) => Some(Value::Object(rebased_fields(obj, base, ""))),
                        _ => None,
                    })
                    .collect()
            });
        let mut page_tail = String::new();
        let files = (self.layout == Layout::Posts).then(|| {
            let mut ext = match out.remove("_article") {
                Some(Value::Object(ext)) => ext,
                _ => Map::new(),
            };
            ext.remove("similar");
            ext.insert("read_time".into(), json!(seconds));
            // `_article.similar` last, to be appended: see [`JSON_TAIL`].
            let json = format!(
                "{},\"items\":[{},\"_article\":{},\"similar\":",
                open_object(self.site.feed_fields()),
                open_object(out),
                open_object(ext)
            );
            let page = if self.settings.pages {
                let (before, after) = self.render(page, &prose, page_url.as_ref(), dir, source);
                page_tail = after;
                before
            } else {
                String::new()
            };
            [json, page]
        });
        let post = Post {
            dir: dir.to_string(),
            card,
            published: item_published,
            language: item_language,
            page_tail,
            listed,
        };
        Some(Prepared {
            post,
            doc,
            index_entry,
            files,
        })
    }

    /// The page of `page`, in the halves before and after its similar posts.
    fn render(
        &self,
        page: Page,
        prose: &str,
        page_url: Option<&SafeUrl>,
        dir: &str,
        source: &Source,
    ) -> (String, String) {
        let item = &page.article.item;
        // The image's size, when it is a file of the site the build can read.
        let size = item.hero().filter(|u| !u.is_hierarchical()).and_then(|u| {
            let path = rebase(u.as_str(), dir, "");
            let path = path
                .split(['?', '#'])
                .next()
                .unwrap_or_default()
                .to_string();
            [source.root.as_deref(), Some(self.out)]
                .into_iter()
                .flatten()
                .find_map(|root| image_size(&root.join(&path)))
        });
        let head = article_head(&page, prose, &self.site.info, page_url, size);
        let share = ShareData::for_item(item, page_url.cloned());
        article_page(ArticlePage {
            page: Arc::new(page),
            head,
            share,
            controls: self.settings.share.clone(),
            read_time_style: self.settings.read_time_style,
            links: self.links.clone(),
        })
    }
}

/// What became of one item of the inputs in the first pass.
enum Outcome {
    /// Not a post.
    Skipped(Skipped),
    /// A caveat about a post (which comes as its own outcome).
    Warning(Skipped),
    /// A post, prepared and its files written; `renamed` when its slug was taken.
    Prepared {
        prepared: Box<Prepared>,
        renamed: bool,
    },
}

/// An item on its way to a worker: its place in the inputs, its source, the site's folder
/// its relative URLs are relative to, where it goes, and the files to copy with it.
struct Job {
    seq: usize,
    source: usize,
    raw: Object,
    base: String,
    place: Place,
    resources: Vec<Resource>,
}

/// How many items wait between the reader, the workers and the caller: enough to keep every
/// core busy, few enough that memory stays small.
const QUEUE: usize = 64;

/// The first pass over every item of `sources`: one thread reads the feeds and gives each
/// post its place (in order, so slugs are the same on every run), the others prepare posts and
/// write their files, and `handle` hears of every item on this thread, in input order.
fn first_pass(
    sources: &[Source],
    context: &Context,
    mut handle: impl FnMut(Outcome) -> Result<(), String>,
) -> Result<(), String> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |p| p.get())
        .clamp(1, 8);
    let (jobs, queue) = std::sync::mpsc::sync_channel::<Job>(QUEUE);
    let queue = std::sync::Mutex::new(queue);
    let (done, results) = std::sync::mpsc::sync_channel::<(usize, Result<Outcome, String>)>(QUEUE);
    std::thread::scope(|scope| {
        let reader_done = done.clone();
        let reader = scope.spawn(move || read_items(sources, context.layout, jobs, reader_done));
        for _ in 0..workers {
            let done = done.clone();
            let queue = &queue;
            scope.spawn(move || loop {
                let job = match queue.lock() {
                    Ok(queue) => queue.recv(),
                    Err(_) => return,
                };
                let Ok(job) = job else { return };
                let outcome = work(context, &sources[job.source], &job);
                if done.send((job.seq, outcome)).is_err() {
                    return;
                }
            });
        }
        drop(done);
        // Outcomes come in any order; they are handled in the order of the inputs.
        let mut waiting = std::collections::BTreeMap::new();
        let mut next = 0;
        let mut failure = None;
        for (seq, outcome) in results {
            waiting.insert(seq, outcome);
            while let Some(outcome) = waiting.remove(&next) {
                next += 1;
                if let Err(e) = outcome.and_then(&mut handle) {
                    failure = Some(e);
                    break;
                }
            }
            if failure.is_some() {
                break;
            }
        }
        // On a failure the channels close, and the reader and workers stop.
        drop(waiting);
        let read = reader
            .join()
            .map_err(|_| "the reader stopped".to_string())?;
        match failure {
            Some(e) => Err(e),
            None => read,
        }
    })
}

/// What the reader tells the rest of the first pass, as a [`Sink`] for the sources.
struct Reader<'s> {
    source: usize,
    defaults: &'s FeedDefaults,
    input: &'s Input,
    layout: Layout,
    taken: std::collections::HashSet<String>,
    /// The ids given so far: a post whose id is taken gets a numbered one.
    ids: std::collections::HashSet<String>,
    seq: usize,
    closed: bool,
    jobs: std::sync::mpsc::SyncSender<Job>,
    done: std::sync::mpsc::SyncSender<(usize, Result<Outcome, String>)>,
}

impl Reader<'_> {
    fn send_outcome(&mut self, outcome: Outcome) {
        if !self.closed {
            self.closed = self.done.send((self.seq, Ok(outcome))).is_err();
            self.seq += 1;
        }
    }

    /// The folder a post with `id` (and the source's `slug` for it) is written to: its slug
    /// made unique, or, for `--index-only`, where its file already is.
    fn place(&mut self, id: &str, hint: Option<&str>) -> Place {
        let input = self.input;
        match self.layout {
            Layout::Posts => {
                let stem = slug(hint.unwrap_or(id));
                let mut name = stem.clone();
                let mut n = 1;
                while !self.taken.insert(name.clone()) {
                    n += 1;
                    name = format!("{stem}-{n}");
                }
                Place {
                    src: format!("posts/{name}/article.json"),
                    dir: format!("posts/{name}"),
                    renamed: n > 1,
                }
            }
            Layout::InPlace => Place {
                src: if input.base.is_empty() {
                    file_name(&input.path)
                } else {
                    format!("{}/{}", input.base, file_name(&input.path))
                },
                dir: input.base.clone(),
                renamed: false,
            },
        }
    }
}

impl Sink for Reader<'_> {
    fn item(&mut self, item: SourceItem) {
        if self.closed {
            return;
        }
        let SourceItem {
            item: raw,
            base,
            slug,
            place: at,
            resources,
        } = item;
        let Some(mut id) = index_item(&raw, None, self.defaults).map(|i| i.id) else {
            let reason = if raw.contains_key("id") {
                "it has neither a title nor a url"
            } else {
                "it has no id"
            };
            self.send_outcome(Outcome::Skipped(Skipped {
                place: at,
                reason: reason.to_string(),
            }));
            return;
        };
        let mut raw = raw;
        // Files written in place (`--index-only`) keep their ids; posts written here are kept
        // apart, and so are their similar lists.
        if self.layout == Layout::Posts && !self.ids.insert(id.clone()) {
            let unique = (2..)
                .map(|n| format!("{id}-{n}"))
                .find(|candidate| !self.ids.contains(candidate))
                .unwrap_or_default();
            self.send_outcome(Outcome::Warning(Skipped {
                place: at.clone(),
                reason: format!(
                    "duplicate id: {id:?} is an earlier post's, this one is {unique:?}"
                ),
            }));
            raw.insert("id".into(), Value::String(unique.clone()));
            self.ids.insert(unique.clone());
            id = unique;
        }
        let place = self.place(&id, slug.as_deref());
        let job = Job {
            seq: self.seq,
            source: self.source,
            raw,
            base,
            place,
            resources,
        };
        self.closed = self.jobs.send(job).is_err();
        self.seq += 1;
    }

    fn skip(&mut self, notice: Notice) {
        self.send_outcome(Outcome::Skipped(Skipped {
            place: notice.place,
            reason: notice.message,
        }));
    }

    fn warn(&mut self, notice: Notice) {
        self.send_outcome(Outcome::Warning(Skipped {
            place: notice.place,
            reason: notice.message,
        }));
    }
}

/// The reader of the first pass: every item of `sources` in order, to the workers as a
/// [`Job`] or, when it is not a post, straight to the caller as skipped.
fn read_items(
    sources: &[Source],
    layout: Layout,
    jobs: std::sync::mpsc::SyncSender<Job>,
    done: std::sync::mpsc::SyncSender<(usize, Result<Outcome, String>)>,
) -> Result<(), String> {
    let mut seq = 0;
    let mut taken = std::collections::HashSet::new();
    let mut ids = std::collections::HashSet::new();
    for (s, source) in sources.iter().enumerate() {
        let input = source.input;
        let mut reader = Reader {
            source: s,
            defaults: &source.defaults,
            input,
            layout,
            taken: std::mem::take(&mut taken),
            ids: std::mem::take(&mut ids),
            seq,
            closed: false,
            jobs: jobs.clone(),
            done: done.clone(),
        };
        let result = sources::read(&input.path, input.format, &input.base, &mut reader);
        // A source that cannot be read at all is reported, and the rest of the site builds.
        if let Err(message) = result {
            let place = input.path.display().to_string();
            let message = message
                .strip_prefix(&format!("{place}: "))
                .map_or(message.clone(), str::to_string);
            reader.skip(Notice { place, message });
        }
        if reader.closed {
            break;
        }
        seq = reader.seq;
        taken = reader.taken;
        ids = reader.ids;
    }
    Ok(())
}

/// A worker's part of the first pass: one post prepared and its files written.
fn work(context: &Context, source: &Source, job: &Job) -> Result<Outcome, String> {
    let Some(prepared) = context.prepare(&job.raw, source, &job.base, &job.place) else {
        return Ok(Outcome::Skipped(Skipped {
            place: format!("{} ({})", source.input.path.display(), job.place.dir),
            reason: "it has neither a title nor a url".to_string(),
        }));
    };
    if let Some([json, page]) = &prepared.files {
        let folder = context.out.join(&job.place.dir);
        write(&folder.join("article.json"), json)?;
        if context.settings.pages {
            write(&folder.join("index.html"), page)?;
        }
    }
    // Images and files next to a post go to the same place in the output.
    for resource in &job.resources {
        let target = context.out.join(&resource.site_path);
        if !target.exists() {
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            std::fs::copy(&resource.file, &target)
                .map_err(|e| format!("{}: {e}", resource.file.display()))?;
        }
    }
    Ok(Outcome::Prepared {
        prepared: Box::new(prepared),
        renamed: job.place.renamed,
    })
}

/// Page links from folder `dir` (relative to the site's root) to the site's shared files.
fn links_from(dir: &str, assets: &Assets) -> PageLinks {
    let up = |path: &str| {
        let rebased = rebase(path, "", dir);
        if rebased.is_empty() {
            "./".to_string()
        } else {
            rebased
        }
    };
    PageLinks {
        home: up("./"),
        stylesheet: up(&assets.stylesheet.0),
        script: up(&assets.script.0),
        feed: up("feed.json"),
    }
}

/// Builds the site of `inputs` into `out`. `progress` hears of each stage.
pub fn build_site(
    inputs: &[Input],
    out: &Path,
    layout: Layout,
    settings: &BuildSettings,
    overrides: &SiteOverrides,
    progress: Progress<'_>,
) -> Result<Report, String> {
    if inputs.is_empty() {
        return Err("no input feed".into());
    }
    // Each source's feed-level fields, read once. A source whose head cannot be read fails
    // again when its posts are read, and is reported there with the rest; the other sources
    // still build.
    let headers: Vec<Object> = inputs
        .iter()
        .map(|input| sources::header(&input.path, input.format).unwrap_or_default())
        .collect();
    let site = Site::new(&headers[0], overrides);
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let assets = Assets::new();
    let pages = settings.pages && layout == Layout::Posts;
    if pages {
        assets.write(out)?;
    }
    let context = Context {
        site: &site,
        settings,
        layout,
        links: links_from("posts/_", &assets),
        out,
    };

    // First pass: every post prepared, its index entry and its files written.
    let mut report = Report::default();
    let mut stage = Instant::now();
    let mut index = IndexWriter::create(out.join("feed.json"), &site)?;
    let mut builder = IndexBuilder::new(settings.weights);
    let mut posts: Vec<Post> = Vec::new();
    let sources: Vec<Source> = inputs
        .iter()
        .zip(&headers)
        .map(|(input, header)| Source::new(input, header))
        .collect();
    first_pass(&sources, &context, |outcome| {
        match outcome {
            Outcome::Skipped(skipped) => report.skipped.push(skipped),
            Outcome::Warning(warning) => report.warnings.push(warning),
            Outcome::Prepared { prepared, renamed } => {
                report.renamed += usize::from(renamed);
                index.add(&prepared.index_entry)?;
                builder.add(&prepared.doc);
                posts.push(prepared.post);
                if posts.len().is_multiple_of(1000) {
                    progress("reading", posts.len(), 0);
                }
            }
        }
        Ok(())
    })?;
    index.finish()?;
    report.posts = posts.len();
    progress("reading", posts.len(), posts.len());
    report.stages.push(("read", stage.elapsed()));
    stage = Instant::now();
    if layout == Layout::InPlace {
        return Ok(report);
    }

    // Ranking, on all cores.
    let ranking = builder.finish();
    let ranked = rank_all(&ranking, settings.similar, progress);
    drop(ranking);
    report.stages.push(("rank", stage.elapsed()));
    stage = Instant::now();

    // Second pass: each post's similar posts added, its files written.
    let by_id: HashMap<&str, usize> = posts
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((p.card.get("id")?.as_str()?, i)))
        .collect();
    for (i, post) in posts.iter().enumerate() {
        // The author's list where there is one, else the ranking; each as the card written for
        // this post's folder, and the page it leads to.
        let similar: Vec<(Value, Option<&str>)> = match &post.listed {
            Some(listed) => listed
                .iter()
                .filter_map(|entry| match entry {
                    Value::String(id) => by_id
                        .get(id.as_str())
                        .map(|&d| (&posts[d].card, Some(posts[d].dir.as_str()))),
                    other => Some((other, None)),
                })
                .take(settings.similar)
                .map(|(card, page)| (card_in(card, "", &post.dir), page))
                .collect(),
            None => ranked[i]
                .iter()
                .map(|&(d, filled)| {
                    let mut card = card_in(&posts[d].card, "", &post.dir);
                    // Said in the data, not on screen: a post that fills the list, not one
                    // ranked similar.
                    if filled {
                        if let Some(Value::Object(ext)) = card.get_mut("_article") {
                            ext.insert("filled".into(), Value::Bool(true));
                        }
                    }
                    (card, Some(posts[d].dir.as_str()))
                })
                .collect(),
        };
        let folder = out.join(&post.dir);
        let cards: Vec<&Value> = similar.iter().map(|(card, _)| card).collect();
        let list = serde_json::to_string(&cards).map_err(|e| e.to_string())?;
        append(&folder.join("article.json"), &[&list, JSON_TAIL])?;
        if pages {
            let cards = similar
                .iter()
                .filter_map(|(card, page)| card_item(card, *page, &post.dir))
                .collect();
            let section = similar_section(cards, post.language.clone());
            append(&folder.join("index.html"), &[&section, &post.page_tail])?;
            report.pages += 1;
        }
        if (i + 1).is_multiple_of(1000) || i + 1 == posts.len() {
            progress("writing", i + 1, posts.len());
        }
    }
    if pages {
        report.pages += write_index_pages(&posts, &site, settings.per_page, &assets, out)?;
    }
    report.stages.push(("write", stage.elapsed()));
    Ok(report)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The item of `card` (written for folder `dir`) for a page in that folder, linked to the
/// page of the site in folder `page` (relative to the root), else to its `url`.
fn card_item(card: &Value, page: Option<&str>, dir: &str) -> Option<(Item, CardLink)> {
    let item = index_item(card.as_object()?, None, &FeedDefaults::default())?;
    let href = match page {
        Some(page) => Some(rebase(&format!("{page}/"), "", dir)),
        None => item.url.as_ref().map(SafeUrl::to_string),
    };
    Some((
        item,
        CardLink {
            href,
            in_place: None,
        },
    ))
}

/// Writes the list of posts, newest first, `per_page` a page: `index.html`, then
/// `page/2/index.html` and on. Returns how many pages it wrote.
fn write_index_pages(
    posts: &[Post],
    site: &Site,
    per_page: usize,
    assets: &Assets,
    out: &Path,
) -> Result<usize, String> {
    let mut order: Vec<&Post> = posts.iter().collect();
    // Newest first; undated posts last, in the order they were read.
    order.sort_by_key(|p| std::cmp::Reverse(p.published.unwrap_or(i64::MIN)));
    let chunks: Vec<&[&Post]> = order.chunks(per_page.max(1)).collect();
    let total = chunks.len().max(1);
    let folder = |n: usize| {
        if n == 1 {
            String::new()
        } else {
            format!("page/{n}")
        }
    };
    for n in 1..=total {
        let dir = folder(n);
        let link = |to: usize| {
            let target = if to == 1 {
                "./".to_string()
            } else {
                format!("{}/", folder(to))
            };
            let href = rebase(&target, "", &dir);
            if href.is_empty() {
                "./".to_string()
            } else {
                href
            }
        };
        let cards = chunks
            .get(n - 1)
            .map(|chunk| {
                chunk
                    .iter()
                    .filter_map(|p| card_item(&card_in(&p.card, "", &dir), Some(&p.dir), &dir))
                    .collect()
            })
            .unwrap_or_default();
        let html = index_page(IndexPage {
            site_name: site.info.name.clone(),
            lang: site.language.clone(),
            cards,
            number: n,
            newer: (n > 1).then(|| link(n - 1)),
            older: (n < total).then(|| link(n + 1)),
            links: links_from(&dir, assets),
        });
        write(&out.join(&dir).join("index.html"), &html)?;
    }
    Ok(total)
}

/// Ranks every indexed post against the others on all cores.
fn rank_all(index: &Index, n: usize, progress: Progress<'_>) -> Vec<Vec<(usize, bool)>> {
    let total = index.len();
    let threads = std::thread::available_parallelism()
        .map_or(1, |p| p.get())
        .clamp(1, 8);
    let chunk = total.div_ceil(threads).max(1);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let mut out: Vec<Vec<(usize, bool)>> = vec![Vec::new(); total];
    std::thread::scope(|scope| {
        for (c, slots) in out.chunks_mut(chunk).enumerate() {
            let done = &done;
            scope.spawn(move || {
                for (k, slot) in slots.iter_mut().enumerate() {
                    let d = c * chunk + k;
                    *slot = index
                        .similar_to_indexed(d, n)
                        .iter()
                        .map(|m| (m.doc, m.filled))
                        .collect();
                    let finished = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                    if finished.is_multiple_of(256) || finished == total {
                        progress("ranking", finished, total);
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

    /// A fresh folder for one test, removed when the test ends, passed or failed.
    fn scratch(name: &str) -> tempfile::TempDir {
        tempfile::Builder::new()
            .prefix(&format!("broadsheet-site-{name}-"))
            .tempdir()
            .expect("scratch folder")
    }

    fn build(feed: &Value, dir: &Path, out: &str) -> Report {
        let path = dir.join("feed.in.json");
        std::fs::write(&path, feed.to_string()).expect("write");
        build_site(
            &[Input {
                path,
                format: Format::JsonFeed,
                base: String::new(),
            }],
            &dir.join(out),
            Layout::Posts,
            &BuildSettings::default(),
            &SiteOverrides::default(),
            &|_, _, _| {},
        )
        .expect("builds")
    }

    /// Every file under `dir`, with its contents, in order.
    fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).expect("folder") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let bytes = std::fs::read(&path).expect("read");
                    out.push((path.strip_prefix(dir).expect("inside").to_path_buf(), bytes));
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn slugs_are_safe_and_unique_and_what_is_no_post_is_reported() {
        assert_eq!(slug("Hello World/../x"), "hello-world----x");
        assert_eq!(slug("日本"), "post");
        assert_eq!(slug("a".repeat(200).as_str()).len(), 80);
        let folder = scratch("slugs");
        let dir = folder.path();
        let items: Vec<Value> = (0..40)
            .map(|i| json!({"id": format!("p{i}"), "title": format!("Post {i} about rivers and {}", i % 3), "content_text": "Text of a post about rivers."}))
            .chain([
                json!({"id": "a/b", "title": "1", "content_text": "x"}),
                json!({"id": "a b", "title": "2", "content_text": "x"}),
                json!({"id": "A-B", "title": "3", "content_text": "x"}),
                json!({"title": "no id", "content_text": "x"}),
                json!({"id": "untitled", "content_text": "x"}),
            ])
            .collect();
        let feed = json!({"title": "Site", "home_page_url": "https://s.example/", "items": items});
        let report = build(&feed, dir, "one");
        assert_eq!(report.posts, 43);
        assert_eq!(report.renamed, 2);
        let reasons: Vec<&str> = report.skipped.iter().map(|s| s.reason.as_str()).collect();
        assert_eq!(
            reasons,
            ["it has no id", "it has neither a title nor a url"]
        );
        assert!(
            report.skipped[0].place.ends_with("item 44"),
            "{:?}",
            report.skipped
        );
        for (slug, title) in [("a-b", "1"), ("a-b-2", "2"), ("a-b-3", "3")] {
            let json = std::fs::read_to_string(dir.join(format!("one/posts/{slug}/article.json")))
                .expect("kept apart, never overwritten");
            let doc: Value = serde_json::from_str(&json).expect("JSON");
            assert_eq!(doc["items"][0]["title"], title);
        }
        // Workers run in parallel, yet a second build writes exactly the same files.
        build(&feed, dir, "two");
        let (one, two) = (files(&dir.join("one")), files(&dir.join("two")));
        assert_eq!(one.len(), two.len());
        for (a, b) in one.iter().zip(&two) {
            assert!(a == b, "{} differs between two builds", a.0.display());
        }
    }

    #[test]
    fn a_post_without_its_own_url_gets_its_page_as_url_and_relative_urls_follow_it() {
        let folder = scratch("urls");
        let dir = folder.path();
        let feed = json!({"title": "Site", "home_page_url": "https://s.example/news",
            "items": [{"id": "a", "title": "A", "image": "img/a.png",
                       "content_html": "<p>See <a href=\"b/\">b</a> and <a href=\"#n\">n</a>.</p><img src=\"img/map.png\" alt=\"\">"}]});
        build(&feed, dir, "site");
        let json = std::fs::read_to_string(dir.join("site/posts/a/article.json")).expect("JSON");
        let doc: Value = serde_json::from_str(&json).expect("parses");
        let item = &doc["items"][0];
        assert_eq!(item["url"], "https://s.example/news/posts/a/");
        assert_eq!(item["image"], "../../img/a.png");
        assert_eq!(doc["home_page_url"], "https://s.example/news/");
        let html = item["content_html"].as_str().expect("HTML");
        assert!(html.contains(r#"<a href="../../b/">b</a>"#), "{html}");
        // A fragment link gets the prerendered instance's id prefix, like the ids it points at.
        assert!(html.contains(r##"<a href="#bs-c-n">n</a>"##), "{html}");
        assert!(html.contains(r#"<img src="../../img/map.png""#), "{html}");
        // The page beside it shows the same body.
        let page = std::fs::read_to_string(dir.join("site/posts/a/index.html")).expect("page");
        assert!(page.contains(r#"<a href="../../b/">b</a>"#));
        assert!(page.contains(r#"<img src="../../img/a.png""#));
    }
}
