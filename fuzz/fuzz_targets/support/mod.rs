//! What the fuzz targets of the build step's readers share: a sink that keeps the items a reader
//! gives, each then read on as an article, as the build step reads it.

use broadsheet_build::sources::{Notice, Sink, SourceItem};
use broadsheet_core::model::article_from_value;
use broadsheet_core::safe_url::SafeUrl;
use serde_json::Value;

/// The items a reader gave.
#[derive(Default)]
pub struct Items(pub Vec<SourceItem>);

impl Sink for Items {
    fn item(&mut self, item: SourceItem) {
        self.0.push(item);
    }
    fn skip(&mut self, _: Notice) {}
    fn warn(&mut self, _: Notice) {}
}

impl Items {
    /// Reads each item on as an article at `base`: no item may panic there either.
    pub fn read_as_articles(self, base: &str) {
        let base = SafeUrl::parse_absolute(base);
        for item in self.0 {
            let _ = article_from_value(&Value::Object(item.item), base.as_ref());
        }
    }
}
