//! Dates written for the article's language: by [`Timestamp::long_date`] for the interface's
//! six languages, natively and in the browser alike (a browser test compares its text with
//! `Intl`'s); in the browser, by `Intl`, which knows every language, for the others.

#[cfg(target_arch = "wasm32")]
mod intl;

#[cfg(target_arch = "wasm32")]
pub use intl::format_date;

/// The calendar date of `ts` as its author wrote it ("March 14, 2025", "14 mars 2025",
/// "2025年3月14日") in `language`; natively there is no `Intl`: see
/// [`Timestamp::long_date`].
#[cfg(not(target_arch = "wasm32"))]
pub fn format_date(ts: &broadsheet_core::date::Timestamp, language: Option<&str>) -> String {
    ts.long_date(language)
}
