//! Content-based ranking: TF-IDF term vectors over title, summary, body and tags, cosine
//! similarity through an inverted index, plus tag overlap and recency.
//!
//! A query only walks the postings of its `query_terms` heaviest terms (as "more like this"
//! engines do), so ranking one post costs the length of a few short posting lists, not a pass
//! over every post; that is what lets the build step rank 100,000 posts in minutes.

use std::cmp::Ordering;
use std::collections::HashMap;

use super::tokenize::{repeats_opening, terms};

/// A post as the ranker sees it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Doc {
    /// Unique id; the query post is excluded from its own results by it.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Standfirst.
    pub summary: String,
    /// Body text (plain).
    pub body: String,
    /// Tags.
    pub tags: Vec<String>,
    /// BCP 47 primary language (`en`, `ja`), for stop words.
    pub language: String,
    /// Publication time in Unix seconds.
    pub published: Option<i64>,
    /// Body terms counted already, with their frequencies, in place of the body (the build
    /// step counts each body once; a site index carries each post's most frequent): added as
    /// they are, weighed as body terms.
    pub terms: Vec<(String, f32)>,
    /// The post's latent vector as the build step found it (L2-normalized), for an index that
    /// does not find its own (see [`IndexBuilder::finish`]); empty when it has none.
    pub latent: Vec<f32>,
}

/// Tunable weights of the ranking.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weights {
    /// Term-frequency multiplier of title terms; a title that only repeats the body's opening
    /// words ([`repeats_opening`]) adds nothing.
    pub title: f32,
    /// Of summary terms.
    pub summary: f32,
    /// Of body terms.
    pub body: f32,
    /// Of tag terms.
    pub tags: f32,
    /// Added score per unit of tag overlap (Jaccard index of the tag sets).
    pub tag_overlap: f32,
    /// Boost for a post published at the same time as the query, decaying with the distance
    /// in time: the content score is multiplied by `1 + recency · 2^(-days / half_life)`.
    pub recency: f32,
    /// Days over which the recency bonus halves.
    pub recency_half_life_days: f32,
    /// Posts whose content score (cosine plus tag overlap) is below this are not similar.
    pub min_score: f32,
    /// How many of the query's heaviest terms are looked up.
    pub query_terms: usize,
    /// Latent directions found (a truncated SVD of the site's term-post matrix,
    /// `similar::latent`): each post's latent vector has one fewer, the first direction, which
    /// every post shares, being left out; 0 ranks by terms alone. Used only natively (by the build step), and
    /// on a site of at least [`LATENT_POSTS_PER_DIMENSION`] posts a dimension: fewer posts have
    /// too little structure for it to find.
    pub latent_dimensions: usize,
    /// The share of the latent cosine in a candidate's score (the term cosine has the rest).
    pub latent_weight: f32,
    /// When fewer posts pass `min_score` than were asked for, fill the list with the newest
    /// posts sharing a tag, then the newest; false keeps only similar posts.
    pub fill: bool,
}

/// Posts a site needs for each latent dimension before latent vectors are used.
pub const LATENT_POSTS_PER_DIMENSION: usize = 5;

/// The share of the latent cosine in a candidate's score when ranking from a site index (in
/// the browser), where the build step's [`Weights::latent_weight`] is 0.5: there a post's
/// terms are its few most frequent, while its latent vector was found from the whole post.
/// Measured on the suite (`broadsheet-bench suite`), 0.6 brings every corpus and title variant
/// within 0.01 precision@3 of the build step, where livedoor with its titles was 0.011 behind;
/// 0.7 puts AG's News 0.011 behind.
pub const SITE_INDEX_LATENT_WEIGHT: f32 = 0.6;

impl Default for Weights {
    fn default() -> Self {
        Weights {
            title: 1.5,
            summary: 2.0,
            body: 1.0,
            tags: 2.0,
            tag_overlap: 0.05,
            recency: 0.05,
            recency_half_life_days: 180.0,
            min_score: 0.05,
            query_terms: 64,
            latent_dimensions: 100,
            latent_weight: 0.5,
            fill: true,
        }
    }
}

impl Weights {
    /// The weights of ranking from a site index, as the browser does: no latent directions
    /// found by the index itself (the posts bring the build step's latent vectors, which weigh
    /// [`SITE_INDEX_LATENT_WEIGHT`]).
    pub fn from_site_index() -> Self {
        Weights {
            latent_dimensions: 0,
            latent_weight: SITE_INDEX_LATENT_WEIGHT,
            ..Weights::default()
        }
    }
}

/// One ranked post.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Match {
    /// Position of the post in the indexed list.
    pub doc: usize,
    /// Final score.
    pub score: f32,
    /// Cosine similarity of the term vectors.
    pub cosine: f32,
    /// Jaccard index of the tag sets.
    pub tag_overlap: f32,
    /// Not similar enough to be ranked: added to fill the list (see [`Weights::fill`]).
    pub filled: bool,
}

/// Why a post was ranked: the terms and tags it shares with the query.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    /// Shared terms with their contribution to the cosine, largest first.
    pub terms: Vec<(String, f32)>,
    /// Shared tags (lower-case).
    pub tags: Vec<String>,
}

/// A sparse, L2-normalized term vector: (term id, weight), sorted by term id.
pub type Vector = Vec<(u32, f32)>;

struct Meta {
    id: String,
    tags: Vec<String>,
    published: Option<i64>,
}

/// The indexed posts.
pub struct Index {
    weights: Weights,
    terms: HashMap<String, u32>,
    names: Vec<String>,
    df: Vec<u32>,
    postings: Vec<Vec<(u32, f32)>>,
    vectors: Vec<Vector>,
    /// Each post's latent vector (empty without latent dimensions).
    latent: Vec<Vec<f32>>,
    /// What folds a changed post in among the latent vectors, when the index is
    /// [updatable](IndexBuilder::finish_updatable) (see `latent::Latent`).
    #[cfg(not(target_arch = "wasm32"))]
    projection: Vec<f32>,
    meta: Vec<Meta>,
    /// The posts, newest first (ties to the smaller id): what fills a short list.
    newest: Vec<u32>,
}

fn lower_tags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = tags.iter().map(|t| t.trim().to_lowercase()).collect();
    out.sort();
    out.dedup();
    out
}

/// Weighted term frequencies of `doc`, by term text.
fn frequencies(doc: &Doc, w: &Weights) -> HashMap<String, f32> {
    let mut tf: HashMap<String, f32> = HashMap::new();
    let lang = doc.language.as_str();
    let mut add = |text: &str, weight: f32| {
        if weight > 0.0 {
            terms(text, lang, |t| {
                *tf.entry(t.to_string()).or_insert(0.0) += weight
            });
        }
    };
    if !repeats_opening(&doc.title, &doc.body, lang) {
        add(&doc.title, w.title);
    }
    add(&doc.summary, w.summary);
    add(&doc.body, w.body);
    for tag in &doc.tags {
        add(tag, w.tags);
    }
    for (term, f) in &doc.terms {
        *tf.entry(term.clone()).or_insert(0.0) += f * w.body;
    }
    tf
}

thread_local! {
    /// Per-thread score accumulator (one slot per post) and the slots a query touched.
    static SCRATCH: std::cell::RefCell<(Vec<f32>, Vec<u32>)> = const {
        std::cell::RefCell::new((Vec::new(), Vec::new()))
    };
}

/// Candidates scored exactly for each result asked for.
const RESCORED_PER_RESULT: usize = 8;

/// Dot product of two sparse vectors sorted by term id.
fn dot(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

fn jaccard(a: &[String], b: &[String]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|t| b.binary_search(t).is_ok()).count();
    shared as f32 / (a.len() + b.len() - shared) as f32
}

/// An index being built one post at a time, so that a caller on the browser's main thread can
/// yield between posts instead of blocking it for the whole site.
pub struct IndexBuilder {
    index: Index,
    raw: Vec<Vec<(u32, f32)>>,
    /// The posts' own latent vectors ([`Doc::latent`]).
    given: Vec<Vec<f32>>,
}

impl IndexBuilder {
    /// An empty index with `weights`.
    pub fn new(weights: Weights) -> IndexBuilder {
        IndexBuilder {
            index: Index {
                weights,
                terms: HashMap::new(),
                names: Vec::new(),
                df: Vec::new(),
                postings: Vec::new(),
                vectors: Vec::new(),
                latent: Vec::new(),
                #[cfg(not(target_arch = "wasm32"))]
                projection: Vec::new(),
                meta: Vec::new(),
                newest: Vec::new(),
            },
            raw: Vec::new(),
            given: Vec::new(),
        }
    }

    /// Adds one post: its terms are counted now, weighed in [`IndexBuilder::finish`].
    pub fn add(&mut self, doc: &Doc) {
        let vector = self.index.counted(doc);
        self.raw.push(vector);
        self.given.push(doc.latent.clone());
        self.index.meta.push(Meta::of(doc));
    }

    /// The index of the posts added: their vectors weighed by TF-IDF now that every document
    /// frequency is known. Natively, on a site large enough, each post gets its latent vector
    /// from a decomposition of them all; otherwise (and always in the browser) the posts keep
    /// the latent vectors they came with, if any.
    pub fn finish(self) -> Index {
        self.finish_with(false)
    }

    /// As [`IndexBuilder::finish`], for an index whose posts change afterwards
    /// ([`Index::replace`]): it keeps what places a changed post among the latent vectors.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn finish_updatable(self) -> Index {
        self.finish_with(true)
    }

    fn finish_with(self, _updatable: bool) -> Index {
        let mut index = self.index;
        index.postings = vec![Vec::new(); index.names.len()];
        index.vectors.reserve(self.raw.len());
        for (d, vector) in self.raw.into_iter().enumerate() {
            let vector = index.weigh(vector);
            for &(term, weight) in &vector {
                index.postings[term as usize].push((d as u32, weight));
            }
            index.vectors.push(vector);
        }
        index.newest = (0..index.meta.len() as u32).collect();
        index.sort_newest();
        // Latent vectors are build-time work (seconds for a large site), and none of their code
        // is in the wasm: the browser ranks by terms (and uses the build step's lists).
        #[cfg(not(target_arch = "wasm32"))]
        let dimensions = index.weights.latent_dimensions;
        #[cfg(not(target_arch = "wasm32"))]
        if dimensions > 0 && index.meta.len() >= dimensions * LATENT_POSTS_PER_DIMENSION {
            let latent = super::latent::decompose(
                &index.vectors,
                index.names.len(),
                index.weights.latent_dimensions,
                2,
                _updatable,
            );
            index.latent = latent.posts;
            index.projection = latent.projection;
        }
        if index.latent.is_empty() && self.given.iter().any(|v| !v.is_empty()) {
            index.latent = self.given;
        }
        index
    }
}

impl Meta {
    fn of(doc: &Doc) -> Meta {
        Meta {
            id: doc.id.clone(),
            tags: lower_tags(&doc.tags),
            published: doc.published,
        }
    }
}

impl Index {
    /// The weighted term frequencies of `doc` by term id, sorted; terms new to the index get
    /// ids, and each term's document frequency counts the post.
    fn counted(&mut self, doc: &Doc) -> Vec<(u32, f32)> {
        // Terms get their ids in a fixed order (by post, then by text), not the hash map's, so
        // every build numbers them alike and gives the same latent vectors.
        let mut tf: Vec<(String, f32)> = frequencies(doc, &self.weights).into_iter().collect();
        tf.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut vector: Vec<(u32, f32)> = tf
            .into_iter()
            .map(|(term, f)| {
                let id = match self.terms.get(&term) {
                    Some(&id) => id,
                    None => {
                        let id = self.names.len() as u32;
                        self.terms.insert(term.clone(), id);
                        self.names.push(term);
                        self.df.push(0);
                        self.postings.push(Vec::new());
                        id
                    }
                };
                self.df[id as usize] += 1;
                (id, f)
            })
            .collect();
        vector.sort_unstable_by_key(|(id, _)| *id);
        vector
    }

    /// The posts newest first (ties to the smaller id), for filling short lists.
    fn sort_newest(&mut self) {
        let meta = &self.meta;
        self.newest.sort_by(|&a, &b| {
            let (a, b) = (&meta[a as usize], &meta[b as usize]);
            b.published.cmp(&a.published).then_with(|| a.id.cmp(&b.id))
        });
    }

    /// Puts `doc` in the place of indexed post `d` (same id), as `serve` does when a post is
    /// edited: its terms are counted and weighed with the site's document frequencies as they
    /// are now, and its latent vector folded in (see [`IndexBuilder::finish_updatable`]). The
    /// other posts keep their weights until the index is built anew.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn replace(&mut self, d: usize, doc: &Doc) {
        for &(term, _) in &std::mem::take(&mut self.vectors[d]) {
            let list = &mut self.postings[term as usize];
            if let Ok(at) = list.binary_search_by_key(&(d as u32), |p| p.0) {
                list.remove(at);
            }
            self.df[term as usize] = self.df[term as usize].saturating_sub(1);
        }
        let raw = self.counted(doc);
        let vector = self.weigh(raw);
        for &(term, weight) in &vector {
            let list = &mut self.postings[term as usize];
            let at = list.partition_point(|p| p.0 < d as u32);
            list.insert(at, (d as u32, weight));
        }
        if d < self.latent.len() {
            let dimensions = self.latent[d].len();
            self.latent[d] = super::latent::fold_in(&self.projection, dimensions, &vector);
        }
        self.vectors[d] = vector;
        self.meta[d] = Meta::of(doc);
        self.sort_newest();
    }

    /// Every post that `d` would be ranked against (one sharing a term with it) and passes the
    /// threshold, with its score: the same score from either side, so also each one's score
    /// for `d` in its own list.
    pub fn scores_with(&self, d: usize) -> Vec<(usize, f32)> {
        let vector = &self.vectors[d];
        let mut touched: Vec<u32> = vector
            .iter()
            .flat_map(|&(term, _)| self.postings[term as usize].iter().map(|p| p.0))
            .filter(|&other| other as usize != d)
            .collect();
        touched.sort_unstable();
        touched.dedup();
        let m = &self.meta[d];
        touched
            .into_iter()
            .filter_map(|other| {
                self.score(vector, Some(d), &m.tags, m.published, other as usize)
                    .map(|found| (other as usize, found.score))
            })
            .collect()
    }

    /// Indexes `docs` with `weights`.
    pub fn build(docs: &[Doc], weights: Weights) -> Index {
        let mut builder = IndexBuilder::new(weights);
        for doc in docs {
            builder.add(doc);
        }
        builder.finish()
    }

    /// Number of indexed posts.
    pub fn len(&self) -> usize {
        self.meta.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.meta.is_empty()
    }

    /// The id of indexed post `doc`.
    pub fn id(&self, doc: usize) -> &str {
        &self.meta[doc].id
    }

    /// The latent vector of indexed post `doc` as a site index carries it
    /// ([`super::latent_code`]): its first `dimensions`; `None` when it has none.
    pub fn latent_code(&self, doc: usize, dimensions: usize) -> Option<String> {
        super::latent_code::encode(self.latent.get(doc)?, dimensions)
    }

    /// The position of the post with `id`, if indexed.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.meta.iter().position(|m| m.id == id)
    }

    fn idf(&self, term: u32) -> f32 {
        let n = self.meta.len() as f32;
        let df = self.df.get(term as usize).copied().unwrap_or(0) as f32;
        ((n + 1.0) / (df + 1.0)).ln() + 1.0
    }

    /// TF-IDF weights (`(1 + ln tf) · idf`), L2-normalized.
    fn weigh(&self, raw: Vec<(u32, f32)>) -> Vector {
        let mut v: Vector = raw
            .into_iter()
            .map(|(t, f)| (t, (1.0 + f.ln()) * self.idf(t)))
            .collect();
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut v {
                *w /= norm;
            }
        }
        v
    }

    /// The term vector of a post that may not be in the index (terms the index has never seen
    /// are dropped: no indexed post could share them).
    pub fn vector_of(&self, doc: &Doc) -> Vector {
        let mut raw: Vec<(u32, f32)> = frequencies(doc, &self.weights)
            .into_iter()
            .filter_map(|(term, f)| self.terms.get(&term).map(|&id| (id, f)))
            .collect();
        raw.sort_unstable_by_key(|(id, _)| *id);
        self.weigh(raw)
    }

    /// The `n` posts most similar to `query` (indexed or not), best first, the query itself
    /// (same id) excluded.
    pub fn similar(&self, query: &Doc, n: usize) -> Vec<Match> {
        let position = self.position(&query.id);
        let vector = match position {
            Some(d) => self.vectors[d].clone(),
            None => self.vector_of(query),
        };
        self.similar_to_vector(
            &vector,
            position,
            &query.id,
            &lower_tags(&query.tags),
            query.published,
            n,
        )
    }

    /// The `n` posts most similar to indexed post `doc`.
    pub fn similar_to_indexed(&self, doc: usize, n: usize) -> Vec<Match> {
        let m = &self.meta[doc];
        self.similar_to_vector(
            &self.vectors[doc],
            Some(doc),
            &m.id,
            &m.tags,
            m.published,
            n,
        )
    }

    fn similar_to_vector(
        &self,
        vector: &Vector,
        indexed: Option<usize>,
        id: &str,
        tags: &[String],
        published: Option<i64>,
        n: usize,
    ) -> Vec<Match> {
        let w = &self.weights;
        let mut heaviest: Vec<(u32, f32)> = vector.clone();
        heaviest.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        heaviest.truncate(w.query_terms);
        let mut candidates: Vec<(u32, f32)> = SCRATCH.with(|scratch| {
            let mut scratch = scratch.borrow_mut();
            let (scores, touched) = &mut *scratch;
            scores.resize(self.meta.len(), 0.0);
            for (term, qw) in heaviest {
                for &(d, dw) in &self.postings[term as usize] {
                    if scores[d as usize] == 0.0 {
                        touched.push(d);
                    }
                    scores[d as usize] += qw * dw;
                }
            }
            // The query itself is left out by its place here; by its id (a post the index
            // holds twice, or a query from outside it) only among the candidates kept below,
            // not once a candidate: comparing ids was a fifth of a 100,000-post build.
            touched
                .drain(..)
                .map(|d| (d, std::mem::take(&mut scores[d as usize])))
                .filter(|&(d, _)| indexed != Some(d as usize))
                .collect()
        });
        // The walk gives the part of each cosine that the heaviest terms make up; the best
        // candidates are then scored exactly, so a pair scores the same from either side.
        let keep = n.max(1) * RESCORED_PER_RESULT;
        let by_score = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if candidates.len() > keep {
            candidates.select_nth_unstable_by(keep, by_score);
            candidates.truncate(keep);
        }
        let mut matches: Vec<Match> = candidates
            .into_iter()
            .filter(|&(d, _)| self.meta[d as usize].id != id)
            .filter_map(|(d, _)| self.score(vector, indexed, tags, published, d as usize))
            .collect();
        matches.sort_by(|a, b| self.order(a, b));
        matches.truncate(n);
        if w.fill && matches.len() < n {
            self.fill(&mut matches, id, tags, n);
        }
        matches
    }

    /// How indexed post `d` matches a query (its term `vector`, its place in the index when it
    /// is indexed, its `tags` and time), scored exactly; `None` below the threshold.
    fn score(
        &self,
        vector: &Vector,
        indexed: Option<usize>,
        tags: &[String],
        published: Option<i64>,
        d: usize,
    ) -> Option<Match> {
        let w = &self.weights;
        let lexical = dot(vector, &self.vectors[d]);
        let latent = indexed.and_then(|q| {
            let (a, b) = (self.latent.get(q)?, self.latent.get(d)?);
            (!a.is_empty() && a.len() == b.len())
                .then(|| a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>())
        });
        let cosine = match latent {
            Some(latent) => (1.0 - w.latent_weight) * lexical + w.latent_weight * latent,
            None => lexical,
        };
        let meta = &self.meta[d];
        let tag_overlap = jaccard(tags, &meta.tags);
        let content = cosine + w.tag_overlap * tag_overlap;
        if content < w.min_score {
            return None;
        }
        let recency = match (published, meta.published) {
            (Some(a), Some(b)) => {
                let days = (a - b).abs() as f32 / 86_400.0;
                0.5f32.powf(days / w.recency_half_life_days.max(1.0))
            }
            _ => 0.0,
        };
        Some(Match {
            doc: d,
            score: content * (1.0 + w.recency * recency),
            cosine,
            tag_overlap,
            filled: false,
        })
    }

    /// Fills `matches` up to `n` posts: first the newest posts sharing a tag with the query
    /// (`tags`, sorted; its id `id` excluded), then the newest of all; each marked `filled`.
    /// A walk down the posts by date, not a sort: it ends as soon as the list is full, and
    /// keeps the wasm small.
    fn fill(&self, matches: &mut Vec<Match>, id: &str, tags: &[String], n: usize) {
        for sharing in [true, false] {
            for &d in &self.newest {
                if matches.len() >= n {
                    return;
                }
                let d = d as usize;
                let meta = &self.meta[d];
                let shares = meta.tags.iter().any(|t| tags.binary_search(t).is_ok());
                if meta.id == id || (sharing && !shares) || matches.iter().any(|m| m.doc == d) {
                    continue;
                }
                matches.push(Match {
                    doc: d,
                    score: 0.0,
                    cosine: 0.0,
                    tag_overlap: jaccard(tags, &meta.tags),
                    filled: true,
                });
            }
        }
    }

    /// Best first; ties go to the newer post, then to the smaller id, so results never
    /// depend on hash order.
    fn order(&self, a: &Match, b: &Match) -> Ordering {
        b.score
            .total_cmp(&a.score)
            .then_with(|| self.meta[b.doc].published.cmp(&self.meta[a.doc].published))
            .then_with(|| self.meta[a.doc].id.cmp(&self.meta[b.doc].id))
    }

    /// The terms and tags `query` shares with indexed post `doc`, the `top` largest
    /// contributions first.
    pub fn explain(&self, query: &Doc, doc: usize, top: usize) -> Explanation {
        let q = match self.position(&query.id) {
            Some(d) => self.vectors[d].clone(),
            None => self.vector_of(query),
        };
        let d = &self.vectors[doc];
        let mut shared: Vec<(String, f32)> = q
            .iter()
            .filter_map(|(t, qw)| {
                let i = d.binary_search_by_key(t, |(id, _)| *id).ok()?;
                Some((self.names[*t as usize].clone(), qw * d[i].1))
            })
            .collect();
        shared.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        shared.truncate(top);
        let query_tags = lower_tags(&query.tags);
        let tags = self.meta[doc]
            .tags
            .iter()
            .filter(|t| query_tags.binary_search(t).is_ok())
            .cloned()
            .collect();
        Explanation {
            terms: shared,
            tags,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, title: &str, body: &str, tags: &[&str], day: i64) -> Doc {
        Doc {
            id: id.into(),
            title: title.into(),
            body: body.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            language: "en".into(),
            published: Some(day * 86_400),
            ..Default::default()
        }
    }

    fn corpus() -> Vec<Doc> {
        vec![
            doc(
                "eu-russia",
                "EU talks with Russia",
                "Macron may lead European negotiations with Moscow over Ukraine peace.",
                &["europe", "diplomacy"],
                100,
            ),
            doc(
                "ukraine-ceasefire",
                "Ukraine ceasefire framework",
                "European diplomats draft a ceasefire plan for Ukraine and Russia negotiations.",
                &["europe", "ukraine"],
                90,
            ),
            doc(
                "nato",
                "NATO eastern flank",
                "NATO allies reinforce troops near Russia as Ukraine war continues.",
                &["nato"],
                80,
            ),
            doc(
                "rust-wasm",
                "Rust and WebAssembly",
                "Compiling Rust to WebAssembly makes fast browser components.",
                &["rust", "webassembly"],
                100,
            ),
            doc(
                "wasm-japan",
                "WebAssembly in Japan",
                "Japanese companies adopt WebAssembly and Rust for browser apps.",
                &["webassembly"],
                95,
            ),
            doc(
                "heat",
                "Heat wave strains grids",
                "Power grids in Europe struggle during a heat wave.",
                &["climate", "energy"],
                60,
            ),
        ]
    }

    fn ranked(index: &Index, query: &Doc, n: usize) -> Vec<String> {
        index
            .similar(query, n)
            .iter()
            .map(|m| index.id(m.doc).to_string())
            .collect()
    }

    #[test]
    fn ranks_by_content_and_excludes_the_post_itself() {
        let docs = corpus();
        let index = Index::build(&docs, Weights::default());
        assert_eq!(ranked(&index, &docs[0], 2), ["ukraine-ceasefire", "nato"]);
        assert_eq!(ranked(&index, &docs[3], 1), ["wasm-japan"]);
        assert!(!ranked(&index, &docs[0], 10).contains(&"eu-russia".to_string()));
    }

    #[test]
    fn a_post_indexed_twice_is_not_similar_to_itself() {
        let mut docs = corpus();
        let mut again = docs[0].clone();
        again.body.push_str(" Macron.");
        docs.push(again);
        let index = Index::build(&docs, Weights::default());
        for d in [0, docs.len() - 1] {
            let ids: Vec<&str> = index
                .similar_to_indexed(d, 10)
                .iter()
                .map(|m| index.id(m.doc))
                .collect();
            assert!(!ids.contains(&"eu-russia"), "{ids:?}");
            assert_eq!(ids.len(), docs.len() - 2, "{ids:?}");
        }
        assert!(!ranked(&index, &docs[0], 10).contains(&"eu-russia".to_string()));
    }

    /// Only posts similar enough: no list filled up.
    fn strict() -> Weights {
        Weights {
            fill: false,
            ..Weights::default()
        }
    }

    // Replacing a post is the build step's `serve`, natively.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_replaced_post_is_ranked_by_what_it_says_now() {
        let docs = corpus();
        let mut index = Index::build(&docs, Weights::default());
        let before: Vec<Vec<Match>> = (0..docs.len())
            .map(|d| index.similar_to_indexed(d, 3))
            .collect();
        // The same post again changes nothing.
        index.replace(2, &docs[2]);
        for (d, list) in before.iter().enumerate() {
            assert_eq!(&index.similar_to_indexed(d, 3), list, "post {d}");
        }
        // The NATO post now speaks of WebAssembly, with words the site never had.
        let mut nato = docs[2].clone();
        nato.title = "NATO builds WebAssembly tools".into();
        nato.body = "Rust and WebAssembly compile fast browser components at NATO zyxxor.".into();
        index.replace(2, &nato);
        let top = |d: usize| index.id(index.similar_to_indexed(d, 1)[0].doc).to_string();
        assert_eq!(top(2), "rust-wasm");
        assert!(!ranked(&index, &docs[0], 2).contains(&"nato".to_string()));
        // Its scores as the other posts see it are the ones its own ranking gives.
        let scores = index.scores_with(2);
        for found in index.similar_to_indexed(2, 5).iter().filter(|m| !m.filled) {
            let (_, score) = scores
                .iter()
                .find(|(d, _)| *d == found.doc)
                .expect("scored");
            assert!((score - found.score).abs() < 1e-6);
            let back = index.similar_to_indexed(found.doc, 5);
            let seen = back.iter().find(|m| m.doc == 2).expect("seen back");
            assert!((seen.score - found.score).abs() < 1e-6);
        }
        assert!(scores.iter().all(|(d, _)| *d != 2));
    }

    #[test]
    fn unrelated_posts_fall_below_the_threshold() {
        let docs = corpus();
        let index = Index::build(&docs, strict());
        let all = ranked(&index, &docs[3], 10);
        assert!(!all.contains(&"nato".to_string()), "{all:?}");
        let none = doc(
            "x",
            "Gardening tips",
            "Tomatoes need sun and water.",
            &[],
            1,
        );
        assert!(index.similar(&none, 3).is_empty());
    }

    #[test]
    fn short_lists_are_filled_by_shared_tags_then_the_newest() {
        let docs = corpus();
        let index = Index::build(&docs, Weights::default());
        // Rust and WebAssembly: one similar post, then the rest as fillers, never itself.
        let matches = index.similar(&docs[3], 4);
        let ids: Vec<&str> = matches.iter().map(|m| index.id(m.doc)).collect();
        let filled: Vec<bool> = matches.iter().map(|m| m.filled).collect();
        assert_eq!(
            ids,
            ["wasm-japan", "eu-russia", "ukraine-ceasefire", "nato"]
        );
        assert_eq!(
            filled,
            [false, true, true, true],
            "newest first among the fillers"
        );
        // A post sharing a tag comes before newer ones that share none.
        let query = doc("q", "Gardening tips", "Tomatoes need sun.", &["energy"], 1);
        let ids: Vec<String> = ranked(&index, &query, 2);
        assert_eq!(ids, ["heat", "eu-russia"]);
        // A site with no other post has nothing to fill with.
        let alone = Index::build(&docs[..1], Weights::default());
        assert!(alone.similar(&docs[0], 3).is_empty());
    }

    #[test]
    fn queries_need_not_be_indexed_and_results_are_deterministic() {
        let docs = corpus();
        let index = Index::build(&docs, Weights::default());
        let fresh = doc(
            "new",
            "Russia and Ukraine: European peace talks",
            "Negotiations with Moscow",
            &["diplomacy"],
            101,
        );
        let first = ranked(&index, &fresh, 3);
        assert_eq!(first[0], "eu-russia");
        for _ in 0..5 {
            assert_eq!(
                ranked(&Index::build(&docs, Weights::default()), &fresh, 3),
                first
            );
        }
    }

    #[test]
    fn ties_break_by_date_then_id() {
        let docs = vec![
            doc("q", "alpha beta", "", &[], 10),
            doc("b", "alpha beta", "", &[], 5),
            doc("a", "alpha beta", "", &[], 5),
            doc("c", "alpha beta", "", &[], 9),
        ];
        let w = Weights {
            recency: 0.0,
            ..Weights::default()
        };
        let index = Index::build(&docs, w);
        assert_eq!(ranked(&index, &docs[0], 3), ["c", "a", "b"]);
    }

    #[test]
    fn tag_overlap_and_recency_are_tunable() {
        let docs = vec![
            doc("q", "solar power", "", &["energy", "gulf"], 1000),
            doc("old", "solar power", "", &["energy", "gulf"], 0),
            doc("new", "solar power plant", "", &[], 1000),
        ];
        let with = |tag_overlap, recency| {
            let w = Weights {
                tags: 0.0,
                tag_overlap,
                recency,
                ..Weights::default()
            };
            ranked(&Index::build(&docs, w), &docs[0], 2)
        };
        assert_eq!(with(0.0, 0.0), ["old", "new"], "closer text first");
        assert_eq!(
            with(0.0, 1.0),
            ["new", "old"],
            "recency lifts the newer post"
        );
        assert_eq!(
            with(0.5, 1.0),
            ["old", "new"],
            "shared tags lift the older one back"
        );
    }

    #[test]
    fn explains_shared_terms_and_tags() {
        let docs = corpus();
        let index = Index::build(&docs, Weights::default());
        let m = index.similar(&docs[0], 1)[0];
        let why = index.explain(&docs[0], m.doc, 5);
        assert_eq!(why.tags, ["europe"]);
        let terms: Vec<&str> = why.terms.iter().map(|(t, _)| t.as_str()).collect();
        assert!(
            terms.contains(&"russia") && terms.contains(&"ukraine"),
            "{terms:?}"
        );
        assert!(why.terms.windows(2).all(|w| w[0].1 >= w[1].1));
    }
}
