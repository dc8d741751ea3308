//! Fuzzes the build step's WordPress export (WXR) reader: any bytes in an export file give the
//! site's own fields and its published posts, or an error, never a panic (a panic stops the
//! whole site's build). Each post read then goes on as an article. The reader takes a path, so
//! each input is written to one scratch file first.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use broadsheet_build::sources::wordpress;
use libfuzzer_sys::fuzz_target;
use support::Items;

mod support;

fuzz_target!(|data: &[u8]| {
    let path = scratch();
    std::fs::write(path, data).expect("the scratch file");
    let _ = wordpress::wxr_header(path);
    let mut items = Items::default();
    let _ = wordpress::read_wxr(path, "posts", &mut items);
    items.read_as_articles("https://site.example/posts/feed.json");
});

/// This process's scratch file.
fn scratch() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| std::env::temp_dir().join(format!("broadsheet-fuzz-wxr-{}.xml", std::process::id())))
}
