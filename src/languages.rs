//! The interface's words in the browser. English is in the wasm. The other languages the
//! interface speaks (`messages::LANGUAGES`) are language packs, `lang/<code>.txt` next to the
//! component (`Messages::pack`), fetched when a page needs one and kept for the page's life:
//! most pages need none, and the five other languages were 3.9 kB brotli of the first load
//! (BENCHMARKS.md). The loader preloads the pack of each mount element's configured or page
//! language while the wasm downloads (`scripts/trunk-post-build`).

use std::cell::RefCell;

use broadsheet_core::messages::{language_of, Messages, EN};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

// In `src/browser.js`.
#[wasm_bindgen(module = "/src/browser.js")]
extern "C" {
    /// The text of `lang`'s language pack, fetched once within `ms` milliseconds, or null.
    fn lang_pack(lang: &str, ms: u32) -> js_sys::Promise;
}

/// The longest wait for a pack, whatever the load timeout: a pack is small and usually
/// preloaded, and a server that hangs on one must not keep the component from showing (in
/// English, then) for as long as an article may take.
const PACK_WAIT_MS: u32 = 3_000;

thread_local! {
    /// The languages besides English that the component speaks now.
    static KNOWN: RefCell<Vec<&'static Messages>> = const { RefCell::new(Vec::new()) };
}

/// Lets the component speak `messages`' language without fetching its pack: what a loaded
/// pack becomes, and how a page or a test that has the words at hand gives them.
pub fn register(messages: &'static Messages) {
    KNOWN.with(|known| known.borrow_mut().push(messages));
}

fn known(lang: &str) -> Option<&'static Messages> {
    if lang == EN.lang {
        return Some(&EN);
    }
    KNOWN.with(|known| known.borrow().iter().copied().find(|m| m.lang == lang))
}

/// The languages of the interface that `tags` name, in their order.
pub fn named<'a>(tags: impl IntoIterator<Item = Option<&'a str>>) -> Vec<&'static str> {
    tags.into_iter().flatten().filter_map(language_of).collect()
}

/// The messages of the first of `langs` the component speaks now, else English.
pub fn pick(langs: &[&'static str]) -> &'static Messages {
    langs.iter().find_map(|lang| known(lang)).unwrap_or(&EN)
}

/// Whether [`pick`] gives `langs`' first language without loading anything: it is known, or
/// there is none.
pub fn known_first(langs: &[&'static str]) -> bool {
    langs.first().is_none_or(|lang| known(lang).is_some())
}

/// Makes [`pick`] give `langs`' first language: loads its pack unless it is known, and when a
/// pack cannot be had within `timeout_ms` (at most [`PACK_WAIT_MS`]), the next language's, and
/// so on. Nothing is loaded for a language after one that is known.
pub async fn load(langs: &[&'static str], timeout_ms: u32) {
    let timeout_ms = timeout_ms.min(PACK_WAIT_MS);
    for &lang in langs {
        if known(lang).is_some() {
            return;
        }
        let pack = JsFuture::from(lang_pack(lang, timeout_ms)).await;
        // The texts live as long as the page: a pack is read once.
        let leaked = pack
            .ok()
            .and_then(|pack| pack.as_string())
            .map(|pack| String::leak(pack).lines().collect());
        if let Some(messages) = leaked.and_then(|texts| Messages::from_texts(lang, texts)) {
            register(Box::leak(Box::new(messages)));
            return;
        }
    }
}
