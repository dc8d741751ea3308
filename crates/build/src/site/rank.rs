//! Every post ranked against the others, on every core.

use std::sync::atomic::{AtomicUsize, Ordering};

use broadsheet_core::similar::Index;
use rayon::prelude::*;

use super::settings::Progress;

/// A post's similar posts: each one's place in the index, and whether it only fills the list
/// (not ranked similar).
pub type Ranked = Vec<(usize, bool)>;

/// The `n` most similar posts of every post of `index`, in the index's order.
pub fn rank_all(index: &Index, n: usize, progress: Progress<'_>) -> Vec<Ranked> {
    let total = index.len();
    let done = AtomicUsize::new(0);
    (0..total)
        .into_par_iter()
        .map(|d| {
            let ranked = index
                .similar_to_indexed(d, n)
                .iter()
                .map(|m| (m.doc, m.filled))
                .collect();
            let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
            if finished.is_multiple_of(256) || finished == total {
                progress("ranking", finished, total);
            }
            ranked
        })
        .collect()
}
