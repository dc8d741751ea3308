//! What a build is told: its inputs, what it writes, and how.

use std::path::PathBuf;
use std::time::Duration;

use broadsheet_core::read_time::{ReadTimeConfig, ReadTimeStyle};
use broadsheet_core::share::{parse_controls, ShareControl, DEFAULT_CONTROLS};
use broadsheet_core::similar::Weights;

use super::address::Permalink;

use crate::sources::{Format, Notice, SourceError};

use super::feeds::FeedSettings;

/// Words of each body kept in the index as its `content_text`: a short excerpt, so that the
/// index stays a valid JSON Feed (ranking in the browser reads the terms instead).
pub const INDEX_WORDS: usize = 12;

/// Terms of each body kept in the index for ranking in the browser, its most frequent. On the
/// suite's Linux mailing lists (discussions of 390 words on average), ranking in the browser
/// from 30 was 0.016 precision@3 behind the build step without titles, from 60 0.003
/// (`broadsheet-bench suite`); posts of fewer distinct terms (short news) keep all they have.
/// 60 are as many as a site without latent vectors needed before (the 3GPP mailing lists).
/// Choosing the 30 by tf·idf, or more of them for longer posts, did not close the gap
/// (BENCHMARKS.md).
pub const INDEX_TERMS: usize = 60;

/// How many more ranking terms a post in a language written without spaces keeps in the site
/// index: its terms are character pairs, each of which says far less than a word. On the
/// livedoor news corpus (Japanese), ranking in the browser from 30 pairs fell 0.19 to 0.24
/// precision@3 behind the whole text, against 0.05 on Reuters (`broadsheet-bench suite`); 120
/// pairs are kept.
pub const UNSPACED_TERMS_FACTOR: usize = 2;

/// The ranking terms a post in `language` (a primary subtag) keeps in the site index, when
/// a post in a language written with spaces keeps `n`.
pub fn index_terms_for(language: &str, n: usize) -> usize {
    match language {
        "ja" | "zh" | "th" | "lo" | "km" | "my" | "bo" => n * UNSPACED_TERMS_FACTOR,
        _ => n,
    }
}

/// Settings of a build.
#[derive(Clone, Debug)]
pub struct BuildSettings {
    /// Similar posts precomputed into each article.
    pub similar: usize,
    /// Words of body text kept in each index entry (`content_text`), as an excerpt.
    pub index_words: usize,
    /// The body's most frequent ranking terms kept in each index entry (`_article.terms`), for
    /// ranking in the browser.
    pub index_terms: usize,
    /// Ranking weights.
    pub weights: Weights,
    /// Whether pages are written (article JSON and the index are, always).
    pub pages: bool,
    /// Posts on each page of the list of posts.
    pub per_page: usize,
    /// The share section of each page, in order.
    pub share: Vec<ShareControl>,
    /// Long or short read time on pages.
    pub read_time_style: ReadTimeStyle,
    /// Reading rates.
    pub read_time: ReadTimeConfig,
    /// The site's own feeds and sitemap.
    pub feeds: FeedSettings,
    /// The address of every post (`--permalink`), instead of its own; its own then redirects.
    pub permalink: Option<Permalink>,
    /// The site's own layout (`--layout`): a folder of templates.
    pub layout: Option<std::path::PathBuf>,
    /// The site's own files (`--static`), copied as they are.
    pub static_dir: Option<std::path::PathBuf>,
}

impl Default for BuildSettings {
    fn default() -> Self {
        BuildSettings {
            similar: 6,
            index_words: INDEX_WORDS,
            index_terms: INDEX_TERMS,
            weights: Weights::default(),
            pages: true,
            per_page: 24,
            share: parse_controls(DEFAULT_CONTROLS),
            read_time_style: ReadTimeStyle::Long,
            read_time: ReadTimeConfig::default(),
            feeds: FeedSettings::default(),
            permalink: None,
            layout: None,
            static_dir: None,
        }
    }
}

/// What is said of the site on the command line, over what its feed says.
#[derive(Clone, Debug, Default)]
pub struct SiteOverrides {
    /// The site's name (else the feed's `title`).
    pub name: Option<String>,
    /// Where the site's root is published (else the feed's `home_page_url`).
    pub base_url: Option<String>,
    /// The image of pages without one (else the feed's `icon`).
    pub default_image: Option<String>,
}

/// One input: a file or a folder, its format, and the folder of the site (relative to its
/// root, `/`-separated) that its relative URLs are relative to.
#[derive(Clone, Debug)]
pub struct Input {
    /// A feed, a WordPress file, or a folder of Markdown posts.
    pub path: PathBuf,
    /// What it is.
    pub format: Format,
    /// The folder of the site its relative URLs are relative to (`""`: the site's root).
    pub base: String,
}

impl Input {
    /// `path`, whose relative URLs are relative to the site's folder `base`, in the format it
    /// holds.
    pub fn detect(path: PathBuf, base: String) -> Result<Input, SourceError> {
        let format = Format::detect(&path)?;
        Ok(Input { path, format, base })
    }
}

/// What a build writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A site: each post gets `posts/<slug>/` in the output, with its article JSON and its
    /// page, and the index and the list of posts go beside them.
    Site,
    /// Each input file is one post's article JSON already, where it is: only the index is
    /// written, pointing at the files (`--index-only`).
    IndexOnly,
}

/// What a build did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Posts built.
    pub posts: usize,
    /// Items left out, and why.
    pub skipped: Vec<Notice>,
    /// Posts kept with a caveat (an unreadable date, dated by its file instead).
    pub warnings: Vec<Notice>,
    /// Posts whose slug was taken and got a number.
    pub renamed: usize,
    /// Pages written (posts and the list of posts).
    pub pages: usize,
    /// What the build left out of the site as a whole, and why (no feeds without a base
    /// URL): not a problem of any post.
    pub notes: Vec<String>,
    /// How long each stage took: reading (and sanitizing, rendering), ranking, writing.
    pub stages: Vec<(&'static str, Duration)>,
}

/// How a build tells where it is: a stage's name, its work done and its total (0 when not
/// known yet).
pub type Progress<'a> = &'a (dyn Fn(&str, usize, usize) + Sync);
