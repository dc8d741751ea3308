//! Synthetic posts for speed measurements: a Zipf-distributed vocabulary with topics, so that
//! posting lists have the shape of real text. Deterministic: every run makes the same posts.

use super::Doc;

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
                terms: Vec::new(),
                latent: Vec::new(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::synthetic;

    #[test]
    fn synthetic_posts_are_deterministic_and_shaped_like_text() {
        let a = synthetic(50);
        assert_eq!(a, synthetic(50));
        assert_eq!(a.len(), 50);
        assert_eq!(a[0].body.split(' ').count(), 300);
        assert!(a.iter().all(|d| d.tags.len() == 3 && d.published.is_some()));
    }
}
