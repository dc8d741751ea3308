//! "Similar Posts" in the browser: the article's precomputed list, or a ranking of the site
//! index fetched once the article is on screen. The ranking is a wasm module of its own
//! (`crates/rank`), imported only then: most articles come with their list, and their readers
//! never load it.

use std::sync::Arc;

use broadsheet_core::json_out::JsonOut;
use broadsheet_core::messages::Messages;
use broadsheet_core::model::{index_from_value, Body, Item};
use broadsheet_core::options::Options;
use broadsheet_core::safe_url::SafeUrl;
use broadsheet_core::similar::pick::{card_link, listed, plan, Plan};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::cards::SimilarList;
use crate::fetch::fetch_document;

/// A site index as fetched: its text (for the ranking module), its address, and its posts.
pub struct LoadedIndex {
    src: String,
    text: String,
    base: Option<SafeUrl>,
    items: Vec<Item>,
}

/// The site index, fetched once per component and kept across in-place navigations.
pub type SiteIndex = StoredValue<Option<Arc<LoadedIndex>>>;

async fn load_index(src: &str, timeout_ms: u32) -> Option<LoadedIndex> {
    let (text, base) = fetch_document(src, timeout_ms, "").await.ok()?;
    let items = index_from_value(crate::json::parse(&text).ok()?, base.as_ref()).ok()?;
    Some(LoadedIndex {
        src: src.to_string(),
        text,
        base,
        items,
    })
}

// In `src/browser.js`.
#[wasm_bindgen(module = "/src/browser.js")]
extern "C" {
    /// The positions in the index `index` (at `base`, cached by `key`) of the `count` posts most
    /// like `article`, from the ranking module at `src` (empty: the one next to the component),
    /// imported once per address.
    fn rank_posts(
        src: &str,
        key: &str,
        index: &str,
        base: &str,
        article: &str,
        count: u32,
        strict: bool,
    ) -> js_sys::Promise;
}

/// `article` as the one-item JSON Feed the ranking module reads, with what ranking looks at.
fn ranking_doc(article: &Item) -> String {
    let (html, plain) = match &article.body {
        Some(Body::Html(html)) => (Some(html.as_str()), None),
        Some(Body::Text(text)) => (None, Some(text.as_str())),
        None => (None, None),
    };
    let mut doc = JsonOut::new();
    doc.open_object().key("items").open_array().open_object();
    doc.key("id").string(&article.id);
    doc.key("title").string_or_null(article.title.as_deref());
    doc.key("summary")
        .string_or_null(article.summary.as_deref());
    doc.key("tags").open_array();
    for tag in &article.tags {
        doc.string(tag);
    }
    doc.close_array();
    doc.key("language")
        .string_or_null(article.language.as_ref().map(|l| l.as_str()));
    doc.key("date_published")
        .string_or_null(article.published.as_ref().map(|t| t.as_str()));
    doc.key("content_html").string_or_null(html);
    doc.key("content_text").string_or_null(plain);
    doc.close_object().close_array().close_object();
    doc.finish()
}

/// The `count` posts of `index` most similar to `article`, ranked by the ranking module at
/// `rank_src`; none when the module cannot be loaded.
async fn ranked(
    index: &LoadedIndex,
    article: &Item,
    count: usize,
    strict: bool,
    rank_src: Option<&str>,
) -> Vec<Item> {
    let promise = rank_posts(
        rank_src.unwrap_or(""),
        &index.src,
        &index.text,
        index.base.as_ref().map_or("", |b| b.as_str()),
        &ranking_doc(article),
        u32::try_from(count).unwrap_or(u32::MAX),
        strict,
    );
    let Ok(positions) = JsFuture::from(promise).await else {
        return Vec::new();
    };
    js_sys::Uint32Array::new(&positions)
        .to_vec()
        .into_iter()
        .filter_map(|i| index.items.get(i as usize).cloned())
        .collect()
}

/// The page's own origin, to tell same-site posts from others.
fn page_origin() -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    SafeUrl::parse_absolute(&href)?.origin()
}

/// The similar posts of `article`, headed in the words of `messages`. `open` loads an article
/// of the same site in place.
#[component]
pub fn SimilarPosts(
    article: Item,
    options: Options,
    id: String,
    site: SiteIndex,
    open: Callback<String>,
    messages: &'static Messages,
) -> impl IntoView {
    let count = options.similar_count;
    let lang = article.language.clone();
    let cards: RwSignal<Option<Vec<Item>>> = RwSignal::new(None);
    match plan(&article, count) {
        Plan::Ready(items) => cards.set(Some(items)),
        Plan::NeedIndex => {
            let options = options.clone();
            // Effects run after the view is in the document: the article is painted first.
            crate::effect::effect(move || {
                let article = article.clone();
                let options = options.clone();
                spawn_local(async move {
                    let index = match site.try_get_value().flatten() {
                        Some(known) => Some(known),
                        None => {
                            let fresh = load_index(&options.index_src, options.timeout_ms)
                                .await
                                .map(Arc::new);
                            site.try_set_value(fresh.clone());
                            fresh
                        }
                    };
                    let chosen = match index {
                        None => Vec::new(),
                        Some(index) => match listed(&article, &index.items, count) {
                            Some(list) => list,
                            None => {
                                let strict = options.similar_strict;
                                let src = options.rank_src.as_deref();
                                ranked(&index, &article, count, strict, src).await
                            }
                        },
                    };
                    cards.try_set(Some(chosen));
                });
            });
        }
    }
    move || match cards.get() {
        None => {
            let placeholders = r#"<div class="bs-card bs-sk"></div>"#.repeat(count);
            view! {
                <div class="bs-similar bs-similar-pending" aria-hidden="true">
                    <div class="bs-cards" inner_html=placeholders></div>
                </div>
            }
            .into_any()
        }
        Some(items) => {
            let origin = page_origin();
            let cards = items
                .into_iter()
                .map(|item| {
                    let link = card_link(&item, &options, origin.as_deref());
                    (item, link)
                })
                .collect();
            view! {
                <SimilarList cards=cards lang=lang.clone() id=id.clone() open=Some(open) messages=messages />
            }
            .into_any()
        }
    }
}
