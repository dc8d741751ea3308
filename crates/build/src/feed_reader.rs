//! Reading a JSON Feed file a post at a time, so that a site of any size is never held in
//! memory whole: the feed's own fields in one pass that skips the items, then the items one by
//! one, each dropped once it has been handled.

use std::fmt;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::sources::SourceError;

/// A JSON object.
pub type Object = Map<String, Value>;

/// Opens `path` for the JSON parser, past a leading byte-order mark.
fn reader(path: &Path) -> Result<BufReader<File>, SourceError> {
    use std::io::{BufRead, Read};
    let failed = |e| SourceError::io(path, e);
    let file = File::open(path).map_err(failed)?;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let bom = reader
        .fill_buf()
        .map_err(failed)?
        .starts_with("\u{FEFF}".as_bytes());
    if bom {
        let mut skipped = [0u8; 3];
        reader.read_exact(&mut skipped).map_err(failed)?;
    }
    Ok(reader)
}

/// What a pass over the document does with it.
enum Pass<'a> {
    /// Keep the feed's own fields, skip `items`.
    Header,
    /// Skip the feed's own fields, hand each item object to the callback.
    Items(&'a mut dyn FnMut(Object)),
}

/// The feed's fields other than `items`: for a bare item (an object without `items`), the item
/// itself (its `id` tells the two apart).
pub fn read_header(path: &Path) -> Result<Object, SourceError> {
    let mut header = Object::new();
    run(path, Pass::Header, &mut header)?;
    Ok(header)
}

/// Calls `each` with every item object of the document in `path`, in order (a bare item is its
/// own only item). Entries of `items` that are not objects are skipped.
pub fn for_each_item(path: &Path, mut each: impl FnMut(Object)) -> Result<(), SourceError> {
    let mut header = Object::new();
    let mut saw_items = false;
    {
        let mut counting = |item: Object| {
            saw_items = true;
            each(item);
        };
        run(path, Pass::Items(&mut counting), &mut header)?;
    }
    if !saw_items && header.contains_key("id") {
        each(header);
    }
    Ok(())
}

/// Calls `each` with every object of the JSON array in `path` (WordPress's REST API answers
/// with one), in order, one at a time.
pub fn for_each_in_array(path: &Path, mut each: impl FnMut(Object)) -> Result<(), SourceError> {
    let mut parser = serde_json::Deserializer::from_reader(reader(path)?);
    let result = ItemsSeed(&mut each)
        .deserialize(&mut parser)
        .and_then(|()| parser.end());
    result.map_err(|e| SourceError::invalid(path, format!("not a JSON array of posts: {e}")))
}

fn run(path: &Path, pass: Pass<'_>, header: &mut Object) -> Result<(), SourceError> {
    let mut parser = serde_json::Deserializer::from_reader(reader(path)?);
    let result = parser
        .deserialize_map(DocumentVisitor { pass, header })
        .and_then(|()| parser.end());
    result.map_err(|e| SourceError::invalid(path, format!("not a JSON Feed: {e}")))
}

struct DocumentVisitor<'a, 'b> {
    pass: Pass<'a>,
    header: &'b mut Object,
}

impl<'de> Visitor<'de> for DocumentVisitor<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON Feed object")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match (&mut self.pass, key.as_str()) {
                (Pass::Header, "items") => {
                    map.next_value::<IgnoredAny>()?;
                    // An `items` that is present marks a feed, whatever else it holds.
                    self.header.insert("items".into(), Value::Array(Vec::new()));
                }
                (Pass::Items(each), "items") => map.next_value_seed(ItemsSeed(&mut **each))?,
                (Pass::Header, _) => {
                    let value: Value = map.next_value()?;
                    self.header.insert(key, value);
                }
                // A bare item is kept whole, to be its own only item.
                (Pass::Items(_), _) => {
                    let value: Value = map.next_value()?;
                    self.header.insert(key, value);
                }
            }
        }
        Ok(())
    }
}

/// The `items` array, handed over an element at a time.
struct ItemsSeed<'a>(&'a mut dyn FnMut(Object));

impl<'de> DeserializeSeed<'de> for ItemsSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ItemsSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of items")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(value) = seq.next_element::<Value>()? {
            if let Value::Object(item) = value {
                (self.0)(item);
            }
        }
        Ok(())
    }

    // `items` of another type holds no item.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file holding `text`, its name ending in `name`, removed when the test ends.
    fn file(name: &str, text: &str) -> tempfile::NamedTempFile {
        let file = tempfile::Builder::new()
            .prefix("broadsheet-feed-reader-")
            .suffix(name)
            .tempfile()
            .expect("temp file");
        std::fs::write(file.path(), text).expect("write");
        file
    }

    fn ids(path: &Path) -> Vec<String> {
        let mut out = Vec::new();
        for_each_item(path, |item| out.push(item["id"].to_string())).expect("read");
        out
    }

    #[test]
    fn items_come_one_by_one_and_the_header_wherever_its_fields_are() {
        // Feed fields after `items` (as a sorted-key writer puts them) count too.
        let path = file(
            "feed.json",
            "\u{FEFF}{\"items\": [{\"id\": 1}, 7, {\"id\": \"b\"}], \"title\": \"Site\", \"language\": \"fr\"}",
        );
        assert_eq!(ids(path.path()), ["1", "\"b\""]);
        let header = read_header(path.path()).expect("header");
        assert_eq!(header["title"], "Site");
        assert_eq!(header["language"], "fr");
        assert!(header.contains_key("items"));
    }

    #[test]
    fn a_bare_item_is_its_own_only_item() {
        let path = file("item.json", r#"{"id": "solo", "content_text": "x"}"#);
        assert_eq!(ids(path.path()), ["\"solo\""]);
        let path = file("odd.json", r#"{"title": "x", "items": "none"}"#);
        assert!(ids(path.path()).is_empty());
    }

    #[test]
    fn malformed_json_names_the_file() {
        let path = file("bad.json", r#"{"items": [{"id": 1},"#);
        let error = for_each_item(path.path(), |_| {}).expect_err("truncated");
        assert!(error.to_string().contains("bad.json"), "{error}");
        assert!(read_header(file("list.json", "[1, 2]").path()).is_err());
    }
}
