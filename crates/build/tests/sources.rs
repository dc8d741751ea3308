//! Sites as they are kept, through the build step: the example sites of Hugo and Zola themes
//! (Markdown with YAML and TOML front matter), a Hugo site's own RSS, WordPress exports and REST
//! API answers from importers' test suites, and RSS, RSS 1.0 and Atom feeds from feed-rs's test
//! suite, all vendored under `tests/data/sources/` (see its README for where each comes from).
//! Every post comes through with what its source has, and each source gives the same kind of
//! site as a JSON Feed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use broadsheet_build::site::{build_site, BuildSettings, Input, Mode, Report, SiteOverrides};
use broadsheet_core::date::Timestamp;
use html5ever::tendril::TendrilSink;
use html5ever::{parse_document, ParseOpts};
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use serde_json::Value;
use tempfile::TempDir;

fn fixture(path: &str) -> PathBuf {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/sources"
    ))
    .join(path)
}

/// A fresh folder for one build, removed when the test ends, passed or failed.
fn scratch(name: &str) -> TempDir {
    tempfile::Builder::new()
        .prefix(&format!("broadsheet-sources-{name}-"))
        .tempdir()
        .expect("scratch folder")
}

fn quiet(_: &str, _: usize, _: usize) {}

/// A built site: the report, and each post's item by the last name of its address
/// (`slug` of `posts/slug/` or `2017/07/07/slug/`, of `2024/05/01/slug.html`), or by its
/// whole address when an earlier post has that name.
struct Built {
    /// The folder `out` is in, removed with the `Built`.
    _scratch: TempDir,
    out: PathBuf,
    report: Report,
    posts: BTreeMap<String, Value>,
    /// Each post's page, as a link from the root.
    pages: BTreeMap<String, String>,
}

impl Built {
    fn post(&self, slug: &str) -> &Value {
        self.posts
            .get(slug)
            .unwrap_or_else(|| panic!("no post {slug}: {:?}", self.posts.keys()))
    }

    fn text(&self, slug: &str, field: &str) -> String {
        self.post(slug)[field]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// The reasons given for what was skipped.
    fn skipped(&self) -> Vec<&str> {
        self.report
            .skipped
            .iter()
            .map(|s| s.message.as_str())
            .collect()
    }
}

/// Builds the site of `sources` (each told apart by its content) into a fresh folder.
fn build(name: &str, sources: &[PathBuf]) -> Built {
    let scratch = scratch(name);
    let out = scratch.path().to_path_buf();
    let inputs: Vec<Input> = sources
        .iter()
        .map(|p| Input::detect(p.clone(), String::new()).expect("a format it reads"))
        .collect();
    let report = build_site(
        &inputs,
        &out.join("site"),
        Mode::Site,
        &BuildSettings::default(),
        &SiteOverrides::default(),
        &quiet,
    )
    .expect("the site builds");
    // Every post is in the index, which says where its article JSON is.
    let index = std::fs::read_to_string(out.join("site/feed.json")).expect("feed.json");
    let index: Value = serde_json::from_str(&index).expect("JSON");
    let (mut posts, mut pages) = (BTreeMap::new(), BTreeMap::new());
    for card in index["items"].as_array().expect("items") {
        let src = card["_article"]["src"].as_str().expect("src");
        let json = std::fs::read_to_string(out.join("site").join(src)).expect("article JSON");
        let article: Value = serde_json::from_str(&json).expect("JSON");
        let page = match src.strip_suffix("article.json") {
            Some(dir) => dir.to_string(),
            None => format!("{}.html", src.trim_end_matches(".json")),
        };
        let mut name = page
            .trim_end_matches('/')
            .trim_end_matches(".html")
            .rsplit('/')
            .next()
            .expect("a name")
            .to_string();
        if posts.contains_key(&name) {
            name.clone_from(&page);
        }
        posts.insert(name.clone(), article["items"][0].clone());
        pages.insert(name, page);
    }
    Built {
        _scratch: scratch,
        out,
        report,
        posts,
        pages,
    }
}

/// The text of an HTML fragment, as a reader sees it.
fn text_of_html(html: &str) -> String {
    fn walk(node: &Handle, out: &mut String) {
        if let NodeData::Text { contents } = &node.data {
            out.push_str(&contents.borrow());
        }
        for child in node.children.borrow().iter() {
            walk(child, out);
        }
    }
    let dom = parse_document(RcDom::default(), ParseOpts::default()).one(html);
    let mut out = String::new();
    walk(&dom.document, &mut out);
    out
}

/// The words of an HTML fragment, lower case, punctuation and typography aside (Hugo's RSS
/// writes `–` and `’` where the Markdown has `--` and `'`).
fn words(html: &str) -> Vec<String> {
    text_of_html(html)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn instant(date: &Value) -> i64 {
    Timestamp::parse(date.as_str().unwrap_or_default())
        .unwrap_or_else(|| panic!("not a date: {date}"))
        .unix()
}

/// Every post has a title, a publication date and a body, and a page beside its article JSON;
/// the list of posts names them all.
fn assert_complete(site: &Built, expected_posts: usize) {
    assert_eq!(
        site.posts.len(),
        expected_posts,
        "{:?}",
        site.report.skipped
    );
    assert_eq!(site.report.posts, expected_posts);
    let list = std::fs::read_to_string(site.out.join("site/index.html")).expect("index.html");
    for (slug, post) in &site.posts {
        let title = post["title"].as_str().unwrap_or_default();
        assert!(!title.trim().is_empty(), "{slug} has no title");
        assert!(!title.contains('<'), "{slug}: markup in the title: {title}");
        if !post["date_published"].is_null() {
            instant(&post["date_published"]);
        }
        let body = post["content_html"]
            .as_str()
            .or(post["content_text"].as_str());
        assert!(
            body.is_some_and(|b| !text_of_html(b).trim().is_empty()),
            "{slug} has no body"
        );
        let link = &site.pages[slug];
        let file = match link.strip_suffix('/') {
            Some(dir) => format!("{dir}/index.html"),
            None => link.clone(),
        };
        let page = std::fs::read_to_string(site.out.join("site").join(file))
            .expect("a page for every post");
        assert!(page.contains("<article"), "{slug}: no article on its page");
        assert!(
            list.contains(&format!("href=\"{link}\"")),
            "{slug} is not listed"
        );
    }
    // A post without a date is kept, and the build says so.
    let undated = site
        .posts
        .values()
        .filter(|p| p["date_published"].is_null())
        .count();
    let said = site
        .report
        .warnings
        .iter()
        .filter(|w| w.message.contains("kept undated"))
        .count();
    assert_eq!(undated, said, "{:?}", site.report.warnings);
    let feed: Value = serde_json::from_str(
        &std::fs::read_to_string(site.out.join("site/feed.json")).expect("feed.json"),
    )
    .expect("JSON");
    assert_eq!(feed["items"].as_array().map(Vec::len), Some(expected_posts));
}

/// `field` of every post, as the list of its texts (a name for authors).
fn every(site: &Built, field: &str) -> Vec<(String, Vec<String>)> {
    site.posts
        .iter()
        .map(|(slug, post)| {
            let texts = match &post[field] {
                Value::String(s) => vec![s.clone()],
                Value::Array(items) => items
                    .iter()
                    .map(|v| {
                        v["name"]
                            .as_str()
                            .or(v.as_str())
                            .unwrap_or_default()
                            .to_string()
                    })
                    .collect(),
                _ => Vec::new(),
            };
            (slug.clone(), texts)
        })
        .collect()
}

#[test]
fn hugo_site_from_yaml_front_matter() {
    // Ananke's example site: six chapters, one `_index.md` section page that is not a post.
    let site = build("ananke", &[fixture("hugo-ananke/post")]);
    assert_complete(&site, 6);
    assert_eq!(site.text("chapter-1", "title"), "Chapter I: The Grand Hall");
    assert_eq!(
        site.text("chapter-1", "date_published"),
        "2017-04-09T10:58:08-04:00"
    );
    assert_eq!(site.text("chapter-1", "summary"), "The Grand Hall");
    assert_eq!(site.post("chapter-1")["tags"], serde_json::json!(["scene"]));
    assert_eq!(
        site.text("chapter-1", "image"),
        "/images/Pope-Edouard-de-Beaumont-1844.jpg"
    );
    assert_eq!(site.post("chapter-6")["authors"][0]["name"], "Victor Hugo");
    assert_eq!(site.text("chapter-6", "image"), "/images/esmeralda.jpg");
    // Markdown rendered: the chapters' headings and emphasis are HTML, not asterisks.
    let body = site.text("chapter-1", "content_html");
    assert!(body.contains("<p>") && !body.contains("**"), "{body}");
}

#[test]
fn zola_site_from_toml_front_matter() {
    let site = build("zola", &[fixture("zola-deepthought/posts")]);
    assert_complete(&site, 3);
    assert_eq!(site.text("post-0", "title"), "Zeroth Post");
    assert_eq!(site.text("post-2", "date_published"), "2018-08-22");
    // `[taxonomies]` tags and categories.
    for (slug, tags) in every(&site, "tags") {
        assert!(tags.contains(&"lorem".to_string()), "{slug}: {tags:?}");
        assert!(
            tags.contains(&"Sample Post".to_string()),
            "{slug}: {tags:?}"
        );
    }
    let body = site.text("post-0", "content_html");
    assert!(body.contains("<h2") && body.contains("<p>"), "{body}");
}

#[test]
fn hugo_site_with_shortcodes_translations_and_bundles() {
    // PaperMod's example site: 17 posts, 4 of them drafts, two `_index.md` section pages.
    let site = build("papermod", &[fixture("hugo-papermod/posts")]);
    assert_complete(&site, 13);
    let skipped = site.skipped();
    assert_eq!(skipped, ["a draft"; 4], "{skipped:?}");

    // GitHub-flavoured Markdown as Hugo renders it: tables, footnotes, code with its language,
    // nested lists, and the inline HTML posts use.
    let body = site.text("markdown-syntax", "content_html");
    for needle in [
        "<table>",
        "<th>Name</th>",
        "<li>Fruit\n<ul>",
        "<abbr title=\"Graphics Interchange Format\">GIF</abbr>",
        "<kbd>CTRL</kbd>",
        "<mark>salamanders</mark>",
        "H<sub>2</sub>O",
    ] {
        assert!(body.contains(needle), "no {needle} in {body}");
    }
    assert!(
        body.contains("class=\"footnote-definition\""),
        "the footnote: {body}"
    );
    // The highlight shortcode is a code block; no shortcode is left as text.
    for (slug, post) in &site.posts {
        let text = text_of_html(post["content_html"].as_str().unwrap_or_default());
        assert!(
            !text.contains("{{<") && !text.contains("{{%"),
            "{slug}: {text}"
        );
    }
    let code = site.text("code_syntax", "content_html");
    assert!(
        code.contains("<code class=\"language-html\">&lt;!doctype html&gt;"),
        "{code}"
    );
    // Embeds are plain links: nothing loads from YouTube or X until a reader follows one.
    let rich = site.text("rich-content", "content_html");
    assert!(
        rich.contains("href=\"https://www.youtube.com/watch?v=hjD9jTi_DQ4\""),
        "{rich}"
    );
    assert!(
        rich.contains("href=\"https://x.com/GoHugoIO/status/1305090583917203457\""),
        "{rich}"
    );
    assert!(
        !rich.contains("<iframe") && !rich.contains("<script"),
        "{rich}"
    );
    // Inline templates go; the emoji stay.
    let emoji = site.text("emoji-support", "content_html");
    assert!(
        !emoji.contains(".emojify {") && emoji.contains('🙈'),
        "{emoji}"
    );

    // A translation named by its file: `markdown-syntax.fa.md` is in Persian.
    assert_eq!(site.text("markdown-syntax-fa", "language"), "fa");
    assert!(site.post("markdown-syntax")["language"].is_null());
    // Each of the three names the others, and itself, by language; the one in the site's own
    // language says none, and is the default.
    for name in [
        "markdown-syntax",
        "markdown-syntax-fa",
        "markdown-syntax-fr",
    ] {
        let page =
            std::fs::read_to_string(site.out.join("site/posts").join(name).join("index.html"))
                .expect("page");
        for (lang, folder) in [
            ("x-default", "markdown-syntax"),
            ("fa", "markdown-syntax-fa"),
            ("fr", "markdown-syntax-fr"),
        ] {
            let href = if name == folder {
                "./".to_string()
            } else {
                format!("../{folder}/")
            };
            let link = format!("<link rel=\"alternate\" hreflang=\"{lang}\" href=\"{href}\">");
            assert!(page.contains(&link), "{name}: {link}");
        }
    }
    let other =
        std::fs::read_to_string(site.out.join("site/posts/code_syntax/index.html")).expect("page");
    assert!(
        !other.contains("hreflang"),
        "a post with no translation names none"
    );
    // The key that tells translations apart is the build's: no article JSON carries it.
    for post in site.posts.values() {
        assert!(post["_article"].get("translation_key").is_none());
    }
    // A page bundle is one post named by its folder.
    assert_eq!(site.text("papermod-features", "title"), "Features / Mods");

    // What could not be shown is said, post by post.
    let warnings: Vec<String> = site
        .report
        .warnings
        .iter()
        .map(|w| {
            format!(
                "{}: {}",
                w.place.rsplit("posts/").next().unwrap_or_default(),
                w.message
            )
        })
        .collect();
    assert!(
        warnings.contains(
            &"papermod/papermod-installation.md: shortcodes left out: inTextImg, collapse"
                .to_string()
        ),
        "{warnings:?}"
    );
    assert!(warnings.contains(&"papermod/papermod-features/index.md: refers to files that are not there: images/regular.jpg, images/homeinfo.jpg".to_string()), "{warnings:?}");
}

#[test]
fn a_hugo_site_read_from_its_markdown_and_from_its_rss_gives_the_same_articles() {
    let markdown = build("vanilla-md", &[fixture("hugo-vanilla/content/post")]);
    let rss = build("vanilla-rss", &[fixture("hugo-vanilla/index.xml")]);
    assert_complete(&markdown, 6);
    assert_complete(&rss, 6);
    assert_eq!(
        markdown.posts.keys().collect::<Vec<_>>(),
        rss.posts.keys().collect::<Vec<_>>(),
        "the same pages"
    );
    for (slug, from_md) in &markdown.posts {
        let from_rss = rss.post(slug);
        assert_eq!(from_md["title"], from_rss["title"], "{slug}");
        assert_eq!(
            instant(&from_md["date_published"]),
            instant(&from_rss["date_published"]),
            "{slug}"
        );
        // Hugo's RSS carries each post's summary: the start of the post, word for word.
        let whole = words(from_md["content_html"].as_str().unwrap_or_default());
        let summary = words(from_rss["content_html"].as_str().unwrap_or_default());
        assert!(summary.len() > 40, "{slug}: {summary:?}");
        assert_eq!(whole[..summary.len()], summary[..], "{slug}");
    }
    // What only the Markdown has: tags, and the date it was last changed.
    assert_eq!(
        markdown.post("migrate-from-jekyll")["tags"],
        serde_json::json!(["hugo", "jekyll", "migration", "git", "templates"])
    );
    assert_eq!(
        markdown.text(
            "script-to-add-a-page-level-variable-to-content-front-matter-in-hugo",
            "date_modified"
        ),
        "2018-10-11"
    );
}

#[test]
fn one_site_from_two_sources_keeps_every_post_apart() {
    // The same six posts from the Markdown and from the RSS: twelve pages, none overwritten.
    let site = build(
        "vanilla-both",
        &[
            fixture("hugo-vanilla/content/post"),
            fixture("hugo-vanilla/index.xml"),
        ],
    );
    assert_complete(&site, 12);
    assert_eq!(site.report.renamed, 6);
    assert!(site.posts.contains_key("goisforlovers-2"));
    assert_ne!(
        site.post("goisforlovers")["id"],
        site.post("goisforlovers-2")["id"]
    );
}

#[test]
fn wordpress_export_with_authors_tags_and_featured_images() {
    // jekyll-import's export: 7 published posts, the rest pages, attachments and theme data.
    let site = build("wxr", &[fixture("wordpress/jekyll-import-export.xml")]);
    assert_complete(&site, 7);
    for (slug, authors) in every(&site, "authors") {
        assert_eq!(authors, ["jekyllbot"], "{slug}");
    }
    assert_eq!(
        site.post("blog-post-1")["tags"],
        serde_json::json!(["code", "Foo", "ruby", "ship", "stars"]),
        "tags and categories, without Uncategorized"
    );
    // Featured images come from the attachment `_thumbnail_id` names.
    assert!(site
        .text("growth-unlocked", "image")
        .starts_with("https://jekyllbot.wordpress.com/wp-content/uploads/2025/01/"));
    assert_eq!(
        site.text("blog-post-1", "url"),
        "https://jekyllbot.wordpress.com/2025/01/18/blog-post-1/"
    );
    let skipped = site.skipped();
    assert_eq!(skipped.len(), 9, "{skipped:?}");
    assert!(
        skipped.iter().all(|r| r.starts_with("not a post: ")),
        "{skipped:?}"
    );
}

#[test]
fn wordpress_export_with_drafts_and_a_bare_ampersand() {
    // Ghost's migration sample: an attachment URL with a bare `&`, a draft, a page and a
    // custom post type. The two published posts come through with their image and author.
    let site = build(
        "wxr-ghost",
        &[fixture("wordpress/ghost-migrate-sample.xml")],
    );
    assert_complete(&site, 2);
    assert_eq!(
        site.post("basic-post")["authors"][0]["name"],
        "Hermione Granger"
    );
    assert_eq!(
        site.text("basic-post", "date_published"),
        "2013-06-07T03:00:44Z"
    );
    let image = site.text("basic-post", "image");
    assert!(image.contains("&ixid="), "{image}");
    assert!(
        site.skipped().contains(&"not published: draft"),
        "{:?}",
        site.skipped()
    );
}

#[test]
fn wordpress_rest_api_pages() {
    // Two answers of `/wp-json/wp/v2/posts?_embed` from Frontity's tests, as two files.
    let site = build(
        "wp-json",
        &[
            fixture("wordpress/frontity-posts.json"),
            fixture("wordpress/frontity-posts-from-category-7.json"),
        ],
    );
    assert_complete(&site, 8);
    assert_eq!(site.text("hello-world", "title"), "Hello world!");
    assert_eq!(
        site.post("banff-national-park")["authors"][0]["name"],
        "Alan Martin"
    );
    assert_eq!(
        site.text("banff-national-park", "image"),
        "https://demo.worona.org/wp-content/uploads/2016/11/Canada.jpg"
    );
    let tags = &site.post("banff-national-park")["tags"];
    assert!(
        tags.as_array()
            .is_some_and(|t| t.contains(&Value::from("Photography"))),
        "{tags}"
    );
    // Titles come rendered (`&#8217;`), and are text here.
    for (slug, post) in &site.posts {
        assert!(
            !post["title"].as_str().unwrap_or_default().contains("&#"),
            "{slug}"
        );
    }
}

#[test]
fn feeds_from_the_feed_rs_test_suite() {
    let feeds = [
        "atom_example_1.xml",
        "atom_example_6.xml",
        "rss_0.91_encoding_1.xml",
        "rss_1.0_example_1.xml",
        "rss_2.0_ch9.xml",
        "rss_2.0_encoding_1.xml",
        "rss_2.0_example_5.xml",
        "rss_2.0_invalid_1.xml",
        "rss_2.0_spiegel.xml",
    ];
    let paths: Vec<PathBuf> = feeds
        .iter()
        .map(|f| fixture(&format!("feeds/{f}")))
        .collect();
    let site = build("feeds", &paths);
    // 1 + 4 + 1 + 2 + 1 + 1 + 1 + 0 + 1: the truncated Reuters feed has none, and says so.
    assert_complete(&site, 12);
    let skipped = &site.report.skipped;
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(skipped[0].place.ends_with("rss_2.0_invalid_1.xml"));
    assert!(
        skipped[0].message.contains("ends inside <channel>"),
        "{skipped:?}"
    );

    // Atom: an XHTML body, the author with their page, published and updated.
    let atom = site.post("atom");
    assert_eq!(atom["title"], "Atom draft-07 snapshot");
    assert_eq!(atom["authors"][0]["name"], "Mark Pilgrim");
    assert_eq!(atom["authors"][0]["url"], "http://example.org/");
    assert_eq!(atom["date_modified"], "2005-07-31T12:29:29+00:00");
    assert!(
        text_of_html(atom["content_html"].as_str().unwrap_or_default())
            .contains("Update: The Atom draft is finished.")
    );
    // Latin-1 feeds that say so.
    assert_eq!(
        site.text("20200406", "title"),
        "bash - Expansão de Parâmetros"
    );
    let inovacao = site
        .posts
        .values()
        .find(|p| {
            p["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Revolução nas telas"))
        })
        .expect("the ISO-8859-1 RSS 2.0 post");
    assert!(!inovacao.to_string().contains('\u{FFFD}'));
    // RSS 1.0 (RDF) with Dublin Core authors and dates, in Japanese.
    let japanese: Vec<&Value> = site
        .posts
        .values()
        .filter(|p| p["language"] == "ja")
        .collect();
    assert_eq!(japanese.len(), 2);
    assert!(japanese
        .iter()
        .any(|p| p["authors"][0]["name"] == "記事1の作者名"));
    // RSS 2.0: categories, `dc:creator`, `media:thumbnail`, and a title with no slug in its URL.
    let ars = site
        .posts
        .values()
        .find(|p| p["url"] == "https://arstechnica.com/?p=1546121")
        .expect("the Ars Technica post");
    assert_eq!(ars["authors"][0]["name"], "Samuel Axon");
    assert_eq!(
        ars["tags"],
        serde_json::json!(["Tech", "alphabet", "apple", "google"])
    );
    let ars_slug = site
        .posts
        .iter()
        .find(|(_, p)| *p == ars)
        .map(|(s, _)| s.as_str());
    assert!(
        ars_slug.is_some_and(|s| s.starts_with("apple-isn-t-the-most-cash-rich")),
        "{ars_slug:?}"
    );
    let ch9 = site
        .posts
        .values()
        .find(|p| {
            p["tags"]
                .as_array()
                .is_some_and(|t| t.contains(&Value::from("Kubernetes")))
        })
        .expect("the Channel 9 post");
    assert!(
        ch9["image"]
            .as_str()
            .is_some_and(|i| i.starts_with("https://sec.ch9.ms/")),
        "{ch9}"
    );
    assert!(
        site.posts
            .values()
            .filter(|p| p["image"].is_string())
            .count()
            >= 6
    );
}

#[test]
fn rebuilding_gives_the_same_ids_and_files() {
    let sources = [
        fixture("hugo-ananke/post"),
        fixture("wordpress/jekyll-import-export.xml"),
        fixture("feeds/atom_example_6.xml"),
    ];
    let first = build("again-1", &sources);
    let second = build("again-2", &sources);
    assert_eq!(first.posts.len(), 6 + 7 + 4);
    assert_eq!(first.posts, second.posts);
}

/// Each of `notices` (skips or warnings) as the last part of its place and its reason.
fn by_file(notices: &[broadsheet_build::sources::Notice]) -> Vec<(&str, &str)> {
    notices
        .iter()
        .map(|n| {
            (
                n.place.rsplit('/').next().unwrap_or_default(),
                n.message.as_str(),
            )
        })
        .collect()
}

/// A folder of Markdown posts written for one test, removed when the test ends.
fn markdown_site(name: &str, posts: &[(&str, &str)]) -> TempDir {
    let dir = scratch(name);
    for (path, text) in posts {
        let file = dir.path().join(path);
        std::fs::create_dir_all(file.parent().expect("folder")).expect("folder");
        std::fs::write(file, text).expect("post");
    }
    dir
}

#[test]
fn markdown_posts_that_are_not_quite_right() {
    let dir = markdown_site(
        "md-faults",
        &[
            (
                "good.md",
                "---\ntitle: Good\ndate: 2024-03-01\n---\nA body.",
            ),
            ("no-date.md", "---\ntitle: No date\n---\nStill a post."),
            (
                "odd-date.md",
                "---\ntitle: Odd date\ndate: last Tuesday\n---\nStill a post.",
            ),
            (
                "html-title.md",
                "---\ntitle: \"<em>Loud</em> & clear\"\ndate: 2024-03-02\n---\nBody.",
            ),
            ("empty.md", "---\ntitle: Empty\ndate: 2024-03-03\n---\n"),
            ("draft.md", "---\ntitle: Draft\ndraft: true\n---\nNot yet."),
            ("broken.md", "---\ntitle: [unclosed\n---\nBody."),
            ("notes.md", "Just notes, no front matter."),
            (
                "2024-02-29-leap.md",
                "---\ntitle: Jekyll name\n---\nDated by its name.",
            ),
        ],
    );
    let site = build("md-faults-out", &[dir.path().to_path_buf()]);
    assert_complete(&site, 5);
    // Kept, dated by the file, with a warning that says so.
    let warnings = by_file(&site.report.warnings);
    assert!(
        warnings.contains(&("no-date.md", "no date: dated by its file")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|(f, r)| *f == "odd-date.md" && r.contains("\"last Tuesday\"")),
        "{warnings:?}"
    );
    assert_eq!(site.text("leap", "date_published"), "2024-02-29");
    assert_eq!(site.text("html-title", "title"), "Loud & clear");
    let skipped = by_file(&site.report.skipped);
    assert!(skipped.contains(&("empty.md", "no body")), "{skipped:?}");
    assert!(skipped.contains(&("draft.md", "a draft")), "{skipped:?}");
    // The YAML parser notices the unclosed list at the closing `---`, line 3 of the file.
    assert!(
        skipped
            .iter()
            .any(|(f, r)| *f == "broken.md" && r.contains("line 3")),
        "{skipped:?}"
    );
    assert!(skipped.iter().any(|(f, _)| *f == "notes.md"), "{skipped:?}");
}

#[test]
fn markdown_images_beside_a_post_are_copied_with_it() {
    let dir = markdown_site(
        "md-bundle",
        &[
            (
                "trip/index.md",
                "---\ntitle: Trip\ndate: 2024-05-01\nimage: cover.png\n---\n![The lake](lake.png) and [the map](files/map.pdf).\n",
            ),
            ("trip/cover.png", "not really a PNG"),
            ("trip/lake.png", "not really a PNG"),
            ("trip/files/map.pdf", "%PDF"),
        ],
    );
    let site = build("md-bundle-out", &[dir.path().to_path_buf()]);
    assert_complete(&site, 1);
    let post = site.post("trip");
    let body = post["content_html"].as_str().unwrap_or_default();
    for file in ["lake.png", "files/map.pdf"] {
        let copied = site.out.join("site").join("trip").join(file);
        assert!(copied.is_file(), "{} was not copied", copied.display());
        assert!(body.contains(file), "{body}");
    }
    // The page, two folders down, reaches them.
    let page = std::fs::read_to_string(site.out.join("site/posts/trip/index.html")).expect("page");
    assert!(
        page.contains("../../trip/lake.png"),
        "the page's image path"
    );
}

#[test]
fn feed_items_that_are_not_quite_right() {
    let dir = scratch("rss-faults");
    let feed = dir.path().join("feed.xml");
    std::fs::write(
        &feed,
        r#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Faults</title><link>https://d.example/</link>
<item><title>First &lt;b&gt;bold&lt;/b&gt;</title><link>https://d.example/p/same/</link><guid>same</guid><pubDate>Mon, 01 Jan 2024 10:00:00 +0000</pubDate><description>About apples and pears.</description></item>
<item><title>Second</title><link>https://d.example/p/same/</link><guid>same</guid><pubDate>yesterday</pubDate><description>Also about apples and pears.</description></item>
<item><title>Third</title><link>https://d.example/p/third/</link><guid>third</guid><description></description></item>
<item><title>Fourth</title><link>https://d.example/p/fourth/</link><description>Cut short &amp; broken <b></description></item>
<item><title>Fifth</title><link>https://d.example/p/fifth/</link><description>After the broken one.</description></item>
<item><title>Sixth</title><link>https://d.example/p/sixth/</link><description>Never closed"#,
    )
    .expect("feed");
    let site = build("rss-faults-out", &[feed]);
    assert_complete(&site, 3);
    // Two items with one guid and one address: both kept, under two ids and at two
    // addresses, each the other's similar post.
    assert_eq!(site.pages["same"], "p/same/");
    assert_eq!(site.text("same", "id"), "same");
    assert_eq!(site.text("posts/same/", "id"), "same-2");
    assert_eq!(site.text("same", "title"), "First bold");
    let similar = &site.post("same")["_article"]["similar"];
    assert_eq!(similar[0]["id"], "same-2", "{similar}");
    let warnings: Vec<&str> = site
        .report
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .collect();
    assert!(
        warnings.contains(&"date not understood: kept undated"),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("duplicate id: \"same\"")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .contains(&"its address /p/same/ is an earlier post's: written under posts/ instead"),
        "{warnings:?}"
    );
    let skipped = by_file(&site.report.skipped);
    assert!(
        skipped.contains(&(
            "feed.xml item 3 (line 5)",
            "no body (no content or description)"
        )),
        "{skipped:?}"
    );
    // The item with the stray `<b>` breaks only itself (feed-rs names the fault).
    assert!(
        skipped
            .iter()
            .any(|(place, _)| place.starts_with("feed.xml item 4 (line 6)")),
        "{skipped:?}"
    );
    assert!(
        site.posts.values().any(|p| p["title"] == "Fifth"),
        "the item after it is read"
    );
    assert!(
        skipped
            .iter()
            .any(|(place, r)| *place == "feed.xml" && r.contains("ends inside an item")),
        "{skipped:?}"
    );
}
