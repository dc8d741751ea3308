//! JSON written directly as text: strings, whole numbers, `null`, objects and arrays, which is
//! all the component writes (the article's JSON-LD, the ranking module's request).
//!
//! Deliberately not serde_json's serializer: in the wasm it brings its formatter, a float
//! printer and the `Value` walk, 4.4 kB brotli of the first load, for two small documents
//! of text. serde_json still reads every document, natively and in the tests that check this
//! writer's output.
//!
//! `<`, `>` and `&` are written as `\u003c`, `\u003e` and `\u0026`, so the text is safe inside an
//! HTML `<script>` element as it is.

/// A JSON document being written. Values are appended in order; the writer puts in the commas.
#[derive(Debug, Default)]
pub struct JsonOut {
    text: String,
    /// Whether the next value or key follows another in the same object or array.
    after_value: bool,
}

impl JsonOut {
    /// An empty document.
    pub fn new() -> Self {
        Self::default()
    }

    fn separate(&mut self) {
        if self.after_value {
            self.text.push(',');
        }
        self.after_value = false;
    }

    /// Starts an object member: the next value written is the value of `name`.
    pub fn key(&mut self, name: &str) -> &mut Self {
        self.separate();
        self.quoted(name);
        self.text.push(':');
        self
    }

    /// Writes `{`.
    pub fn open_object(&mut self) -> &mut Self {
        self.open('{')
    }

    /// Writes `}`.
    pub fn close_object(&mut self) -> &mut Self {
        self.close('}')
    }

    /// Writes `[`.
    pub fn open_array(&mut self) -> &mut Self {
        self.open('[')
    }

    /// Writes `]`.
    pub fn close_array(&mut self) -> &mut Self {
        self.close(']')
    }

    /// Writes a string.
    pub fn string(&mut self, value: &str) -> &mut Self {
        self.separate();
        self.quoted(value);
        self.after_value = true;
        self
    }

    /// Writes a string, or `null` for `None`.
    pub fn string_or_null(&mut self, value: Option<&str>) -> &mut Self {
        match value {
            Some(value) => self.string(value),
            None => self.bare("null"),
        }
    }

    /// Writes a whole number.
    pub fn uint(&mut self, value: u64) -> &mut Self {
        self.bare(&value.to_string())
    }

    fn open(&mut self, bracket: char) -> &mut Self {
        self.separate();
        self.text.push(bracket);
        self
    }

    fn close(&mut self, bracket: char) -> &mut Self {
        self.text.push(bracket);
        self.after_value = true;
        self
    }

    /// Writes a value that needs no quoting.
    fn bare(&mut self, value: &str) -> &mut Self {
        self.separate();
        self.text.push_str(value);
        self.after_value = true;
        self
    }

    /// The document written.
    pub fn finish(self) -> String {
        self.text
    }

    fn quoted(&mut self, value: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.text.push('"');
        for c in value.chars() {
            match c {
                '"' => self.text.push_str("\\\""),
                '\\' => self.text.push_str("\\\\"),
                '\n' => self.text.push_str("\\n"),
                '\r' => self.text.push_str("\\r"),
                '\t' => self.text.push_str("\\t"),
                '\u{0}'..='\u{1f}' | '<' | '>' | '&' => {
                    let b = c as usize;
                    self.text.push_str("\\u00");
                    self.text.push(HEX[b >> 4] as char);
                    self.text.push(HEX[b & 15] as char);
                }
                c => self.text.push(c),
            }
        }
        self.text.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    #[test]
    fn writes_what_serde_json_reads_back() {
        let strange =
            "quote \" backslash \\ / tab\t nl\n cr\r nul\u{0} bell\u{7} us\u{1f} del\u{7f} \
                       </script><!-- & é 日本 🚀 \u{2028}\u{2029}";
        let mut out = JsonOut::new();
        out.open_object();
        out.key("s").string(strange);
        out.key("n").uint(u64::MAX);
        out.key("zero").uint(0);
        out.key("none").string_or_null(None);
        out.key("some").string_or_null(Some(""));
        out.key("list").open_array();
        out.string("a").uint(2).open_object().close_object();
        out.open_array().close_array();
        out.open_object()
            .key("k")
            .string("v")
            .key("j")
            .uint(1)
            .close_object();
        out.close_array();
        out.key("empty").open_object().close_object();
        out.close_object();
        let text = out.finish();
        let read: Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(
            read,
            json!({
                "s": strange, "n": u64::MAX, "zero": 0, "none": null, "some": "",
                "list": ["a", 2, {}, [], {"k": "v", "j": 1}], "empty": {}
            })
        );
        for c in ['<', '>', '&', '\n', '\u{0}'] {
            assert!(!text.contains(c), "{c:?} written raw in {text}");
        }
    }

    #[test]
    fn a_bare_value_is_a_document() {
        let mut out = JsonOut::new();
        out.string("x");
        assert_eq!(out.finish(), "\"x\"");
    }
}
