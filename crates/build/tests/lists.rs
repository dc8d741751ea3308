//! The lists of a site: every post, each tag's and each author's posts (`tags/<tag>/`,
//! `authors/<name>/`), newest first and a page at a time, built from a real WordPress export
//! (vendored from jekyll-import's test suite). Each article links its tags and its byline to
//! their lists, and each list holds exactly the posts that name it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use broadsheet_build::site::{build_site, slug, BuildSettings, Input, Mode, SiteOverrides};
use broadsheet_build::sources::Format;
use serde_json::Value;
use tempfile::TempDir;

fn build(per_page: usize) -> (TempDir, PathBuf) {
    let scratch = tempfile::Builder::new()
        .prefix("broadsheet-lists-")
        .tempdir()
        .expect("scratch");
    let out = scratch.path().join("site");
    let settings = BuildSettings {
        per_page,
        ..BuildSettings::default()
    };
    build_site(
        &[Input {
            path: Path::new(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../tests/data/sources/wordpress/jekyll-import-export.xml"
            ))
            .to_path_buf(),
            format: Format::Wxr,
            base: String::new(),
        }],
        &out,
        Mode::Site,
        &settings,
        &SiteOverrides::default(),
        &|_, _, _| {},
    )
    .expect("builds");
    (scratch, out)
}

/// Each post's page (a folder from the root) with its tags and authors, from its article JSON.
fn posts(site: &Path) -> Vec<(String, Vec<String>, Vec<String>)> {
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("feed.json")).expect("index"))
            .expect("JSON");
    index["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|card| {
            let src = card["_article"]["src"].as_str().expect("src");
            let json = std::fs::read_to_string(site.join(src)).expect("article JSON");
            let item = serde_json::from_str::<Value>(&json).expect("JSON")["items"][0].clone();
            let names = |key: &str, field: Option<&str>| -> Vec<String> {
                item[key]
                    .as_array()
                    .map(|list| {
                        list.iter()
                            .filter_map(|v| field.map_or(v, |f| &v[f]).as_str())
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let page = src.strip_suffix("article.json").expect("a folder");
            (
                page.to_string(),
                names("tags", None),
                names("authors", Some("name")),
            )
        })
        .collect()
}

/// The posts a list shows, page after page (each card's link, from the root), and its
/// heading.
fn listed(site: &Path, folder: &str) -> (String, Vec<String>) {
    let mut shown = Vec::new();
    let mut heading = String::new();
    let mut page = folder.to_string();
    loop {
        let html = std::fs::read_to_string(site.join(&page).join("index.html"))
            .unwrap_or_else(|_| panic!("no list at {page}"));
        if heading.is_empty() {
            let start = html.find("<h1 class=\"bs-title\">").expect("a heading") + 21;
            heading = html[start..start + html[start..].find('<').expect("end")].to_string();
        }
        for link in html.split("class=\"bs-card-link\" href=\"").skip(1) {
            let href = link.split('"').next().expect("a link");
            let up = page.split('/').filter(|s| !s.is_empty()).count();
            let from_root = (0..up).fold(href, |h, _| h.strip_prefix("../").expect("up"));
            shown.push(from_root.to_string());
        }
        match html
            .split("rel=\"next\"")
            .next()
            .and_then(|h| h.rsplit("href=\"").next())
        {
            Some(next) if html.contains("rel=\"next\"") => {
                let next = next.split('"').next().expect("link");
                page = format!("{page}/{next}")
                    .split('/')
                    .fold(Vec::<&str>::new(), |mut parts, s| {
                        match s {
                            "" | "." => {}
                            ".." => {
                                parts.pop();
                            }
                            s => parts.push(s),
                        }
                        parts
                    })
                    .join("/");
            }
            _ => break,
        }
    }
    (heading, shown)
}

#[test]
fn each_tag_and_author_lists_exactly_its_posts() {
    for per_page in [24, 2] {
        let (_scratch, site) = build(per_page);
        let posts = posts(&site);
        let mut tags: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut authors: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (page, post_tags, post_authors) in &posts {
            for tag in post_tags {
                tags.entry(tag.clone()).or_default().insert(page.clone());
            }
            for author in post_authors {
                authors
                    .entry(author.clone())
                    .or_default()
                    .insert(page.clone());
            }
        }
        assert!(
            tags.len() >= 3 && !authors.is_empty(),
            "{tags:?} {authors:?}"
        );
        for (kind, lists) in [("tags", &tags), ("authors", &authors)] {
            for (name, pages) in lists {
                let (heading, shown) = listed(&site, &format!("{kind}/{}", slug(name)));
                assert_eq!(&heading, name);
                let shown_set: BTreeSet<String> = shown.iter().cloned().collect();
                assert_eq!(shown.len(), shown_set.len(), "{name}: listed twice");
                assert_eq!(&shown_set, pages, "{kind}/{name}, {per_page} a page");
                // A tag's list names the tag's own feed, which is there.
                if kind == "tags" {
                    let folder = site.join(kind).join(slug(name));
                    let first = std::fs::read_to_string(folder.join("index.html")).expect("page");
                    assert!(
                        first.contains(&format!(
                            "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"{name} – "
                        )) && first.contains("href=\"index.xml\""),
                        "{name}"
                    );
                    assert!(folder.join("index.xml").is_file(), "{name}'s feed");
                }
            }
        }
        // The list of every post, across its pages.
        let (_, all) = listed(&site, "");
        assert_eq!(all.len(), posts.len());
    }
}

#[test]
fn an_article_links_its_tags_and_its_byline_to_their_lists() {
    let (_scratch, site) = build(24);
    for (page, post_tags, post_authors) in posts(&site) {
        let html = std::fs::read_to_string(site.join(&page).join("index.html")).expect("page");
        let up = "../".repeat(page.split('/').filter(|s| !s.is_empty()).count());
        for tag in &post_tags {
            let link = format!("<a href=\"{up}tags/{}/\" rel=\"tag\">", slug(tag));
            assert!(html.contains(&link), "{page}: {link}");
        }
        for author in &post_authors {
            let link = format!("href=\"{up}authors/{}/\" rel=\"author\"", slug(author));
            assert!(html.contains(&link), "{page}: {link}");
        }
        // The tags are shown once: as links after the article, not as text in it too.
        assert_eq!(
            html.matches("class=\"bs-tags\"").count(),
            usize::from(!post_tags.is_empty()),
            "{page}"
        );
    }
}
