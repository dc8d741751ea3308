//! The build step: a site's sources in; one article JSON per post with its read time and
//! `_article.similar` precomputed, the trimmed index `feed.json` for ranking in the browser,
//! and prerendered pages (each post's page and the list of posts, newest first) out.
//!
//! It works in two passes over the posts, so that memory stays small whatever the size of the
//! site:
//!
//! 1. [`pipeline`]: the sources are read a post at a time; each post is prepared on a worker
//!    ([`prepare`]: sanitized once, its relative URLs rebased to where it is written, its
//!    article rendered) and staged in a file ([`staging`]); what stays in memory is its card and
//!    its ranking terms. The index is written from the cards ([`index`]).
//! 2. Every post is ranked against the others ([`rank`]); then each post's similar posts are
//!    chosen and its article JSON and page written from what was staged ([`write`]), and the
//!    list of posts ([`list_pages`]).
//!
//! Output layout (`--out DIR`): `posts/<slug>/index.html` and `posts/<slug>/article.json`, side
//! by side so that one rebased body serves both; `feed.json`; `index.html` and
//! `page/<n>/index.html`, the posts as cards; `assets/`, the stylesheet and the enhancement
//! script, named by their contents. With a base URL, then, the site's own feeds, its sitemap
//! and `robots.txt` ([`feeds`], [`sitemap`]), from the staged bodies of the newest posts.

pub mod address;
pub mod card;
pub mod feeds;
pub mod index;
pub mod list_pages;
pub mod meta;
pub mod pipeline;
pub mod prepare;
pub mod rank;
pub mod session;
pub mod settings;
pub mod sitemap;
pub mod slug;
pub mod staging;
pub mod static_files;
pub mod write;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use broadsheet_core::similar::latent_code::INDEX_DIMENSIONS;
use broadsheet_core::similar::IndexBuilder;

use crate::assets::Assets;
use crate::error::{At, BuildError};
use crate::feed_reader::Object;
use crate::sources::{self, Format};

use self::feeds::{write_feeds, Syndication};
use self::index::write_index;
use self::list_pages::write_list_pages;
use self::meta::Site;
use self::pipeline::{first_pass, Outcome};
use self::prepare::{Context, Post, Source};
use self::rank::rank_all;
use self::session::Session;
use self::sitemap::{source_robots, write_robots};
use self::staging::Staging;
use self::static_files::copy_static;
use self::write::SecondPass;
use crate::layout::{Layout, SiteVars};

pub use self::settings::{
    BuildSettings, Input, Mode, Progress, Report, SiteOverrides, INDEX_TERMS, INDEX_WORDS,
};
pub use self::slug::slug;

/// The file under the output where posts wait between the passes; removed when the build
/// ends.
const STAGING: &str = ".broadsheet-staging";

/// Builds the site of `inputs` into `out`. `progress` hears of each stage.
pub fn build_site(
    inputs: &[Input],
    out: &Path,
    mode: Mode,
    settings: &BuildSettings,
    overrides: &SiteOverrides,
    progress: Progress<'_>,
) -> Result<Report, BuildError> {
    let (report, _) = run(inputs, out, mode, settings, overrides, progress, None)?;
    Ok(report)
}

/// Builds the site of `inputs` into `out`, as [`build_site`], and keeps what `serve` needs to
/// rebuild an edited post alone: the posts wait in the file `staging` (outside `out`) for as
/// long as the [`Session`] lives.
pub fn build_session(
    inputs: &[Input],
    out: &Path,
    settings: &BuildSettings,
    overrides: &SiteOverrides,
    progress: Progress<'_>,
    staging: PathBuf,
) -> Result<(Report, Option<Session>), BuildError> {
    run(
        inputs,
        out,
        Mode::Site,
        settings,
        overrides,
        progress,
        Some(staging),
    )
}

/// The build; with `keep`, the path of the staging file a [`Session`] keeps.
fn run(
    inputs: &[Input],
    out: &Path,
    mode: Mode,
    settings: &BuildSettings,
    overrides: &SiteOverrides,
    progress: Progress<'_>,
    keep: Option<PathBuf>,
) -> Result<(Report, Option<Session>), BuildError> {
    if inputs.is_empty() {
        return Err(BuildError::NoInput);
    }
    // Each source's feed-level fields, read once. A source whose head cannot be read fails
    // again when its posts are read, and is reported there with the rest; the other sources
    // still build.
    let headers: Vec<Object> = inputs
        .iter()
        .map(|input| sources::header(&input.path, input.format).unwrap_or_default())
        .collect();
    let site = Site::new(&headers[0], overrides);
    std::fs::create_dir_all(out).at(out)?;
    let pages = settings.pages && mode == Mode::Site;
    let mut assets = Assets::new();
    if pages {
        assets.feeds = settings.feeds.links(&site);
        assets.tag_feeds = settings.feeds.tag_feeds && !assets.feeds.is_empty();
        // The layout is read, and every template parsed, before anything is built.
        if let Some(dir) = &settings.layout {
            assets.layout = Some(Layout::load(
                dir,
                SiteVars {
                    name: site.info.name.clone(),
                    base_url: site.info.base_url.as_ref().map(|u| u.as_str().to_string()),
                },
            )?);
        }
    }
    if pages {
        assets.write(out)?;
    }
    let staging = match mode {
        Mode::Site => Some(Staging::new(
            keep.clone().unwrap_or_else(|| out.join(STAGING)),
        )?),
        Mode::IndexOnly => None,
    };
    let context = Context {
        site: &site,
        settings,
        mode,
        out,
    };

    // First pass: every post prepared and staged; the index written.
    let mut report = Report::default();
    let mut stage = Instant::now();
    let mut builder = IndexBuilder::new(settings.weights);
    let mut posts: Vec<Post> = Vec::new();
    // A session's Markdown posts, by their files.
    let mut origins: HashMap<PathBuf, (usize, usize)> = HashMap::new();
    let sources: Vec<Source> = inputs
        .iter()
        .zip(&headers)
        .map(|(input, header)| Source::new(input, header))
        .collect();
    first_pass(&sources, &context, staging.as_ref(), |outcome| {
        match outcome {
            Outcome::Skipped(notice) => report.skipped.push(notice),
            Outcome::Warning(notice) => report.warnings.push(notice),
            Outcome::Prepared {
                prepared,
                renamed,
                source,
                at,
            } => {
                report.renamed += usize::from(renamed);
                if keep.is_some() && inputs[source].format == Format::Markdown {
                    if let Ok(file) = std::path::absolute(&at) {
                        origins.insert(file, (posts.len(), source));
                    }
                }
                builder.add(&prepared.doc);
                posts.push(prepared.post);
                if posts.len().is_multiple_of(1000) {
                    progress("reading", posts.len(), 0);
                }
            }
        }
        Ok(())
    })?;
    report.posts = posts.len();
    progress("reading", posts.len(), posts.len());
    report.stages.push(("read", stage.elapsed()));
    stage = Instant::now();

    // The index of the site's posts, and with it their latent vectors, which the site index
    // carries for ranking in the browser.
    let ranking = match keep {
        Some(_) => builder.finish_updatable(),
        None => builder.finish(),
    };
    for (d, post) in posts.iter_mut().enumerate() {
        post.card.ext.latent = ranking.latent_code(d, INDEX_DIMENSIONS);
    }
    write_index(
        &out.join("feed.json"),
        &site.fields,
        posts.iter().map(|p| &p.card),
    )?;
    // A session rewrites the index when a post changes.
    let cards = match keep {
        Some(_) => posts.iter().map(|p| p.card.clone()).collect(),
        None => Vec::new(),
    };
    // Lists of similar posts carry neither the excerpt, nor the terms, nor the latent vector.
    for post in &mut posts {
        post.card.content_text = None;
        post.card.ext.terms = None;
        post.card.ext.latent = None;
    }
    let Some(staging) = staging else {
        report.stages.push(("index", stage.elapsed()));
        return Ok((report, None));
    };

    // Ranking, on all cores.
    let ranked = rank_all(&ranking, settings.similar, progress);
    report.stages.push(("rank", stage.elapsed()));
    stage = Instant::now();

    // Second pass: each post's similar posts added, its files written.
    let second = SecondPass {
        posts: &posts,
        ranked: &ranked,
        feed: &site.fields,
        settings,
        assets: &assets,
        staging: &staging,
        out,
    };
    report.pages += second.write_all(progress)?;
    second.write_redirects()?;
    if pages {
        report.pages += write_list_pages(&posts, &site, settings.per_page, &assets, out)?;
        let syndicated = write_feeds(&Syndication {
            posts: &posts,
            site: &site,
            settings,
            staging: &staging,
            out,
            more_pages: &[],
        })?;
        report.notes.extend(syndicated.notes);
        // The site's own robots.txt, when its static files have one, is copied with them.
        let static_robots = settings
            .static_dir
            .as_ref()
            .is_some_and(|dir| dir.join("robots.txt").is_file());
        if !static_robots {
            write_robots(
                out,
                site.info.base_url.as_ref(),
                source_robots(inputs).as_deref(),
            )?;
        }
        if let Some(dir) = &settings.static_dir {
            copy_static(dir, out)?;
        }
    }
    report.stages.push(("write", stage.elapsed()));
    let session = keep.is_some().then(|| Session {
        inputs: inputs.to_vec(),
        headers,
        site,
        settings: settings.clone(),
        assets,
        out: out.to_path_buf(),
        posts,
        cards,
        index: ranking,
        ranked,
        staging,
        origins,
        skipped: report.skipped.clone(),
    });
    Ok((report, session))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use serde_json::{json, Value};

    use super::*;
    use crate::sources::Format;

    /// A fresh folder for one test, removed when the test ends, passed or failed.
    fn scratch(name: &str) -> tempfile::TempDir {
        tempfile::Builder::new()
            .prefix(&format!("broadsheet-site-{name}-"))
            .tempdir()
            .expect("scratch folder")
    }

    fn build(feed: &Value, dir: &Path, out: &str) -> Report {
        let path = dir.join("feed.in.json");
        std::fs::write(&path, feed.to_string()).expect("write");
        build_site(
            &[Input {
                path,
                format: Format::JsonFeed,
                base: String::new(),
            }],
            &dir.join(out),
            Mode::Site,
            &BuildSettings::default(),
            &SiteOverrides::default(),
            &|_, _, _| {},
        )
        .expect("builds")
    }

    /// Every file under `dir`, with its contents, in order.
    fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).expect("folder") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let bytes = std::fs::read(&path).expect("read");
                    out.push((path.strip_prefix(dir).expect("inside").to_path_buf(), bytes));
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn slugs_are_unique_and_what_is_no_post_is_reported() {
        let folder = scratch("slugs");
        let dir = folder.path();
        let items: Vec<Value> = (0..40)
            .map(|i| json!({"id": format!("p{i}"), "title": format!("Post {i} about rivers and {}", i % 3), "content_text": "Text of a post about rivers."}))
            .chain([
                json!({"id": "a/b", "title": "1", "content_text": "x"}),
                json!({"id": "a b", "title": "2", "content_text": "x"}),
                json!({"id": "A-B", "title": "3", "content_text": "x"}),
                json!({"title": "no id", "content_text": "x"}),
                json!({"id": "untitled", "content_text": "x"}),
            ])
            .collect();
        let feed = json!({"title": "Site", "home_page_url": "https://s.example/", "items": items});
        let report = build(&feed, dir, "one");
        assert_eq!(report.posts, 43);
        assert_eq!(report.renamed, 2);
        let reasons: Vec<&str> = report.skipped.iter().map(|s| s.message.as_str()).collect();
        assert_eq!(
            reasons,
            ["it has no id", "it has neither a title nor a url"]
        );
        assert!(
            report.skipped[0].place.ends_with("item 44"),
            "{:?}",
            report.skipped
        );
        for (slug, title) in [("a-b", "1"), ("a-b-2", "2"), ("a-b-3", "3")] {
            let json = std::fs::read_to_string(dir.join(format!("one/posts/{slug}/article.json")))
                .expect("kept apart, never overwritten");
            let doc: Value = serde_json::from_str(&json).expect("JSON");
            assert_eq!(doc["items"][0]["title"], title);
        }
        // Workers run in parallel, yet a second build writes exactly the same files.
        build(&feed, dir, "two");
        let (one, two) = (files(&dir.join("one")), files(&dir.join("two")));
        assert_eq!(one.len(), two.len());
        for (a, b) in one.iter().zip(&two) {
            assert!(a == b, "{} differs between two builds", a.0.display());
        }
    }

    #[test]
    fn a_post_without_its_own_url_gets_its_page_as_url_and_relative_urls_follow_it() {
        let folder = scratch("urls");
        let dir = folder.path();
        let feed = json!({"title": "Site", "home_page_url": "https://s.example/news",
            "items": [{"id": "a", "title": "A", "image": "img/a.png",
                       "content_html": "<p>See <a href=\"b/\">b</a> and <a href=\"#n\">n</a>.</p><img src=\"img/map.png\" alt=\"\">"}]});
        build(&feed, dir, "site");
        let json = std::fs::read_to_string(dir.join("site/posts/a/article.json")).expect("JSON");
        let doc: Value = serde_json::from_str(&json).expect("parses");
        let item = &doc["items"][0];
        assert_eq!(item["url"], "https://s.example/news/posts/a/");
        assert_eq!(item["image"], "../../img/a.png");
        assert_eq!(doc["home_page_url"], "https://s.example/news/");
        let html = item["content_html"].as_str().expect("HTML");
        assert!(html.contains(r#"<a href="../../b/">b</a>"#), "{html}");
        // A fragment link gets the prerendered instance's id prefix, like the ids it points at.
        assert!(html.contains(r##"<a href="#bs-c-n">n</a>"##), "{html}");
        assert!(html.contains(r#"<img src="../../img/map.png""#), "{html}");
        // The page beside it shows the same body.
        let page = std::fs::read_to_string(dir.join("site/posts/a/index.html")).expect("page");
        assert!(page.contains(r#"<a href="../../b/">b</a>"#));
        assert!(page.contains(r#"<img src="../../img/a.png""#));
    }
}
