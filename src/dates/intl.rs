//! Dates with the browser's `Intl`, which knows every language, for those the core has no
//! table for.

use broadsheet_core::date::Timestamp;
use wasm_bindgen::prelude::*;

// In `src/browser.js`.
#[wasm_bindgen(module = "/src/browser.js")]
extern "C" {
    /// The calendar date `iso` (YYYY-MM-DD) written long by `Intl` in `language` (the
    /// browser's when none), or `iso` itself where `Intl` refuses the language.
    fn intl_date(iso: &str, language: Option<&str>) -> String;
}

/// The calendar date of `ts` as its author wrote it ("March 14, 2025", "14 mars 2025",
/// "2025年3月14日") in `language`, or in the browser's language when there is none; the
/// ISO date when `Intl` refuses. The date is the one in the timestamp's own offset, so a reader
/// in another time zone sees the same day as the publisher: midnight UTC of the author's
/// calendar day, formatted in UTC.
pub fn format_date(ts: &Timestamp, language: Option<&str>) -> String {
    intl_date(ts.iso_date(), language)
}
