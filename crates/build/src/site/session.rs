//! What `serve` keeps of a build to rebuild an edited post alone: every post's card and
//! ranking terms, the staged bodies, the ranking index and each post's list of similar posts.
//!
//! An edited Markdown post is read again, prepared and staged, and put in its place in the
//! index ([`Index::replace`]: weighed with the site's document frequencies as they are, its
//! latent vector folded in). Ranked again are the post itself, the posts whose lists held it,
//! and those it now scores high enough to enter (its score seen from their side is the same);
//! written again are the post's files, those of every post whose list changed or shows its
//! card, the index and, when its card changed, the list pages. Anything else (a post added,
//! removed or renamed, a post that no longer builds, an image, a feed) asks for a full build.
//!
//! The other posts keep the weights of the last full build, so a long session drifts a little
//! from what `build` writes: `build` recomputes every weight and latent direction.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use broadsheet_core::model::index_item;
use broadsheet_core::similar::latent_code::INDEX_DIMENSIONS;
use broadsheet_core::similar::Index;
use serde_json::Value;

use crate::assets::Assets;
use crate::feed_reader::Object;
use crate::sources::{markdown, Notice, Sink, SourceItem};

use super::address::{Address, Addressing};
use super::card::{Card, Listed};
use super::feeds::{write_feeds, Syndication};
use super::index::write_index;
use super::list_pages::{lists_of, write_some_lists};
use super::meta::Site;
use super::prepare::{Context, Place, Post, Source};
use super::rank::{rank_one, Ranked};
use super::settings::{BuildSettings, Input, Mode};
use super::slug::slug;
use super::staging::Staging;
use super::write::SecondPass;

/// A built site as `serve` keeps it, made by [`super::build_session`].
pub struct Session {
    pub(super) inputs: Vec<Input>,
    pub(super) headers: Vec<Object>,
    pub(super) site: Site,
    pub(super) settings: BuildSettings,
    pub(super) assets: Assets,
    /// Where the site is.
    pub(super) out: PathBuf,
    pub(super) posts: Vec<Post>,
    /// Each post's card as the index gives it (with its excerpt and terms).
    pub(super) cards: Vec<Card>,
    pub(super) index: Index,
    pub(super) ranked: Vec<Ranked>,
    pub(super) staging: Staging,
    /// Each Markdown post's file (absolute): its place in `posts` and its input's.
    pub(super) origins: HashMap<PathBuf, (usize, usize)>,
    /// What the last full build left out.
    pub(super) skipped: Vec<Notice>,
}

/// What a rebuild of edited posts did.
#[derive(Debug, Default)]
pub struct Rebuilt {
    /// The files of the posts edited, as read.
    pub posts: Vec<String>,
    /// The posts whose files were written again (the edited ones among them).
    pub written: usize,
    /// Whether list pages were written again.
    pub lists: bool,
    /// Caveats about the edited posts.
    pub warnings: Vec<Notice>,
}

/// The lists to write again, by their folders: each whole, or only the page holding a post.
type ListsToWrite = BTreeMap<String, Option<usize>>;

/// Why a change needs a full build.
#[derive(Debug, PartialEq, Eq)]
pub struct NeedsFullBuild(pub String);

impl std::fmt::Display for NeedsFullBuild {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What the Markdown reader says of one file.
#[derive(Default)]
struct One {
    items: Vec<SourceItem>,
    skipped: Vec<Notice>,
    warnings: Vec<Notice>,
}

impl Sink for One {
    fn item(&mut self, item: SourceItem) {
        self.items.push(item);
    }

    fn skip(&mut self, notice: Notice) {
        self.skipped.push(notice);
    }

    fn warn(&mut self, notice: Notice) {
        self.warnings.push(notice);
    }
}

/// A file an editor writes beside the one it saves and removes again (`.post.md.swp`,
/// `post.md~`): no change to the site.
fn scratch_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with('.')
        || name.ends_with('~')
        || path
            .extension()
            .is_some_and(|e| matches!(e.to_str(), Some("swp" | "swx" | "tmp")))
}

impl Session {
    /// Moves the session to the site at `out` (where the build it kept was published).
    pub fn published_at(&mut self, out: &Path) {
        self.out = out.to_path_buf();
    }

    /// What the last full build left out, and why.
    pub fn skipped(&self) -> &[Notice] {
        &self.skipped
    }

    /// Rebuilds what the files `changed` touch, when they are posts the site already has;
    /// `Err` when the change needs a full build (and says why).
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Rebuilt, NeedsFullBuild> {
        let mut edited = Vec::new();
        for path in changed {
            let file = std::path::absolute(path).map_err(|e| NeedsFullBuild(e.to_string()))?;
            match self.origins.get(&file) {
                Some(_) if !file.is_file() => {
                    return Err(NeedsFullBuild(format!("{} is gone", path.display())));
                }
                Some(&(post, input)) => {
                    if !edited.iter().any(|&(p, _, _)| p == post) {
                        edited.push((post, input, file));
                    }
                }
                None if !file.exists() || file.is_dir() || scratch_file(&file) => {}
                None => {
                    return Err(NeedsFullBuild(format!(
                        "{} is not a post of the last build",
                        path.display()
                    )))
                }
            }
        }
        let mut rebuilt = Rebuilt::default();
        let mut write = BTreeSet::new();
        let mut lists = ListsToWrite::new();
        for (post, input, file) in edited {
            let (touched, its_lists) = self.replace(post, input, &file, &mut rebuilt)?;
            for (root, holding) in its_lists {
                // Two edits in one list: the whole list.
                lists
                    .entry(root)
                    .and_modify(|h| *h = None)
                    .or_insert(holding);
            }
            write.extend(touched);
        }
        let write: Vec<usize> = write.into_iter().collect();
        let failed = |e: crate::error::BuildError| NeedsFullBuild(e.to_string());
        SecondPass {
            posts: &self.posts,
            ranked: &self.ranked,
            feed: &self.site.fields,
            settings: &self.settings,
            assets: &self.assets,
            staging: &self.staging,
            out: &self.out,
        }
        .write_some(&write)
        .map_err(failed)?;
        rebuilt.written = write.len();
        if !rebuilt.posts.is_empty() {
            write_index(
                &self.out.join("feed.json"),
                &self.site.fields,
                self.cards.iter(),
            )
            .map_err(failed)?;
        }
        if !lists.is_empty() && self.settings.pages {
            write_some_lists(
                &self.posts,
                &lists,
                &self.site,
                self.settings.per_page,
                &self.assets,
                &self.out,
            )
            .map_err(failed)?;
            rebuilt.lists = true;
        }
        // The feeds hold the edited posts' bodies, the sitemap their dates.
        if !rebuilt.posts.is_empty() && self.settings.pages {
            write_feeds(&Syndication {
                posts: &self.posts,
                site: &self.site,
                settings: &self.settings,
                staging: &self.staging,
                out: &self.out,
                more_pages: &[],
            })
            .map_err(failed)?;
        }
        Ok(rebuilt)
    }

    /// Reads post `p` of input `input` again from `file` and puts it in its place; returns
    /// the posts whose files must be written again, and the lists (their folders) whose pages
    /// must: those showing its card when it changed, and those it left.
    fn replace(
        &mut self,
        p: usize,
        input: usize,
        file: &Path,
        rebuilt: &mut Rebuilt,
    ) -> Result<(Vec<usize>, ListsToWrite), NeedsFullBuild> {
        let full = |why: &str| NeedsFullBuild(format!("{}: {why}", file.display()));
        let source_input = &self.inputs[input];
        let root = &source_input.path;
        let absolute_root = std::path::absolute(root).map_err(|e| full(&e.to_string()))?;
        let canonical_root = root.canonicalize().map_err(|e| full(&e.to_string()))?;
        // The path as a full build reads it, so that the post gets the same id and folder.
        let relative = file
            .strip_prefix(&absolute_root)
            .map_err(|_| full("outside its source folder"))?;
        let path = root.join(relative);
        let mut one = One::default();
        markdown::read_post(root, &canonical_root, &path, &mut one);
        let (Some(item), true) = (one.items.pop(), one.skipped.is_empty()) else {
            return Err(full("it no longer builds"));
        };
        let source = Source::new(source_input, &self.headers[input]);
        let old = &self.posts[p];
        let id = index_item(&item.item, None, &source.defaults).map(|i| i.id);
        if id.as_deref() != Some(old.card.id.as_str()) {
            return Err(full("its id changed"));
        }
        let stem = slug(item.slug.as_deref().unwrap_or(&old.card.id));
        let addressing = Addressing {
            base: self.site.info.base_url.clone(),
            permalink: self.settings.permalink.clone(),
        };
        let text = |key: &str| item.item.get(key).and_then(Value::as_str);
        let choice = addressing.choose(
            text("url"),
            &stem,
            text("title").unwrap_or(&stem),
            text("date_published"),
        );
        let page = choice
            .address
            .map_or_else(|| format!("posts/{stem}/"), |a| a.page);
        if old.page != page || old.redirect != choice.leaves.map(|a| a.page) {
            return Err(full("its address changed"));
        }
        if item
            .resources
            .iter()
            .any(|r| !self.out.join(&r.site_path).exists())
        {
            return Err(full("it refers to a file the site does not have yet"));
        }
        let place = Place::at(
            Address {
                dir: old.dir.clone(),
                page: old.page.clone(),
            },
            false,
            old.redirect.clone(),
        );
        let context = Context {
            site: &self.site,
            settings: &self.settings,
            mode: Mode::Site,
            out: &self.out,
        };
        let mut prepared = context
            .prepare(&item.item, &source, &item.base, &place)
            .ok_or_else(|| full("it has neither a title nor a url"))?;
        if let Some(staged) = prepared.staged.take() {
            let kept = self
                .staging
                .put(&staged)
                .map_err(|e| full(&e.to_string()))?;
            prepared.post.staged = Some(kept);
        }
        let mut post = prepared.post;
        // A post that leaves a list (a tag or an author no longer its) may leave it a page
        // shorter, or empty: only a full build removes a page a list no longer has.
        let (before, after) = (lists_of(&self.posts[p]), lists_of(&post));
        let per_page = self.settings.per_page.max(1);
        for left in before.difference(&after) {
            let others = self
                .posts
                .iter()
                .enumerate()
                .filter(|&(q, other)| q != p && lists_of(other).contains(left))
                .count();
            if others == 0 || others.div_ceil(per_page) < (others + 1).div_ceil(per_page) {
                return Err(full("it left a list, which loses a page"));
            }
        }
        self.cards[p] = post.card.clone();
        post.card.content_text = None;
        post.card.ext.terms = None;
        let card_changed = serde_json::to_value(&post.card).ok()
            != serde_json::to_value(&self.posts[p].card).ok()
            || post.published != self.posts[p].published;
        let moved = post.published != self.posts[p].published;
        let dated_or_tagged = moved || post.card.tags != self.posts[p].card.tags;
        self.posts[p] = post;
        self.index.replace(p, &prepared.doc);
        self.cards[p].ext.latent = self.index.latent_code(p, INDEX_DIMENSIONS);

        // Ranked again: the post, the lists that held it, the lists it now enters, and, when
        // its date or tags changed, the lists filled up by date and tag.
        let mut rerank: BTreeSet<usize> = BTreeSet::from([p]);
        for (q, ranked) in self.ranked.iter().enumerate() {
            if ranked.has(p) || dated_or_tagged && ranked.is_filled() {
                rerank.insert(q);
            }
        }
        for (q, score) in self.index.scores_with(p) {
            if score >= self.ranked[q].floor {
                rerank.insert(q);
            }
        }
        let n = self.settings.similar;
        let mut touched = vec![p];
        for q in rerank {
            let ranked = rank_one(&self.index, q, n);
            if ranked.list != self.ranked[q].list || card_changed && ranked.has(p) {
                touched.push(q);
            }
            self.ranked[q] = ranked;
        }
        // Lists written by their authors show its card too.
        let id = &self.posts[p].card.id;
        if card_changed {
            for (q, other) in self.posts.iter().enumerate() {
                let lists_it = other
                    .listed
                    .as_ref()
                    .is_some_and(|l| l.iter().any(|e| matches!(e, Listed::Id(i) if i == id)));
                if lists_it {
                    touched.push(q);
                }
            }
        }
        rebuilt.posts.push(item.place);
        rebuilt.warnings.append(&mut one.warnings);
        // Lists it left, and lists it is in when its date moved it, are written whole; when
        // only its card changed, the page that holds it.
        let mut lists: ListsToWrite = before
            .difference(&after)
            .map(|root| (root.clone(), None))
            .collect();
        if card_changed {
            for root in after {
                let holding = (!moved && before.contains(&root)).then_some(p);
                lists.insert(root, holding);
            }
        }
        Ok((touched, lists))
    }
}
