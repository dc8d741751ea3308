//! Dates written for the article's language with the browser's `Intl`.

use js_sys::{JsString, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::date::Timestamp;

#[wasm_bindgen]
extern "C" {
    /// The JavaScript `Date`, bound here for a `toLocaleDateString` that reports exceptions.
    #[wasm_bindgen(js_name = Date)]
    type CheckedDate;

    #[wasm_bindgen(constructor, js_class = Date)]
    fn new(value: &JsValue) -> CheckedDate;

    /// `Date.prototype.toLocaleDateString`, which throws on a locale `Intl` rejects.
    #[wasm_bindgen(method, catch, js_class = Date, js_name = toLocaleDateString)]
    fn to_locale_date_string_checked(
        this: &CheckedDate,
        locale: &JsValue,
        options: &JsValue,
    ) -> Result<JsString, JsValue>;
}

/// The calendar date of `ts` as its author wrote it ("14 March 2025", "14 mars 2025",
/// "2025年3月14日") in `language`, or in the browser's language when there is none; the ISO date
/// if `Intl` refuses. The date is the one in the timestamp's own offset, so a reader in another
/// time zone sees the same day as the publisher.
pub fn format_date(ts: &Timestamp, language: Option<&str>) -> String {
    let iso_date: String = ts.as_str().chars().take(10).collect();
    // Midnight UTC of the author's calendar day, formatted in UTC.
    let date = CheckedDate::new(&JsValue::from_str(&format!("{iso_date}T00:00:00Z")));
    let options = Object::new();
    for (key, value) in [
        ("year", "numeric"),
        ("month", "long"),
        ("day", "numeric"),
        ("timeZone", "UTC"),
    ] {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&options, &key.into(), &value.into());
    }
    let locale = language.map_or(JsValue::UNDEFINED, JsValue::from_str);
    date.to_locale_date_string_checked(&locale, &options)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or(iso_date)
}
