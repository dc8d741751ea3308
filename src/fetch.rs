//! Fetching a text file with a time limit, errors as [`LoadError`] values.
//!
//! The request is one small JavaScript function (`fetch_outcome`): resolving the address,
//! `fetch`, the time limit and reading the body are a dozen browser calls, which as web-sys
//! bindings, a Rust timer and its closure cost the first load more than the script does
//! (BENCHMARKS.md). What the outcome means stays here.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use broadsheet_core::load_error::{LoadError, MAX_ARTICLE_BYTES};
use broadsheet_core::safe_url::SafeUrl;

// In `src/browser.js`.
#[wasm_bindgen(module = "/src/browser.js")]
extern "C" {
    /// `src` resolved and fetched within `ms` milliseconds: `[url, text]`, or a number (the
    /// status of a response that is not OK, -1 for an address that may not be fetched, -2 when
    /// the time ran out, 0 for any other failure). With a `page` selector (parts mode), the
    /// page's own article instead, as a one-item JSON Feed, its entry looked up in the site
    /// index at `src` (none when `src` is empty).
    fn fetch_outcome(src: &str, ms: u32, page: &str) -> js_sys::Promise;
}

/// Resolves and fetches the document at `src`, giving up after `timeout_ms` milliseconds: its
/// text, and its absolute URL as the base for the relative URLs inside it (none for `data:`
/// and `blob:` URLs). With a `page` selector, the page's own article (see `fetch_outcome`).
pub async fn fetch_document(
    src: &str,
    timeout_ms: u32,
    page: &str,
) -> Result<(String, Option<SafeUrl>), LoadError> {
    let outcome = JsFuture::from(fetch_outcome(src, timeout_ms, page))
        .await
        .unwrap_or(JsValue::NULL);
    if js_sys::Array::is_array(&outcome) {
        let pair: js_sys::Array = outcome.unchecked_into();
        let (Some(url), Some(text)) = (pair.get(0).as_string(), pair.get(1).as_string()) else {
            return Err(LoadError::Network);
        };
        if text.len() > MAX_ARTICLE_BYTES {
            return Err(LoadError::TooLarge);
        }
        return Ok((text, SafeUrl::parse_absolute(&url)));
    }
    Err(match outcome.as_f64().map(|code| code as i32) {
        Some(-1) => LoadError::BadAddress(src.to_string()),
        Some(-2) => LoadError::Timeout,
        Some(status @ 100..=599) => LoadError::from_status(status as u16),
        _ => LoadError::Network,
    })
}
