//! Fetching a text file with a time limit, errors as [`LoadError`] values.
//!
//! With `fetch` itself, not `gloo-net`: a GET for text needs none of its request builder,
//! headers or error types, which cost the first load 1.8 kB brotli.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestInit, Response};

use broadsheet_core::load_error::{LoadError, MAX_ARTICLE_BYTES};
use broadsheet_core::safe_url::SafeUrl;

/// Resolves `src` against the document's base URL. Only `http`, `https`, `data` and `blob`
/// URLs may be fetched.
pub fn resolve(src: &str) -> Result<String, LoadError> {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    let bad = || LoadError::BadAddress(src.to_string());
    let url = web_sys::Url::new_with_base(src, &base).map_err(|_| bad())?;
    match url.protocol().as_str() {
        "http:" | "https:" | "data:" | "blob:" => Ok(url.href()),
        _ => Err(bad()),
    }
}

/// Fetches `url` as text, giving up after `timeout_ms` milliseconds.
pub async fn fetch_text(url: &str, timeout_ms: u32) -> Result<String, LoadError> {
    let controller = AbortController::new().map_err(|_| LoadError::Network)?;
    let signal = controller.signal();
    let timed_out = Rc::new(Cell::new(false));
    let flag = timed_out.clone();
    let timer = Timeout::new(timeout_ms, move || {
        flag.set(true);
        controller.abort();
    });
    let failed = |timed_out: &Cell<bool>| {
        if timed_out.get() {
            LoadError::Timeout
        } else {
            LoadError::Network
        }
    };
    let init = RequestInit::new();
    init.set_signal(Some(&signal));
    let window = web_sys::window().ok_or(LoadError::Network)?;
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|_| failed(&timed_out))?
        .unchecked_into();
    if !response.ok() {
        return Err(LoadError::from_status(response.status()));
    }
    let body = response.text().map_err(|_| failed(&timed_out))?;
    let text = JsFuture::from(body)
        .await
        .map_err(|_| failed(&timed_out))?
        .as_string()
        .unwrap_or_default();
    timer.cancel();
    if text.len() > MAX_ARTICLE_BYTES {
        return Err(LoadError::TooLarge);
    }
    Ok(text)
}

/// Resolves and fetches the document at `src`: its text, and its absolute URL as the base for
/// the relative URLs inside it (none for `data:` and `blob:` URLs).
pub async fn fetch_document(
    src: &str,
    timeout_ms: u32,
) -> Result<(String, Option<SafeUrl>), LoadError> {
    let url = resolve(src)?;
    let text = fetch_text(&url, timeout_ms).await?;
    Ok((text, SafeUrl::parse_absolute(&url)))
}
