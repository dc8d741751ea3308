//! The files every prerendered page shares: the component's stylesheet and the enhancement
//! script, named by their contents so that a host can cache them for good.

use std::path::Path;

use crate::error::BuildError;
use crate::output::write_file;

/// The component's stylesheet, the same one the browser component uses (its rules without the
/// notes about them, 15% less for a page to wait for before it paints), then the rules of what
/// only the build's pages have (`assets/site.css`).
static STYLESHEET: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "{}\n{}",
        broadsheet::STYLESHEET,
        include_str!("../assets/site.css")
    )
});
/// The article's script (the share section's buttons, time left, sharing a passage) and the
/// line that runs it on every article of a prerendered page: one module (see the files'
/// headers).
const SCRIPT: &str = concat!(
    include_str!("../assets/reader.js"),
    include_str!("../assets/enhance.js")
);

/// A file of the site: its path from the site's root, and its contents.
pub type Asset = (String, &'static str);

/// A feed of the site that every page names in its `<head>` (`<link rel="alternate">`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedLink {
    /// Its media type (`application/rss+xml`).
    pub media_type: &'static str,
    /// What a feed reader calls it.
    pub title: String,
    /// Its file, from the site's root.
    pub path: String,
}

/// The shared files of a build.
pub struct Assets {
    /// `assets/broadsheet-<hash>.css`.
    pub stylesheet: Asset,
    /// `assets/enhance-<hash>.js`.
    pub script: Asset,
    /// The site's own feeds, which pages link to (none until the build knows them).
    pub feeds: Vec<FeedLink>,
    /// The site's own layout, when it has one.
    pub layout: Option<crate::layout::Layout>,
    /// Whether each tag has its own feed, which its list's pages link to.
    pub tag_feeds: bool,
}

/// 64-bit FNV-1a of `text`, as 16 hex digits: a name that changes with the contents.
fn content_hash(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}")
}

impl Assets {
    /// The shared files, named.
    pub fn new() -> Assets {
        Assets {
            stylesheet: (
                format!("assets/broadsheet-{}.css", content_hash(&STYLESHEET)),
                STYLESHEET.as_str(),
            ),
            script: (
                format!("assets/enhance-{}.js", content_hash(SCRIPT)),
                SCRIPT,
            ),
            feeds: Vec::new(),
            layout: None,
            tag_feeds: false,
        }
    }

    /// Writes them under `out`.
    pub fn write(&self, out: &Path) -> Result<(), BuildError> {
        for (path, text) in [&self.stylesheet, &self.script] {
            write_file(&out.join(path), text)?;
        }
        Ok(())
    }
}

impl Default for Assets {
    fn default() -> Self {
        Assets::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_contents() {
        assert_eq!(content_hash(""), "cbf29ce484222325");
        assert_ne!(content_hash("a"), content_hash("b"));
        let assets = Assets::new();
        assert!(assets.stylesheet.0.starts_with("assets/broadsheet-"));
        assert!(assets.script.0.ends_with(".js"));
    }
}
