//! The build step's output, file for file, against a committed manifest: the sample site as
//! `scripts/sample-site` builds it, the sample posts as one feed of a site with a base URL, and
//! vendored real sources (a WordPress export, a Hugo site's RSS, Hugo Markdown). A change that
//! alters any byte of any output file fails here, naming the files; a change meant to alter
//! them updates the manifests with `BROADSHEET_BLESS=1 cargo test -p broadsheet-build --test
//! output_unchanged`, and the diff of `tests/golden/` shows what moved.

use std::path::{Path, PathBuf};

use broadsheet_build::site::{build_site, BuildSettings, Input, Mode, SiteOverrides};
use broadsheet_build::sources::Format;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn golden(name: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden")).join(format!("{name}.txt"))
}

fn quiet(_: &str, _: usize, _: usize) {}

/// 64-bit FNV-1a of `bytes`: enough to tell two versions of a file apart.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// One line per file under `dir`, sorted: its size, its hash and its path.
fn manifest(dir: &Path) -> String {
    let mut lines = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read");
                let name = path.strip_prefix(dir).expect("inside").to_string_lossy();
                let line = format!("{:>8} {:016x} {name}", bytes.len(), fnv(&bytes));
                lines.push((name.into_owned(), line));
            }
        }
    }
    lines.sort();
    let lines: Vec<String> = lines.into_iter().map(|(_, line)| line).collect();
    lines.join("\n") + "\n"
}

/// Compares the output in `out` with the manifest `name`, or writes it when blessing.
fn check(name: &str, out: &Path) {
    let now = manifest(out);
    let path = golden(name);
    if std::env::var_os("BROADSHEET_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().expect("folder")).expect("golden folder");
        std::fs::write(&path, &now).expect("write the manifest");
        return;
    }
    let before = std::fs::read_to_string(&path).unwrap_or_default();
    if before == now {
        return;
    }
    let lines = |text: &str| -> Vec<String> { text.lines().map(str::to_string).collect() };
    let (before, now) = (lines(&before), lines(&now));
    let gone: Vec<&String> = before.iter().filter(|l| !now.contains(l)).collect();
    let new: Vec<&String> = now.iter().filter(|l| !before.contains(l)).collect();
    panic!(
        "the build's output of {name} changed (BROADSHEET_BLESS=1 to accept)\nbefore:\n{}\nnow:\n{}",
        gone.iter().map(|l| l.as_str()).collect::<Vec<_>>().join("\n"),
        new.iter().map(|l| l.as_str()).collect::<Vec<_>>().join("\n")
    );
}

fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("broadsheet-golden-{name}-"))
        .tempdir()
        .expect("scratch folder")
}

fn sample_posts() -> Vec<PathBuf> {
    let mut posts: Vec<PathBuf> = std::fs::read_dir(root().join("sample/posts"))
        .expect("sample/posts")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    posts.sort();
    posts
}

fn build(inputs: &[Input], out: &Path, overrides: &SiteOverrides) {
    build_site(
        inputs,
        out,
        Mode::Site,
        &BuildSettings::default(),
        overrides,
        &quiet,
    )
    .expect("the site builds");
}

#[test]
fn the_sample_site() {
    let folder = scratch("sample");
    let inputs: Vec<Input> = sample_posts()
        .into_iter()
        .map(|path| Input {
            path,
            format: Format::JsonFeed,
            base: "posts".into(),
        })
        .collect();
    build(&inputs, folder.path(), &SiteOverrides::default());
    check("sample-site", folder.path());
}

#[test]
fn the_sample_posts_as_one_feed_with_a_base_url() {
    let folder = scratch("feed");
    let items: Vec<Value> = sample_posts()
        .iter()
        .map(|p| {
            let doc: Value =
                serde_json::from_str(&std::fs::read_to_string(p).expect("read")).expect("JSON");
            doc["items"][0].clone()
        })
        .collect();
    let feed = folder.path().join("feed.in.json");
    let doc = serde_json::json!({"version": "https://jsonfeed.org/version/1.1",
        "title": "Sample", "language": "en", "items": items});
    std::fs::write(&feed, doc.to_string()).expect("write");
    let overrides = SiteOverrides {
        base_url: Some("https://news.example/blog".into()),
        default_image: Some("images/default.png".into()),
        ..SiteOverrides::default()
    };
    let out = folder.path().join("site");
    let input = Input::detect(feed, String::new()).expect("a feed");
    build(&[input], &out, &overrides);
    check("sample-feed", &out);
}

#[test]
fn vendored_sources() {
    let sources = root().join("tests/data/sources");
    for (name, path) in [
        ("wordpress-wxr", "wordpress/jekyll-import-export.xml"),
        ("wordpress-rest", "wordpress/frontity-posts.json"),
        ("hugo-rss", "hugo-vanilla/index.xml"),
        ("rss-spiegel", "feeds/rss_2.0_spiegel.xml"),
        ("atom", "feeds/atom_example_1.xml"),
        ("hugo-markdown", "hugo-papermod"),
        ("zola-markdown", "zola-deepthought"),
    ] {
        let folder = scratch(name);
        let input = Input::detect(sources.join(path), String::new()).expect("a format");
        build(&[input], folder.path(), &SiteOverrides::default());
        check(name, folder.path());
    }
}
