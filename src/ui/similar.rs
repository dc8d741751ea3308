//! "Similar Posts": cards for the article's precomputed list, or for a ranking of the site
//! index fetched once the article is on screen.

use std::sync::Arc;

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::MouseEvent;

use super::dates::format_date;
use super::fetch::fetch_document;
use crate::messages::Messages;
use crate::model::{parse_index, Item};
use crate::options::Options;
use crate::read_time::{ReadTime, ReadTimeStyle};
use crate::safe_url::SafeUrl;
use crate::similar::pick::{plan, Plan, Site, SiteBuilder};
use crate::similar::Weights;

/// The site index, fetched and indexed once per component and kept across in-place
/// navigations.
pub type SiteIndex = StoredValue<Option<Arc<Site>>>;

async fn load_index(src: &str, timeout_ms: u32) -> Option<Vec<Item>> {
    let (text, base) = fetch_document(src, timeout_ms).await.ok()?;
    parse_index(&text, base.as_ref()).ok()
}

/// Longest stretch of indexing between two yields to the browser, in milliseconds: under the
/// 50 ms of a long task, so a large site index never holds up the reader's input.
const SLICE_MS: f64 = 30.0;

/// Indexes `items` a slice at a time, giving the main thread back between slices.
async fn index_site(items: Vec<Item>) -> Site {
    let mut site = SiteBuilder::new(Weights::default());
    let mut slice_start = js_sys::Date::now();
    for item in items {
        site.add(item);
        if js_sys::Date::now() - slice_start > SLICE_MS {
            TimeoutFuture::new(0).await;
            slice_start = js_sys::Date::now();
        }
    }
    site.finish()
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
    let m = messages;
    // The list sits with the article: cards without a language of their own are taken to be
    // in the article's; the heading carries the interface's language where it differs.
    let list_lang = article.language.as_ref().map(|l| l.as_str().to_string());
    let list_dir = article.language.as_ref().map(|l| l.direction().as_str());
    let heading_marks = m.marks_within(list_lang.as_deref());
    let count = options.similar_count;
    let cards: RwSignal<Option<Vec<Item>>> = RwSignal::new(None);
    match plan(&article, count) {
        Plan::Ready(items) => cards.set(Some(items)),
        Plan::NeedIndex => {
            let index_src = options.index_src.clone();
            let timeout = options.timeout_ms;
            // Effects run after the view is in the document: the article is painted first.
            Effect::new(move |_| {
                let article = article.clone();
                let index_src = index_src.clone();
                spawn_local(async move {
                    let ready = match site.try_get_value().flatten() {
                        Some(known) => Some(known),
                        None => {
                            let fresh = match load_index(&index_src, timeout).await {
                                Some(items) => Some(Arc::new(index_site(items).await)),
                                None => None,
                            };
                            site.try_set_value(fresh.clone());
                            fresh
                        }
                    };
                    let chosen = ready.map_or_else(Vec::new, |r| r.similar_to(&article, count));
                    cards.try_set(Some(chosen));
                });
            });
        }
    }
    let heading = format!("{id}-similar-title");
    let labelledby = heading.clone();
    move || match cards.get() {
        None => view! {
            <div class="bs-similar bs-similar-pending" aria-hidden="true">
                <div class="bs-cards">
                    {(0..count).map(|_| view! { <div class="bs-card bs-sk"></div> }).collect_view()}
                </div>
            </div>
        }
        .into_any(),
        Some(items) if items.is_empty() => ().into_any(),
        Some(items) => {
            let cards = items
                .iter()
                .map(|item| card(item, &options, open, m, list_lang.as_deref()))
                .collect_view();
            view! {
                <aside
                    class="bs-similar"
                    aria-labelledby=labelledby.clone()
                    lang=list_lang.clone()
                    dir=list_dir
                >
                    <h2
                        id=heading.clone()
                        class="bs-similar-title"
                        lang=heading_marks.lang
                        dir=heading_marks.dir
                    >
                        {m.similar_title}
                    </h2>
                    <ul class="bs-cards">{cards}</ul>
                </aside>
            }
            .into_any()
        }
    }
}

/// The page's own origin, to tell same-site posts from others.
fn page_origin() -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    SafeUrl::parse_absolute(&href)?.origin()
}

/// Where a card leads: its `href`, and the article JSON to load in place when it is a post of
/// this site and cards load in place.
fn target(item: &Item, options: &Options) -> (Option<String>, Option<String>) {
    let same_site = item
        .src
        .as_ref()
        .filter(|src| src.origin().is_none() || src.origin() == page_origin());
    let in_place = same_site.filter(|_| options.cards_in_place).map(|src| {
        match (src.is_hierarchical(), src.origin()) {
            // Same origin: keep the path, so the page URL stays short.
            (true, Some(origin)) => src.as_str()[origin.len()..].to_string(),
            _ => src.to_string(),
        }
    });
    let href = match (&in_place, &options.url_param) {
        (Some(src), Some(param)) => Some(SafeUrl::query_link(param, src).to_string()),
        _ => item
            .url
            .as_ref()
            .or(item.src.as_ref())
            .map(SafeUrl::to_string),
    };
    (href, in_place)
}

/// One card; `list_lang` is the language of the list it is in.
fn card(
    item: &Item,
    options: &Options,
    open: Callback<String>,
    m: &Messages,
    list_lang: Option<&str>,
) -> impl IntoView {
    let (href, in_place) = target(item, options);
    let lang = item.language.as_ref().map(|l| l.as_str().to_string());
    let dir = item.language.as_ref().map(|l| l.direction().as_str());
    let marks = m.marks_within(lang.as_deref().or(list_lang));
    let media = match item.hero() {
        Some(src) => view! {
            <img src=src.to_string() alt="" loading="lazy" decoding="async" width="1200" height="675" />
        }
        .into_any(),
        None => view! { <div class="bs-card-placeholder"></div> }.into_any(),
    };
    let date = item.published.as_ref().map(|t| {
        let text = format_date(t, lang.as_deref());
        view! { <time datetime=t.as_str().to_string()>{text}</time> }
    });
    let read = item.read_seconds.map(|seconds| {
        let time = ReadTime {
            seconds,
            ..ReadTime::default()
        };
        view! {
            <time datetime=time.iso8601() lang=marks.lang dir=marks.dir>
                {time.label(ReadTimeStyle::Short, m)}
            </time>
        }
    });
    let on_click = move |ev: MouseEvent| {
        let plain =
            ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key());
        if let (true, Some(src)) = (plain, in_place.clone()) {
            ev.prevent_default();
            open.run(src);
        }
    };
    view! {
        <li class="bs-card-item">
            <article class="bs-card" lang=lang dir=dir>
                <div class="bs-card-media">{media}</div>
                <div class="bs-card-body">
                    <h3 class="bs-card-title">
                        <a class="bs-card-link" href=href on:click=on_click>
                            {item.title.clone().unwrap_or_else(|| m.untitled.to_string())}
                        </a>
                    </h3>
                    {item.summary.clone().map(|s| view! { <p class="bs-card-summary">{s}</p> })}
                    <p class="bs-card-meta">{date} {read}</p>
                </div>
            </article>
        </li>
    }
}
