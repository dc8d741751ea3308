//! "Similar Posts" in the browser: the article's precomputed list, or a ranking of the site
//! index fetched once the article is on screen.

use std::sync::Arc;

use broadsheet_core::messages::Messages;
use broadsheet_core::model::{index_from_value, Item};
use broadsheet_core::options::Options;
use broadsheet_core::safe_url::SafeUrl;
use broadsheet_core::similar::pick::{card_link, plan, Plan, Site, SiteBuilder};
use broadsheet_core::similar::Weights;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::cards::SimilarList;
use crate::fetch::fetch_document;

/// The site index, fetched and indexed once per component and kept across in-place
/// navigations.
pub type SiteIndex = StoredValue<Option<Arc<Site>>>;

async fn load_index(src: &str, timeout_ms: u32) -> Option<Vec<Item>> {
    let (text, base) = fetch_document(src, timeout_ms).await.ok()?;
    index_from_value(&crate::json::parse(&text).ok()?, base.as_ref()).ok()
}

/// Longest stretch of indexing between two yields to the browser, in milliseconds: under the
/// 50 ms of a long task, so a large site index never holds up the reader's input.
const SLICE_MS: f64 = 30.0;

/// Indexes `items` a slice at a time, giving the main thread back between slices.
async fn index_site(items: Vec<Item>, strict: bool) -> Site {
    let mut site = SiteBuilder::new(Weights {
        fill: !strict,
        ..Weights::default()
    });
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
            let index_src = options.index_src.clone();
            let timeout = options.timeout_ms;
            let strict = options.similar_strict;
            // Effects run after the view is in the document: the article is painted first.
            Effect::new(move |_| {
                let article = article.clone();
                let index_src = index_src.clone();
                spawn_local(async move {
                    let ready = match site.try_get_value().flatten() {
                        Some(known) => Some(known),
                        None => {
                            let fresh = match load_index(&index_src, timeout).await {
                                Some(items) => Some(Arc::new(index_site(items, strict).await)),
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
    move || match cards.get() {
        None => view! {
            <div class="bs-similar bs-similar-pending" aria-hidden="true">
                <div class="bs-cards">
                    {(0..count).map(|_| view! { <div class="bs-card bs-sk"></div> }).collect_view()}
                </div>
            </div>
        }
        .into_any(),
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
