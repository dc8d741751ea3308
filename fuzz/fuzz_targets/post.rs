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
use libfuzzer_sys::fuzz_target;
use support::Items;

mod support;

fuzz_target!(|data: &[u8]| {
    let (root, canonical_root, path) = scratch();
    std::fs::write(path, data).expect("the scratch file");
    let mut items = Items::default();
    read_post(root, canonical_root, path, &mut items);
    items.read_as_articles("https://site.example/posts/2025/a-post.json");
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
