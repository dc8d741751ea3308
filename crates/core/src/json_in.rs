//! Reading JSON: the two traits the model reads a document through, and their implementation
//! for serde_json's values.
//!
//! Natively (the build step, the ranking module) documents are parsed by serde_json. The
//! browser component reads the objects of its own `JSON.parse` through the same traits
//! (`src/json.rs`), so its wasm carries neither a JSON parser nor a copy of the document as
//! serde_json values, and the model's reading of a field is the same code on both sides.

use serde_json::{Map, Value};

/// A JSON value: what the model asks of one. Methods take the value by value: it is a
/// reference or a handle, cheap to copy or clone.
pub trait JsonValue: Sized + Clone {
    /// An object of the same document.
    type Object: JsonObject<Value = Self>;
    /// The elements of an array of the same document.
    type Elements: Iterator<Item = Self>;
    /// The object, if this is one (not an array, not `null`).
    fn into_object(self) -> Option<Self::Object>;
    /// The elements, if this is an array.
    fn into_elements(self) -> Option<Self::Elements>;
    /// The string, if this is one.
    fn into_string(self) -> Option<String>;
    /// The number, if this is a whole one from 0 to `u64::MAX`.
    fn as_u64(&self) -> Option<u64>;
    /// The number, if this is a whole one from `i64::MIN` to `i64::MAX`.
    fn as_i64(&self) -> Option<i64>;
    /// The number, if this is one.
    fn as_f64(&self) -> Option<f64>;
}

/// A JSON object (a reference or a handle, cheap to clone).
pub trait JsonObject: Sized + Clone {
    /// The values of the same document.
    type Value: JsonValue<Object = Self>;
    /// The member `key`, `null` included; `None` when there is none.
    fn get(&self, key: &str) -> Option<Self::Value>;
}

impl<'a> JsonValue for &'a Value {
    type Object = &'a Map<String, Value>;
    type Elements = std::slice::Iter<'a, Value>;

    fn into_object(self) -> Option<Self::Object> {
        self.as_object()
    }

    fn into_elements(self) -> Option<Self::Elements> {
        self.as_array().map(|a| a.iter())
    }

    fn into_string(self) -> Option<String> {
        self.as_str().map(str::to_string)
    }

    fn as_u64(&self) -> Option<u64> {
        Value::as_u64(self)
    }

    fn as_i64(&self) -> Option<i64> {
        Value::as_i64(self)
    }

    fn as_f64(&self) -> Option<f64> {
        Value::as_f64(self)
    }
}

impl<'a> JsonObject for &'a Map<String, Value> {
    type Value = &'a Value;

    fn get(&self, key: &str) -> Option<Self::Value> {
        Map::get(self, key)
    }
}
