//! The sample site through the build step: `sample/feed.json` is what the build makes of the
//! sample posts, its rankings make sense (a post's most similar posts share its category), and
//! the prerendered site has a page for every post with its article, read time, share links and
//! cards that lead to other pages of the site.

use std::path::{Path, PathBuf};

use broadsheet_build::site::{build_site, BuildSettings, Input, Mode, Report, SiteOverrides};
use broadsheet_build::sources::Format;
use broadsheet_core::model::{parse_article, parse_json};
use broadsheet_core::similar::{Doc, Index, Weights};
use serde_json::Value;
use tempfile::TempDir;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The sample posts, in the order `scripts/sample-feed` gives them to the build step.
fn posts() -> Vec<PathBuf> {
    let mut posts: Vec<PathBuf> = std::fs::read_dir(root().join("sample/posts"))
        .expect("sample/posts")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    posts.sort();
    posts
}

/// A fresh folder for one test's output, removed when the test ends, passed or failed.
fn scratch(name: &str) -> TempDir {
    tempfile::Builder::new()
        .prefix(&format!("broadsheet-sample-{name}-"))
        .tempdir()
        .expect("scratch folder")
}

fn quiet(_: &str, _: usize, _: usize) {}

/// The sample site built as `scripts/sample-site` builds it, into `out`.
fn build_sample_site(out: &Path, settings: &BuildSettings) -> Report {
    let inputs: Vec<Input> = posts()
        .into_iter()
        .map(|path| Input {
            path,
            format: Format::JsonFeed,
            base: "posts".into(),
        })
        .collect();
    build_site(
        &inputs,
        out,
        Mode::Site,
        settings,
        &SiteOverrides::default(),
        &quiet,
    )
    .expect("the sample site builds")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn sample_feed_is_up_to_date() {
    // The posts where `scripts/sample-feed` finds them, relative to the index.
    let folder = scratch("index");
    let out = folder.path();
    std::fs::create_dir_all(out.join("posts")).expect("posts folder");
    let inputs: Vec<Input> = posts()
        .into_iter()
        .map(|path| {
            let copy = out.join("posts").join(path.file_name().expect("name"));
            std::fs::copy(&path, &copy).expect("copy");
            Input {
                path: copy,
                format: Format::JsonFeed,
                base: "posts".into(),
            }
        })
        .collect();
    build_site(
        &inputs,
        out,
        Mode::IndexOnly,
        &BuildSettings::default(),
        &SiteOverrides::default(),
        &quiet,
    )
    .expect("index");
    let expected: Value = serde_json::from_str(&read(&out.join("feed.json"))).expect("JSON");
    let committed: Value =
        serde_json::from_str(&read(&root().join("sample/feed.json"))).expect("JSON");
    assert!(
        expected == committed,
        "sample/feed.json is stale: run scripts/sample-feed"
    );
}

#[test]
fn the_seed_is_the_one_in_shared_data() {
    // The product builds from the repository alone, so the seed article lives in sample/; it
    // must stay the reference article (checked where ../shared is next to the repository).
    let shared = root().join("../shared/data/seed-article.json");
    if let Ok(reference) = std::fs::read_to_string(shared) {
        assert_eq!(
            read(&root().join("sample/posts/seed-article.json")),
            reference
        );
    }
}

#[test]
fn sample_rankings_follow_categories() {
    let labels = read(&root().join("sample/labels.tsv"));
    let category = |id: &str| -> String {
        if id == "macron-eu-russia-talks" {
            return "europe".into(); // the seed article
        }
        labels
            .lines()
            .find_map(|l| {
                l.split_once('\t')
                    .filter(|(i, _)| *i == id)
                    .map(|(_, c)| c.to_string())
            })
            .unwrap_or_else(|| panic!("no label for {id}"))
    };
    let docs: Vec<Doc> = posts()
        .iter()
        .map(|p| Doc::from_item(&parse_article(&read(p), None).expect("article").item))
        .collect();
    let index = Index::build(&docs, Weights::default());
    let mut hits = 0;
    for (d, doc) in docs.iter().enumerate() {
        let first = index.similar_to_indexed(d, 1);
        let same = first
            .first()
            .is_some_and(|m| category(index.id(m.doc)) == category(&doc.id));
        hits += usize::from(same);
        // The two large clusters (5 and 4 posts in one language) must always be right.
        if matches!(category(&doc.id).as_str(), "europe" | "technology") && doc.language == "en" {
            assert!(
                same,
                "{}: most similar is {:?}",
                doc.id,
                first.first().map(|m| index.id(m.doc))
            );
        }
    }
    let precision = hits as f32 / docs.len() as f32;
    // 16 of 17 at the default weights: the miss is the Arabic post, whose text shares nothing
    // with the English ones (it lists its related post in `_article.similar` instead).
    assert!(
        precision >= 0.9,
        "precision@1 over the sample site is {precision:.2}"
    );
}

#[test]
fn every_post_gets_a_page_with_its_article_share_links_and_cards() {
    let folder = scratch("pages");
    let out = folder.path();
    let report = build_sample_site(out, &BuildSettings::default());
    let posts = posts();
    assert_eq!(report.posts, posts.len());
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let index: Value = serde_json::from_str(&read(&out.join("feed.json"))).expect("feed.json");
    for entry in index["items"].as_array().expect("items") {
        let src = entry["_article"]["src"].as_str().expect("src");
        let folder = out.join(src).parent().expect("folder").to_path_buf();
        let article = parse_article(&read(&out.join(src)), None).expect("article JSON");
        let html = read(&folder.join("index.html"));
        let title = article.item.title.clone().expect("title");
        let escaped = title.replace('&', "&amp;").replace('<', "&lt;");
        assert!(html.contains(&format!("{escaped}</h1>")), "{src}: no title");
        assert!(
            html.contains(r#"class="bs-read-time""#),
            "{src}: no read time"
        );
        assert!(html.contains(r#"datetime="PT"#), "{src}: no duration");
        assert!(
            html.contains(r#"data-network="x""#),
            "{src}: no share links"
        );
        // Script-only controls are there, hidden until the enhancement script shows them.
        assert!(html.contains(
            r#"<li hidden><button type="button" class="bs-share-control" data-share="copy">"#
        ));
        // Every card leads to a page the build wrote.
        let cards: Vec<&str> = html
            .split(r#"<a class="bs-card-link" href=""#)
            .skip(1)
            .filter_map(|rest| rest.split_once('"'))
            .map(|(href, _)| href)
            .collect();
        assert!(!cards.is_empty(), "{src}: no similar posts");
        for href in cards {
            assert!(
                folder.join(href).join("index.html").is_file(),
                "{src}: card to {href} leads nowhere"
            );
        }
        // The article JSON carries the same similar posts, for the browser component.
        assert!(article.item.similar.is_some_and(|s| !s.is_empty()), "{src}");
    }
    let seed = read(&out.join("posts/macron-eu-russia-talks/index.html"));
    assert!(seed.contains(
        r#"<time class="bs-read-time" datetime="PT3M20S" data-left="1 minute left|2 minutes left|3 minutes left">3 minutes, 20 seconds read</time>"#
    ));
}

#[test]
fn the_list_of_posts_is_newest_first_over_pages() {
    let folder = scratch("list");
    let out = folder.path();
    let settings = BuildSettings {
        per_page: 5,
        ..BuildSettings::default()
    };
    let report = build_sample_site(out, &settings);
    let posts = report.posts;
    // A page a post, the list's pages, and each tag's and author's.
    let lists = posts.div_ceil(5);
    assert!(report.pages > posts + lists, "{}", report.pages);
    assert!(!out.join(format!("page/{}/index.html", lists + 1)).exists());
    let mut dates = Vec::new();
    let mut titles = 0;
    for n in 1..=posts.div_ceil(5) {
        let page = if n == 1 {
            out.join("index.html")
        } else {
            out.join(format!("page/{n}/index.html"))
        };
        let html = read(&page);
        titles += html.matches(r#"class="bs-card-link""#).count();
        dates.extend(
            html.split("<time datetime=\"")
                .skip(1)
                .filter_map(|rest| rest.split_once('"'))
                .map(|(d, _)| d.to_string())
                .filter(|d| !d.starts_with("PT")),
        );
        assert_eq!(html.contains(r#"rel="prev""#), n > 1, "page {n}");
        assert_eq!(
            html.contains(r#"rel="next""#),
            n < posts.div_ceil(5),
            "page {n}"
        );
    }
    assert_eq!(titles, posts, "every post once");
    let unix: Vec<i64> = dates
        .iter()
        .map(|d| {
            broadsheet_core::date::Timestamp::parse(d)
                .expect("date")
                .unix()
        })
        .collect();
    assert!(
        unix.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {dates:?}"
    );
}

#[test]
fn a_feed_of_the_whole_site_builds_the_same_posts() {
    // The build step's usual input: one feed of all posts, relative URLs from the site root.
    let folder = scratch("feed");
    let out = folder.path();
    let items: Vec<Value> = posts()
        .iter()
        .map(|p| {
            let doc = parse_json(&read(p)).expect("JSON");
            let mut item = doc["items"][0].clone();
            // Sample posts point at ../images/ from posts/; from the root it is images/.
            for key in ["image", "content_html"] {
                if let Some(Value::String(s)) = item.get_mut(key) {
                    *s = s.replace("../images/", "images/");
                }
            }
            item
        })
        .collect();
    // The images beside the feed, where its relative URLs point.
    std::fs::create_dir_all(out.join("images")).expect("images folder");
    for image in std::fs::read_dir(root().join("sample/images")).expect("images") {
        let image = image.expect("entry").path();
        std::fs::copy(
            &image,
            out.join("images").join(image.file_name().expect("name")),
        )
        .expect("copy");
    }
    let feed = out.join("site-feed.json");
    let doc = serde_json::json!({"version": "https://jsonfeed.org/version/1.1", "title": "Site",
        "home_page_url": "https://site.example/blog", "items": items});
    std::fs::write(&feed, doc.to_string()).expect("write");
    let site = out.join("site");
    let report = build_site(
        &[Input {
            path: feed,
            format: Format::JsonFeed,
            base: String::new(),
        }],
        &site,
        Mode::Site,
        &BuildSettings::default(),
        &SiteOverrides::default(),
        &quiet,
    )
    .expect("builds");
    assert_eq!(report.posts, posts().len());
    let page = read(&site.join("posts/europe-heatwave-power-grids/index.html"));
    assert!(page.contains(r#"src="../../images/europe-heatwave-power-grids.svg""#));
    assert!(page.contains(r#"<meta property="og:image" content="https://site.example/blog/images/europe-heatwave-power-grids.svg">"#));
    // Read from the image file itself.
    assert!(page.contains(r#"<meta property="og:image:width" content="1200"><meta property="og:image:height" content="675">"#));
    let seed = read(&site.join("posts/macron-eu-russia-talks/index.html"));
    assert!(seed.contains(
        r#"<link rel="canonical" href="https://site.example/blog/posts/macron-eu-russia-talks/">"#
    ));
}
