//! Fuzzes the build step's reading of a whole Markdown post file: front matter (YAML between
//! `---` lines or TOML between `+++` lines: titles, dates, tags, authors, Zola's taxonomies and
//! extra), Hugo shortcodes and Liquid tags, GitHub-flavoured Markdown, and the images and links
//! it refers to beside it. No input may panic (a panic stops the whole site's build), and a
//! post read goes on as an article. The reader takes a path, so each input is written to one
//! scratch file in a scratch folder first.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use broadsheet_build::sources::markdown::read_post;
use broadsheet_build::sources::{Notice, Sink, SourceItem};
use broadsheet_core::model::article_from_value;
use broadsheet_core::safe_url::SafeUrl;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let (root, canonical_root, path) = scratch();
    std::fs::write(path, data).expect("the scratch file");
    let mut items = Items::default();
    read_post(root, canonical_root, path, &mut items);
    let base = SafeUrl::parse_absolute("https://site.example/posts/2025/a-post.json");
    for item in items.0 {
        let _ = article_from_value(&Value::Object(item.item), base.as_ref());
    }
});

/// This process's scratch folder, where it really is, and the post's file in it.
fn scratch() -> &'static (PathBuf, PathBuf, PathBuf) {
    static PATHS: OnceLock<(PathBuf, PathBuf, PathBuf)> = OnceLock::new();
    PATHS.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("broadsheet-fuzz-post-{}", std::process::id()));
        let folder = root.join("posts/2025");
        std::fs::create_dir_all(&folder).expect("the scratch folder");
        std::fs::write(folder.join("chart.png"), b"\x89PNG\r\n\x1a\n").expect("an image beside the post");
        let canonical_root = root.canonicalize().expect("the scratch folder");
        (root, canonical_root, folder.join("2025-01-02-a-post.md"))
    })
}

/// The posts read.
#[derive(Default)]
struct Items(Vec<SourceItem>);

impl Sink for Items {
    fn item(&mut self, item: SourceItem) {
        self.0.push(item);
    }
    fn skip(&mut self, _: Notice) {}
    fn warn(&mut self, _: Notice) {}
}
