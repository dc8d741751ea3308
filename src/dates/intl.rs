//! Dates with the browser's `Intl`, which knows every language, for those the core has no
//! table for.

use std::cell::RefCell;

use broadsheet_core::date::Timestamp;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `Intl.DateTimeFormat`, bound here with a constructor that reports a locale it rejects.
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    #[derive(Clone)]
    type DateFormat;

    #[wasm_bindgen(constructor, catch, js_namespace = Intl, js_class = DateTimeFormat)]
    fn new(locale: &JsValue, options: &Object) -> Result<DateFormat, JsValue>;

    /// `Intl.DateTimeFormat.prototype.format` for a time value (milliseconds since 1970).
    #[wasm_bindgen(method)]
    fn format(this: &DateFormat, time: f64) -> String;
}

thread_local! {
    /// One formatter per language (`""` for the browser's), as a page shows only a few:
    /// creating one costs about as much as formatting a few hundred dates. `None` records a
    /// language `Intl` rejected.
    static FORMATS: RefCell<Vec<(String, Option<DateFormat>)>> = const { RefCell::new(Vec::new()) };
}

fn formatter(language: Option<&str>) -> Option<DateFormat> {
    let key = language.unwrap_or_default();
    FORMATS.with_borrow_mut(|formats| {
        if let Some((_, known)) = formats.iter().find(|(k, _)| k == key) {
            return known.clone();
        }
        let created = {
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
            DateFormat::new(&locale, &options).ok()
        };
        formats.push((key.to_string(), created.clone()));
        created
    })
}

/// The calendar date of `ts` as its author wrote it ("March 14, 2025", "14 mars 2025",
/// "2025年3月14日") in `language`, or in the browser's language when there is none; the
/// ISO date when `Intl` refuses. The date is the one in the timestamp's own offset, so a reader in another
/// time zone sees the same day as the publisher.
pub fn format_date(ts: &Timestamp, language: Option<&str>) -> String {
    let iso_date = ts.iso_date();
    // Midnight UTC of the author's calendar day, formatted in UTC.
    let time = js_sys::Date::parse(&format!("{iso_date}T00:00:00Z"));
    match formatter(language) {
        Some(format) if time.is_finite() => format.format(time),
        // Intl refuses only a malformed locale, which validated tags are not.
        _ => iso_date.to_string(),
    }
}
