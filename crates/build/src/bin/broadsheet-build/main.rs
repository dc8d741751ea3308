//! `broadsheet-build`: reads a site's posts (JSON Feed, RSS, Atom, a folder of Markdown,
//! WordPress's REST JSON or a WXR export) and writes one article JSON per post (read time and
//! similar posts precomputed) and its prerendered page, the trimmed index `feed.json`, and the
//! list of posts (`index.html`, `page/<n>/`).
//!
//! `build` (the default) writes the site; `serve` builds, serves it on 127.0.0.1 and rebuilds
//! and reloads on each change; `check` builds nothing and reports every problem. Options come
//! from the flags and `broadsheet.toml` (`--help` lists them).

mod cli;
mod summary;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context as _, Result};
use clap::{CommandFactory, Parser};

use broadsheet_build::publish::{Next, Publication, Retired};
use broadsheet_build::serve::{Problems, Serving};
use broadsheet_build::site::session::Session;
use broadsheet_build::site::{build_session, build_site, Input, Mode, Report};
use broadsheet_build::sources::Notice;
use broadsheet_core::paths::relative_src;

use self::cli::{Cli, Command, Resolved};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        None => cli.build.resolve().and_then(|site| build(&site)),
        Some(Command::Build(args)) => args.resolve().and_then(|site| build(&site)),
        Some(Command::Check(args)) => args.resolve().and_then(|site| check(&site)),
        Some(Command::Serve { site, port }) => site.resolve().and_then(|site| serve(&site, port)),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "broadsheet-build",
                &mut std::io::stdout(),
            );
            Ok(())
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("broadsheet-build: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Builds the site and publishes it.
fn build(site: &Resolved) -> Result<()> {
    let started = Instant::now();
    let (report, publication, retired, _) = build_once(site, None)?;
    // The previous site's files go once the new site is in place.
    drop(retired);
    if !site.quiet {
        summary::print_report(&report, false);
        print_publication(&publication);
        eprintln!(
            "wrote {} to {} in {:.1?}",
            wrote(site.mode, &report),
            site.out.display(),
            started.elapsed()
        );
    }
    Ok(())
}

/// What a published build gives: its report, what publishing did, the previous site to
/// remove, and the session `serve` keeps.
type Built = (Report, Publication, Option<Retired>, Option<Session>);

/// Builds into a folder beside the output and swaps it in when the build is whole; in
/// `--index-only` mode, writes the index among the article files. With `keep`, the path of
/// a staging file, the build is kept as a [`Session`].
fn build_once(site: &Resolved, keep: Option<&Path>) -> Result<Built> {
    if site.mode == Mode::IndexOnly {
        let (report, _) = build_into(site, &site.out, None)?;
        if report.posts == 0 {
            bail!("no post could be built ({})", summary::counts(&report));
        }
        return Ok((report, Publication::default(), None, None));
    }
    refuse_output_over_sources(site)?;
    let next = Next::prepare(&site.out)?;
    let (report, mut session) = build_into(site, next.path(), keep)?;
    if report.posts == 0 {
        // The previous site stays as it was.
        summary::print_report(&report, false);
        bail!(
            "no post could be built: {} is unchanged",
            site.out.display()
        );
    }
    let (publication, retired) = next.publish()?;
    if let Some(session) = &mut session {
        session.published_at(&site.out);
    }
    Ok((report, publication, Some(retired), session))
}

/// Builds `site`'s sources into `folder`, with a progress bar unless `--quiet`; with `keep`,
/// kept as a [`Session`] whose posts wait in the file `keep`.
fn build_into(
    site: &Resolved,
    folder: &Path,
    keep: Option<&Path>,
) -> Result<(Report, Option<Session>)> {
    let inputs = inputs(site)?;
    let silent = |_: &str, _: usize, _: usize| {};
    let progress = summary::progress();
    let progress: &(dyn Fn(&str, usize, usize) + Sync) =
        if site.quiet { &silent } else { &progress };
    Ok(match keep {
        Some(staging) => build_session(
            &inputs,
            folder,
            &site.settings,
            &site.site,
            progress,
            staging.to_path_buf(),
        )?,
        None => (
            build_site(
                &inputs,
                folder,
                site.mode,
                &site.settings,
                &site.site,
                progress,
            )?,
            None,
        ),
    })
}

/// Refuses an output folder that holds a source (`--out .` among one's posts): a published
/// build takes the output's place, and would carry the sources along as files it did not write.
fn refuse_output_over_sources(site: &Resolved) -> Result<()> {
    // Where each really is, `..` and links resolved, when it exists.
    let real = |path: &Path| std::fs::canonicalize(path).or_else(|_| std::path::absolute(path));
    let out = real(&site.out)?;
    for source in site.sources.iter().chain(&site.source_root) {
        if real(source)?.starts_with(&out) {
            bail!(
                "the output folder {} holds the source {}: choose another --out",
                site.out.display(),
                source.display()
            );
        }
    }
    Ok(())
}

/// Builds everything into a folder that is then removed, and prints every problem.
fn check(site: &Resolved) -> Result<()> {
    let next = Next::prepare(&site.out)?;
    let (report, _) = build_into(site, next.path(), None)?;
    drop(next);
    summary::print_report(&report, true);
    let problems = report.skipped.len() + report.warnings.len();
    if report.posts == 0 {
        bail!("no post could be built");
    }
    if problems > 0 {
        let plural = if problems == 1 { "" } else { "s" };
        bail!("{problems} problem{plural} (nothing was written)");
    }
    eprintln!("no problems (nothing was written)");
    Ok(())
}

/// Builds, serves the output on 127.0.0.1 and rebuilds on every change of the sources: an
/// edited post alone when it can, else the whole site.
fn serve(site: &Resolved, port: u16) -> Result<()> {
    if site.mode == Mode::IndexOnly {
        bail!("serve builds a site: --index-only writes only an index");
    }
    let out = std::path::absolute(&site.out)?;
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        bail!("{} is not a folder one can serve", site.out.display());
    };
    // Beside the output, where the watcher does not look and the site does not go.
    let staging = parent.join(format!(".{}.broadsheet-staging", name.to_string_lossy()));
    let mut session: Option<Session> = None;
    // The previous site's files go on another thread, while the page reloads; the next build
    // waits for them, as it writes where they are.
    let mut retiring: Option<std::thread::JoinHandle<()>> = None;
    let mut rebuild = move |changed: &[PathBuf]| {
        if let (Some(kept), false) = (session.as_mut(), changed.is_empty()) {
            let started = Instant::now();
            match kept.update(changed) {
                Ok(rebuilt) if rebuilt.posts.is_empty() => return None,
                Ok(rebuilt) => {
                    if !site.quiet {
                        summary::print_rebuilt(&rebuilt, started.elapsed());
                    }
                    return Some(problems(kept.skipped()));
                }
                Err(why) => {
                    if !site.quiet {
                        eprintln!("building the whole site: {why}");
                    }
                }
            }
        }
        // The kept posts' file goes before the next build's takes its place.
        session = None;
        if let Some(retiring) = retiring.take() {
            let _ = retiring.join();
        }
        let (problems, retired, kept) = rebuild(site, &staging);
        session = kept;
        retiring = retired.map(|retired| std::thread::spawn(move || drop(retired)));
        Some(problems)
    };
    let first = rebuild(&[]).unwrap_or_default();
    let serving = Serving::start(&site.out, port, first).map_err(anyhow::Error::msg)?;
    // The sources, and the layout and static files: a change of those builds the whole site.
    let mut watched: Vec<PathBuf> = site.sources.clone();
    watched.extend(site.source_root.clone());
    watched.extend(site.settings.layout.clone());
    watched.extend(site.settings.static_dir.clone());
    eprintln!(
        "serving {} on http://{}/ (rebuilt and reloaded on each change; Ctrl-C stops)",
        site.out.display(),
        serving.address
    );
    serving.watch(&watched, rebuild).map_err(anyhow::Error::msg)
}

/// One full build while serving, kept as a session whose posts wait in `staging`: its
/// summary on standard error; the problems pages show, the previous site to remove, and the
/// session.
fn rebuild(site: &Resolved, staging: &Path) -> (Problems, Option<Retired>, Option<Session>) {
    let started = Instant::now();
    let quiet = Resolved {
        quiet: true,
        ..site.clone()
    };
    match build_once(&quiet, Some(staging)) {
        Ok((report, _, retired, session)) => {
            if !site.quiet {
                eprintln!(
                    "built in {:.0?}: {}",
                    started.elapsed(),
                    summary::counts(&report)
                );
            }
            (problems(&report.skipped), retired, session)
        }
        Err(error) => {
            eprintln!("broadsheet-build: {error:#}");
            (vec![format!("{error:#}")], None, None)
        }
    }
}

/// The posts a build left out, as pages show them.
fn problems(skipped: &[Notice]) -> Problems {
    skipped
        .iter()
        .map(|n| format!("{}: {}", n.place, n.message))
        .collect()
}

/// What `--index-only` or a site build wrote, in words.
fn wrote(mode: Mode, report: &Report) -> String {
    match mode {
        Mode::IndexOnly => "feed.json".to_string(),
        Mode::Site if report.pages > 0 => format!(
            "{} posts, {} pages and feed.json",
            report.posts, report.pages
        ),
        Mode::Site => format!("{} posts and feed.json", report.posts),
    }
}

/// Says which files of the previous build went and which files no build wrote were kept.
fn print_publication(publication: &Publication) {
    if !publication.removed.is_empty() {
        eprintln!(
            "removed {} files of the previous build that this one did not write (posts gone from the sources)",
            publication.removed.len()
        );
    }
    if !publication.kept.is_empty() {
        eprintln!("kept {} files that no build wrote", publication.kept.len());
    }
}

/// The build's inputs: each source with its format and its folder in the site.
fn inputs(site: &Resolved) -> Result<Vec<Input>> {
    site.sources
        .iter()
        .map(|path| {
            let base = base_of(path, site)?;
            Ok(match site.format {
                Some(format) => Input {
                    path: path.clone(),
                    format,
                    base,
                },
                None => Input::detect(path.clone(), base)?,
            })
        })
        .collect()
}

/// `to` relative to the folder `from`, with `/` separators.
fn relative(from: &Path, to: &Path) -> Result<String> {
    let abs = |p: &Path| {
        std::path::absolute(p)
            .map(|a| a.to_string_lossy().into_owned())
            .with_context(|| p.display().to_string())
    };
    Ok(relative_src(&format!("{}/_", abs(from)?), &abs(to)?))
}

/// The folder of the site that `input`'s relative URLs are relative to.
fn base_of(input: &Path, site: &Resolved) -> Result<String> {
    let root = match (site.mode, &site.source_root) {
        // An article file serves its URLs from where it is, relative to the index.
        (Mode::IndexOnly, _) => &site.out,
        (Mode::Site, Some(root)) => root,
        (Mode::Site, None) => return Ok(String::new()),
    };
    let path = relative(root, input)?;
    if path.split('/').next() == Some("..") {
        bail!("{} is not inside {}", input.display(), root.display());
    }
    Ok(path.rsplit_once('/').map_or("", |(dir, _)| dir).to_string())
}
