//! Lists of posts as cards, newest first, a page at a time: the site's list of every post, and
//! a list for each tag and each author (`tags/<tag>/`, `authors/<name>/`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::assets::Assets;
use crate::assets::FeedLink;
use crate::error::BuildError;
use crate::layout::PageKind;
use crate::output::write_file;
use crate::pages::{index_page, link_from, IndexPage, PageLinks, Placed};

use super::feeds::tag_feed_path;
use super::meta::Site;
use super::prepare::Post;
use super::slug::slug;

/// One list of posts: where its pages go and what it is called.
pub struct Listing<'a> {
    /// What it lists: every post, a tag's or an author's.
    pub kind: PageKind,
    /// The folder of its first page, relative to the site's root (`""`, `tags/rivers`);
    /// the next pages are in `page/<n>/` under it.
    pub root: String,
    /// Its heading (a tag, an author's name); none for the list of every post.
    pub heading: Option<String>,
    /// Its posts, in any order.
    pub posts: Vec<&'a Post>,
}

impl Listing<'_> {
    /// The folder of page `n`, relative to the site's root.
    fn folder(&self, n: usize) -> String {
        match (n, self.root.is_empty()) {
            (1, _) => self.root.clone(),
            (_, true) => format!("page/{n}"),
            (_, false) => format!("{}/page/{n}", self.root),
        }
    }
}

/// The folder of the tag `tag`'s list, relative to the site's root.
pub fn tag_folder(tag: &str) -> String {
    format!("tags/{}", slug(tag))
}

/// The folder of the author `name`'s list, relative to the site's root.
pub fn author_folder(name: &str) -> String {
    format!("authors/{}", slug(name))
}

/// The list of every post, then one list for each tag and each author (tags and names that
/// make the same folder name are one list, called as it was first written).
pub fn listings(posts: &[Post]) -> Vec<Listing<'_>> {
    let mut all = vec![Listing {
        kind: PageKind::List,
        root: String::new(),
        heading: None,
        posts: posts.iter().collect(),
    }];
    for (kind, of, folder) in [
        (
            PageKind::Tag,
            (|p: &Post| p.card.tags.clone().unwrap_or_default()) as fn(&Post) -> Vec<String>,
            tag_folder as fn(&str) -> String,
        ),
        (
            PageKind::Author,
            |p: &Post| p.authors.clone(),
            author_folder,
        ),
    ] {
        let mut by_folder: BTreeMap<String, Listing> = BTreeMap::new();
        for post in posts {
            for name in of(post) {
                let root = folder(&name);
                let listing = by_folder.entry(root.clone()).or_insert_with(|| Listing {
                    kind,
                    root,
                    heading: Some(name.clone()),
                    posts: Vec::new(),
                });
                // A post that names one tag twice is listed once.
                if !listing.posts.last().is_some_and(|p| std::ptr::eq(*p, post)) {
                    listing.posts.push(post);
                }
            }
        }
        all.extend(by_folder.into_values());
    }
    all
}

/// Writes `listing`, newest first, `per_page` a page: its first page, then `page/2/` and on;
/// with `holding`, only the page that holds that post. Returns how many pages it wrote.
pub fn write_listing(
    listing: &Listing,
    site: &Site,
    per_page: usize,
    assets: &Assets,
    out: &Path,
    holding: Option<&Post>,
) -> Result<usize, BuildError> {
    let mut order = listing.posts.clone();
    // Newest first; undated posts last, in the order they were read.
    order.sort_by_key(|p| std::cmp::Reverse(p.published.unwrap_or(i64::MIN)));
    let chunks: Vec<&[&Post]> = order.chunks(per_page.max(1)).collect();
    let total = chunks.len().max(1);
    let mut written = 0;
    for n in 1..=total {
        let holds = |post: &Post| {
            chunks
                .get(n - 1)
                .is_some_and(|chunk| chunk.iter().any(|p| std::ptr::eq(*p, post)))
        };
        if holding.is_some_and(|post| !holds(post)) {
            continue;
        }
        written += 1;
        let dir = listing.folder(n);
        let link = |to: usize| link_from(&dir, &format!("{}/", listing.folder(to)));
        let cards = chunks
            .get(n - 1)
            .map(|chunk| {
                chunk
                    .iter()
                    .filter_map(|p| p.card.rebased("", &dir).shown(Some(&p.page), &dir))
                    .collect()
            })
            .unwrap_or_default();
        let page = IndexPage {
            site_name: site.info.name.clone(),
            heading: listing.heading.clone(),
            lang: site.language.clone(),
            cards,
            number: n,
            newer: (n > 1).then(|| link(n - 1)),
            older: (n < total).then(|| link(n + 1)),
            links: links(listing, &dir, site, assets),
        };
        let placed = Placed {
            kind: listing.kind,
            path: if dir.is_empty() {
                String::new()
            } else {
                format!("{dir}/")
            },
            folder: dir.clone(),
            list: None,
            layout: assets.layout.as_ref(),
        };
        write_file(
            &out.join(&dir).join("index.html"),
            index_page(page, placed)?,
        )?;
    }
    Ok(written)
}

/// The links of page `dir` of `listing` to the site's shared files; a tag's pages also link
/// to the tag's own feed.
fn links(listing: &Listing, dir: &str, site: &Site, assets: &Assets) -> PageLinks {
    let mut links = PageLinks::from_folder(dir, assets);
    if let (PageKind::Tag, Some(tag), true) = (listing.kind, &listing.heading, assets.tag_feeds) {
        let site_name = site.info.name.as_deref().unwrap_or("Posts");
        links.feeds.insert(
            0,
            FeedLink {
                media_type: "application/rss+xml",
                title: format!("{tag} – {site_name} (RSS)"),
                path: link_from(dir, &tag_feed_path(tag)),
            },
        );
    }
    links
}

/// Writes every list of `posts`: the list of every post (`index.html`, `page/<n>/`), and one
/// for each tag and each author. Returns how many pages it wrote.
pub fn write_list_pages(
    posts: &[Post],
    site: &Site,
    per_page: usize,
    assets: &Assets,
    out: &Path,
) -> Result<usize, BuildError> {
    listings(posts)
        .iter()
        .map(|listing| write_listing(listing, site, per_page, assets, out, None))
        .sum()
}

/// The folders of the lists `post` is in: the list of every post, its tags', its authors'.
pub fn lists_of(post: &Post) -> BTreeSet<String> {
    let tags = post.card.tags.iter().flatten().map(|t| tag_folder(t));
    let authors = post.authors.iter().map(|a| author_folder(a));
    std::iter::once(String::new())
        .chain(tags)
        .chain(authors)
        .collect()
}

/// Writes the lists of `posts` whose folders are keys of `only` (as [`lists_of`] names
/// them), each whole or, for a post whose card changed but not its place in the list, only
/// the page holding it: what `serve` writes again. Returns how many pages it wrote.
pub fn write_some_lists(
    posts: &[Post],
    only: &BTreeMap<String, Option<usize>>,
    site: &Site,
    per_page: usize,
    assets: &Assets,
    out: &Path,
) -> Result<usize, BuildError> {
    listings(posts)
        .iter()
        .filter_map(|listing| Some((listing, only.get(&listing.root)?)))
        .map(|(listing, holding)| {
            let holding = holding.and_then(|p| posts.get(p));
            write_listing(listing, site, per_page, assets, out, holding)
        })
        .sum()
}
