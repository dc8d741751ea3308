//! The component a Leptos app puts in its `view!`: an article from its JSON, with its read
//! time, share buttons and similar posts, through the same views as the embed and the build
//! step (docs/leptos.md). It renders in the mode the app builds (`ssr`, `hydrate` or `csr`)
//! and loads nothing: the app hands it the article and, for similar posts, the site index.

use std::sync::Arc;

use broadsheet_core::html::SanitizeContext;
use broadsheet_core::load_error::LoadError;
use broadsheet_core::messages::Messages;
use broadsheet_core::model::{parse_article, parse_index, Item};
use broadsheet_core::prepared::PreparedArticle;
use broadsheet_core::safe_url::SafeUrl;
use broadsheet_core::share::ShareData;
use broadsheet_core::similar::pick::{card_link, listed, plan, Plan, SiteBuilder};
use broadsheet_core::similar::Weights;
use leptos::prelude::*;

pub use broadsheet_core::options::Options;

use crate::article_view::ArticleView;
use crate::cards::SimilarList;
use crate::markup::Markup;

/// An article page's content: the article of `json` (header with its read time, body, tags,
/// "Share This Post") and its "Similar Posts" cards, inside a `<div class="bs">` styled by
/// [`STYLESHEET`](crate::STYLESHEET). An article that cannot be read shows why instead.
///
/// ```
/// use broadsheet::Article;
/// use leptos::prelude::*;
///
/// #[component]
/// fn Post() -> impl IntoView {
///     let post = r#"{"id": "1", "title": "Hello", "content_text": "A short post."}"#;
///     view! { <Article json=post url="https://example.com/hello/" /> }
/// }
/// ```
#[component]
pub fn Article(
    /// The article: a JSON Feed 1.1 document, whose first item with a body is shown, or a bare
    /// item (docs/article-json.md).
    #[prop(into)]
    json: String,
    /// The site index, a JSON Feed of the site's posts (`feed.json` from `broadsheet-build`, or
    /// the site's own): the cards are the article's precomputed list (`_article.similar`), else
    /// the posts ranked most similar. Without it only a list of posts carried inline is shown.
    #[prop(optional, into)]
    index: Option<String>,
    /// The address of the page that shows the article: shared by the share buttons when the
    /// article has no `url` of its own (without either they are left out), and what relative
    /// addresses in the article resolve against.
    #[prop(optional, into)]
    url: Option<String>,
    /// The index's own address, what relative addresses in it resolve against; by default
    /// `url`.
    #[prop(optional, into)]
    index_url: Option<String>,
    /// Settings, as the embed's `data-*` attributes give them (docs/attributes.md): the share
    /// buttons, the read time's rate and style, how many similar posts, the interface's
    /// language. By default the embed's. Cards link to the posts' own pages.
    #[prop(optional)]
    options: Options,
    /// Prefixes the ids of the elements inside; give each instance on a page its own.
    #[prop(into, default = "bs".to_string())]
    id: String,
) -> impl IntoView {
    // In the browser, lower case as the browser writes it, as the embed does, for comparing tags
    // (natively the tables are built in).
    #[cfg(target_arch = "wasm32")]
    broadsheet_core::text::use_lowercase(|s| js_sys::JsString::from(s).to_lower_case().into());
    let base = url.as_deref().and_then(SafeUrl::parse_absolute);
    let article = match parse_article(&json, base.as_ref()) {
        Ok(article) => article,
        Err(error) => return failed(&LoadError::from(error), &options).into_any(),
    };
    let language = article.item.language.clone();
    let messages = Messages::pick([
        options.ui_lang.as_deref(),
        language.as_ref().map(|l| l.as_str()),
        options.context_lang.as_deref(),
    ]);
    let ctx = SanitizeContext {
        base: base.as_ref(),
        id_prefix: &id,
        ..SanitizeContext::default()
    };
    let page = PreparedArticle::new(article, ctx, &options.read_time);
    let share = ShareData::for_item(&page.article.item, base.clone());
    let index_base = index_url
        .as_deref()
        .map_or(base.clone(), SafeUrl::parse_absolute);
    let cards = similar(
        &page.article.item,
        index.as_deref(),
        index_base.as_ref(),
        &options,
    );
    view! {
        <div class="bs">
            <ArticleView
                page=Arc::new(page)
                share=share
                controls=options.share.clone()
                read_time_style=options.read_time_style
                id=id.clone()
                messages=messages
                json_ld=true
            />
            <SimilarList cards=cards lang=language id=id open=None messages=messages />
        </div>
    }
    .into_any()
}

/// The similar posts of `article` with where their cards lead: its list of posts carried
/// inline, else its precomputed list or the ranking of the site index `index` (at `base`).
fn similar(
    article: &Item,
    index: Option<&str>,
    base: Option<&SafeUrl>,
    options: &Options,
) -> Vec<(Item, crate::CardLink)> {
    let count = options.similar_count;
    let items = match plan(article, count) {
        Plan::Ready(items) => items,
        Plan::NeedIndex => {
            let posts = index
                .and_then(|text| parse_index(text, base).ok())
                .unwrap_or_default();
            listed(article, &posts, count).unwrap_or_else(|| {
                let mut site = SiteBuilder::new(Weights {
                    fill: !options.similar_strict,
                    ..Weights::from_site_index()
                });
                for post in posts {
                    site.add(post);
                }
                site.finish().similar_to(article, count)
            })
        }
    };
    // No loading in place: a card is a link to the post's page.
    let links = Options {
        cards_in_place: false,
        ..options.clone()
    };
    items
        .into_iter()
        .map(|item| {
            let link = card_link(&item, &links, None);
            (item, link)
        })
        .collect()
}

/// Why the article cannot be shown, as the embed says it.
fn failed(error: &LoadError, options: &Options) -> impl IntoView {
    let m = Messages::pick([options.ui_lang.as_deref(), options.context_lang.as_deref()]);
    let mut markup = Markup::default();
    markup
        .element("h2", &[("class", Some("bs-error-title"))], error.heading(m))
        .element(
            "p",
            &[("class", Some("bs-error-message"))],
            &error.describe(m),
        );
    view! {
        <div class="bs">
            <div class="bs-error" role="alert" lang=m.lang dir=m.dir() inner_html=markup.finish()></div>
        </div>
    }
}
