//! Links of a built site, followed: where a path is served from, where a link leads, and a
//! check that no page links to a file that is not there.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use broadsheet_build::publish::files_under;

/// The file a path of the site is served from.
pub fn file_of(site: &Path, path: &str) -> PathBuf {
    let path = path.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        site.join(path).join("index.html")
    } else {
        site.join(path)
    }
}

/// The path, from the site's root, that `link` on the page at `page` (a path) leads to, when
/// it is a link inside the site.
pub fn resolve(page: &str, link: &str) -> Option<String> {
    if link.is_empty()
        || link.starts_with('#')
        || link.contains("://")
        || link.starts_with("data:")
        || link.starts_with("mailto:")
    {
        return None;
    }
    let link = link.split(['#', '?']).next().unwrap_or_default();
    let mut parts: Vec<&str> = if link.starts_with('/') {
        Vec::new()
    } else {
        let folder = page.rsplit_once('/').map_or("", |(dir, _)| dir);
        folder.split('/').filter(|s| !s.is_empty()).collect()
    };
    for segment in link.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if link.ends_with('/') && !path.is_empty() {
        path.push('/');
    }
    Some(path)
}

/// The values of `attribute` (`href="…"`, `src="…"`, `content="0; url=…"`) in `html`.
pub fn values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    html.split(attribute)
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

/// Every internal link and image of every page of `site`, followed: none is broken, but
/// those of `sources_own` (links a source's posts have that lead nowhere in the source
/// itself).
pub fn links_hold_but(site: &Path, sources_own: &[&str]) {
    let files: BTreeSet<String> = files_under(site).expect("files").into_iter().collect();
    let (mut broken, mut followed) = (Vec::new(), 0);
    for page in files.iter().filter(|f| f.ends_with(".html")) {
        let html = std::fs::read_to_string(site.join(page)).expect("page");
        for link in values(&html, "href=\"")
            .into_iter()
            .chain(values(&html, "src=\""))
        {
            let Some(path) = resolve(page, &link.replace("&amp;", "&")) else {
                continue;
            };
            if sources_own.contains(&link) {
                continue;
            }
            followed += 1;
            let file = file_of(Path::new(""), &path);
            if !files.contains(&file.to_string_lossy().into_owned()) {
                broken.push(format!("{page} -> {link}"));
            }
        }
    }
    assert!(broken.is_empty(), "broken links: {broken:#?}");
    // The cards, the stylesheet, the script, the feed and home: never none.
    assert!(followed > 20, "{followed} links followed");
}
