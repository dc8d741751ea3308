//! The list of posts: every post as a card, newest first, a page at a time.

use std::path::Path;

use crate::assets::Assets;
use crate::error::BuildError;
use crate::output::write_file;
use crate::pages::{index_page, link_from, IndexPage, PageLinks};

use super::meta::Site;
use super::prepare::Post;

/// The folder of page `n` of the list, relative to the site's root: the root for the first.
fn folder(n: usize) -> String {
    if n == 1 {
        String::new()
    } else {
        format!("page/{n}")
    }
}

/// Writes the list of `posts`, newest first, `per_page` a page: `index.html`, then
/// `page/2/index.html` and on. Returns how many pages it wrote.
pub fn write_list_pages(
    posts: &[Post],
    site: &Site,
    per_page: usize,
    assets: &Assets,
    out: &Path,
) -> Result<usize, BuildError> {
    let mut order: Vec<&Post> = posts.iter().collect();
    // Newest first; undated posts last, in the order they were read.
    order.sort_by_key(|p| std::cmp::Reverse(p.published.unwrap_or(i64::MIN)));
    let chunks: Vec<&[&Post]> = order.chunks(per_page.max(1)).collect();
    let total = chunks.len().max(1);
    for n in 1..=total {
        let dir = folder(n);
        let link = |to: usize| match to {
            1 => link_from(&dir, "./"),
            _ => link_from(&dir, &format!("{}/", folder(to))),
        };
        let cards = chunks
            .get(n - 1)
            .map(|chunk| {
                chunk
                    .iter()
                    .filter_map(|p| p.card.rebased("", &dir).shown(Some(&p.page), &dir))
                    .collect()
            })
            .unwrap_or_default();
        let html = index_page(IndexPage {
            site_name: site.info.name.clone(),
            lang: site.language.clone(),
            cards,
            number: n,
            newer: (n > 1).then(|| link(n - 1)),
            older: (n < total).then(|| link(n + 1)),
            links: PageLinks::from_folder(&dir, assets),
        });
        write_file(&out.join(&dir).join("index.html"), html)?;
    }
    Ok(total)
}
