//! What the browser already knows about text, lent to the core so the wasm need not carry it:
//! Unicode's grapheme clusters (`Intl.Segmenter`) and lower case (`toLowerCase`). Natively the
//! core has its own tables; tests compare the two. (The browser's HTML parser is lent another
//! way: `browser_html.rs`.)

use std::cell::RefCell;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Lends the browser's knowledge to the core; idempotent.
pub fn install() {
    broadsheet_core::text::use_grapheme_boundaries(grapheme_boundaries);
    broadsheet_core::text::use_lowercase(|s| js_sys::JsString::from(s).to_lower_case().into());
}

/// The byte offsets where grapheme clusters of `s` start after the first, from
/// `Intl.Segmenter`; every character is a cluster where it is missing.
fn grapheme_boundaries(s: &str) -> Vec<usize> {
    thread_local! {
        static SEGMENTER: RefCell<Option<JsValue>> = const { RefCell::new(None) };
    }
    let by_char = || {
        s.char_indices()
            .skip(1)
            .map(|(i, _)| i)
            .collect::<Vec<usize>>()
    };
    let segmenter = SEGMENTER.with_borrow_mut(|cached| {
        if cached.is_none() {
            let constructor = Reflect::get(&js_sys::global(), &"Intl".into())
                .and_then(|intl| Reflect::get(&intl, &"Segmenter".into()))
                .ok()
                .and_then(|c| c.dyn_into::<Function>().ok())?;
            let options = Object::new();
            Reflect::set(&options, &"granularity".into(), &"grapheme".into()).ok()?;
            let arguments = Array::of2(&JsValue::UNDEFINED, &options);
            *cached = Reflect::construct(&constructor, &arguments).ok();
        }
        cached.clone()
    });
    let Some(segmenter) = segmenter else {
        return by_char();
    };
    let segments = Reflect::get(&segmenter, &"segment".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .and_then(|segment| segment.call1(&segmenter, &JsValue::from_str(s)).ok());
    let Some(Ok(Some(iterator))) = segments.map(|s| js_sys::try_iter(&s)) else {
        return by_char();
    };
    // The segmenter counts in UTF-16 code units; the core wants byte offsets.
    let starts: Vec<usize> = iterator
        .filter_map(|item| item.ok())
        .filter_map(|item| Reflect::get(&item, &"index".into()).ok()?.as_f64())
        .map(|index| index as usize)
        .collect();
    let mut out = Vec::with_capacity(starts.len());
    let mut utf16 = 0;
    let mut starts = starts.into_iter().peekable();
    for (byte, c) in s.char_indices() {
        while starts.peek().is_some_and(|&i| i < utf16) {
            starts.next();
        }
        if starts.peek() == Some(&utf16) && byte > 0 {
            out.push(byte);
        }
        utf16 += c.len_utf16();
    }
    out
}
