//! The site's own feeds, sitemap and robots.txt, built from the vendored real sources with a
//! base URL and read back by independent readers: `feed-rs` for RSS, Atom and JSON Feed,
//! quick-xml for the sitemap. Each feed lists every post (no limit) with its title, date and
//! whole body, its URLs absolute; the sitemap lists every page written.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use broadsheet_build::site::feeds::{FeedPath, FeedSettings};
use broadsheet_build::site::{build_site, BuildSettings, Input, Mode, Report, SiteOverrides};
use broadsheet_core::html::tokenizer::{Token, Tokenizer};
use broadsheet_core::safe_url::{SafeUrl, UrlUse};
use chrono::{DateTime, Utc};
use quick_xml::events::Event;
use serde_json::Value;

const BASE: &str = "https://news.example/blog/";

fn sources() -> PathBuf {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/sources"
    ))
    .to_path_buf()
}

/// The vendored sources: a WordPress export, a Hugo site's RSS, an Atom feed, Hugo and Zola
/// Markdown.
const SOURCES: [&str; 5] = [
    "wordpress/jekyll-import-export.xml",
    "hugo-vanilla/index.xml",
    "feeds/atom_example_1.xml",
    "hugo-papermod",
    "zola-deepthought",
];

fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("broadsheet-feeds-{name}-"))
        .tempdir()
        .expect("scratch folder")
}

fn build(source: &str, out: &Path, base: Option<&str>, feeds: FeedSettings) -> Report {
    let input = Input::detect(sources().join(source), String::new()).expect("a format");
    let settings = BuildSettings {
        feeds,
        ..BuildSettings::default()
    };
    let overrides = SiteOverrides {
        base_url: base.map(str::to_string),
        ..SiteOverrides::default()
    };
    build_site(
        &[input],
        out,
        Mode::Site,
        &settings,
        &overrides,
        &|_, _, _| {},
    )
    .expect("the site builds")
}

fn every_post() -> FeedSettings {
    FeedSettings {
        limit: 0,
        ..FeedSettings::default()
    }
}

/// Every file under `dir` named `name`, relative to it.
fn files_named(dir: &Path, name: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n == name) {
                let relative = path.strip_prefix(dir).expect("inside");
                found.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    found
}

/// A post as its article JSON has it.
struct Post {
    /// Its folder's address: its relative URLs resolve against it, and its page is there.
    folder: String,
    id: String,
    title: Option<String>,
    html: String,
    published: Option<DateTime<Utc>>,
    tags: Vec<String>,
}

fn date(value: &Value) -> Option<DateTime<Utc>> {
    let text = value.as_str()?;
    DateTime::parse_from_rfc3339(text)
        .map(|d| d.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            let day = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
            Some(day.and_hms_opt(0, 0, 0)?.and_utc())
        })
}

fn posts(out: &Path) -> Vec<Post> {
    files_named(out, "article.json")
        .into_iter()
        .map(|file| {
            let text = std::fs::read_to_string(out.join(&file)).expect("article");
            let doc: Value = serde_json::from_str(&text).expect("JSON");
            let item = &doc["items"][0];
            let dir = file.strip_suffix("article.json").expect("name");
            Post {
                folder: format!("{BASE}{dir}"),
                id: item["id"].as_str().expect("id").to_string(),
                title: item["title"].as_str().map(str::to_string),
                html: item["content_html"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                published: date(&item["date_published"]),
                tags: item["tags"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|t| t.as_str().map(str::to_string))
                    .collect(),
            }
        })
        .collect()
}

fn read_feed(path: &Path) -> feed_rs::model::Feed {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    feed_rs::parser::parse(&bytes[..]).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Whether `value` of the attribute `attr` is a URL attribute's value.
fn is_url_attr(attr: &str) -> bool {
    matches!(attr, "href" | "src" | "cite" | "srcset")
}

/// `url` of the body of the post in `folder` (its page), made absolute.
fn resolved(url: &str, folder: &str) -> String {
    let folder = SafeUrl::parse_absolute(folder).expect("folder URL");
    if url.starts_with('#') {
        return format!("{}{url}", folder.as_str());
    }
    SafeUrl::parse(url, Some(&folder), UrlUse::Resource)
        .map(|u| u.as_str().to_string())
        .unwrap_or_else(|| url.to_string())
}

/// Checks that `feed_body` is the article's body `article` with every URL made absolute
/// against `folder`, token for token.
fn assert_same_body(feed_body: &str, article: &str, folder: &str, at: &str) {
    // Readers may trim the white space around a body.
    let tokens = |html: &str| Tokenizer::new(html.trim()).collect::<Vec<Token>>();
    let (feed, ours) = (tokens(feed_body), tokens(article));
    assert_eq!(feed.len(), ours.len(), "{at}: not the whole body");
    for (f, o) in feed.iter().zip(&ours) {
        match (f, o) {
            (
                Token::Start {
                    name: fname,
                    attrs: fattrs,
                    ..
                },
                Token::Start { name, attrs, .. },
            ) => {
                assert_eq!(fname, name, "{at}");
                let fattrs: BTreeMap<&str, &str> = fattrs
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                for (key, value) in attrs {
                    let got = fattrs.get(key.as_str()).copied();
                    if key == "srcset" {
                        let want: Vec<String> = value
                            .split(',')
                            .map(|c| {
                                let c = c.trim();
                                let (url, rest) = c.split_once(' ').unwrap_or((c, ""));
                                format!("{} {rest}", resolved(url, folder))
                                    .trim()
                                    .to_string()
                            })
                            .collect();
                        assert_eq!(got, Some(want.join(", ").as_str()), "{at}: srcset");
                    } else if is_url_attr(key) {
                        let got = got.unwrap_or_else(|| panic!("{at}: {key} dropped"));
                        assert_eq!(got, resolved(value, folder), "{at}: {key}");
                        assert!(got.contains(':'), "{at}: {key}={got} is not absolute");
                    } else {
                        assert_eq!(got, Some(value.as_str()), "{at}: {key}");
                    }
                }
            }
            _ => assert_eq!(f, o, "{at}"),
        }
    }
}

/// The link of an entry: its page on the site.
fn entry_page(entry: &feed_rs::model::Entry) -> &str {
    entry
        .links
        .first()
        .map(|l| l.href.as_str())
        .expect("a link")
}

#[test]
fn every_feed_holds_every_post_in_full_with_absolute_urls() {
    for source in SOURCES {
        let folder = scratch("full");
        let out = folder.path();
        let report = build(source, out, Some(BASE), every_post());
        assert!(report.notes.is_empty(), "{source}: {:?}", report.notes);
        let posts = posts(out);
        assert!(!posts.is_empty(), "{source}");
        for feed_file in ["index.xml", "atom.xml", "feed/index.json"] {
            let at = format!("{source}: {feed_file}");
            let feed = read_feed(&out.join(feed_file));
            assert_eq!(feed.entries.len(), posts.len(), "{at}: every post");
            // Newest first.
            let dates: Vec<DateTime<Utc>> =
                feed.entries.iter().filter_map(|e| e.published).collect();
            assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{at}: newest first");
            let by_page: BTreeMap<&str, &feed_rs::model::Entry> =
                feed.entries.iter().map(|e| (entry_page(e), e)).collect();
            assert_eq!(by_page.len(), posts.len(), "{at}: one entry a page");
            for post in &posts {
                let entry = by_page
                    .get(post.folder.as_str())
                    .unwrap_or_else(|| panic!("{at}: {} is missing", post.folder));
                let at = format!("{at}: {}", post.folder);
                if feed_file != "atom.xml" || post.id.contains("://") {
                    assert_eq!(entry.id, post.id, "{at}: id");
                }
                assert_eq!(
                    entry.title.as_ref().map(|t| t.content.trim()),
                    post.title.as_deref().map(str::trim),
                    "{at}: title"
                );
                assert_eq!(entry.published, post.published, "{at}: date");
                let body = entry
                    .content
                    .as_ref()
                    .and_then(|c| c.body.as_deref())
                    .unwrap_or_else(|| panic!("{at}: no body"));
                if !post.html.is_empty() {
                    assert_same_body(body, &post.html, &post.folder, &at);
                }
                let terms: BTreeSet<&str> =
                    entry.categories.iter().map(|c| c.term.as_str()).collect();
                let tags: BTreeSet<&str> = post.tags.iter().map(String::as_str).collect();
                assert_eq!(terms, tags, "{at}: tags");
            }
        }
        // A feed a tag, with the tag's posts.
        let mut tagged: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
        for post in &posts {
            for tag in &post.tags {
                tagged
                    .entry(broadsheet_build::site::slug(tag))
                    .or_default()
                    .insert(post.folder.as_str());
            }
        }
        for (tag, pages) in &tagged {
            let feed = read_feed(&out.join(format!("tags/{tag}/index.xml")));
            let got: BTreeSet<&str> = feed.entries.iter().map(entry_page).collect();
            assert_eq!(&got, pages, "{source}: tag {tag}");
        }
        let feed_dirs = out.join("tags");
        let written = match feed_dirs.is_dir() {
            true => files_named(&feed_dirs, "index.xml").len(),
            false => 0,
        };
        assert_eq!(written, tagged.len(), "{source}: a feed a tag, no more");
    }
}

#[test]
fn feeds_hold_the_newest_posts_and_go_where_they_are_told() {
    let folder = scratch("limit");
    let out = folder.path();
    let feeds = FeedSettings {
        limit: 3,
        rss: FeedPath::parse("/feed/", "index.xml").expect("path"),
        atom: None,
        json: FeedPath::parse("posts.json", "index.json").expect("path"),
        tag_feeds: false,
        ..FeedSettings::default()
    };
    build("hugo-papermod", out, Some(BASE), feeds);
    let mut posts = posts(out);
    posts.sort_by_key(|p| std::cmp::Reverse(p.published));
    for file in ["feed/index.xml", "posts.json"] {
        let feed = read_feed(&out.join(file));
        let pages: Vec<&str> = feed.entries.iter().map(entry_page).collect();
        let newest: Vec<&str> = posts[..3].iter().map(|p| p.folder.as_str()).collect();
        assert_eq!(pages, newest, "{file}");
    }
    for gone in ["index.xml", "atom.xml", "feed/index.json"] {
        assert!(!out.join(gone).exists(), "{gone}");
    }
    assert!(!out.join("tags").is_dir() || files_named(&out.join("tags"), "index.xml").is_empty());
    // Pages link to the feeds there are, from where they are.
    let page = std::fs::read_to_string(out.join(&posts[0].folder[BASE.len()..]).join("index.html"))
        .expect("page");
    assert!(
        page.contains(r#"<link rel="alternate" type="application/rss+xml" title="Posts (RSS)" href="../../feed/index.xml">"#),
        "{page}"
    );
    assert!(page.contains(
        r#"type="application/feed+json" title="Posts (JSON Feed)" href="../../posts.json""#
    ));
    assert!(!page.contains("application/atom+xml"));
    // The index for ranking is where it was.
    assert!(out.join("feed.json").is_file());
}

/// Every `<loc>` of the sitemap XML `text`, and its root element's name.
fn locs(text: &str) -> (String, Vec<String>) {
    let mut reader = quick_xml::Reader::from_str(text);
    let (mut root, mut found, mut in_loc) = (String::new(), Vec::new(), false);
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_string();
                if root.is_empty() {
                    root = name.clone();
                }
                in_loc = name == "loc";
            }
            Event::Text(t) if in_loc => {
                found.push(t.xml10_content().into_owned());
            }
            Event::End(_) => in_loc = false,
            Event::Eof => break,
            _ => {}
        }
    }
    (root, found)
}

/// The address of every page written under `out`: each `index.html` but redirects.
fn pages_written(out: &Path) -> BTreeSet<String> {
    files_named(out, "index.html")
        .into_iter()
        .filter(|file| {
            let html = std::fs::read_to_string(out.join(file)).expect("page");
            !html.contains(r#"content="noindex""#)
        })
        .map(|file| format!("{BASE}{}", file.strip_suffix("index.html").expect("name")))
        .collect()
}

#[test]
fn the_sitemap_lists_every_page_and_robots_names_it() {
    for source in SOURCES {
        let folder = scratch("sitemap");
        let out = folder.path();
        build(source, out, Some(BASE), FeedSettings::default());
        let text = std::fs::read_to_string(out.join("sitemap.xml")).expect("sitemap");
        let (root, listed) = locs(&text);
        assert_eq!(root, "urlset", "{source}");
        let listed_set: BTreeSet<String> = listed.iter().cloned().collect();
        assert_eq!(listed.len(), listed_set.len(), "{source}: listed once");
        assert_eq!(listed_set, pages_written(out), "{source}");
        assert!(text.contains("<lastmod>"), "{source}");
        let robots = std::fs::read_to_string(out.join("robots.txt")).expect("robots.txt");
        assert!(
            robots
                .lines()
                .any(|l| l == "Sitemap: https://news.example/blog/sitemap.xml"),
            "{robots}"
        );
    }
}

#[test]
fn past_its_limit_the_sitemap_is_an_index_of_parts() {
    let folder = scratch("index");
    let out = folder.path();
    let feeds = FeedSettings {
        sitemap_limit: 4,
        ..FeedSettings::default()
    };
    build("hugo-papermod", out, Some(BASE), feeds);
    let text = std::fs::read_to_string(out.join("sitemap.xml")).expect("sitemap");
    let (root, parts) = locs(&text);
    assert_eq!(root, "sitemapindex");
    let pages = pages_written(out);
    assert_eq!(parts.len(), pages.len().div_ceil(4));
    let mut listed = BTreeSet::new();
    for (n, part) in parts.iter().enumerate() {
        assert_eq!(part, &format!("{BASE}sitemap-{}.xml", n + 1));
        let text =
            std::fs::read_to_string(out.join(format!("sitemap-{}.xml", n + 1))).expect("part");
        let (root, locs) = locs(&text);
        assert_eq!(root, "urlset");
        assert!(locs.len() <= 4);
        listed.extend(locs);
    }
    assert_eq!(listed, pages);
}

#[test]
fn without_a_base_url_there_are_no_feeds_and_the_report_says_so() {
    let folder = scratch("nobase");
    let out = folder.path();
    let report = build("hugo-papermod", out, None, FeedSettings::default());
    assert_eq!(report.notes.len(), 1, "{:?}", report.notes);
    assert!(report.notes[0].contains("base URL"), "{:?}", report.notes);
    for none in ["index.xml", "atom.xml", "feed", "sitemap.xml", "robots.txt"] {
        assert!(!out.join(none).exists(), "{none}");
    }
    assert!(!out.join("tags").is_dir() || files_named(&out.join("tags"), "index.xml").is_empty());
    let home = std::fs::read_to_string(out.join("index.html")).expect("home");
    assert!(!home.contains("application/rss+xml"));
}
