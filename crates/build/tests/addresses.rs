//! A site moved onto the build step keeps its addresses: two real WordPress exports (vendored
//! from importers' test suites) built as they are and with a permalink pattern. Every post's
//! own address answers with its page, or with a redirect to it; `_redirects` lists each move;
//! and no page of the output links to a file that is not there.

mod support;

use std::path::{Path, PathBuf};

use broadsheet_build::site::address::Permalink;
use broadsheet_build::site::{build_site, BuildSettings, Input, Mode, SiteOverrides};
use broadsheet_build::sources::Format;
use tempfile::TempDir;

use support::links::{file_of, links_hold_but, resolve, values};

fn fixture(name: &str) -> PathBuf {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/sources/wordpress"
    ))
    .join(name)
}

/// The addresses of an export's published posts, as its `<link>`s give them, and the site's
/// address (the channel's link).
fn addresses(export: &Path) -> (String, Vec<String>) {
    let xml = std::fs::read_to_string(export).expect("export");
    let link = |text: &str| {
        let start = text.find("<link>")? + "<link>".len();
        let end = text[start..].find("</link>")? + start;
        Some(text[start..end].trim().to_string())
    };
    let site = link(&xml).expect("the channel's link");
    let field = |item: &str, name: &str| {
        let open = format!("<wp:{name}>");
        let start = item.find(&open)? + open.len();
        let end = item[start..].find("</wp:")? + start;
        Some(
            item[start..end]
                .trim_start_matches("<![CDATA[")
                .trim_end_matches("]]>")
                .to_string(),
        )
    };
    let posts = xml
        .split("<item>")
        .skip(1)
        .filter(|item| {
            field(item, "post_type").as_deref() == Some("post")
                && field(item, "status").as_deref() == Some("publish")
        })
        .filter_map(link)
        .collect();
    (site, posts)
}

fn build(export: &Path, permalink: Option<&str>) -> (TempDir, PathBuf) {
    let scratch = tempfile::Builder::new()
        .prefix("broadsheet-addresses-")
        .tempdir()
        .expect("scratch");
    let out = scratch.path().join("site");
    let settings = BuildSettings {
        permalink: permalink.map(|p| p.parse::<Permalink>().expect("a pattern")),
        ..BuildSettings::default()
    };
    let report = build_site(
        &[Input {
            path: export.to_path_buf(),
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
    assert!(report.posts > 0);
    (scratch, out)
}

/// Where the page at `path` sends its reader: itself when it shows an article, else the
/// target of its refresh, followed.
fn arrives(site: &Path, path: &str) -> String {
    let html = std::fs::read_to_string(file_of(site, path))
        .unwrap_or_else(|_| panic!("nothing answers at {path}"));
    if html.contains("<article") {
        return path.to_string();
    }
    let to = values(&html, "content=\"0; url=")
        .first()
        .copied()
        .unwrap_or_else(|| panic!("{path} is neither a page nor a redirect"));
    assert!(html.contains("rel=\"canonical\""), "{path}: {html}");
    arrives(site, &resolve(path, to).expect("inside the site"))
}

#[test]
fn every_post_answers_at_its_own_address() {
    for export in ["jekyll-import-export.xml", "ghost-migrate-sample.xml"] {
        let export = fixture(export);
        let (site_url, posts) = addresses(&export);
        let (_scratch, site) = build(&export, None);
        assert!(posts.len() >= 2, "{posts:?}");
        for post in &posts {
            let path = post
                .strip_prefix(&site_url)
                .unwrap_or(post)
                .trim_start_matches('/');
            assert_eq!(arrives(&site, path), path, "{post} is its page");
        }
        assert!(!site.join("_redirects").exists(), "nothing moved");
        links_hold_but(&site, &[]);
    }
}

#[test]
fn a_permalink_pattern_moves_every_post_and_its_old_address_redirects() {
    let export = fixture("jekyll-import-export.xml");
    let (site_url, posts) = addresses(&export);
    let (_scratch, site) = build(&export, Some("/:year/:title/"));
    let redirects = std::fs::read_to_string(site.join("_redirects")).expect("_redirects");
    assert_eq!(redirects.lines().count(), posts.len(), "{redirects}");
    for post in &posts {
        let old = post
            .strip_prefix(&site_url)
            .expect("under the site")
            .trim_start_matches('/');
        let new = arrives(&site, old);
        assert_ne!(new, old, "{post} moved");
        assert!(new.starts_with("2025/"), "{new}");
        assert!(
            redirects.contains(&format!("/{old} /{new} 301")),
            "{old}: {redirects}"
        );
        // The page's canonical is its new address, never the old one that redirects.
        let page = std::fs::read_to_string(file_of(&site, &new)).expect("page");
        assert!(
            page.contains(&format!("rel=\"canonical\" href=\"{site_url}/{new}\"")),
            "{new}"
        );
    }
    links_hold_but(&site, &[]);
}
