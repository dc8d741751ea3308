//! A site's own look: real sources (a WordPress export, a Hugo and a Zola folder of Markdown)
//! built with a real theme's layout, Jekyll's minima ported to Jinja with its own stylesheet
//! (`tests/data/layouts/jekyll-minima/`, MIT). Every page is the theme's page around the
//! build's head and content, the theme's files are published as they are, no link is broken,
//! and a template that does not parse or names a variable that does not exist stops the build
//! naming its file and line.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use broadsheet_build::publish::files_under;
use broadsheet_build::site::{build_site, BuildSettings, Input, Mode, SiteOverrides};
use tempfile::TempDir;

use support::links::links_hold_but;

/// Links in the vendored posts themselves that lead nowhere in their own source: PaperMod's
/// example posts point at placeholders and at pages of its documentation site.
const SOURCES_OWN: [&str; 5] = [
    "/path/to/your/audiofile.mp3",
    "/path/to/your/videofile.mp4",
    "../../papermod/papermod-faq/#custom-head--footer",
    "../papermod/papermod-features/images/regular.jpg",
    "../papermod/papermod-features/images/homeinfo.jpg",
];

fn data(path: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data")).join(path)
}

fn minima() -> PathBuf {
    data("layouts/jekyll-minima")
}

fn scratch() -> TempDir {
    tempfile::Builder::new()
        .prefix("broadsheet-layouts-")
        .tempdir()
        .expect("scratch")
}

fn build(source: &str, out: &Path, layout: &Path) -> Result<(), String> {
    let settings = BuildSettings {
        layout: Some(layout.to_path_buf()),
        static_dir: Some(minima().join("static")),
        ..BuildSettings::default()
    };
    build_site(
        &[Input::detect(data(source), String::new()).expect("a format it reads")],
        out,
        Mode::Site,
        &settings,
        &SiteOverrides {
            base_url: Some("https://theme.example/".into()),
            ..SiteOverrides::default()
        },
        &|_, _, _| {},
    )
    .map(|_| ())
    .map_err(|e| e.to_string())
}

#[test]
fn every_page_is_the_theme_s_page_around_the_build_s() {
    for source in [
        "sources/wordpress/jekyll-import-export.xml",
        "sources/hugo-papermod",
        "sources/zola-deepthought",
    ] {
        let scratch = scratch();
        let site = scratch.path().join("site");
        build(source, &site, &minima().join("layout")).expect("builds");
        let files = files_under(&site).expect("files");
        let mut pages = 0;
        for page in files.iter().filter(|f| f.ends_with(".html")) {
            let html = std::fs::read_to_string(site.join(page)).expect("page");
            if html.contains("http-equiv=\"refresh\"") {
                continue;
            }
            pages += 1;
            for part in [
                "<header class=\"site-header\">",
                "<footer class=\"site-footer h-card\">",
                "<main class=\"page-content\" aria-label=\"Content\">",
                "<div class=\"bs bs-in-layout\">",
                "assets/css/style.css\">",
                "<link rel=\"stylesheet\" href=\"",
            ] {
                assert!(html.contains(part), "{source}: {page} lacks {part}");
            }
            assert_eq!(html.matches("<title>").count(), 1, "{source}: {page}");
            assert!(
                html.starts_with("<!DOCTYPE html>"),
                "{source}: {page} is the theme's document"
            );
        }
        // Posts, the list, tags, authors.
        assert!(pages >= 5, "{source}: {pages} pages");
        let copied = std::fs::read(site.join("assets/css/style.css")).expect("the theme's CSS");
        let original =
            std::fs::read(minima().join("static/assets/css/style.css")).expect("vendored");
        assert!(
            copied == original,
            "{source}: the stylesheet is published as it is"
        );
        links_hold_but(&site, &SOURCES_OWN);
    }
}

#[test]
fn a_broken_template_stops_the_build_naming_its_file_and_line() {
    let scratch = scratch();
    let broken = |article: &str| {
        let layout = scratch.path().join("layout");
        let _ = std::fs::remove_dir_all(&layout);
        std::fs::create_dir_all(&layout).expect("folder");
        for name in ["base.html", "list.html"] {
            std::fs::copy(minima().join("layout").join(name), layout.join(name)).expect("copy");
        }
        std::fs::write(layout.join("article.html"), article).expect("template");
        layout
    };
    let out = scratch.path().join("site");
    let layout = broken("{% extends \"base.html\" %}\n{% block content %}\n{% if %}\n");
    let error = build("sources/zola-deepthought", &out, &layout).expect_err("no parse");
    assert!(error.contains("article.html:3: syntax error"), "{error}");
    let layout = broken(
        "{% extends \"base.html\" %}\n{% block content %}\n{{ post.title }}\n{% endblock %}",
    );
    let error = build("sources/zola-deepthought", &out, &layout).expect_err("no such variable");
    assert!(error.contains("article.html:3: undefined value"), "{error}");

    // From the command line: status 1, the file and line named, and nothing published.
    let run = Command::new(env!("CARGO_BIN_EXE_broadsheet-build"))
        .arg("--layout")
        .arg(&layout)
        .arg("--out")
        .arg(scratch.path().join("published"))
        .arg(data("sources/zola-deepthought"))
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1));
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(said.contains("article.html:3: undefined value"), "{said}");
    assert!(!scratch.path().join("published").exists());
}
