//! The browser component's on-demand module (`rank/broadsheet_rank.js` next to the component's
//! script): what most articles never need, kept out of the first load.
//!
//! - The similar-post ranking ([`rank`]). Most articles come with their similar posts
//!   precomputed by the build step, and their readers never load it; the component imports it
//!   only to rank a site index in the browser, once its article is painted, so the tokenizer,
//!   stop words and index are not part of the first load.
//! - The core's sanitizer ([`sanitize()`]), for the long bodies the browser's own parser could be
//!   slow on (`src/browser_html.rs`).
//!
//! The contract with the component (`src/similar_posts.rs`): [`rank`] gets the index document
//! as text and the article as a one-item JSON Feed, and answers with positions in the index's
//! items, in the order the component reads them (both read the document with
//! `broadsheet_core::model::index_from_value`; here through `parse_index`, with serde_json).

use std::cell::RefCell;
use std::rc::Rc;

use broadsheet_core::model::{parse_article, parse_index};
use broadsheet_core::safe_url::SafeUrl;
use broadsheet_core::similar::pick::{Site, SiteBuilder};
use broadsheet_core::similar::Weights;
use wasm_bindgen::prelude::*;

mod sanitize;
pub use sanitize::sanitize;

/// Longest stretch of indexing between two yields to the browser, in milliseconds: under the
/// 50 ms of a long task, so a large site index never holds up the reader's input.
const SLICE_MS: f64 = 30.0;

thread_local! {
    /// The last index built, by its key: in-place navigations rank against it again.
    static SITE: RefCell<Option<(String, Rc<Site>)>> = const { RefCell::new(None) };
}

/// Indexes the posts of `index` (a JSON Feed's text; relative addresses resolve against
/// `base`), a slice at a time, giving the main thread back between slices.
async fn build(index: &str, base: Option<&SafeUrl>, strict: bool) -> Result<Site, JsError> {
    let items = parse_index(index, base).map_err(|e| JsError::new(&e.to_string()))?;
    let mut site = SiteBuilder::new(Weights {
        fill: !strict,
        ..Weights::from_site_index()
    });
    let mut slice_start = js_sys::Date::now();
    for item in items {
        site.add(item);
        if js_sys::Date::now() - slice_start > SLICE_MS {
            gloo_timers::future::TimeoutFuture::new(0).await;
            slice_start = js_sys::Date::now();
        }
    }
    Ok(site.finish())
}

/// The positions in the site index of the `count` posts most similar to `article` (a JSON
/// Feed with the article as its one item). The index is the text `index`, read at `base`
/// (empty: none) and built once for each `key` (the index's address): later calls with the same
/// key reuse it. `strict` leaves a row the ranking cannot fill short instead of filling it.
#[wasm_bindgen]
pub async fn rank(
    key: String,
    index: String,
    base: String,
    article: String,
    count: u32,
    strict: bool,
) -> Result<js_sys::Uint32Array, JsError> {
    // Tags compared as the component compares them (see `text::lowercase`).
    broadsheet_core::text::use_lowercase(|s| js_sys::JsString::from(s).to_lower_case().into());
    let key = format!("{strict} {key}");
    let cached = SITE.with_borrow(|s| {
        s.as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, site)| site.clone())
    });
    let site = match cached {
        Some(site) => site,
        None => {
            let base = SafeUrl::parse_absolute(&base);
            let site = Rc::new(build(&index, base.as_ref(), strict).await?);
            SITE.set(Some((key, site.clone())));
            site
        }
    };
    let article = parse_article(&article, None).map_err(|e| JsError::new(&e.to_string()))?;
    let ranked: Vec<u32> = site
        .ranked(&article.item, count as usize)
        .into_iter()
        .filter_map(|i| u32::try_from(i).ok())
        .collect();
    Ok(js_sys::Uint32Array::from(ranked.as_slice()))
}
