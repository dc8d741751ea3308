//! The command line and the config file: what a build is told, from `broadsheet.toml` and the
//! flags (flags win), checked and turned into the library's settings.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::Deserialize;

use broadsheet_build::site::address::Permalink;
use broadsheet_build::site::feeds::FeedPath;
use broadsheet_build::site::{BuildSettings, Mode, SiteOverrides};
use broadsheet_build::sources::Format;
use broadsheet_core::read_time::ReadTimeStyle;
use broadsheet_core::share::{parse_controls, Network, DEFAULT_CONTROLS};

/// The config file read from the current folder when `--config` is not given.
pub const CONFIG: &str = "broadsheet.toml";

/// Turns a site's posts (JSON Feed, RSS, Atom, a folder of Markdown, WordPress's REST JSON or
/// a WXR export) into article JSON with read time and similar posts precomputed, a ranked
/// index (feed.json) and prerendered pages.
#[derive(Debug, Parser)]
#[command(
    name = "broadsheet-build",
    version,
    args_conflicts_with_subcommands = true,
    after_help = "Without a command, builds. Every option can also be set in broadsheet.toml \
                  (the same names, e.g. `out = \"public\"`, `sources = [\"content\"]`); flags win."
)]
pub struct Cli {
    /// What to do (default: build).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The options of `build`, when no command is named.
    #[command(flatten)]
    pub build: SiteArgs,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Builds the site into the output folder, swapped in whole when finished.
    Build(SiteArgs),
    /// Builds, serves the site on 127.0.0.1, rebuilds when a source changes and reloads open
    /// pages.
    Serve {
        /// What to build.
        #[command(flatten)]
        site: SiteArgs,
        /// The port to serve on (0: any free port).
        #[arg(long, default_value_t = 8000)]
        port: u16,
    },
    /// Reads and builds everything, writes nothing, and reports every problem; fails when there
    /// is one.
    Check(SiteArgs),
    /// Prints the completions of a shell (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// The formats a source can be in.
#[derive(Clone, Copy, Debug, Deserialize, ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum FormatArg {
    /// A JSON Feed (1.0 or 1.1).
    JsonFeed,
    /// An RSS feed (0.9x, 1.0 or 2.0).
    Rss,
    /// An Atom feed.
    Atom,
    /// A folder of Markdown posts with front matter.
    Markdown,
    /// WordPress's REST API posts (`/wp-json/wp/v2/posts`).
    Wordpress,
    /// A WordPress export (WXR).
    Wxr,
}

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Format {
        match format {
            FormatArg::JsonFeed => Format::JsonFeed,
            FormatArg::Rss | FormatArg::Atom => Format::XmlFeed,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Wordpress => Format::WordPressJson,
            FormatArg::Wxr => Format::Wxr,
        }
    }
}

/// How read time is written.
#[derive(Clone, Copy, Debug, Deserialize, ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum ReadTimeArg {
    /// "3 minutes, 22 seconds Read".
    Long,
    /// "4 min read".
    Short,
}

/// Everything a build is told: each flag, or the key of the same name in the config file.
#[derive(Args, Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct SiteArgs {
    /// The config file (default: broadsheet.toml, when there is one in the current folder).
    #[arg(long, value_name = "FILE")]
    #[serde(skip)]
    pub config: Option<PathBuf>,
    /// A JSON Feed, an RSS or Atom feed, a folder of Markdown posts, WordPress's posts JSON or
    /// a WXR export.
    #[arg(value_name = "SOURCE")]
    #[serde(default)]
    pub sources: Vec<PathBuf>,
    /// What every source is (default: told by each one's content).
    #[arg(long, value_enum, value_name = "NAME")]
    pub format: Option<FormatArg>,
    /// Where the site is written [default: site].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The folder the sources live in, laid out as the site: their relative URLs are relative
    /// to their own place in it (default: each source's folder is the site's root).
    #[arg(long, value_name = "DIR")]
    pub source_root: Option<PathBuf>,
    /// The site's name (default: the first feed's title).
    #[arg(long, value_name = "NAME")]
    pub site_name: Option<String>,
    /// Where the site is published (default: the feed's home_page_url).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// The image of pages without one (default: the feed's icon).
    #[arg(long, value_name = "URL")]
    pub image: Option<String>,
    /// The address of every post, as Hugo and Jekyll spell it (`/:year/:month/:slug/`; the
    /// fields :year, :month, :day, :slug, :title); each post's own address then redirects to
    /// it. Default: a post keeps its own address when it lies under the base URL, else goes
    /// to posts/<slug>/.
    #[arg(long, value_name = "PATTERN", value_parser = permalink)]
    pub permalink: Option<String>,
    /// The site's own layout: a folder of Jinja templates (article.html and list.html; tag.html
    /// and author.html if the lists of tags and authors look different). Default: the build's
    /// own page.
    #[arg(long, value_name = "DIR")]
    pub layout: Option<PathBuf>,
    /// A folder of the site's own files (stylesheets, logo, favicon), copied as they are.
    #[arg(long = "static", value_name = "DIR")]
    #[serde(rename = "static")]
    pub static_dir: Option<PathBuf>,
    /// Similar posts of each post [default: 6].
    #[arg(long, value_name = "N")]
    pub similar: Option<usize>,
    /// Only posts similar enough: a short list is not filled with posts sharing a tag, then the
    /// newest.
    #[arg(long)]
    #[serde(default)]
    pub similar_strict: bool,
    /// Words of each post kept in feed.json as an excerpt [default: 12].
    #[arg(long, value_name = "N")]
    pub index_words: Option<usize>,
    /// Ranking terms of each post kept in feed.json [default: 60].
    #[arg(long, value_name = "N")]
    pub index_terms: Option<usize>,
    /// Posts on each page of the list of posts [default: 24].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub per_page: Option<u32>,
    /// The share section of pages, in order: native, copy and the networks
    /// [default: native,x,facebook,linkedin,whatsapp,bluesky,reddit,email,copy].
    #[arg(long, value_name = "LIST", value_parser = share_list)]
    pub share: Option<String>,
    /// How read time is written [default: long].
    #[arg(long, value_enum, value_name = "STYLE")]
    pub read_time: Option<ReadTimeArg>,
    /// Where the site's RSS 2.0 feed goes [default: index.xml, Hugo's]. A path ending in / is a
    /// folder: the feed is its index.xml. Empty: no RSS feed.
    #[arg(long, value_name = "PATH")]
    pub rss_path: Option<String>,
    /// Where the site's Atom 1.0 feed goes [default: atom.xml]. A path ending in / is a folder:
    /// the feed is its index.xml. Empty: no Atom feed.
    #[arg(long, value_name = "PATH")]
    pub atom_path: Option<String>,
    /// Where the site's full-text JSON Feed 1.1 goes [default: feed/index.json]. A path ending
    /// in / is a folder: the feed is its index.json. Empty: no JSON Feed.
    #[arg(long, value_name = "PATH")]
    pub json_feed_path: Option<String>,
    /// The newest posts each feed holds [default: 20]; 0: every post.
    #[arg(long, value_name = "N")]
    pub feed_limit: Option<usize>,
    /// No RSS feed for each tag (tags/<tag>/index.xml).
    #[arg(long)]
    #[serde(default)]
    pub no_tag_feeds: bool,
    /// Article JSON and feed.json only, no pages.
    #[arg(long)]
    #[serde(default)]
    pub no_pages: bool,
    /// The sources are article files already: write only OUT/feed.json, pointing at them.
    #[arg(long)]
    #[serde(default)]
    pub index_only: bool,
    /// Prints only errors: no progress, no summary.
    #[arg(long, short)]
    #[serde(default)]
    pub quiet: bool,
}

/// A build, its options checked and resolved against the config file.
#[derive(Clone, Debug)]
pub struct Resolved {
    /// Its sources, as given (paths from the config file are relative to its folder).
    pub sources: Vec<PathBuf>,
    /// One format for every source, or each told by its content.
    pub format: Option<Format>,
    /// The output folder.
    pub out: PathBuf,
    /// The folder the sources live in, laid out as the site.
    pub source_root: Option<PathBuf>,
    /// A site or only an index.
    pub mode: Mode,
    /// The build's settings.
    pub settings: BuildSettings,
    /// What is said of the site over what its feed says.
    pub site: SiteOverrides,
    /// Whether only errors are printed.
    pub quiet: bool,
}

impl SiteArgs {
    /// These flags over the config file (`--config`, else `broadsheet.toml` when there is
    /// one), checked.
    pub fn resolve(self) -> Result<Resolved> {
        let (config, config_dir) = match &self.config {
            Some(path) => (read_config(path)?, folder_of(path)),
            None if Path::new(CONFIG).is_file() => {
                (read_config(Path::new(CONFIG))?, PathBuf::new())
            }
            None => (SiteArgs::default(), PathBuf::new()),
        };
        let from_config = |path: PathBuf| config_dir.join(path);
        let sources = if self.sources.is_empty() {
            config.sources.into_iter().map(from_config).collect()
        } else {
            self.sources
        };
        if sources.is_empty() {
            bail!("no source given: name one (or `sources = [...]` in {CONFIG}); see --help");
        }
        let share = match (self.share, config.share) {
            (Some(list), _) => Some(list),
            (None, Some(list)) => {
                Some(share_list(&list).map_err(|e| anyhow::anyhow!("{CONFIG}: share: {e}"))?)
            }
            (None, None) => None,
        };
        let mut settings = BuildSettings::default();
        if let Some(n) = self.similar.or(config.similar) {
            settings.similar = n;
        }
        if let Some(n) = self.index_words.or(config.index_words) {
            settings.index_words = n;
        }
        if let Some(n) = self.index_terms.or(config.index_terms) {
            settings.index_terms = n;
        }
        if let Some(n) = self.per_page.or(config.per_page) {
            if n == 0 {
                bail!("{CONFIG}: per-page must be at least 1");
            }
            settings.per_page = n as usize;
        }
        if let Some(list) = share {
            settings.share = parse_controls(&list);
        }
        if let Some(style) = self.read_time.or(config.read_time) {
            settings.read_time_style = match style {
                ReadTimeArg::Long => ReadTimeStyle::Long,
                ReadTimeArg::Short => ReadTimeStyle::Short,
            };
        }
        if self.similar_strict || config.similar_strict {
            settings.weights.fill = false;
        }
        if self.no_pages || config.no_pages {
            settings.pages = false;
        }
        let feed_path = |given: Option<String>, key: &str, index: &str| {
            given
                .map(|path| {
                    FeedPath::parse(&path, index).map_err(|e| anyhow::anyhow!("{key}: {e}"))
                })
                .transpose()
        };
        if let Some(path) = feed_path(self.rss_path.or(config.rss_path), "rss-path", "index.xml")? {
            settings.feeds.rss = path;
        }
        if let Some(path) = feed_path(
            self.atom_path.or(config.atom_path),
            "atom-path",
            "index.xml",
        )? {
            settings.feeds.atom = path;
        }
        if let Some(path) = feed_path(
            self.json_feed_path.or(config.json_feed_path),
            "json-feed-path",
            "index.json",
        )? {
            settings.feeds.json = path;
        }
        let feeds = &settings.feeds;
        let paths: Vec<&str> = [&feeds.rss, &feeds.atom, &feeds.json]
            .into_iter()
            .flatten()
            .map(FeedPath::as_str)
            .collect();
        if let Some(twice) = paths
            .iter()
            .find(|p| paths.iter().filter(|q| q == p).count() > 1)
        {
            bail!("two feeds would be written to {twice}: give each its own path");
        }
        if let Some(n) = self.feed_limit.or(config.feed_limit) {
            settings.feeds.limit = n;
        }
        if self.no_tag_feeds || config.no_tag_feeds {
            settings.feeds.tag_feeds = false;
        }
        settings.layout = self.layout.or(config.layout.map(from_config));
        settings.static_dir = self.static_dir.or(config.static_dir.map(from_config));
        if let Some(pattern) = self.permalink.or(config.permalink) {
            settings.permalink = Some(
                pattern
                    .parse()
                    .map_err(|e| anyhow::anyhow!("{CONFIG}: permalink: {e}"))?,
            );
        }
        Ok(Resolved {
            sources,
            format: self.format.or(config.format).map(Format::from),
            out: self
                .out
                .or(config.out.map(from_config))
                .unwrap_or_else(|| PathBuf::from("site")),
            source_root: self.source_root.or(config.source_root.map(from_config)),
            mode: if self.index_only || config.index_only {
                Mode::IndexOnly
            } else {
                Mode::Site
            },
            settings,
            site: SiteOverrides {
                name: self.site_name.or(config.site_name),
                base_url: self.base_url.or(config.base_url),
                default_image: self.image.or(config.image),
            },
            quiet: self.quiet || config.quiet,
        })
    }
}

/// The folder a file is in (`""` for a bare name).
fn folder_of(path: &Path) -> PathBuf {
    path.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// The config file at `path`: the same keys as the flags, in kebab case.
fn read_config(path: &Path) -> Result<SiteArgs> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the config file {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("{} is not a valid config file", path.display()))
}

/// A permalink pattern whose every field is known.
fn permalink(pattern: &str) -> Result<String, String> {
    pattern
        .parse::<Permalink>()
        .map(|_| pattern.to_string())
        .map_err(|e| e.to_string())
}

/// A share list whose every name is known (`--share x,bluesky,copy`).
fn share_list(list: &str) -> Result<String, String> {
    let unknown: Vec<&str> = list
        .split([',', ' '])
        .map(str::trim)
        .filter(|key| !key.is_empty() && parse_controls(key).is_empty())
        .collect();
    if unknown.is_empty() {
        return Ok(list.to_string());
    }
    let known: Vec<&str> = ["native", "copy"]
        .into_iter()
        .chain(Network::ALL.iter().map(|n| n.key()))
        .collect();
    Err(format!(
        "unknown: {}; known: {} (default: {DEFAULT_CONTROLS})",
        unknown.join(", "),
        known.join(", ")
    ))
}
