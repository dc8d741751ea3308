//! Measurements of the similar-posts engine, printed as tables (run by `scripts/bench`).
//!
//! ```text
//! broadsheet-bench quality [labelled.json]   precision@3 and @5 against category labels
//! broadsheet-bench speed                     index and ranking times for 1k, 10k, 100k posts
//! broadsheet-bench synthetic N OUT.json      writes a synthetic site of N posts
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
        _ => Err("usage: broadsheet-bench quality [FILE] | speed | synthetic N OUT.json".into()),
    };
    if let Err(message) = result {
        eprintln!("broadsheet-bench: {message}");
        std::process::exit(1);
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod bench {
    use std::time::{Duration, Instant};

    use broadsheet::model::parse_json;
    use broadsheet::similar::evaluate::{content_precision, precision_at, tags_only};
    use broadsheet::similar::{Doc, Index, Weights};
    use serde_json::{json, Value};

    const LABELLED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/labelled.json");

    pub fn quality(path: Option<&str>) -> Result<(), String> {
        let path = path.unwrap_or(LABELLED);
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        let feed = parse_json(&text).map_err(|e| e.to_string())?;
        let entries = broadsheet::model::index_entries(&feed, None).map_err(|e| e.to_string())?;
        let labels: Vec<String> = entries
            .iter()
            .map(|(raw, _)| raw["_bench"]["category"].as_str().unwrap_or("").to_string())
            .collect();
        let docs: Vec<Doc> = entries
            .iter()
            .map(|(_, item)| Doc::from_item(item))
            .collect();
        let categories = {
            let mut c = labels.clone();
            c.sort();
            c.dedup();
            c.len()
        };
        println!(
            "Similar posts, quality: {} posts in {categories} categories ({path})",
            docs.len()
        );
        println!("| ranking | precision@3 | precision@5 |");
        println!("|---|---|---|");
        let tags = |k| precision_at(k, &labels, |q| tags_only(&docs, q, k));
        println!(
            "| tags only (Hugo-like baseline) | {:.3} | {:.3} |",
            tags(3),
            tags(5)
        );
        let no_tags = Weights {
            tags: 0.0,
            tag_overlap: 0.0,
            ..Weights::default()
        };
        println!(
            "| content, text only (TF-IDF cosine) | {:.3} | {:.3} |",
            content_precision(&docs, &labels, 3, no_tags),
            content_precision(&docs, &labels, 5, no_tags)
        );
        println!(
            "| content + tags + recency (default) | {:.3} | {:.3} |",
            content_precision(&docs, &labels, 3, Weights::default()),
            content_precision(&docs, &labels, 5, Weights::default())
        );
        Ok(())
    }

    /// A deterministic pseudo-random generator (xorshift64*), so every run ranks the same posts.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        /// Zipf-like: small ranks far more often than large ones.
        fn zipf(&mut self, n: usize) -> usize {
            let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
            ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
        }
    }

    const SYLLABLES: [&str; 16] = [
        "ka", "lo", "mi", "ren", "sa", "to", "vi", "nor", "pel", "qua", "dre", "ul", "zan", "bo",
        "ith", "gar",
    ];

    fn word(n: usize) -> String {
        let mut w = String::new();
        let mut x = n + 17;
        while x > 0 {
            w.push_str(SYLLABLES[x % 16]);
            x /= 16;
        }
        w
    }

    /// `n` synthetic posts: 40,000 words with Zipf frequencies, 500 topics with words and tags
    /// of their own, 300-word bodies.
    pub fn synthetic(n: usize) -> Vec<Doc> {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let vocabulary = 40_000;
        let topics = 500;
        (0..n)
            .map(|i| {
                let topic = rng.below(topics);
                let text = |len: usize, rng: &mut Rng| {
                    (0..len)
                        .map(|_| {
                            if rng.below(3) == 0 {
                                word(vocabulary + topic * 40 + rng.below(40))
                            } else {
                                word(rng.zipf(vocabulary))
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                Doc {
                    id: format!("post-{i}"),
                    title: text(8, &mut rng),
                    summary: text(25, &mut rng),
                    body: text(300, &mut rng),
                    tags: vec![
                        format!("topic-{topic}"),
                        format!("tag-{}", topic * 4 + rng.below(4)),
                        format!("tag-{}", rng.below(2000)),
                    ],
                    language: "en".into(),
                    published: Some(1_700_000_000 + rng.below(60_000_000) as i64),
                }
            })
            .collect()
    }

    fn median(mut times: Vec<Duration>) -> Duration {
        times.sort();
        times[times.len() / 2]
    }

    pub fn speed() -> Result<(), String> {
        println!("Similar posts, speed (native, release, this machine):");
        println!(
            "| posts | index build | rank one post (median of 101) | rank every post (all cores) |"
        );
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
}
