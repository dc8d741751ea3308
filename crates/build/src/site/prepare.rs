//! One post prepared: its body sanitized once (its relative URLs rebased to where it is
//! written), its read time, its card and ranking terms, and its article rendered.

use std::path::PathBuf;
use std::sync::Arc;

use broadsheet_core::html::{sanitize, SanitizeContext, Sanitized};
use broadsheet_core::lang::LanguageTag;
use broadsheet_core::model::{index_item, Article, Body, FeedDefaults};
use broadsheet_core::paths::rebase;
use broadsheet_core::prepared::PreparedArticle;
use broadsheet_core::safe_url::{SafeUrl, UrlUse};
use broadsheet_core::share::ShareData;
use broadsheet_core::similar::tokenize::top_terms;
use broadsheet_core::similar::Doc;
use serde_json::{json, Map, Value};

use crate::feed_reader::Object;
use crate::head::article_head;
use crate::image_size::image_size;
use crate::pages::{link_from, render_article, topics, ArticlePage, RenderedArticle, INSTANCE_ID};
use crate::sources::markdown::TRANSLATION_KEY;
use crate::sources::Format;

use super::address::Address;
use super::card::{rebased_fields, Card, Listed};
use super::list_pages::{author_folder, tag_folder};
use super::meta::Site;
use super::settings::{index_terms_for, BuildSettings, Input, Mode};
use super::staging::{Kept, Staged};

/// What every post of a build shares.
pub struct Context<'a> {
    /// The site.
    pub site: &'a Site,
    /// The build's settings.
    pub settings: &'a BuildSettings,
    /// What the build writes.
    pub mode: Mode,
    /// The output folder.
    pub out: &'a std::path::Path,
}

/// One input as the first pass reads it.
pub struct Source<'a> {
    /// The input.
    pub input: &'a Input,
    /// Its feed-level defaults.
    pub defaults: FeedDefaults,
    /// The site's root on disk as the input sees it: where its relative image paths point.
    pub root: Option<PathBuf>,
}

impl<'a> Source<'a> {
    /// `input`, whose feed-level fields are `header`.
    pub fn new(input: &'a Input, header: &Object) -> Source<'a> {
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

/// Where a post goes: its page and article JSON, relative to the site's root.
#[derive(Clone, Debug)]
pub struct Place {
    /// Its folder.
    pub dir: String,
    /// Its page, as a link from the root (`posts/slug/`, `2024/05/01/slug.html`).
    pub page: String,
    /// Its article JSON.
    pub src: String,
    /// Whether its slug was taken by an earlier post and got a number.
    pub renamed: bool,
    /// The page of its own address, when a permalink pattern moved it: a redirect goes there.
    pub redirect: Option<String>,
}

impl Place {
    /// The place of a post at `address`.
    pub fn at(address: Address, renamed: bool, redirect: Option<String>) -> Place {
        Place {
            src: address.json_file(),
            dir: address.dir,
            page: address.page,
            renamed,
            redirect,
        }
    }
}

/// A post kept through the build: little, so that a large site fits in memory.
#[derive(Debug)]
pub struct Post {
    /// Its folder, relative to the site's root (`posts/<slug>`).
    pub dir: String,
    /// Its page, as a link from the root (`posts/<slug>/`, `2024/05/01/slug.html`).
    pub page: String,
    /// The page that redirects to it, as a link from the root: its own address, when a
    /// permalink pattern gave it another.
    pub redirect: Option<String>,
    /// Its card, URLs relative to the site's root; until the index is written, with the
    /// excerpt and terms the index keeps.
    pub card: Card,
    /// Publication time, for the list of posts.
    pub published: Option<i64>,
    /// Its authors' names, for their lists.
    pub authors: Vec<String>,
    /// What its translations share (its source, and the source's key), when the source says.
    pub translation: Option<String>,
    /// Time of its last change, for the sitemap.
    pub modified: Option<i64>,
    /// Its language, for its similar-posts list.
    pub language: Option<LanguageTag>,
    /// Its similar posts as its author listed them (`_article.similar`). Ranking does not
    /// override them.
    pub listed: Option<Vec<Listed>>,
    /// Where it waits for the second pass.
    pub staged: Option<Kept>,
}

/// The first pass's work on one item, before it is staged.
pub struct Prepared {
    /// The post.
    pub post: Post,
    /// What ranking knows of it.
    pub doc: Doc,
    /// What its files are written from, in a site.
    pub staged: Option<Staged>,
}

/// The first `n` words of `text`, and at most eight characters a word: a script written
/// without spaces (Japanese, Chinese) would otherwise give whole paragraphs as "words".
pub fn first_words(text: &str, n: usize) -> String {
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

impl Context<'_> {
    /// Prepares `raw` from `source`, whose relative URLs are relative to the site's folder
    /// `base`, for `place`; `None` when it is not a post (no id, or neither a title nor a URL).
    pub fn prepare(
        &self,
        raw: &Object,
        source: &Source,
        base: &str,
        place: &Place,
    ) -> Option<Prepared> {
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
        let page_url =
            self.site.info.base_url.as_ref().and_then(|base| {
                SafeUrl::parse_absolute(&format!("{}{}", base.as_str(), place.page))
            });
        // A post without an address of its own, or moved by a permalink pattern, is at its
        // page: its canonical must not point at an address that redirects.
        if self.mode == Mode::Site && (!out.contains_key("url") || place.redirect.is_some()) {
            if let Some(url) = &page_url {
                out.insert("url".into(), json!(url.as_str()));
            }
        }
        let item = index_item(&out, None, &source.defaults)?;
        let prose = match (&clean, &item.body) {
            (Some(clean), _) => clean.prose.clone(),
            (None, Some(Body::Text(text))) => text.clone(),
            _ => String::new(),
        };
        let article = Article {
            item,
            site: self.site.info.name.clone(),
        };
        let page =
            PreparedArticle::from_sanitized(article, clean.as_ref(), &self.settings.read_time);
        let seconds = page.read_time.seconds;
        let item = &page.article.item;
        // The body's terms are counted once, here on a worker: the index adds them as they
        // are (the thread that builds it does no tokenizing of bodies), and the site index
        // keeps the most frequent, which come first.
        let mut doc = Doc::with_body(item, String::new());
        doc.terms = top_terms(&prose, &doc.language, usize::MAX);
        doc.drop_repeated_title(&prose);

        let mut card = Card::new(
            &rebased_fields(&out, dir, ""),
            item,
            place.src.clone(),
            seconds,
        );
        let words = first_words(&prose, self.settings.index_words);
        card.content_text = (!words.is_empty()).then_some(words);
        card.ext.set_terms(
            &doc.terms,
            index_terms_for(&doc.language, self.settings.index_terms),
        );

        // Which posts are translations of each other, as the source says: kept for the pages'
        // alternates, never written.
        let translation = match out.get_mut("_article") {
            Some(Value::Object(ext)) => match ext.remove(TRANSLATION_KEY) {
                Some(Value::String(key)) => Some(format!("{}\n{key}", source.input.path.display())),
                _ => None,
            },
            _ => None,
        };
        let listed = out
            .get("_article")
            .and_then(|ext| ext.get("similar"))
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(|entry| match entry {
                        Value::String(id) => Some(Listed::Id(id.clone())),
                        Value::Object(obj) => Some(Listed::Item(rebased_fields(obj, base, ""))),
                        _ => None,
                    })
                    .collect()
            });
        let post = Post {
            dir: dir.to_string(),
            page: place.page.clone(),
            redirect: place.redirect.clone(),
            card,
            published: item.published.as_ref().map(|t| t.unix()),
            authors: item.authors.iter().map(|a| a.name.clone()).collect(),
            translation,
            modified: item.modified.as_ref().map(|t| t.unix()),
            language: item.language.clone(),
            listed,
            staged: None,
        };
        let staged = (self.mode == Mode::Site).then(|| {
            let mut ext = match out.remove("_article") {
                Some(Value::Object(ext)) => ext,
                _ => Map::new(),
            };
            ext.remove("similar");
            ext.insert("read_time".into(), json!(seconds));
            let article = self
                .settings
                .pages
                .then(|| self.render(page, &prose, page_url.as_ref(), dir, source));
            Staged {
                item: out,
                ext,
                article,
            }
        });
        Some(Prepared { post, doc, staged })
    }

    /// The article of `page`, published at `page_url`, in folder `dir`, rendered.
    fn render(
        &self,
        page: PreparedArticle,
        prose: &str,
        page_url: Option<&SafeUrl>,
        dir: &str,
        source: &Source,
    ) -> RenderedArticle {
        let item = &page.article.item;
        // The image's size, when it is a file of the site the build can read.
        let size = item.hero().filter(|u| !u.is_absolute_http()).and_then(|u| {
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
        // On the site's pages, its tags link to their lists (after the article: the component
        // shows tags as text), and an author with no address of their own to theirs.
        let mut page = page;
        let tags: Vec<(String, String)> = std::mem::take(&mut page.article.item.tags)
            .into_iter()
            .map(|tag| {
                let href = link_from(dir, &format!("{}/", tag_folder(&tag)));
                (tag, href)
            })
            .collect();
        for author in &mut page.article.item.authors {
            if author.url.is_none() {
                let href = link_from(dir, &format!("{}/", author_folder(&author.name)));
                author.url = SafeUrl::parse(&href, None, UrlUse::Link);
            }
        }
        let language = page.article.item.language.clone();
        let mut rendered = render_article(ArticlePage {
            page: Arc::new(page),
            head,
            share,
            controls: self.settings.share.clone(),
            read_time_style: self.settings.read_time_style,
            home: link_from(dir, "./"),
        });
        rendered.topics = topics(&tags, language.as_ref());
        rendered
    }
}
