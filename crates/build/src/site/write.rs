//! The second pass: each post's similar posts chosen, its article JSON and its page written
//! from what the first pass staged, on every core.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Serialize;

use crate::assets::Assets;
use crate::error::{At, BuildError};
use crate::feed_reader::Object;
use crate::layout::PageKind;
use crate::output::write_file;
use crate::pages::{article_page, link_from, redirect_page, similar_section, PageLinks, Placed};

use super::address::Address;

use super::card::{rebased_item, shown, Listed, Similar};
use super::meta::FeedFields;
use super::prepare::Post;
use super::rank::Ranked;
use super::settings::{BuildSettings, Progress};
use super::staging::Staging;

/// An article JSON: the site's feed fields, then its one item.
#[derive(Serialize)]
struct ArticleDocument<'a> {
    #[serde(flatten)]
    feed: &'a FeedFields,
    items: [ArticleItem<'a>; 1],
}

/// The item of an article JSON: its fields, then `_article`.
#[derive(Serialize)]
struct ArticleItem<'a> {
    #[serde(flatten)]
    fields: &'a Object,
    #[serde(rename = "_article")]
    ext: ArticleExt<'a>,
}

/// An item's `_article`: its fields, then its similar posts.
#[derive(Serialize)]
struct ArticleExt<'a> {
    #[serde(flatten)]
    fields: &'a Object,
    similar: &'a [&'a Similar],
}

/// What writing a post looks up in the whole site: each post's place by its id, and the
/// translations of each other.
struct Lookups<'a> {
    by_id: HashMap<&'a str, usize>,
    translations: HashMap<&'a str, Vec<usize>>,
}

/// What the second pass needs of the whole build.
pub struct SecondPass<'a> {
    /// Every post, in input order.
    pub posts: &'a [Post],
    /// Each post's ranked similar posts, by its place in `posts`.
    pub ranked: &'a [Ranked],
    /// The site's feed fields.
    pub feed: &'a FeedFields,
    /// The build's settings.
    pub settings: &'a BuildSettings,
    /// The shared files pages link to.
    pub assets: &'a Assets,
    /// Where the posts wait.
    pub staging: &'a Staging,
    /// The output folder.
    pub out: &'a Path,
}

impl SecondPass<'_> {
    /// Writes every staged post's files; returns how many pages it wrote.
    pub fn write_all(&self, progress: Progress<'_>) -> Result<usize, BuildError> {
        let lookups = self.lookups();
        let done = AtomicUsize::new(0);
        let total = self.posts.len();
        let pages = self
            .posts
            .par_iter()
            .enumerate()
            .map(|(i, post)| {
                let page = self.write(i, post, &lookups)?;
                let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
                if finished.is_multiple_of(1000) || finished == total {
                    progress("writing", finished, total);
                }
                Ok(usize::from(page))
            })
            .sum::<Result<usize, BuildError>>()?;
        Ok(pages)
    }

    /// The address of the site's page `page` (a link from the root), when the site has a
    /// base URL.
    fn page_url(&self, page: &str) -> Option<String> {
        self.feed
            .home_page_url
            .as_ref()
            .map(|base| format!("{base}{page}"))
    }

    /// Writes `_redirects` (as Netlify and Cloudflare Pages read it): a line for each post
    /// a permalink pattern moved, from its own address to its page, when there is one.
    /// Returns whether it wrote it.
    pub fn write_redirects(&self) -> Result<bool, BuildError> {
        // The site's path on its host: `/` or `/news/`.
        let root = self
            .feed
            .home_page_url
            .as_deref()
            .and_then(|base| base.split_once("://"))
            .and_then(|(_, rest)| rest.find('/').map(|at| rest[at..].to_string()))
            .unwrap_or_else(|| "/".to_string());
        let lines: String = self
            .posts
            .iter()
            .filter_map(|post| {
                let from = post.redirect.as_ref()?;
                Some(format!("{root}{from} {root}{} 301\n", post.page))
            })
            .collect();
        if lines.is_empty() {
            return Ok(false);
        }
        write_file(&self.out.join("_redirects"), lines)?;
        Ok(true)
    }

    /// Writes the files of the posts at `places` (in `posts`); returns how many pages it wrote.
    pub fn write_some(&self, places: &[usize]) -> Result<usize, BuildError> {
        let lookups = self.lookups();
        places
            .par_iter()
            .map(|&i| Ok(usize::from(self.write(i, &self.posts[i], &lookups)?)))
            .sum()
    }

    /// The posts that are translations of each other, by what they share: only posts that
    /// have one.
    fn translations(&self) -> HashMap<&str, Vec<usize>> {
        let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, post) in self.posts.iter().enumerate() {
            if let Some(key) = &post.translation {
                groups.entry(key.as_str()).or_default().push(i);
            }
        }
        groups.retain(|_, posts| posts.len() > 1);
        groups
    }

    /// Post `i`'s page in each language it is written in, as its head names them (`hreflang`):
    /// absolute addresses when the site has a base URL.
    fn alternates(
        &self,
        i: usize,
        translations: &HashMap<&str, Vec<usize>>,
    ) -> Vec<(String, String)> {
        let post = &self.posts[i];
        let Some(group) = post
            .translation
            .as_deref()
            .and_then(|k| translations.get(k))
        else {
            return Vec::new();
        };
        group
            .iter()
            .map(|&j| {
                let other = &self.posts[j];
                // A post in the site's own language may not say which it is.
                let lang = other
                    .language
                    .as_ref()
                    .map(|l| l.as_str().to_string())
                    .or_else(|| self.feed.language.as_ref()?.as_str().map(str::to_string))
                    .unwrap_or_else(|| "x-default".to_string());
                let href = self
                    .page_url(&other.page)
                    .unwrap_or_else(|| link_from(&post.dir, &other.page));
                (lang, href)
            })
            .collect()
    }

    /// What writing a post looks up in the whole site.
    fn lookups(&self) -> Lookups<'_> {
        Lookups {
            by_id: self.by_id(),
            translations: self.translations(),
        }
    }

    /// Each post's place in `posts`, by its id.
    fn by_id(&self) -> HashMap<&str, usize> {
        self.posts
            .iter()
            .enumerate()
            .map(|(i, p)| (p.card.id.as_str(), i))
            .collect()
    }

    /// The similar posts of post `i`, as the cards written for its folder, each with the
    /// folder of its page in the site: its author's list where there is one, else the
    /// ranking.
    fn similar(&self, i: usize, by_id: &HashMap<&str, usize>) -> Vec<(Similar, Option<&str>)> {
        let post = &self.posts[i];
        let card_of = |d: usize, filled: bool| {
            let mut card = self.posts[d].card.rebased("", &post.dir);
            card.ext.filled = filled;
            (
                Similar::Card(Box::new(card)),
                Some(self.posts[d].page.as_str()),
            )
        };
        match &post.listed {
            Some(listed) => listed
                .iter()
                .filter_map(|entry| match entry {
                    Listed::Id(id) => by_id.get(id.as_str()).map(|&d| card_of(d, false)),
                    Listed::Item(item) => {
                        Some((Similar::Item(rebased_item(item, "", &post.dir)), None))
                    }
                })
                .take(self.settings.similar)
                .collect(),
            None => self.ranked[i]
                .list
                .iter()
                .map(|&(d, filled)| card_of(d, filled))
                .collect(),
        }
    }

    /// Writes post `i`'s article JSON, and its page when it has one; returns whether it did.
    fn write(&self, i: usize, post: &Post, lookups: &Lookups) -> Result<bool, BuildError> {
        let Some(kept) = post.staged else {
            return Ok(false);
        };
        let staged = self.staging.get(kept)?;
        let similar = self.similar(i, &lookups.by_id);
        let list: Vec<&Similar> = similar.iter().map(|(entry, _)| entry).collect();
        let address = Address {
            dir: post.dir.clone(),
            page: post.page.clone(),
        };
        let json_path = self.out.join(address.json_file());
        let document = ArticleDocument {
            feed: self.feed,
            items: [ArticleItem {
                fields: &staged.item,
                ext: ArticleExt {
                    fields: &staged.ext,
                    similar: &list,
                },
            }],
        };
        let json = serde_json::to_vec(&document)
            .map_err(std::io::Error::from)
            .at(&json_path)?;
        write_file(&json_path, json)?;
        let Some(article) = staged.article else {
            return Ok(false);
        };
        let cards = similar
            .iter()
            .filter_map(|(entry, page)| match entry {
                Similar::Card(card) => card.shown(*page, &post.dir),
                Similar::Item(item) => shown(item, *page, &post.dir),
            })
            .collect();
        let section = similar_section(cards, post.language.clone());
        let mut links = PageLinks::from_folder(&post.dir, self.assets);
        links.alternates = self.alternates(i, &lookups.translations);
        let placed = Placed {
            kind: PageKind::Article,
            path: post.page.clone(),
            folder: post.dir.clone(),
            list: None,
            layout: self.assets.layout.as_ref(),
        };
        write_file(
            &self.out.join(address.page_file()),
            article_page(article, &section, links, placed)?,
        )?;
        if let Some(from) = &post.redirect {
            let from = Address::from_path(from).unwrap_or_else(|| Address::folder(from));
            let to = link_from(&from.dir, &post.page);
            write_file(
                &self.out.join(from.page_file()),
                redirect_page(&to, self.page_url(&post.page).as_deref()),
            )?;
        }
        Ok(true)
    }
}
