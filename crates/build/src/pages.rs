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
use broadsheet_core::page::Page;
use broadsheet_core::read_time::ReadTimeStyle;
use broadsheet_core::share::{ShareControl, ShareData};
use leptos::prelude::*;

use crate::head::Head;

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
}

/// The parts of the HTML document around a page's main content.
struct Document {
    lang: Option<String>,
    dir: &'static str,
    title: String,
    head: Option<Head>,
    links: PageLinks,
    site_name: Option<String>,
}

/// A `<meta>` element; built with the element builder because `view!` takes no `property`
/// attribute.
fn meta_element(property: bool, key: &'static str, content: String) -> impl IntoView {
    let key_attribute = if property { "property" } else { "name" };
    leptos::html::meta()
        .attr(key_attribute, key)
        .attr("content", content)
}

/// Renders `document` with `main` as its content, and returns the HTML.
fn render_document(document: Document, main: impl FnOnce() -> AnyView + 'static) -> String {
    let html = to_html(move || {
        let Document {
            lang,
            dir,
            title,
            head,
            links,
            site_name,
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
            <html lang=lang dir=dir>
                <head>
                    <meta charset="utf-8" />
                    <meta name="viewport" content="width=device-width, initial-scale=1" />
                    <meta name="color-scheme" content="light dark" />
                    <title>{title}</title>
                    {metas}
                    {canonical.map(|href| view! { <link rel="canonical" href=href /> })}
                    <link rel="alternate" type="application/feed+json" title=site_name href=links.feed />
                    <link rel="icon" href="data:," />
                    <link rel="stylesheet" href=links.stylesheet />
                    {json_ld.map(|ld| view! { <script type="application/ld+json">{ld}</script> })}
                    <script type="module" src=links.script></script>
                </head>
                <body>
                    <main>
                        <div class="bs">{main()}</div>
                    </main>
                </body>
            </html>
        }
    });
    format!("<!doctype html>\n{html}\n")
}

/// What one article page shows besides the article itself.
pub struct ArticlePage {
    /// The article, prepared.
    pub page: Arc<Page>,
    /// Its head.
    pub head: Head,
    /// What its share section shares.
    pub share: Option<ShareData>,
    /// The share section's controls, in order.
    pub controls: Vec<ShareControl>,
    /// Long or short read time.
    pub read_time_style: ReadTimeStyle,
    /// The site's shared files.
    pub links: PageLinks,
}

/// The marker where the similar posts go, between the two halves of an article page: text no
/// escaping changes and no article contains (a private-use character).
const SIMILAR_SLOT: &str = "\u{F8FF}broadsheet-similar\u{F8FF}";

/// The article page of `article` in two halves, before and after its similar posts (which
/// are known only once the whole site is ranked).
pub fn article_page(article: ArticlePage) -> (String, String) {
    let ArticlePage {
        page,
        head,
        share,
        controls,
        read_time_style,
        links,
    } = article;
    let item = &page.article.item;
    let messages = Messages::pick([item.language.as_ref().map(|l| l.as_str())]);
    let document = Document {
        lang: item.language.as_ref().map(|l| l.as_str().to_string()),
        dir: page.dir.as_str(),
        title: head.title.clone(),
        head: Some(head),
        site_name: page.article.site.clone(),
        links: links.clone(),
    };
    let html = render_document(document, move || {
        view! {
            <ArticleView
                page=page
                share=share
                controls=controls
                read_time_style=read_time_style
                id=INSTANCE_ID.to_string()
                messages=messages
                home=links.home
            />
            {SIMILAR_SLOT}
        }
        .into_any()
    });
    match html.split_once(SIMILAR_SLOT) {
        Some((before, after)) => (before.to_string(), after.to_string()),
        None => (html, String::new()),
    }
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

/// A page of the site's posts as cards, with links to the newer and older pages.
pub fn index_page(index: IndexPage) -> String {
    let IndexPage {
        site_name,
        lang,
        cards,
        number,
        newer,
        older,
        links,
    } = index;
    let m = Messages::pick([lang.as_ref().map(|l| l.as_str())]);
    let name = site_name
        .clone()
        .unwrap_or_else(|| m.latest_posts.to_string());
    let title = if number > 1 {
        format!("{name} ({number})")
    } else {
        name.clone()
    };
    let document = Document {
        lang: lang.as_ref().map(|l| l.as_str().to_string()),
        dir: lang.as_ref().map_or("ltr", |l| l.direction().as_str()),
        title,
        head: None,
        site_name,
        links,
    };
    render_document(document, move || {
        let cards = cards_markup(&cards, lang.as_ref().map(LanguageTag::as_str), m);
        let pages = (newer.is_some() || older.is_some()).then(|| {
            view! {
                <nav class="bs-pages" aria-label=m.pages>
                    {newer.map(|href| view! { <a href=href rel="prev">{m.newer_posts}</a> })}
                    {older.map(|href| view! { <a href=href rel="next">{m.older_posts}</a> })}
                </nav>
            }
        });
        view! {
            <header class="bs-header">
                <h1 class="bs-title">{name}</h1>
            </header>
            <section class="bs-similar" aria-labelledby="bs-latest-title">
                <h2 id="bs-latest-title" class="bs-similar-title">{m.latest_posts}</h2>
                <ul class="bs-cards" inner_html=cards></ul>
            </section>
            {pages}
        }
        .into_any()
    })
}
