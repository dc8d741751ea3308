//! JSON parsed by the browser's own `JSON.parse`, and read by the model where it lies: the
//! objects `JSON.parse` made are the model's [`JsonValue`]s, read field by field through
//! `Reflect`. The wasm then carries no JSON parser, no decimal-to-float tables, and no copy of
//! the document as serde_json values; the native build step reads the same documents with
//! serde_json, through the same model code.

use broadsheet_core::json_in::{JsonObject, JsonValue};
use broadsheet_core::model::ModelError;
use js_sys::{Array, ArrayIntoIter, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};

/// A value of a document `JSON.parse` made.
#[derive(Clone)]
pub struct Json(JsValue);

/// Parses `text` (a leading byte-order mark allowed) with `JSON.parse`.
pub fn parse(text: &str) -> Result<Json, ModelError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    JSON::parse(text).map(Json).map_err(|e| {
        let why = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "not JSON".into());
        ModelError::NotJson(why)
    })
}

/// Largest whole number a double holds exactly: `JSON.parse` reads every number as one.
const SAFE: f64 = 9_007_199_254_740_991.0;

impl Json {
    /// The number, if this is a whole one that a double holds exactly.
    fn whole(&self) -> Option<f64> {
        self.0
            .as_f64()
            .filter(|x| x.fract() == 0.0 && x.abs() <= SAFE)
    }
}

impl JsonValue for Json {
    type Object = Json;
    type Elements = std::iter::Map<ArrayIntoIter, fn(JsValue) -> Json>;

    // An array passes too: it has none of the members the model reads, so it comes to the
    // same as serde_json's answer for one, no object.
    fn into_object(self) -> Option<Json> {
        self.0.is_object().then_some(self)
    }

    fn into_elements(self) -> Option<Self::Elements> {
        let array: Array = Array::is_array(&self.0).then(|| self.0.unchecked_into())?;
        Some(array.into_iter().map(Json as fn(JsValue) -> Json))
    }

    fn into_string(self) -> Option<String> {
        self.0.as_string()
    }

    fn as_u64(&self) -> Option<u64> {
        self.whole().filter(|x| *x >= 0.0).map(|x| x as u64)
    }

    fn as_i64(&self) -> Option<i64> {
        self.whole().map(|x| x as i64)
    }

    fn as_f64(&self) -> Option<f64> {
        self.0.as_f64()
    }
}

impl JsonObject for Json {
    type Value = Json;

    // Only ever called on an object (`into_object`), with the model's own field names, none of
    // which an object inherits.
    fn get(&self, key: &str) -> Option<Json> {
        Reflect::get(&self.0, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined())
            .map(Json)
    }
}
