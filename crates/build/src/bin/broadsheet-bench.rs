//! Measurements of the similar-posts engine, printed as tables (run by `scripts/bench`).
//!
//! ```text
//! broadsheet-bench quality [labelled.json]   precision@3 and @5 against category labels
//! broadsheet-bench suite [NAME]              precision@1, 3 and 5 of every ranker on the
//!                                            suite's corpora (those whose name contains
//!                                            NAME), in three title variants
//! broadsheet-bench speed                     index and ranking times for 1k, 10k, 100k posts
//! broadsheet-bench synthetic N OUT.json      writes a synthetic site of N posts
//! broadsheet-bench synthetic-rss MB OUT.xml  writes an RSS 2.0 feed of synthetic posts of at
//!                                            least MB megabytes
//! broadsheet-bench synthetic-markdown N DIR   writes a folder of N synthetic Markdown posts
//! broadsheet-bench serve N                   `serve` on N Markdown posts: from saving an
//!                                            edited post to the page told to reload, against
//!                                            a full build
//! ```

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("quality") => bench::quality(args.get(1).map(String::as_str)),
        Some("speed") => bench::speed(),
        Some("synthetic") => bench::synthetic_file(&args[1..]),
        Some("synthetic-rss") => bench::synthetic_rss(&args[1..]),
        Some("synthetic-markdown") => bench::synthetic_markdown(&args[1..]),
        Some("serve") => bench::serve(&args[1..]),
        Some("sweep") => bench::sweep(),
        Some("suite") => bench::suite(args.get(1).map(String::as_str)),
        _ => Err(
            "usage: broadsheet-bench quality [FILE] | suite [NAME] | speed | synthetic N OUT.json | synthetic-rss MB OUT.xml | synthetic-markdown N DIR | serve N"
                .into(),
        ),
    };
    if let Err(message) = result {
        eprintln!("broadsheet-bench: {message}");
        std::process::exit(1);
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod bench {
    use std::path::Path;
    use std::time::{Duration, Instant};

    use broadsheet_build::baselines::{Corpus, Query as BmQuery};
    use broadsheet_build::evaluate::{
        as_in_site_index, index_precision, labelled_set, precision_at, tags_only, Titles, SUITE,
    };
    use broadsheet_build::site::settings::index_terms_for;
    use broadsheet_build::site::INDEX_TERMS;
    use broadsheet_build::sources::markdown::rfc3339_utc;
    use broadsheet_core::model::index_from_value;
    use broadsheet_core::similar::latent_code::INDEX_DIMENSIONS;
    use broadsheet_core::similar::synthetic::synthetic;
    use broadsheet_core::similar::tokenize::top_terms;
    use broadsheet_core::similar::{read_terms, write_terms, Doc, Index, Weights};
    use serde_json::{json, Value};

    const LABELLED: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/labelled.json"
    );

    /// The development corpus: Reuters-21578, single-topic ModApte documents of 41 topics.
    const REUTERS: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/reuters/reuters-r41.json"
    );

    /// Precision@1, 3 and 5 of a ranker (`rank(query, n)`), with the time to build its index
    /// (`build`) and the mean time of one query.
    fn row(
        name: &str,
        labels: &[String],
        build: Duration,
        rank: impl Fn(usize, usize) -> Vec<usize>,
    ) {
        let started = Instant::now();
        let p: Vec<f64> = [1, 3, 5]
            .iter()
            .map(|&k| precision_at(k, labels, |q| rank(q, k)))
            .collect();
        let per_query = started.elapsed() / (3 * labels.len().max(1)) as u32;
        println!(
            "| {name} | {:.3} | {:.3} | {:.3} | {build:.1?} | {per_query:.1?} |",
            p[0], p[1], p[2]
        );
    }

    /// Precision@k of the default ranking, BM25 and TF-IDF on a labelled JSON Feed (each
    /// item's `_bench.category`): the development corpus and the smoke set unless a file is
    /// given.
    pub fn quality(path: Option<&str>) -> Result<(), String> {
        match path {
            Some(path) => quality_of(path),
            None => {
                quality_of(REUTERS)?;
                println!();
                quality_of(LABELLED)
            }
        }
    }

    fn quality_of(path: &str) -> Result<(), String> {
        let (docs, labels) = labelled_set(path)?;
        let categories = {
            let mut c = labels.clone();
            c.sort();
            c.dedup();
            c.len()
        };
        let name = Path::new(path)
            .file_name()
            .map_or(path.into(), |n| n.to_string_lossy());
        println!(
            "Similar posts, quality on {name}: {} posts in {categories} categories",
            docs.len()
        );
        println!("| ranking | P@1 | P@3 | P@5 | index | one query |");
        println!("|---|---|---|---|---|---|");
        row(
            "tags only (Hugo-like baseline)",
            &labels,
            Duration::ZERO,
            |q, k| tags_only(&docs, q, k),
        );
        let started = Instant::now();
        let corpus = Corpus::new(&docs);
        let built = started.elapsed();
        row(
            "TF-IDF cosine, sublinear tf (scikit-learn)",
            &labels,
            built,
            |q, k| corpus.tfidf(q, k),
        );
        for (k1, form, what) in [
            (1.2, BmQuery::Distinct, "distinct terms"),
            (1.5, BmQuery::Distinct, "distinct terms"),
            (2.0, BmQuery::Distinct, "distinct terms"),
            (1.5, BmQuery::Whole, "whole post"),
        ] {
            row(
                &format!("BM25 k1 {k1}, b 0.75, {what}"),
                &labels,
                built,
                |q, k| corpus.bm25(q, k, k1, 0.75, form),
            );
        }
        let ours = |name: &str, weights: Weights| {
            let started = Instant::now();
            let index = Index::build(&docs, weights);
            let built = started.elapsed();
            row(name, &labels, built, |q, k| {
                index
                    .similar_to_indexed(q, k)
                    .iter()
                    .map(|m| m.doc)
                    .collect()
            });
        };
        ours(
            "ours, text only",
            Weights {
                tags: 0.0,
                tag_overlap: 0.0,
                ..Weights::default()
            },
        );
        ours(
            "ours, default (content + tags + recency)",
            Weights::default(),
        );
        // The browser's ranking by terms alone (without the latent vectors the site index
        // carries: `suite` measures it with them), from the whole text as a reference, from
        // the first 60 words `feed.json` kept before, and from the most frequent terms it
        // keeps now (`_article.terms`), read back as the browser reads them.
        let browser = Weights::from_site_index();
        ours("ours in the browser, from whole posts (reference)", browser);
        let first_60: Vec<Doc> = docs
            .iter()
            .map(|d| Doc {
                body: d
                    .body
                    .split_whitespace()
                    .take(60)
                    .collect::<Vec<_>>()
                    .join(" "),
                ..d.clone()
            })
            .collect();
        let index = Index::build(&first_60, browser);
        row(
            "ours in the browser, feed.json before: 60 words",
            &labels,
            Duration::ZERO,
            |q, k| {
                index
                    .similar_to_indexed(q, k)
                    .iter()
                    .map(|m| m.doc)
                    .collect()
            },
        );
        for keep in [30, 45, INDEX_TERMS, 90] {
            let kept: Vec<Doc> = docs
                .iter()
                .map(|d| {
                    let written = write_terms(&top_terms(&d.body, &d.language, keep));
                    let entry = json!({"items": [{"id": d.id, "title": "t", "_article": {"terms": written}}]});
                    let terms = index_from_value(&entry, None)
                        .ok()
                        .and_then(|mut items| items.pop())
                        .and_then(|item| item.terms)
                        .map_or_else(Vec::new, |t| read_terms(&t));
                    Doc {
                        body: String::new(),
                        terms,
                        ..d.clone()
                    }
                })
                .collect();
            let index = Index::build(&kept, browser);
            let now = if keep == INDEX_TERMS {
                ", as built now"
            } else {
                ""
            };
            let name = format!("ours in the browser, feed.json: {keep} most frequent terms{now}");
            row(&name, &labels, Duration::ZERO, |q, k| {
                index
                    .similar_to_indexed(q, k)
                    .iter()
                    .map(|m| m.doc)
                    .collect()
            });
        }
        Ok(())
    }

    /// Precision@1, 3 and 5 of a ranker (`rank(query, n)`: its `n` best for post `query`) and
    /// the mean time of one query.
    fn measure(
        labels: &[String],
        rank: impl Fn(usize, usize) -> Vec<usize>,
    ) -> ([f64; 3], Duration) {
        let started = Instant::now();
        let p = [1, 3, 5].map(|k| precision_at(k, labels, |q| rank(q, k)));
        (p, started.elapsed() / (3 * labels.len().max(1)) as u32)
    }

    /// The latent dimensions of a site index measured by [`suite`].
    const INDEX_DIMENSIONS_MEASURED: [usize; 6] = [0, 16, 32, 48, 64, 99];

    /// Every ranker on every corpus of the suite ([`SUITE`]) in each title variant: one table
    /// of precision@1, 3 and 5 with index and query times, then ours against the best BM25.
    /// With a name, only the corpora whose name contains it.
    pub fn suite(only: Option<&str>) -> Result<(), String> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");
        let ms = |d: Duration| format!("{:.0} ms", d.as_secs_f64() * 1e3);
        let us = |d: Duration| format!("{:.0} µs", d.as_secs_f64() * 1e6);
        let mut table = Vec::new();
        let mut summary = Vec::new();
        let mut by_dimensions = Vec::new();
        for (name, path) in SUITE
            .into_iter()
            .filter(|(name, _)| only.is_none_or(|only| name.contains(only)))
        {
            let (given, labels) = labelled_set(&format!("{root}{path}"))?;
            let mut categories = labels.clone();
            categories.sort();
            categories.dedup();
            eprintln!("{name}: {} posts, {} labels", given.len(), categories.len());
            for titles in Titles::ALL {
                let docs = titles.apply(&given);
                let mut line = |ranking: String, p: [f64; 3], index: String, query: Duration| {
                    table.push(format!(
                        "| {name} | {} | {ranking} | {:.3} | {:.3} | {:.3} | {index} | {} |",
                        titles.name(),
                        p[0],
                        p[1],
                        p[2],
                        us(query)
                    ));
                };
                let (p, t) = measure(&labels, |q, k| tags_only(&docs, q, k));
                line("tags only".into(), p, "none".into(), t);
                let started = Instant::now();
                let corpus = Corpus::new(&docs);
                let built = started.elapsed();
                let (p, t) = measure(&labels, |q, k| corpus.tfidf(q, k));
                line("TF-IDF cosine, sublinear tf".into(), p, ms(built), t);
                let mut best = ([0.0; 3], String::new());
                for form in [BmQuery::Distinct, BmQuery::Whole] {
                    for k1 in [1.2, 1.5, 2.0] {
                        let (p, t) = measure(&labels, |q, k| corpus.bm25(q, k, k1, 0.75, form));
                        let what = match form {
                            BmQuery::Distinct => "distinct terms",
                            BmQuery::Whole => "whole post",
                        };
                        let ranking = format!("BM25 k1 {k1}, b 0.75, {what}");
                        if p[1] > best.0[1] {
                            best = (p, ranking.clone());
                        }
                        line(ranking, p, ms(built), t);
                    }
                }
                let ranks = |index: &Index| {
                    measure(&labels, |q, k| {
                        index
                            .similar_to_indexed(q, k)
                            .iter()
                            .map(|m| m.doc)
                            .collect()
                    })
                };
                let started = Instant::now();
                let built_index = Index::build(&docs, Weights::default());
                let built = started.elapsed();
                let (build, t) = ranks(&built_index);
                line("**ours, build step**".into(), build, ms(built), t);
                let mut browser = [0.0; 3];
                let mut sizes = Vec::new();
                for dimensions in INDEX_DIMENSIONS_MEASURED {
                    let (trimmed, bytes) = as_in_site_index(&docs, &built_index, dimensions);
                    let started = Instant::now();
                    let index = Index::build(&trimmed, Weights::from_site_index());
                    let built = started.elapsed();
                    let (p, t) = ranks(&index);
                    sizes.push(format!("{:.3} ({bytes} B)", p[1]));
                    if dimensions == INDEX_DIMENSIONS {
                        browser = p;
                        line(
                            format!(
                                "ours in the browser ({INDEX_TERMS} terms of the site index, {} in Japanese and Chinese; {INDEX_DIMENSIONS} latent dimensions)",
                                index_terms_for("ja", INDEX_TERMS)
                            ),
                            p,
                            ms(built),
                            t,
                        );
                    }
                }
                by_dimensions.push(format!(
                    "| {name} | {} | {:.3} | {} |",
                    titles.name(),
                    build[1],
                    sizes.join(" | ")
                ));
                summary.push(format!(
                    "| {name} | {} | {:.3} ({}) | {:.3} | {:+.3} | {:.3} | {:+.3} | {:+.3} |",
                    titles.name(),
                    best.0[1],
                    best.1.trim_start_matches("BM25 "),
                    build[1],
                    build[1] - best.0[1],
                    browser[1],
                    browser[1] - best.0[1],
                    browser[1] - build[1],
                ));
            }
        }
        println!("Similar posts on the suite: precision@k against the corpus's labels; index time for the whole corpus, query time for one post (native, release, this machine)");
        println!();
        println!("| corpus | titles | ranking | P@1 | P@3 | P@5 | index | one query |");
        println!("|---|---|---|---|---|---|---|---|");
        for l in &table {
            println!("{l}");
        }
        println!();
        println!("Ours against the best BM25 (by P@3) of each corpus and variant:");
        println!();
        println!("| corpus | titles | best BM25 P@3 | ours, build step | vs BM25 | ours in the browser | vs BM25 | vs build step |");
        println!("|---|---|---|---|---|---|---|---|");
        for l in &summary {
            println!("{l}");
        }
        println!();
        println!("Ours in the browser by the latent dimensions the site index carries: P@3 (mean bytes of an index entry):");
        println!();
        let heads: Vec<String> = INDEX_DIMENSIONS_MEASURED
            .iter()
            .map(|d| format!("{d} dimensions"))
            .collect();
        println!("| corpus | titles | build step | {} |", heads.join(" | "));
        println!("|---|---|---|{}", "---|".repeat(heads.len()));
        for l in &by_dimensions {
            println!("{l}");
        }
        Ok(())
    }

    /// Precision@3 of variants of the ranking on both corpora (for tuning; not in the figures).
    pub fn sweep() -> Result<(), String> {
        let sets = [labelled_set(REUTERS)?, labelled_set(LABELLED)?];
        let spec = std::env::var("SWEEP").unwrap_or_default();
        for line in spec.split(';').filter(|l| !l.trim().is_empty()) {
            let mut w = Weights::default();
            for kv in line.split(',') {
                let (k, v) = kv.split_once('=').ok_or("k=v")?;
                let v: f32 = v.trim().parse().map_err(|_| "number")?;
                match k.trim() {
                    "title" => w.title = v,
                    "summary" => w.summary = v,
                    "tags" => w.tags = v,
                    "q" => w.query_terms = v as usize,
                    "lsa" => w.latent_dimensions = v as usize,
                    "lsaw" => w.latent_weight = v,
                    "min" => w.min_score = v,
                    "recency" => w.recency = v,
                    "overlap" => w.tag_overlap = v,
                    other => return Err(format!("unknown {other}")),
                }
            }
            // Each index built once, for all three depths.
            let p: Vec<f64> = sets
                .iter()
                .flat_map(|(docs, labels)| {
                    let index = Index::build(docs, w);
                    [1, 3, 5].map(|k| index_precision(&index, labels, k))
                })
                .collect();
            println!(
                "{line:40} reuters P@1 {:.3} P@3 {:.3} P@5 {:.3} | labelled P@1 {:.3} P@3 {:.3} P@5 {:.3}",
                p[0], p[1], p[2], p[3], p[4], p[5]
            );
        }
        Ok(())
    }

    fn median(mut times: Vec<Duration>) -> Duration {
        times.sort();
        times[times.len() / 2]
    }

    pub fn speed() -> Result<(), String> {
        println!("Similar posts, speed (native, release, this machine):");
        println!("| posts | index build | rank one post (median of 101) | rank every post |");
        println!("|---|---|---|---|");
        for n in [1_000, 10_000, 100_000] {
            let docs = synthetic(n);
            let started = Instant::now();
            let index = Index::build(&docs, Weights::default());
            let build = started.elapsed();
            let one = median(
                (0..101)
                    .map(|i| {
                        let q = &docs[(i * 7919) % n];
                        let t = Instant::now();
                        std::hint::black_box(index.similar(q, 6));
                        t.elapsed()
                    })
                    .collect(),
            );
            let all = if n <= 10_000 {
                let t = Instant::now();
                for d in 0..n {
                    std::hint::black_box(index.similar_to_indexed(d, 6));
                }
                format!("{:.2?} (one core)", t.elapsed())
            } else {
                "see the build step".to_string()
            };
            println!("| {n} | {build:.2?} | {one:.2?} | {all} |");
        }
        Ok(())
    }

    pub fn synthetic_file(args: &[String]) -> Result<(), String> {
        let (Some(n), Some(out)) = (
            args.first().and_then(|n| n.parse::<usize>().ok()),
            args.get(1),
        ) else {
            return Err("usage: broadsheet-bench synthetic N OUT.json".into());
        };
        let items: Vec<Value> = synthetic(n)
            .into_iter()
            .map(|d| {
                json!({
                    "id": d.id, "url": format!("https://synthetic.example/{}/", d.id),
                    "title": d.title, "summary": d.summary, "content_text": d.body, "tags": d.tags,
                    "date_published": "2025-01-01T00:00:00Z",
                })
            })
            .collect();
        let feed = json!({"version": "https://jsonfeed.org/version/1.1", "title": "Synthetic", "items": items});
        std::fs::write(out, feed.to_string()).map_err(|e| format!("{out}: {e}"))
    }

    /// A folder of synthetic Markdown posts with front matter (`posts/<id>.md`), one paragraph
    /// of every four sentences: the site of `serve`'s rebuild figures.
    pub fn synthetic_markdown(args: &[String]) -> Result<(), String> {
        let (Some(n), Some(out)) = (
            args.first().and_then(|n| n.parse::<usize>().ok()),
            args.get(1),
        ) else {
            return Err("usage: broadsheet-bench synthetic-markdown N DIR".into());
        };
        let folder = Path::new(out).join("posts");
        std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        for d in synthetic(n) {
            let body: Vec<String> = d
                .body
                .split(' ')
                .collect::<Vec<_>>()
                .chunks(40)
                .map(|words| format!("{}.", words.join(" ")))
                .collect();
            let date = d.published.unwrap_or(0);
            let text = format!(
                "---\ntitle: \"{}\"\ndescription: \"{}\"\ndate: {}\ntags: [{}]\n---\n\n{}\n",
                d.title,
                d.summary,
                &rfc3339_utc(date)[..10],
                d.tags.join(", "),
                body.join("\n\n"),
            );
            let path = folder.join(format!("{}.md", d.id));
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        Ok(())
    }

    /// The body of a GET of `path` from the server at `address`.
    fn get(address: &str, path: &str) -> Result<String, String> {
        use std::io::{Read, Write};
        let mut stream =
            std::net::TcpStream::connect(address).map_err(|e| format!("{address}: {e}"))?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
        )
        .map_err(|e| e.to_string())?;
        let mut response = String::new();
        stream
            .read_to_string(&mut response)
            .map_err(|e| e.to_string())?;
        Ok(response
            .split_once("\r\n\r\n")
            .map_or("", |(_, body)| body)
            .trim()
            .to_string())
    }

    /// `broadsheet-build serve` on a synthetic site of N Markdown posts: the time from saving
    /// an edited post to the server telling open pages to reload (its long poll answering),
    /// for edits of a title and of a body, against a change that needs a full build (a post
    /// added).
    pub fn serve(args: &[String]) -> Result<(), String> {
        use std::io::BufRead;
        use std::process::{Command, Stdio};
        let n = args
            .first()
            .and_then(|n| n.parse::<usize>().ok())
            .ok_or("usage: broadsheet-bench serve N")?;
        let scratch = std::env::temp_dir().join(format!("broadsheet-bench-serve-{n}"));
        let _ = std::fs::remove_dir_all(&scratch);
        synthetic_markdown(&[n.to_string(), scratch.display().to_string()])?;
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let mut server = Command::new(exe.with_file_name("broadsheet-build"))
            .arg("serve")
            .arg(scratch.join("posts"))
            .arg("--out")
            .arg(scratch.join("site"))
            .args(["--port", "0"])
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("broadsheet-build: {e}"))?;
        let stderr = server.stderr.take().ok_or("no standard error")?;
        let (send, said) = std::sync::mpsc::channel::<String>();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                let _ = send.send(line);
            }
        });
        let result = (|| {
            let address = loop {
                let line = said
                    .recv_timeout(Duration::from_secs(600))
                    .map_err(|_| "serve did not start")?;
                if let Some(at) = line.split_once("http://") {
                    break at.1.split('/').next().unwrap_or_default().to_string();
                }
            };
            // Saves `file` as `edit` makes it; how long until pages are told to reload.
            let timed = |file: &Path, edit: &dyn Fn(String) -> String| {
                let generation = get(&address, "/_broadsheet/wait?since=0")?;
                let text = std::fs::read_to_string(file).unwrap_or_default();
                let saved = Instant::now();
                std::fs::write(file, edit(text)).map_err(|e| e.to_string())?;
                // Answered as soon as a newer build is there, whether before it asks or after.
                let answer = get(&address, &format!("/_broadsheet/wait?since={generation}"))?;
                if answer == generation {
                    return Err(format!("{} was not rebuilt in time", file.display()));
                }
                Ok::<Duration, String>(saved.elapsed())
            };
            let posts = scratch.join("posts");
            let mut titles = Vec::new();
            let mut bodies = Vec::new();
            for i in 0..5 {
                let file = posts.join(format!("post-{}.md", i * 997 % n));
                titles.push(timed(&file, &|t| {
                    t.replacen("title: \"", "title: \"Edited ", 1)
                })?);
                bodies.push(timed(&file, &|t| format!("{t}\nOne more sentence.\n"))?);
            }
            let added = posts.join("post-added.md");
            let copy = std::fs::read_to_string(posts.join("post-1.md")).unwrap_or_default();
            let full = timed(&added, &|_| copy.clone())?;
            println!("`serve` on {n} Markdown posts, from saving a post to its pages told to reload (median of 5):");
            println!("| change | time |");
            println!("|---|---|");
            println!(
                "| a post's title edited (rebuilt alone) | {:.0?} |",
                median(titles)
            );
            println!(
                "| a post's body edited (rebuilt alone) | {:.0?} |",
                median(bodies)
            );
            println!("| a post added (full build) | {full:.1?} |");
            Ok(())
        })();
        let _ = server.kill();
        let _ = server.wait();
        let _ = std::fs::remove_dir_all(&scratch);
        result
    }

    /// An RSS 2.0 feed of synthetic posts (HTML bodies in `content:encoded`) of at least the
    /// megabytes asked for: the "50 MB feed" of the build step's figures.
    pub fn synthetic_rss(args: &[String]) -> Result<(), String> {
        use std::io::Write;
        let (Some(megabytes), Some(out)) = (
            args.first().and_then(|n| n.parse::<usize>().ok()),
            args.get(1),
        ) else {
            return Err("usage: broadsheet-bench synthetic-rss MB OUT.xml".into());
        };
        let file = std::fs::File::create(out).map_err(|e| format!("{out}: {e}"))?;
        let mut w = std::io::BufWriter::new(file);
        let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
        let mut written = 0usize;
        let write = |text: String, w: &mut std::io::BufWriter<std::fs::File>| {
            w.write_all(text.as_bytes())
                .map_err(|e| format!("{out}: {e}"))?;
            Ok::<usize, String>(text.len())
        };
        written += write(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" \
             xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
             xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Synthetic</title>\
             <link>https://synthetic.example/</link><language>en</language>\n"
                .into(),
            &mut w,
        )?;
        // Batches of posts until the feed is big enough, each post a few kilobytes of HTML.
        let mut n = 0;
        while written < megabytes << 20 {
            for d in synthetic(1_000) {
                n += 1;
                let body: String = d
                    .body
                    .split(". ")
                    .collect::<Vec<_>>()
                    .chunks(4)
                    .map(|sentences| format!("<p>{}.</p>", escape(&sentences.join(". "))))
                    .collect();
                let tags: String = d
                    .tags
                    .iter()
                    .map(|t| format!("<category>{}</category>", escape(t)))
                    .collect();
                written += write(
                    format!(
                        "<item><title>{}</title><link>https://synthetic.example/{n}/</link>\
                         <guid>https://synthetic.example/{n}/</guid>\
                         <pubDate>Wed, 01 Jan 2025 10:00:00 +0000</pubDate><dc:creator>Writer {}</dc:creator>\
                         {tags}<description>{}</description><content:encoded><![CDATA[{body}]]></content:encoded></item>\n",
                        escape(&d.title),
                        n % 17,
                        escape(&d.summary),
                    ),
                    &mut w,
                )?;
            }
        }
        write("</channel></rss>\n".into(), &mut w)?;
        w.flush().map_err(|e| format!("{out}: {e}"))
    }
}
