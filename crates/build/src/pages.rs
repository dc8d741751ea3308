//! Prerendered pages: whole HTML documents around the same Leptos components the browser runs
//! (the article, its share section and similar-post cards, and a site's list of posts), with
//! the `<head>` link previews and search engines read. No wasm is loaded by them; one small
//! module script runs the share section's two buttons and the reading aids (`assets/reader.js`
//! and `assets/enhance.js`).

use std::sync::Arc;

use broadsheet::render::to_html;
use broadsheet::{cards_markup, ArticleView, CardLink, SimilarList};
use broadsheet_core::lang::LanguageTag;
use broadsheet_core::messages::Messages;
use broadsheet_core::model::Item;
use broadsheet_core::paths::rebase;
use broadsheet_core::prepared::PreparedArticle;
use broadsheet_core::read_time::ReadTimeStyle;
use broadsheet_core::share::{ShareControl, ShareData};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::assets::{Assets, FeedLink};
use crate::head::Head;
use crate::layout::{Layout, LayoutError, ListVars, PageKind, PageVars};

/// The id prefix of the one component on a prerendered page (its content's ids are
/// `bs-c-<id>`).
pub const INSTANCE_ID: &str = "bs";

/// Where a page finds the site's shared files, as paths relative to the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageLinks {
    /// The site's front page (`../../` from a post).
    pub home: String,
    /// The stylesheet.
    pub stylesheet: String,
    /// The enhancement script.
    pub script: String,
    /// The site's JSON Feed.
    pub feed: String,
    /// The site's own feeds (RSS, Atom, JSON Feed), each linked from the page.
    pub feeds: Vec<FeedLink>,
    /// The page in each language it is written in (`hreflang`, address), itself included;
    /// none when it has no translation.
    pub alternates: Vec<(String, String)>,
}

impl PageLinks {
    /// The links of a page in folder `dir` (relative to the site's root) to the site's front
    /// page, its index and the shared files `assets`.
    pub fn from_folder(dir: &str, assets: &Assets) -> PageLinks {
        PageLinks {
            home: link_from(dir, "./"),
            stylesheet: link_from(dir, &assets.stylesheet.0),
            script: link_from(dir, &assets.script.0),
            feed: link_from(dir, "feed.json"),
            feeds: assets
                .feeds
                .iter()
                .map(|f| FeedLink {
                    path: link_from(dir, &f.path),
                    ..f.clone()
                })
                .collect(),
            alternates: Vec::new(),
        }
    }
}

/// The file or folder `path` of the site (relative to its root) as a link from a page in
/// folder `dir`.
pub fn link_from(dir: &str, path: &str) -> String {
    let link = rebase(path, "", dir);
    if link.is_empty() {
        "./".to_string()
    } else {
        link
    }
}

/// A page that sends its reader on to `to` (a link from the page's folder): a meta refresh,
/// the canonical address `canonical` when the site has one (so that search engines move the
/// page's ranking there), and a link for a reader the refresh does not move.
pub fn redirect_page(to: &str, canonical: Option<&str>) -> String {
    let mut href = String::new();
    broadsheet_core::html::escape_attr(to, &mut href);
    let mut page = String::from(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Moved</title>",
    );
    page.push_str(&format!(
        "<meta http-equiv=\"refresh\" content=\"0; url={href}\">"
    ));
    if let Some(canonical) = canonical {
        let mut url = String::new();
        broadsheet_core::html::escape_attr(canonical, &mut url);
        page.push_str(&format!("<link rel=\"canonical\" href=\"{url}\">"));
    }
    page.push_str(&format!(
        "<meta name=\"robots\" content=\"noindex\"></head><body><p>This page has moved to \
         <a href=\"{href}\">{href}</a>.</p></body></html>\n"
    ));
    page
}

/// The parts of the HTML document around a page's main content.
struct Document {
    lang: Option<String>,
    dir: String,
    title: String,
    head: Option<Head>,
    links: PageLinks,
    site_name: Option<String>,
}

/// Where a page is in the site, for a layout: what it is, its path from the root (a link:
/// `posts/a/`, `2024/05/01/a.html`, `` for the root), the folder it is in, and on a list, the
/// list.
pub struct Placed<'a> {
    /// What it is.
    pub kind: PageKind,
    /// Its path from the root.
    pub path: String,
    /// Its folder, relative to the root.
    pub folder: String,
    /// On a list, the list.
    pub list: Option<ListVars>,
    /// The site's own layout, when it has one.
    pub layout: Option<&'a Layout>,
}

/// A `<meta>` element; built with the element builder because `view!` takes no `property`
/// attribute.
fn meta_element(property: bool, key: String, content: String) -> impl IntoView {
    let key_attribute = if property { "property" } else { "name" };
    leptos::html::meta()
        .attr(key_attribute, key)
        .attr("content", content)
}

/// Renders `document` with the HTML `main` as its content, and returns the HTML: the
/// build's own page, or the site's layout around the same head and content when it has one.
fn render_document(
    document: Document,
    main: String,
    placed: Placed,
) -> Result<String, LayoutError> {
    let Some(layout) = placed.layout else {
        return Ok(default_document(document, main));
    };
    let page = PageVars {
        kind: placed.kind,
        path: placed.path,
        dir: placed.folder,
        title: document.title.clone(),
        lang: document.lang.clone(),
        direction: document.dir.clone(),
        head: to_html(move || head_elements(document)),
        // In the layout's page, the components take its colours (`.bs-in-layout`, site.css).
        content: to_html(move || view! { <div class="bs bs-in-layout" inner_html=main></div> }),
        list: placed.list,
    };
    layout.render(&page)
}

/// The build's own page: `document`'s head and `main` in a plain body.
fn default_document(document: Document, main: String) -> String {
    let lang = document.lang.clone();
    let dir = document.dir.clone();
    let html = to_html(move || {
        view! {
            <html lang=lang dir=dir>
                <head>{head_elements(document)}</head>
                <body>
                    <main>
                        <div class="bs" inner_html=main></div>
                    </main>
                </body>
            </html>
        }
    });
    format!("<!doctype html>\n{html}\n")
}

/// What goes in a page's `<head>`: the metadata of `document`, its feeds, the stylesheet and
/// the script.
fn head_elements(document: Document) -> impl IntoView {
    {
        let Document {
            title,
            head,
            links,
            site_name,
            ..
        } = document;
        let (canonical, metas, json_ld) = match head {
            Some(head) => (
                head.canonical,
                head.meta
                    .into_iter()
                    .map(|m| meta_element(m.property, m.key, m.content))
                    .collect_view()
                    .into_any(),
                Some(head.json_ld),
            ),
            None => (None, ().into_any(), None),
        };
        view! {
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <meta name="color-scheme" content="light dark" />
            <title>{title}</title>
            {metas}
            {canonical.map(|href| view! { <link rel="canonical" href=href /> })}
            {links
                .feeds
                .into_iter()
                .map(|f| view! { <link rel="alternate" type=f.media_type title=f.title href=f.path /> })
                .collect_view()}
            {links
                .alternates
                .into_iter()
                .map(|(lang, href)| view! { <link rel="alternate" hreflang=lang href=href /> })
                .collect_view()}
            <link rel="alternate" type="application/feed+json" title=site_name href=links.feed />
            <link rel="icon" href="data:," />
            <link rel="stylesheet" href=links.stylesheet />
            {json_ld.map(|ld| view! { <script type="application/ld+json">{ld}</script> })}
            <script type="module" src=links.script></script>
        }
    }
}

/// What one article page shows besides the article itself.
pub struct ArticlePage {
    /// The article, prepared.
    pub page: Arc<PreparedArticle>,
    /// Its head.
    pub head: Head,
    /// What its share section shares.
    pub share: Option<ShareData>,
    /// The share section's controls, in order.
    pub controls: Vec<ShareControl>,
    /// Long or short read time.
    pub read_time_style: ReadTimeStyle,
    /// The site's front page, relative to the article's.
    pub home: String,
}

/// An article rendered, without its similar posts (known only once the whole site is
/// ranked): what its page needs from the first pass of a build.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RenderedArticle {
    /// The article's language (`<html lang>`).
    pub lang: Option<String>,
    /// Its direction (`<html dir>`).
    pub dir: String,
    /// The site's name, as the article gives it.
    pub site_name: Option<String>,
    /// Its head.
    pub head: Head,
    /// The article's HTML: header, body, share section.
    pub html: String,
    /// Its tags, each a link to its list ([`topics`]), after it.
    pub topics: String,
}

/// The article of `article`, rendered.
pub fn render_article(article: ArticlePage) -> RenderedArticle {
    let ArticlePage {
        page,
        head,
        share,
        controls,
        read_time_style,
        home,
    } = article;
    let item = &page.article.item;
    let messages = Messages::pick([item.language.as_ref().map(|l| l.as_str())]);
    let lang = item.language.as_ref().map(|l| l.as_str().to_string());
    let dir = page.dir.as_str().to_string();
    let site_name = page.article.site.clone();
    let html = to_html(move || {
        view! {
            <ArticleView
                page=page
                share=share
                controls=controls
                read_time_style=read_time_style
                id=INSTANCE_ID.to_string()
                messages=messages
                home=home
            />
        }
    });
    RenderedArticle {
        lang,
        dir,
        site_name,
        head,
        html,
        topics: String::new(),
    }
}

/// The page of `article`, with `similar` (its "Similar Posts" section) after it and `links`
/// to the site's shared files, `placed` in the site.
pub fn article_page(
    article: RenderedArticle,
    similar: &str,
    links: PageLinks,
    placed: Placed,
) -> Result<String, LayoutError> {
    let RenderedArticle {
        lang,
        dir,
        site_name,
        head,
        html,
        topics,
    } = article;
    let document = Document {
        lang,
        dir,
        title: head.title.clone(),
        head: Some(head),
        site_name,
        links,
    };
    render_document(document, html + &topics + similar, placed)
}

/// An article's `tags` (each with the link to its list) as the component shows tags, each a
/// link, in `lang`; nothing without tags.
pub fn topics(tags: &[(String, String)], lang: Option<&LanguageTag>) -> String {
    if tags.is_empty() {
        return String::new();
    }
    let m = Messages::pick([lang.map(LanguageTag::as_str)]);
    let tags = tags.to_vec();
    to_html(move || {
        view! {
            <nav class="bs-topics" aria-label=m.tags>
                <ul class="bs-tags">
                    {tags
                        .into_iter()
                        .map(|(tag, href)| {
                            view! {
                                <li class="bs-tag">
                                    <a href=href rel="tag">{tag}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        }
    })
}

/// The "Similar Posts" section of an article in `lang`, with `cards`, to go between the two
/// halves of its page.
pub fn similar_section(cards: Vec<(Item, CardLink)>, lang: Option<LanguageTag>) -> String {
    let messages = Messages::pick([lang.as_ref().map(|l| l.as_str())]);
    to_html(move || {
        view! { <SimilarList cards=cards lang=lang id=INSTANCE_ID.to_string() open=None messages=messages /> }
    })
}

/// One page of a site's list of posts.
pub struct IndexPage {
    /// The site's name.
    pub site_name: Option<String>,
    /// What the list is of (a tag, an author's name); none for the list of every post.
    pub heading: Option<String>,
    /// The site's language.
    pub lang: Option<LanguageTag>,
    /// The cards of this page, newest first.
    pub cards: Vec<(Item, CardLink)>,
    /// This page's number, from 1.
    pub number: usize,
    /// The link to the page of newer posts.
    pub newer: Option<String>,
    /// The link to the page of older posts.
    pub older: Option<String>,
    /// The site's shared files.
    pub links: PageLinks,
}

/// A page of the site's posts as cards, with links to the newer and older pages, `placed` in
/// the site (its list's heading, number and links given to a layout as `list`).
pub fn index_page(index: IndexPage, mut placed: Placed) -> Result<String, LayoutError> {
    let IndexPage {
        site_name,
        heading,
        lang,
        cards,
        number,
        newer,
        older,
        links,
    } = index;
    let m = Messages::pick([lang.as_ref().map(|l| l.as_str())]);
    let site = site_name
        .clone()
        .unwrap_or_else(|| m.latest_posts.to_string());
    // A tag's or an author's list is called by it, then the site.
    let name = match (&heading, &site_name) {
        (Some(heading), Some(site)) => format!("{heading} – {site}"),
        (Some(heading), None) => heading.clone(),
        (None, _) => site,
    };
    let title = if number > 1 {
        format!("{name} ({number})")
    } else {
        name.clone()
    };
    let document = Document {
        lang: lang.as_ref().map(|l| l.as_str().to_string()),
        dir: lang
            .as_ref()
            .map_or("ltr", |l| l.direction().as_str())
            .to_string(),
        title,
        head: None,
        site_name,
        links,
    };
    placed.list = Some(ListVars {
        heading: heading.clone(),
        number,
        newer: newer.clone(),
        older: older.clone(),
    });
    let main = to_html(move || {
        let cards = cards_markup(&cards, lang.as_ref().map(LanguageTag::as_str), m);
        let pages = (newer.is_some() || older.is_some()).then(|| {
            view! {
                <nav class="bs-pages" aria-label=m.pages>
                    {newer.map(|href| view! { <a href=href rel="prev">{m.newer_posts}</a> })}
                    {older.map(|href| view! { <a href=href rel="next">{m.older_posts}</a> })}
                </nav>
            }
        });
        let shown = heading.unwrap_or(name);
        view! {
            <header class="bs-header">
                <h1 class="bs-title">{shown}</h1>
            </header>
            <section class="bs-similar" aria-labelledby="bs-latest-title">
                <h2 id="bs-latest-title" class="bs-similar-title">{m.latest_posts}</h2>
                <ul class="bs-cards" inner_html=cards></ul>
            </section>
            {pages}
        }
    });
    render_document(document, main, placed)
}
