//! Dates written for the article's language: by [`Timestamp::long_date`] for the interface's
//! six languages, natively and in the browser alike (a browser test compares its text with
//! `Intl`'s); in the browser, by `Intl`, which knows every language, for the others.

#[cfg(target_arch = "wasm32")]
mod intl;

use broadsheet_core::date::Timestamp;

/// The calendar date of `ts` as its author wrote it ("March 14, 2025", "14 mars 2025",
/// "2025年3月14日") in `language`. The six interface languages are written from the core's
/// table, with the text `Intl` writes: `Intl`'s one-time set-up, a task of 60-80 ms on a
/// throttled phone, is then paid only by a page whose article is in another language, or in
/// none, and only in the browser; natively those get the ISO date.
pub fn format_date(ts: &Timestamp, language: Option<&str>) -> String {
    #[cfg(target_arch = "wasm32")]
    if !language.is_some_and(broadsheet_core::date::writes_long_date) {
        return intl::format_date(ts, language);
    }
    ts.long_date(language)
}
