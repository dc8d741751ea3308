//! Fuzzes the build step's RSS and Atom reader: any bytes in a feed file (any encoding it
//! declares, any markup) give the feed's own fields and its items, or an error, never a panic
//! (a panic stops the whole site's build). Each item read then goes on as an article. The
//! reader takes a path, so each input is written to one scratch file first.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use broadsheet_build::sources::{xml_feed, Notice, Sink, SourceItem};
use broadsheet_core::model::article_from_value;
use broadsheet_core::safe_url::SafeUrl;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let path = scratch();
    std::fs::write(path, data).expect("the scratch file");
    let _ = xml_feed::header(path);
    let mut items = Items::default();
    let _ = xml_feed::read(path, "posts", &mut items);
    let base = SafeUrl::parse_absolute("https://site.example/posts/feed.json");
    for item in items.0 {
        let _ = article_from_value(&Value::Object(item.item), base.as_ref());
    }
});

/// This process's scratch file.
fn scratch() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| std::env::temp_dir().join(format!("broadsheet-fuzz-feed-{}.xml", std::process::id())))
}

/// The items read.
#[derive(Default)]
struct Items(Vec<SourceItem>);

impl Sink for Items {
    fn item(&mut self, item: SourceItem) {
        self.0.push(item);
    }
    fn skip(&mut self, _: Notice) {}
    fn warn(&mut self, _: Notice) {}
}
