//! The build step: reads JSON Feeds of a site's posts and writes one article JSON per post
//! (read time and similar posts precomputed) and the trimmed index `feed.json`.
//!
//! ```text
//! broadsheet-build [--out DIR] [--similar N] [--index-words N] [--index-only] FEED.json...
//! ```
//!
//! With `--index-only`, only `DIR/feed.json` is written, and each post's `_article.src` points
//! at the file it was read from (for sites whose article files already exist): relative to
//! `DIR`, or `--src-dir D` + the file's name when the files are served from folder `D`.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    if let Err(message) = cli::run(std::env::args().skip(1).collect()) {
        eprintln!("broadsheet-build: {message}");
        std::process::exit(1);
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::io::{IsTerminal, Write};
    use std::path::{Path, PathBuf};
    use std::time::Instant;

    use broadsheet_core::model::parse_json;
    use broadsheet_build::site::{build, read_sources, BuildSettings, Source};
    use broadsheet_core::paths::relative_src;
    use serde_json::{Map, Value};

    struct Args {
        out: PathBuf,
        index_only: bool,
        src_dir: Option<String>,
        settings: BuildSettings,
        inputs: Vec<PathBuf>,
    }

    fn parse(args: Vec<String>) -> Result<Args, String> {
        let mut parsed = Args {
            out: PathBuf::from("site"),
            index_only: false,
            src_dir: None,
            settings: BuildSettings::default(),
            inputs: Vec::new(),
        };
        let mut it = args.into_iter();
        while let Some(arg) = it.next() {
            let mut number = |name: &str| -> Result<usize, String> {
                it.next()
                    .and_then(|v| v.parse().ok())
                    .ok_or(format!("{name} needs a number"))
            };
            match arg.as_str() {
                "--out" => parsed.out = it.next().ok_or("--out needs a folder")?.into(),
                "--similar" => parsed.settings.similar = number("--similar")?,
                "--index-words" => parsed.settings.index_words = number("--index-words")?,
                "--index-only" => parsed.index_only = true,
                "--src-dir" => parsed.src_dir = Some(it.next().ok_or("--src-dir needs a folder")?),
                "-h" | "--help" => {
                    return Err("usage: broadsheet-build [--out DIR] [--similar N] [--index-words N] [--index-only [--src-dir D]] FEED.json...".into())
                }
                _ if arg.starts_with("--") => return Err(format!("unknown option {arg}")),
                _ => parsed.inputs.push(arg.into()),
            }
        }
        if parsed.inputs.is_empty() {
            return Err("no input feed given (try --help)".into());
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

    fn progress(total: usize) -> impl Fn(usize) + Sync {
        let terminal = std::io::stderr().is_terminal();
        move |done: usize| {
            let width = 30;
            let filled = done * width / total.max(1);
            let bar = format!(
                "ranking [{}{}] {:>3}% {done}/{total}",
                "#".repeat(filled),
                "-".repeat(width - filled),
                done * 100 / total.max(1)
            );
            if terminal {
                eprint!("\r{bar}");
                if done == total {
                    eprintln!();
                }
            } else {
                // In a log, one line for every tenth.
                let tenth = (total / 10).max(1);
                if done == total || done / tenth != done.saturating_sub(256) / tenth {
                    eprintln!("{bar}");
                }
            }
            let _ = std::io::stderr().flush();
        }
    }

    pub fn run(args: Vec<String>) -> Result<(), String> {
        let args = parse(args)?;
        let started = Instant::now();
        let mut sources: Vec<Source> = Vec::new();
        let mut site = Map::new();
        for input in &args.inputs {
            let text =
                std::fs::read_to_string(input).map_err(|e| format!("{}: {e}", input.display()))?;
            let feed = parse_json(&text).map_err(|e| format!("{}: {e}", input.display()))?;
            if site.is_empty() {
                site = feed.as_object().cloned().unwrap_or_default();
                site.remove("items");
            }
            let from_file = match &args.src_dir {
                Some(dir) => format!(
                    "{}/{}",
                    dir.trim_end_matches('/'),
                    input
                        .file_name()
                        .map(|n| n.to_string_lossy())
                        .unwrap_or_default()
                ),
                None => relative(&args.out, input)?,
            };
            // With --index-only, relative URLs in a post are relative to its own file; a site
            // feed's are relative to the output folder, where the index goes.
            let base = if args.index_only {
                from_file
                    .rsplit_once('/')
                    .map_or("", |(dir, _)| dir)
                    .to_string()
            } else {
                String::new()
            };
            let read = read_sources(
                &feed,
                |slug| {
                    if args.index_only {
                        from_file.clone()
                    } else {
                        format!("posts/{slug}.json")
                    }
                },
                &base,
            )
            .map_err(|e| format!("{}: {e}", input.display()))?;
            sources.extend(read);
        }
        eprintln!("read {} posts in {:.1?}", sources.len(), started.elapsed());
        let output = build(&sources, &site, &args.settings, &progress(sources.len()));
        std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
        let write = |path: PathBuf, text: &str| {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
        };
        write(
            args.out.join("feed.json"),
            &format!("{}\n", pretty(&output.index)),
        )?;
        if !args.index_only {
            for (src, json) in &output.posts {
                write(args.out.join(src), json)?;
            }
        }
        if let Some(peak) = peak_memory() {
            eprintln!("peak memory {peak}");
        }
        eprintln!(
            "wrote {} in {:.1?}",
            if args.index_only {
                "feed.json".to_string()
            } else {
                format!("{} posts and feed.json", output.posts.len())
            },
            started.elapsed()
        );
        Ok(())
    }

    /// The process's peak resident memory, where Linux reports it.
    fn peak_memory() -> Option<String> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        Some(line.trim_start_matches("VmHWM:").trim().to_string())
    }

    fn pretty(json: &str) -> String {
        serde_json::from_str::<Value>(json)
            .and_then(|v| serde_json::to_string_pretty(&v))
            .unwrap_or_else(|_| json.to_string())
    }
}
