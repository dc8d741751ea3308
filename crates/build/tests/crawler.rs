//! A crawler's view of the prerendered pages: each page is parsed by html5ever (a
//! standards-conforming parser, as a link-preview bot or search engine has), without running
//! any script, and what its `<head>` says (title, description, canonical, Open Graph, Twitter
//! card, JSON-LD) is checked against the post it was built from. Hostile titles and summaries
//! (quotes, `</script>`, `<!--`, `&`, direction marks) come out as the same text, never as
//! markup. Pages in a site's own layout (Jekyll's minima, `tests/data/layouts/jekyll-minima`)
//! tell crawlers the same: the theme's `<head>` holds the build's.

use std::path::{Path, PathBuf};

use broadsheet_build::site::{build_site, BuildSettings, Input, Mode, SiteOverrides};
use broadsheet_build::sources::Format;
use html5ever::tendril::TendrilSink;
use html5ever::{parse_document, ParseOpts};
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use serde_json::{json, Value};
use tempfile::TempDir;

/// One element as a crawler reads it: its name, attributes and text.
#[derive(Debug, PartialEq)]
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn text_of(node: &Handle, out: &mut String) {
    for child in node.children.borrow().iter() {
        match &child.data {
            NodeData::Text { contents } => out.push_str(&contents.borrow()),
            _ => text_of(child, out),
        }
    }
}

fn collect(node: &Handle, out: &mut Vec<Element>) {
    if let NodeData::Element { name, attrs, .. } = &node.data {
        let mut text = String::new();
        text_of(node, &mut text);
        out.push(Element {
            name: name.local.to_string(),
            attrs: attrs
                .borrow()
                .iter()
                .map(|a| (a.name.local.to_string(), a.value.to_string()))
                .collect(),
            text,
        });
    }
    for child in node.children.borrow().iter() {
        collect(child, out);
    }
}

/// The page in `html`, parsed: the elements of its `<head>` and of its `<body>`.
fn parse(html: &str) -> (Vec<Element>, Vec<Element>) {
    let dom = parse_document(RcDom::default(), ParseOpts::default()).one(html);
    let mut head = Vec::new();
    let mut body = Vec::new();
    for html in dom.document.children.borrow().iter() {
        for part in html.children.borrow().iter() {
            if let NodeData::Element { name, .. } = &part.data {
                match &*name.local {
                    "head" => collect(part, &mut head),
                    "body" => collect(part, &mut body),
                    _ => {}
                }
            }
        }
    }
    (head, body)
}

/// The contents of the `<meta>` elements of `head` with `property` or `name` `key`.
fn meta<'a>(head: &'a [Element], key: &str) -> Vec<&'a str> {
    head.iter()
        .filter(|e| e.name == "meta")
        .filter(|e| e.attr("property") == Some(key) || e.attr("name") == Some(key))
        .filter_map(|e| e.attr("content"))
        .collect()
}

/// A fresh folder for one test's output, removed when the test ends, passed or failed.
fn scratch(name: &str) -> TempDir {
    tempfile::Builder::new()
        .prefix(&format!("broadsheet-crawler-{name}-"))
        .tempdir()
        .expect("scratch folder")
}

fn build(feed: &Value, out: &Path) {
    build_with(feed, out, &BuildSettings::default());
}

/// Builds `feed` into `out/site` with `settings` (a layout, say).
fn build_with(feed: &Value, out: &Path, settings: &BuildSettings) {
    let path = out.join("feed.in.json");
    std::fs::write(&path, feed.to_string()).expect("write the feed");
    build_site(
        &[Input {
            path,
            format: Format::JsonFeed,
            base: String::new(),
        }],
        &out.join("site"),
        Mode::Site,
        settings,
        &SiteOverrides::default(),
        &|_, _, _| {},
    )
    .expect("the site builds");
}

/// The page of the post `item`: at its own address when that is on the site, else under
/// `posts/`.
fn page(out: &Path, item: &Value) -> String {
    let folder = item["url"]
        .as_str()
        .and_then(|url| url.strip_prefix("https://broadsheet.example/"))
        .map_or_else(
            || format!("posts/{}", item["id"].as_str().expect("id")),
            |path| path.trim_end_matches('/').to_string(),
        );
    std::fs::read_to_string(out.join("site").join(folder).join("index.html")).expect("page")
}

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The sample posts (`sample/posts/*.json`) as the items of one feed, each with its language.
fn sample_items() -> Vec<Value> {
    let root = root();
    let mut items = Vec::new();
    for entry in std::fs::read_dir(root.join("sample/posts")).expect("sample posts") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("read");
        let doc: Value = serde_json::from_str(&text).expect("JSON");
        let mut item = doc["items"][0].clone();
        if item.get("language").is_none() {
            item["language"] = doc["language"].clone();
        }
        items.push(item);
    }
    items
}

/// The sample posts as one feed, with the site's name and base URL.
fn sample_feed(items: &[Value]) -> Value {
    json!({"title": "The Broadsheet", "home_page_url": "https://broadsheet.example/", "items": items})
}

#[test]
fn every_sample_page_tells_crawlers_what_its_post_is() {
    let items = sample_items();
    let folder = scratch("sample");
    let out = folder.path();
    build(&sample_feed(&items), out);
    heads_tell_what_each_post_is(out, &items);
}

/// Jekyll's minima, ported to the layout's Jinja (vendored, MIT).
fn minima() -> PathBuf {
    root().join("tests/data/layouts/jekyll-minima")
}

#[test]
fn through_a_real_theme_every_page_tells_crawlers_the_same() {
    let items = sample_items();
    let folder = scratch("minima");
    let out = folder.path();
    let settings = BuildSettings {
        layout: Some(minima().join("layout")),
        static_dir: Some(minima().join("static")),
        ..BuildSettings::default()
    };
    build_with(&sample_feed(&items), out, &settings);
    heads_tell_what_each_post_is(out, &items);

    // Each page's head is the build's own page's head, element for element, and the theme's
    // stylesheet after it; the body is the theme's around the article.
    let plain = scratch("plain");
    build(&sample_feed(&items), plain.path());
    for item in &items {
        let id = item["id"].as_str().expect("id");
        let (head, body) = parse(&page(out, item));
        let (own, _) = parse(&page(plain.path(), item));
        // The elements in each head (the `head` itself, whose text is the layout's spacing,
        // left out).
        let mut ours: Vec<Element> = head.into_iter().filter(|e| e.name != "head").collect();
        let own: Vec<Element> = own.into_iter().filter(|e| e.name != "head").collect();
        let theirs = ours.pop().expect("a head");
        // From the site's root, as the build's own stylesheet is (`../../assets/…`).
        let to_root = own
            .iter()
            .filter(|e| e.name == "link" && e.attr("rel") == Some("stylesheet"))
            .find_map(|e| e.attr("href")?.split_once("assets/"))
            .map(|(root, _)| root)
            .expect("the build's stylesheet");
        assert_eq!(
            (
                theirs.name.as_str(),
                theirs.attr("rel"),
                theirs.attr("href")
            ),
            (
                "link",
                Some("stylesheet"),
                Some(format!("{to_root}assets/css/style.css").as_str())
            ),
            "{id}: the theme's stylesheet last"
        );
        assert_eq!(ours, own, "{id}: the head is the build's");
        for class in ["site-header", "page-content", "site-footer h-card"] {
            assert!(
                body.iter().any(|e| e.attr("class") == Some(class)),
                "{id}: the theme's {class}"
            );
        }
    }
}

/// The head of the page of each of `items`, built into `out`, as a crawler reads it: title,
/// description, canonical address, Open Graph, Twitter card, feeds and JSON-LD, each the post's
/// own, once; and every link of the body can be followed.
fn heads_tell_what_each_post_is(out: &Path, items: &[Value]) {
    for item in items {
        let id = item["id"].as_str().expect("id");
        let (head, body) = parse(&page(out, item));
        let title = item["title"].as_str().expect("title");
        let at = |what: &str| format!("{id}: {what}");
        let titles: Vec<&str> = head
            .iter()
            .filter(|e| e.name == "title")
            .map(|e| e.text.as_str())
            .collect();
        assert_eq!(
            titles,
            [format!("{title} – The Broadsheet")],
            "{}",
            at("title")
        );
        assert_eq!(meta(&head, "og:title"), [title], "{}", at("og:title"));
        assert_eq!(
            meta(&head, "twitter:title"),
            [title],
            "{}",
            at("twitter:title")
        );
        assert_eq!(meta(&head, "og:type"), ["article"], "{}", at("og:type"));
        assert_eq!(meta(&head, "og:site_name"), ["The Broadsheet"]);
        if let Some(summary) = item["summary"].as_str() {
            for key in ["description", "og:description", "twitter:description"] {
                assert_eq!(meta(&head, key), [summary], "{}", at(key));
            }
        }
        let canonical = item["url"].as_str().map_or_else(
            || format!("https://broadsheet.example/posts/{id}/"),
            str::to_string,
        );
        let links: Vec<&str> = head
            .iter()
            .filter(|e| e.name == "link" && e.attr("rel") == Some("canonical"))
            .filter_map(|e| e.attr("href"))
            .collect();
        assert_eq!(links, [canonical.as_str()], "{}", at("canonical"));
        assert_eq!(
            meta(&head, "og:url"),
            [canonical.as_str()],
            "{}",
            at("og:url")
        );
        assert!(
            head.iter().any(|e| e.name == "link"
                && e.attr("rel") == Some("alternate")
                && e.attr("type") == Some("application/feed+json")),
            "{}",
            at("feed link")
        );
        let published = item["date_published"].as_str();
        assert_eq!(
            meta(&head, "article:published_time"),
            published.into_iter().collect::<Vec<_>>(),
            "{}",
            at("published")
        );
        let tags: Vec<&str> = item["tags"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(meta(&head, "article:tag"), tags, "{}", at("tags"));
        let image = item["image"].as_str();
        let card = if image.is_some() {
            "summary_large_image"
        } else {
            "summary"
        };
        assert_eq!(
            meta(&head, "twitter:card"),
            [card],
            "{}",
            at("twitter:card")
        );
        if let Some(image) = image {
            let name = image.rsplit('/').next().expect("file name");
            let og = meta(&head, "og:image");
            assert_eq!(
                og,
                [format!("https://broadsheet.example/images/{name}")],
                "{}",
                at("og:image")
            );
            assert_eq!(
                meta(&head, "og:image:alt"),
                item["_article"]["image_alt"]
                    .as_str()
                    .into_iter()
                    .collect::<Vec<_>>(),
                "{}",
                at("image alt")
            );
        }
        if let Some(lang) = item["language"].as_str() {
            assert_eq!(
                meta(&head, "og:locale"),
                [lang.replace('-', "_")],
                "{}",
                at("locale")
            );
        }
        let ld: Vec<&Element> = head
            .iter()
            .filter(|e| e.name == "script" && e.attr("type") == Some("application/ld+json"))
            .collect();
        assert_eq!(ld.len(), 1, "{}", at("one JSON-LD block"));
        let ld: Value = serde_json::from_str(&ld[0].text).expect("JSON-LD parses");
        assert_eq!(ld["@type"], "NewsArticle");
        assert_eq!(ld["headline"], title, "{}", at("headline"));
        let read = body
            .iter()
            .find(|e| e.name == "time" && e.attr("class") == Some("bs-read-time"))
            .and_then(|e| e.attr("datetime"))
            .expect("a read time");
        assert_eq!(ld["timeRequired"], read, "{}", at("timeRequired"));
        // Every link can be followed (Lighthouse's "links are crawlable"): the passage
        // controls, filled in by script, share the article until then.
        let dead: Vec<&Element> = body
            .iter()
            .filter(|e| {
                e.name == "a"
                    && e.attr("href")
                        .is_none_or(|h| h.is_empty() || h.starts_with("javascript:"))
            })
            .collect();
        assert!(
            dead.is_empty(),
            "{}: {dead:?}",
            at("links without an address")
        );
        if let Some(published) = published {
            assert_eq!(ld["datePublished"], published);
        }
    }
}

/// A tag (tags are cut at 100 characters) with what could end an attribute or an element.
const HOSTILE_TAG: &str = "</script>\"'<!--&amp;\u{202E}";

#[test]
fn hostile_titles_and_summaries_stay_text() {
    let hostile = "Quotes \"double\" 'single' </script><script>alert(1)</script> <!-- x --> &amp; & \u{202E}reversed\u{202C} \u{200F}mark</title><img src=x onerror=alert(2)>";
    let folder = scratch("hostile");
    let out = folder.path();
    build(
        &json!({"title": "Site </title><script>alert(3)</script>", "home_page_url": "https://s.example/",
            "items": [{"id": "h", "title": hostile, "summary": hostile, "content_text": "Body.",
                       "tags": [HOSTILE_TAG], "_article": {"image_alt": hostile}, "image": "https://img.example/a.png"}]}),
        out,
    );
    let html = page(out, &json!({"id": "h"}));
    let (head, body) = parse(&html);
    assert_eq!(meta(&head, "og:title"), [hostile]);
    assert_eq!(meta(&head, "description"), [hostile]);
    assert_eq!(meta(&head, "article:tag"), [HOSTILE_TAG]);
    assert_eq!(meta(&head, "og:image:alt"), [hostile]);
    let title: Vec<&str> = head
        .iter()
        .filter(|e| e.name == "title")
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(
        title,
        [format!(
            "{hostile} – Site </title><script>alert(3)</script>"
        )]
    );
    // The only scripts are the two the build writes; no image came out of the text.
    let scripts: Vec<Option<&str>> = head
        .iter()
        .chain(&body)
        .filter(|e| e.name == "script")
        .map(|e| e.attr("type"))
        .collect();
    assert_eq!(scripts, [Some("application/ld+json"), Some("module")]);
    assert!(!body
        .iter()
        .any(|e| e.name == "img" && e.attr("src") == Some("x")));
    let ld = head
        .iter()
        .find(|e| e.attr("type") == Some("application/ld+json"))
        .expect("JSON-LD");
    let ld: Value = serde_json::from_str(&ld.text).expect("JSON-LD parses");
    assert_eq!(ld["headline"], hostile);
    assert_eq!(ld["description"], hostile);
    let h1: Vec<&str> = body
        .iter()
        .filter(|e| e.name == "h1")
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(h1, [hostile]);
}
