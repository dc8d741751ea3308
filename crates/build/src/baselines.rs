//! The rankers the similar-posts ranking is measured against, written as their references
//! define them and kept apart from it: Okapi BM25 (Robertson and Zaragoza, "The Probabilistic
//! Relevance Framework", 2009) with a post as the query, and TF-IDF cosine with sublinear term
//! frequency as scikit-learn's `TfidfVectorizer(sublinear_tf=True)` computes it. Both read the
//! same terms as the ranking (its tokenizer and stop words), each field once, so the comparison
//! is of the weighting and scoring alone.

use std::collections::HashMap;

use broadsheet_core::similar::tokenize::terms;
use broadsheet_core::similar::Doc;

/// How a post is put to BM25 as a query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Query {
    /// Each distinct term once.
    Distinct,
    /// Every occurrence: a term counts as often as the post has it.
    Whole,
}

/// The posts as bags of terms, with an inverted index.
pub struct Corpus {
    /// Each post's terms and their counts.
    bags: Vec<Vec<(u32, u32)>>,
    /// Each post's length in terms.
    lengths: Vec<f32>,
    /// Posts containing each term.
    df: Vec<u32>,
    /// For each term, the posts with it and its count there.
    postings: Vec<Vec<(u32, u32)>>,
    /// Each post's TF-IDF vector length.
    tfidf_norms: Vec<f32>,
}

impl Corpus {
    /// Tokenizes `docs`: title, summary, body and tags, each once.
    pub fn new(docs: &[Doc]) -> Corpus {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut bags = Vec::with_capacity(docs.len());
        let mut lengths = Vec::with_capacity(docs.len());
        for doc in docs {
            let mut counts: HashMap<u32, u32> = HashMap::new();
            let mut length = 0u32;
            let mut add = |text: &str| {
                terms(text, &doc.language, |t| {
                    let next = ids.len() as u32;
                    let id = *ids.entry(t.to_string()).or_insert(next);
                    *counts.entry(id).or_insert(0) += 1;
                    length += 1;
                })
            };
            add(&doc.title);
            add(&doc.summary);
            add(&doc.body);
            for tag in &doc.tags {
                add(tag);
            }
            let mut bag: Vec<(u32, u32)> = counts.into_iter().collect();
            bag.sort_unstable();
            bags.push(bag);
            lengths.push(length as f32);
        }
        let mut df = vec![0u32; ids.len()];
        let mut postings = vec![Vec::new(); ids.len()];
        for (d, bag) in bags.iter().enumerate() {
            for &(t, tf) in bag {
                df[t as usize] += 1;
                postings[t as usize].push((d as u32, tf));
            }
        }
        let mut corpus = Corpus {
            bags,
            lengths,
            df,
            postings,
            tfidf_norms: Vec::new(),
        };
        corpus.tfidf_norms = corpus
            .bags
            .iter()
            .map(|bag| {
                bag.iter()
                    .map(|&(t, tf)| corpus.tfidf_weight(t, tf).powi(2))
                    .sum::<f32>()
                    .sqrt()
            })
            .collect();
        corpus
    }

    /// A term's TF-IDF weight with sublinear tf: `(1 + ln tf) · (ln((1 + N) / (1 + df)) + 1)`.
    fn tfidf_weight(&self, term: u32, tf: u32) -> f32 {
        let idf = ((1.0 + self.len() as f32) / (1.0 + self.df[term as usize] as f32)).ln() + 1.0;
        (1.0 + (tf as f32).ln()) * idf
    }

    /// Number of posts.
    pub fn len(&self) -> usize {
        self.bags.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.bags.is_empty()
    }

    /// The `n` best of `scores` (one per post), the query excluded, best first, ties to the
    /// earlier post.
    fn top(scores: Vec<f32>, query: usize, n: usize) -> Vec<usize> {
        let mut ranked: Vec<(usize, f32)> = scores
            .into_iter()
            .enumerate()
            .filter(|&(d, s)| d != query && s > 0.0)
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.into_iter().take(n).map(|(d, _)| d).collect()
    }

    /// The `n` posts BM25 ranks best for post `query` as the query, with parameters `k1` and
    /// `b` and the Lucene form of IDF, `ln(1 + (N - df + 0.5) / (df + 0.5))`, which is never
    /// negative.
    pub fn bm25(&self, query: usize, n: usize, k1: f32, b: f32, form: Query) -> Vec<usize> {
        let count = self.len() as f32;
        let average = self.lengths.iter().sum::<f32>() / count.max(1.0);
        let mut scores = vec![0.0f32; self.len()];
        for &(t, qtf) in &self.bags[query] {
            let df = self.df[t as usize] as f32;
            let idf = (1.0 + (count - df + 0.5) / (df + 0.5)).ln();
            let times = match form {
                Query::Distinct => 1.0,
                Query::Whole => qtf as f32,
            };
            for &(d, tf) in &self.postings[t as usize] {
                let tf = tf as f32;
                let norm = k1 * (1.0 - b + b * self.lengths[d as usize] / average);
                scores[d as usize] += times * idf * tf * (k1 + 1.0) / (tf + norm);
            }
        }
        Self::top(scores, query, n)
    }

    /// The `n` posts nearest to post `query` by the cosine of TF-IDF vectors with sublinear
    /// term frequency: `(1 + ln tf) · (ln((1 + N) / (1 + df)) + 1)`, L2-normalized.
    pub fn tfidf(&self, query: usize, n: usize) -> Vec<usize> {
        let mut scores = vec![0.0f32; self.len()];
        for &(t, qtf) in &self.bags[query] {
            let qw = self.tfidf_weight(t, qtf);
            for &(d, tf) in &self.postings[t as usize] {
                scores[d as usize] += qw * self.tfidf_weight(t, tf);
            }
        }
        for (score, norm) in scores.iter_mut().zip(&self.tfidf_norms) {
            if *norm > 0.0 {
                *score /= norm;
            }
        }
        Self::top(scores, query, n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, body: &str) -> Doc {
        Doc {
            id: title.into(),
            title: title.into(),
            body: body.into(),
            language: "en".into(),
            ..Default::default()
        }
    }

    #[test]
    fn rare_shared_terms_rank_first() {
        let docs = vec![
            doc("Copper prices", "copper smelter output falls in Chile"),
            doc("Zinc prices", "zinc smelter closes"),
            doc("Copper mine", "Chile copper output falls after a strike"),
            doc("Football", "a match report"),
        ];
        let corpus = Corpus::new(&docs);
        for form in [Query::Distinct, Query::Whole] {
            assert_eq!(corpus.bm25(0, 2, 1.2, 0.75, form), [2, 1]);
        }
        assert_eq!(corpus.tfidf(0, 2), [2, 1]);
        assert!(!corpus.bm25(3, 3, 1.2, 0.75, Query::Distinct).contains(&0));
    }
}
