//! JSON parsed by the browser's own `JSON.parse`, as the `serde_json::Value` the model reads:
//! the wasm then carries no JSON parser and no decimal-to-float tables (about 9 kB brotli), and
//! the native build step keeps serde_json for the same documents. Nesting is limited as
//! serde_json limits it, so a hostile document cannot exhaust the stack.

use broadsheet_core::model::ModelError;
use js_sys::{Array, JsString, Object, Reflect, JSON};
use serde_json::{Map, Number, Value};
use wasm_bindgen::{JsCast, JsValue};

/// Deepest nesting accepted (serde_json's own limit).
const MAX_DEPTH: usize = 128;

/// Parses `text` (a leading byte-order mark allowed) with `JSON.parse`.
pub fn parse(text: &str) -> Result<Value, ModelError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let parsed = JSON::parse(text).map_err(|e| {
        let why = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "not JSON".into());
        ModelError::NotJson(why)
    })?;
    convert(&parsed, 0)
}

fn convert(value: &JsValue, depth: usize) -> Result<Value, ModelError> {
    if depth > MAX_DEPTH {
        return Err(ModelError::NotJson("nested too deeply".into()));
    }
    if value.is_null() || value.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(b) = value.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(x) = value.as_f64() {
        return Ok(Value::Number(number(x)));
    }
    if let Some(s) = value.as_string() {
        return Ok(Value::String(s));
    }
    if Array::is_array(value) {
        let array: &Array = value.unchecked_ref();
        return array.iter().map(|v| convert(&v, depth + 1)).collect();
    }
    let object: &Object = value.unchecked_ref();
    let mut map = Map::new();
    for key in Object::keys(object).iter() {
        let field = Reflect::get(object, &key).unwrap_or(JsValue::NULL);
        let name = key
            .dyn_ref::<JsString>()
            .map(String::from)
            .unwrap_or_default();
        map.insert(name, convert(&field, depth + 1)?);
    }
    Ok(Value::Object(map))
}

/// A JSON number as serde_json holds it: integers as integers (so `as_u64` reads them), others
/// as floats. `JSON.parse` never gives NaN or infinities.
fn number(x: f64) -> Number {
    const SAFE: f64 = 9_007_199_254_740_991.0;
    if x.fract() == 0.0 && x.abs() <= SAFE {
        if x >= 0.0 {
            return Number::from(x as u64);
        }
        return Number::from(x as i64);
    }
    Number::from_f64(x).unwrap_or_else(|| Number::from(0))
}
