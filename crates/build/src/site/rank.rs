//! Every post ranked against the others, on every core.

use std::sync::atomic::{AtomicUsize, Ordering};

use broadsheet_core::similar::{Index, Match};
use rayon::prelude::*;

use super::settings::Progress;

/// A post's similar posts, as ranked.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    /// Each one's place in the index, and whether it only fills the list (not ranked similar).
    pub list: Vec<(usize, bool)>,
    /// The score a post must beat to enter the list: the last ranked one's when the list is
    /// full of ranked posts, else none (any post above the threshold would enter).
    pub floor: f32,
}

impl Ranked {
    /// The list of `matches` for a list of `n`.
    pub fn new(matches: &[Match], n: usize) -> Ranked {
        let ranked: Vec<&Match> = matches.iter().filter(|m| !m.filled).collect();
        let floor = match ranked.last() {
            Some(last) if ranked.len() >= n => last.score,
            _ => f32::NEG_INFINITY,
        };
        Ranked {
            list: matches.iter().map(|m| (m.doc, m.filled)).collect(),
            floor,
        }
    }

    /// Whether post `d` is in the list.
    pub fn has(&self, d: usize) -> bool {
        self.list.iter().any(|&(other, _)| other == d)
    }

    /// Whether the list was filled up with posts not ranked similar.
    pub fn is_filled(&self) -> bool {
        self.list.iter().any(|&(_, filled)| filled)
    }
}

/// The `n` most similar posts of post `d` of `index`.
pub fn rank_one(index: &Index, d: usize, n: usize) -> Ranked {
    Ranked::new(&index.similar_to_indexed(d, n), n)
}

/// The `n` most similar posts of every post of `index`, in the index's order.
pub fn rank_all(index: &Index, n: usize, progress: Progress<'_>) -> Vec<Ranked> {
    let total = index.len();
    let done = AtomicUsize::new(0);
    (0..total)
        .into_par_iter()
        .map(|d| {
            let ranked = rank_one(index, d, n);
            let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
            if finished.is_multiple_of(256) || finished == total {
                progress("ranking", finished, total);
            }
            ranked
        })
        .collect()
}
