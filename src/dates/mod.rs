//! Dates written for the article's language: in the browser by `Intl`, which knows every
//! language; natively by [`Timestamp::long_date`], which writes the same text for the
//! interface's six languages (a browser test compares the two).

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
