//! The build step: reads a site's posts (JSON Feed, RSS, Atom, a folder of Markdown, WordPress's
//! REST JSON or a WXR export) and writes one article JSON per post
//! (read time and similar posts precomputed) and its prerendered page, the trimmed index
//! `feed.json`, and the list of posts (`index.html`, `page/<n>/`).
//!
//! ```text
//! broadsheet-build [OPTIONS] SOURCE...
//!   --format NAME        what every SOURCE is: json-feed, rss (or atom), markdown, wordpress
//!                        (REST JSON) or wxr (default: told by each one's content)
//!   --out DIR            where the site is written (default: site)
//!   --source-root DIR    the folder the inputs live in, laid out as the site: their relative
//!                        URLs are relative to their own place in it (default: each input's
//!                        folder is the site's root)
//!   --site-name NAME     the site's name (default: the first feed's title)
//!   --base-url URL       where the site is published (default: its home_page_url)
//!   --image URL          the image of pages without one (default: its icon)
//!   --similar N          similar posts of each post (default 6)
//!   --similar-strict     only posts similar enough: a short list is not filled with posts
//!                        sharing a tag, then the newest
//!   --index-words N      words of each post kept in feed.json as an excerpt (default 12)
//!   --index-terms N      ranking terms of each post kept in feed.json (default 30)
//!   --per-page N         posts on each page of the list (default 24)
//!   --share LIST         the share section of pages (default: native,x,facebook,...)
//!   --read-time STYLE    long or short (default long)
//!   --no-pages           article JSON and feed.json only
//!   --index-only         the inputs are article files already: write only DIR/feed.json,
//!                        pointing at them
//! ```

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use broadsheet_build::site::{build_site, BuildSettings, Input, Mode, SiteOverrides};
use broadsheet_build::sources::{Format, Notice};
use broadsheet_core::paths::relative_src;
use broadsheet_core::read_time::ReadTimeStyle;
use broadsheet_core::share::parse_controls;

const USAGE: &str =
    "usage: broadsheet-build [--format NAME] [--out DIR] [--source-root DIR] [--site-name NAME] \
[--base-url URL] [--image URL] [--similar N] [--similar-strict] [--index-words N] [--index-terms N] [--per-page N] [--share LIST] \
[--read-time long|short] [--no-pages] [--index-only] SOURCE...\n\
SOURCE: a JSON Feed, an RSS or Atom feed, a folder of Markdown posts, WordPress's posts JSON \
or a WXR export";

fn main() {
    if let Err(message) = run(std::env::args().skip(1).collect()) {
        eprintln!("broadsheet-build: {message}");
        std::process::exit(1);
    }
}

struct Args {
    out: PathBuf,
    source_root: Option<PathBuf>,
    format: Option<Format>,
    layout: Mode,
    settings: BuildSettings,
    site: SiteOverrides,
    inputs: Vec<PathBuf>,
}

fn parse(args: Vec<String>) -> Result<Args, String> {
    let mut parsed = Args {
        out: PathBuf::from("site"),
        source_root: None,
        format: None,
        layout: Mode::Site,
        settings: BuildSettings::default(),
        site: SiteOverrides::default(),
        inputs: Vec::new(),
    };
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        let number = |name: &str, v: String| -> Result<usize, String> {
            v.parse().map_err(|_| format!("{name} needs a number"))
        };
        match arg.as_str() {
            "--format" => {
                let name = value("--format")?;
                parsed.format = Some(Format::from_name(&name).ok_or(format!(
                    "unknown format {name}: json-feed, rss, atom, markdown, wordpress or wxr"
                ))?);
            }
            "--out" => parsed.out = value("--out")?.into(),
            "--source-root" => parsed.source_root = Some(value("--source-root")?.into()),
            "--site-name" => parsed.site.name = Some(value("--site-name")?),
            "--base-url" => parsed.site.base_url = Some(value("--base-url")?),
            "--image" => parsed.site.default_image = Some(value("--image")?),
            "--similar" => parsed.settings.similar = number(&arg, value(&arg)?)?,
            "--similar-strict" => parsed.settings.weights.fill = false,
            "--index-words" => parsed.settings.index_words = number(&arg, value(&arg)?)?,
            "--index-terms" => parsed.settings.index_terms = number(&arg, value(&arg)?)?,
            "--per-page" => parsed.settings.per_page = number(&arg, value(&arg)?)?.max(1),
            "--share" => parsed.settings.share = parse_controls(&value("--share")?),
            "--read-time" => {
                parsed.settings.read_time_style = ReadTimeStyle::from_attr(&value("--read-time")?)
            }
            "--no-pages" => parsed.settings.pages = false,
            "--index-only" => parsed.layout = Mode::IndexOnly,
            "-h" | "--help" => return Err(USAGE.into()),
            _ if arg.starts_with("--") => return Err(format!("unknown option {arg}\n{USAGE}")),
            _ => parsed.inputs.push(arg.into()),
        }
    }
    if parsed.inputs.is_empty() {
        return Err(format!("no source given\n{USAGE}"));
    }
    Ok(parsed)
}

/// `to` relative to the folder `from`, with `/` separators.
fn relative(from: &Path, to: &Path) -> Result<String, String> {
    let abs = |p: &Path| {
        std::path::absolute(p)
            .map(|a| a.to_string_lossy().into_owned())
            .map_err(|e| format!("{}: {e}", p.display()))
    };
    Ok(relative_src(&format!("{}/_", abs(from)?), &abs(to)?))
}

/// The folder of the site that `input`'s relative URLs are relative to.
fn base_of(input: &Path, args: &Args) -> Result<String, String> {
    let root = match (args.layout, &args.source_root) {
        // An article file serves its URLs from where it is, relative to the index.
        (Mode::IndexOnly, _) => &args.out,
        (Mode::Site, Some(root)) => root,
        (Mode::Site, None) => return Ok(String::new()),
    };
    let path = relative(root, input)?;
    if path.split('/').next() == Some("..") {
        return Err(format!(
            "{} is not inside {}",
            input.display(),
            root.display()
        ));
    }
    Ok(path.rsplit_once('/').map_or("", |(dir, _)| dir).to_string())
}

/// A progress line on standard error: a bar on a terminal, a line a tenth in a log.
fn progress() -> impl Fn(&str, usize, usize) + Sync {
    let terminal = std::io::stderr().is_terminal();
    let last_tenth = Mutex::new((String::new(), usize::MAX));
    move |stage: &str, done: usize, total: usize| {
        let width = 30;
        let (line, tenth) = match (done * width).checked_div(total) {
            Some(filled) => (
                format!(
                    "{stage:<8}[{}{}] {:>3}% {done}/{total}",
                    "#".repeat(filled),
                    "-".repeat(width - filled),
                    done * 100 / total
                ),
                done * 10 / total,
            ),
            // The total is not known yet: a count, a line every 10,000.
            None => (format!("{stage} {done} posts"), done / 10_000),
        };
        if terminal {
            eprint!("\r{line}\x1b[K");
            if total > 0 && done == total {
                eprintln!();
            }
        } else {
            if let Ok(mut last) = last_tenth.lock() {
                if last.0 != stage || last.1 != tenth {
                    *last = (stage.to_string(), tenth);
                    eprintln!("{line}");
                }
            }
        }
        let _ = std::io::stderr().flush();
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let args = parse(args)?;
    let started = Instant::now();
    let inputs = args
        .inputs
        .iter()
        .map(|path| {
            let base = base_of(path, &args)?;
            match args.format {
                Some(format) => Ok(Input {
                    path: path.clone(),
                    format,
                    base,
                }),
                None => Input::detect(path.clone(), base).map_err(|e| e.to_string()),
            }
        })
        .collect::<Result<Vec<Input>, String>>()?;
    let report = build_site(
        &inputs,
        &args.out,
        args.layout,
        &args.settings,
        &args.site,
        &progress(),
    )
    .map_err(|e| e.to_string())?;
    print_capped("warning: ", &report.warnings);
    print_capped("skipped ", &report.skipped);
    let mut summary = format!(
        "{} items read: {} posts built, {} skipped{}",
        report.posts + report.skipped.len(),
        report.posts,
        report.skipped.len(),
        reasons(&report.skipped)
    );
    if !report.warnings.is_empty() {
        summary.push_str(&format!(
            "; {} warnings{}",
            report.warnings.len(),
            reasons(&report.warnings)
        ));
    }
    if report.renamed > 0 {
        summary.push_str(&format!(
            "; {} with a slug taken by another (numbered)",
            report.renamed
        ));
    }
    eprintln!("{summary}");
    let stages: Vec<String> = report
        .stages
        .iter()
        .map(|(name, took)| format!("{name} {:.1?}", took))
        .collect();
    if !stages.is_empty() {
        eprintln!("{}", stages.join(", "));
    }
    if let Some(peak) = peak_memory() {
        eprintln!("peak memory {peak}");
    }
    let wrote = match args.layout {
        Mode::IndexOnly => "feed.json".to_string(),
        Mode::Site if report.pages > 0 => format!(
            "{} posts, {} pages and feed.json",
            report.posts, report.pages
        ),
        Mode::Site => format!("{} posts and feed.json", report.posts),
    };
    eprintln!(
        "wrote {wrote} to {} in {:.1?}",
        args.out.display(),
        started.elapsed()
    );
    if report.posts == 0 {
        return Err("no post could be built".into());
    }
    Ok(())
}

/// Prints each of `items` after `label`, at most [`SHOWN_PER_REASON`] of each reason, then how
/// many more there were.
fn print_capped(label: &str, items: &[Notice]) {
    let mut printed: Vec<(&str, usize)> = Vec::new();
    for item in items {
        let kind = reason_kind(&item.message);
        let at = printed
            .iter()
            .position(|(k, _)| *k == kind)
            .unwrap_or_else(|| {
                printed.push((kind, 0));
                printed.len() - 1
            });
        printed[at].1 += 1;
        if printed[at].1 <= SHOWN_PER_REASON {
            eprintln!("{label}{}: {}", item.place, item.message);
        }
    }
    for (kind, n) in tally(items) {
        if n > SHOWN_PER_REASON {
            eprintln!("{label}{} more: {kind}", n - SHOWN_PER_REASON);
        }
    }
}

/// Lines printed for each reason a post was skipped or warned about; the summary counts all.
const SHOWN_PER_REASON: usize = 5;

/// The kind of a reason: its first clause (`not a post` of `not a post: attachment`).
fn reason_kind(reason: &str) -> &str {
    reason.split(':').next().unwrap_or(reason)
}

/// How many of `items` were left out for each reason, most frequent first: ` (3 drafts, 1 no
/// title)`; empty when there are none.
fn reasons(items: &[Notice]) -> String {
    let mut counts = tally(items);
    if counts.is_empty() {
        return String::new();
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let parts: Vec<String> = counts.iter().map(|(k, n)| format!("{n} {k}")).collect();
    format!(" ({})", parts.join(", "))
}

/// How many of `items` there are of each reason, in the order the reasons first come.
fn tally(items: &[Notice]) -> Vec<(&str, usize)> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for item in items {
        let kind = reason_kind(&item.message);
        match counts.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((kind, 1)),
        }
    }
    counts
}

/// The process's peak resident memory, where Linux reports it.
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    Some(line.trim_start_matches("VmHWM:").trim().to_string())
}
