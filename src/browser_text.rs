//! What the browser already knows about text, lent to the core so the wasm need not carry it:
//! the HTML standard's named character references (its HTML parser), Unicode's grapheme
//! clusters (`Intl.Segmenter`) and lower case (`toLowerCase`). Natively the core has its own
//! tables; tests compare the two.

use std::cell::RefCell;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Lends the browser's knowledge to the core; idempotent.
pub fn install() {
    broadsheet_core::html::use_named_lookup(named_reference);
    broadsheet_core::text::use_grapheme_boundaries(grapheme_boundaries);
    broadsheet_core::text::use_lowercase(|s| js_sys::JsString::from(s).to_lower_case().into());
}

/// A named character reference (`"alpha;"`) as the browser's HTML parser reads it, in an
/// attribute of an inert template, where a legacy name followed by more letters (`&notit;`)
/// is no reference: a value different from the input is the whole name's text. Cached: a page
/// has few names.
fn named_reference(name: &str) -> Option<String> {
    thread_local! {
        static KNOWN: RefCell<Vec<(String, Option<String>)>> = const { RefCell::new(Vec::new()) };
    }
    if let Some(known) =
        KNOWN.with_borrow(|k| k.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()))
    {
        return known;
    }
    // The core asks only for letters and digits followed by `;`: nothing here is markup.
    let safe = name
        .strip_suffix(';')
        .is_some_and(|n| n.bytes().all(|b| b.is_ascii_alphanumeric()));
    let found = safe
        .then(|| {
            let document = web_sys::window()?.document()?;
            let template: web_sys::HtmlTemplateElement =
                document.create_element("template").ok()?.dyn_into().ok()?;
            template.set_inner_html(&format!("<i title=\"&{name}\"></i>"));
            let value = template
                .content()
                .first_element_child()?
                .get_attribute("title")?;
            (value != format!("&{name}")).then_some(value)
        })
        .flatten();
    KNOWN.with_borrow_mut(|k| {
        if k.len() < 512 {
            k.push((name.to_string(), found.clone()));
        }
    });
    found
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
