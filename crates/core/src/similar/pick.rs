//! Which similar posts an article shows: its precomputed list when it has one, else a ranking
//! of the site index.

use super::{Doc, Index, IndexBuilder, Weights};
use crate::model::{Item, SimilarRef};
use crate::options::Options;
use crate::safe_url::SafeUrl;

/// What is needed to show the similar posts of an article.
#[derive(Clone, Debug, PartialEq)]
pub enum Plan {
    /// The article carries its similar posts as items: no index needed.
    Ready(Vec<Item>),
    /// The site index is needed: to rank (no precomputed list) or to look up ids.
    NeedIndex,
}

/// The plan for `article`, showing at most `n` posts.
pub fn plan(article: &Item, n: usize) -> Plan {
    match &article.similar {
        Some(refs) if refs.iter().all(|r| matches!(r, SimilarRef::Item(_))) => Plan::Ready(
            refs.iter()
                .filter_map(|r| match r {
                    SimilarRef::Item(item) if item.id != article.id => Some(item.as_ref().clone()),
                    _ => None,
                })
                .take(n)
                .collect(),
        ),
        _ => Plan::NeedIndex,
    }
}

/// A site index ready to rank: its items and their term index, built once and kept across
/// in-place navigations.
pub struct Site {
    items: Vec<Item>,
    index: Index,
}

/// A [`Site`] being built a post at a time (see [`IndexBuilder`]), so that the browser can be
/// given its main thread back between posts.
pub struct SiteBuilder {
    items: Vec<Item>,
    index: IndexBuilder,
}

impl SiteBuilder {
    /// An empty site ranked with `weights`.
    pub fn new(weights: Weights) -> SiteBuilder {
        SiteBuilder {
            items: Vec::new(),
            index: IndexBuilder::new(weights),
        }
    }

    /// Adds one post.
    pub fn add(&mut self, item: Item) {
        self.index.add(&Doc::from_item(&item));
        self.items.push(item);
    }

    /// The site of the posts added.
    pub fn finish(self) -> Site {
        Site {
            items: self.items,
            index: self.index.finish(),
        }
    }
}

impl Site {
    /// The similar posts of `article`: its precomputed list (see [`listed`]), or else the `n`
    /// best-ranked posts.
    pub fn similar_to(&self, article: &Item, n: usize) -> Vec<Item> {
        if let Some(list) = listed(article, &self.items, n) {
            return list;
        }
        self.ranked(article, n)
            .into_iter()
            .map(|i| self.items[i].clone())
            .collect()
    }

    /// The positions among the site's posts of the `n` posts ranked most similar to `article`
    /// (its own list, if it has one, not consulted).
    pub fn ranked(&self, article: &Item, n: usize) -> Vec<usize> {
        self.index
            .similar(&Doc::from_item(article), n)
            .into_iter()
            .map(|m| m.doc)
            .collect()
    }
}

/// The first `n` posts of `article`'s precomputed list, `_article.similar`, but the article
/// itself: ids looked up in `items` in order (unknown ones left out), items as they are. `None`
/// when it has no list, and the posts must be ranked.
pub fn listed(article: &Item, items: &[Item], n: usize) -> Option<Vec<Item>> {
    let refs = article.similar.as_ref()?;
    Some(
        refs.iter()
            .filter_map(|r| match r {
                SimilarRef::Id(id) => items.iter().find(|i| &i.id == id).cloned(),
                SimilarRef::Item(item) => Some(item.as_ref().clone()),
            })
            .filter(|i| i.id != article.id)
            .take(n)
            .collect(),
    )
}

/// Where a card leads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CardLink {
    /// The link's `href`; none leaves the title unlinked.
    pub href: Option<String>,
    /// The article JSON to load in place of the current one on a plain click, when the card
    /// is a post of this site and cards load in place.
    pub in_place: Option<String>,
}

/// Where the card of `item` leads in a component configured by `options` on a page of origin
/// `page_origin`. A post of the same site (its `_article.src` relative or on `page_origin`)
/// loads in place when cards do, and with a URL parameter its `href` is this page with the
/// post's parameter, so a new tab opens the same post; otherwise the `href` is the post's
/// `url` (or its article JSON when it has none).
pub fn card_link(item: &Item, options: &Options, page_origin: Option<&str>) -> CardLink {
    let same_site = item
        .src
        .as_ref()
        .filter(|src| src.origin().is_none() || src.origin().as_deref() == page_origin);
    let in_place = same_site.filter(|_| options.cards_in_place).map(|src| {
        match (src.is_absolute_http(), src.origin()) {
            // Same origin: keep the path, so the page URL stays short.
            (true, Some(origin)) => src.as_str()[origin.len()..].to_string(),
            _ => src.to_string(),
        }
    });
    let href = match (&in_place, &options.url_param) {
        (Some(src), Some(param)) => Some(SafeUrl::query_link(param, src).to_string()),
        _ => item
            .url
            .as_ref()
            .or(item.src.as_ref())
            .map(SafeUrl::to_string),
    };
    CardLink { href, in_place }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{parse_article, parse_index};
    use crate::similar::latent_code;

    const INDEX: &str = r#"{"items": [
        {"id": "a", "title": "Russia and Ukraine peace talks", "tags": ["europe"]},
        {"id": "b", "title": "Rust and WebAssembly", "tags": ["tech"]},
        {"id": "c", "title": "European diplomacy with Russia", "tags": ["europe"]},
        {"id": "self", "title": "EU talks with Russia over Ukraine"}
    ]}"#;

    fn article(extra: &str) -> Item {
        let doc = format!(
            r#"{{"id": "self", "title": "EU talks with Russia over Ukraine", "content_text": "Peace talks.", "tags": ["europe"] {extra}}}"#
        );
        parse_article(&doc, None).expect("article").item
    }

    fn site(items: Vec<Item>) -> Site {
        let mut site = SiteBuilder::new(Weights::default());
        for item in items {
            site.add(item);
        }
        site.finish()
    }

    fn ids(items: &[Item]) -> Vec<&str> {
        items.iter().map(|i| i.id.as_str()).collect()
    }

    #[test]
    fn inline_items_need_no_index() {
        let a = article(
            r#", "_article": {"similar": [{"id": "x", "title": "X"}, {"id": "self", "title": "me"}, {"id": "y", "title": "Y"}]}"#,
        );
        assert_eq!(
            plan(&a, 5),
            Plan::Ready(vec![
                parse_index(r#"{"items": [{"id": "x", "title": "X"}]}"#, None)
                    .expect("x")
                    .remove(0),
                parse_index(r#"{"items": [{"id": "y", "title": "Y"}]}"#, None)
                    .expect("y")
                    .remove(0),
            ])
        );
        assert!(matches!(plan(&a, 1), Plan::Ready(v) if v.len() == 1));
    }

    #[test]
    fn ids_are_looked_up_in_the_index_in_order() {
        let a = article(r#", "_article": {"similar": ["c", "missing", "b"]}"#);
        assert_eq!(plan(&a, 3), Plan::NeedIndex);
        let items = parse_index(INDEX, None).expect("index");
        assert_eq!(ids(&site(items).similar_to(&a, 3)), ["c", "b"]);
    }

    #[test]
    fn an_index_of_terms_ranks_as_its_terms_say() {
        // Entries as the build step writes them: a short excerpt, and the body's terms.
        let index = parse_index(
            r#"{"items": [
            {"id": "a", "title": "Monday", "content_text": "On Monday",
             "_article": {"terms": "garden:4 tomato:3 soil"}},
            {"id": "b", "title": "Tuesday", "content_text": "On Tuesday",
             "_article": {"terms": "russia:4 ukraine:3 talk:2 peace"}},
            {"id": "c", "title": "Wednesday", "content_text": "On Wednesday",
             "_article": {"terms": "museum:3 painting:2"}}
        ]}"#,
            None,
        )
        .expect("index");
        let a = article("");
        assert_eq!(ids(&site(index).similar_to(&a, 1)), ["b"]);
    }

    #[test]
    fn latent_vectors_in_the_index_rerank_the_posts_that_share_terms() {
        // By their terms, "b" is the closer post; the latent vectors the build step wrote say
        // that "a" is about what the article is about.
        let index = |latent: [&str; 3]| {
            let doc = format!(
                r#"{{"items": [
                {{"id": "self", "title": "Summit", "_article": {{"terms": "summit:2 garden:1 museum:3", "latent": "{}"}}}},
                {{"id": "a", "title": "Monday", "_article": {{"terms": "garden:4 lake:4", "latent": "{}"}}}},
                {{"id": "b", "title": "Tuesday", "_article": {{"terms": "museum:4 lake:4", "latent": "{}"}}}}
            ]}}"#,
                latent[0], latent[1], latent[2]
            );
            let mut site = SiteBuilder::new(Weights::default());
            for item in parse_index(&doc, None).expect("index") {
                site.add(item);
            }
            site.finish()
        };
        let code = |v: [f32; 2]| latent_code::encode(&v, 2).expect("code");
        let (near, far) = (code([1.0, 0.1]), code([-0.1, 1.0]));
        let a = article("");
        assert_eq!(ids(&index([&near, &near, &far]).similar_to(&a, 1)), ["a"]);
        // Without them, or with codes that do not read, the terms decide.
        assert_eq!(ids(&index(["", "", ""]).similar_to(&a, 1)), ["b"]);
        assert_eq!(ids(&index(["*", "?", "!"]).similar_to(&a, 1)), ["b"]);
    }

    #[test]
    fn without_a_list_the_index_is_ranked() {
        let a = article("");
        assert_eq!(plan(&a, 3), Plan::NeedIndex);
        let items = parse_index(INDEX, None).expect("index");
        assert_eq!(ids(&site(items).similar_to(&a, 2)), ["a", "c"]);
    }

    #[test]
    fn cards_of_this_site_load_in_place_and_others_link_out() {
        let items = parse_index(
            r#"{"items": [
                {"id": "here", "url": "https://s.example/here/", "_article": {"src": "https://s.example/posts/here.json"}},
                {"id": "rel", "url": "https://s.example/rel/", "_article": {"src": "posts/rel.json"}},
                {"id": "away", "url": "https://other.example/a/", "_article": {"src": "https://other.example/a.json"}},
                {"id": "bare", "url": "https://s.example/bare/"}
            ]}"#,
            None,
        )
        .expect("index");
        let origin = Some("https://s.example");
        let with_param = Options {
            url_param: Some("article".into()),
            ..Options::default()
        };
        let here = card_link(&items[0], &with_param, origin);
        assert_eq!(here.in_place.as_deref(), Some("/posts/here.json"));
        assert_eq!(here.href.as_deref(), Some("?article=%2Fposts%2Fhere.json"));
        let rel = card_link(&items[1], &Options::default(), origin);
        assert_eq!(rel.in_place.as_deref(), Some("posts/rel.json"));
        assert_eq!(rel.href.as_deref(), Some("https://s.example/rel/"));
        let away = card_link(&items[2], &with_param, origin);
        assert_eq!(away.in_place, None);
        assert_eq!(away.href.as_deref(), Some("https://other.example/a/"));
        assert_eq!(card_link(&items[3], &with_param, origin).in_place, None);
        let navigate = Options {
            cards_in_place: false,
            ..with_param
        };
        assert_eq!(
            card_link(&items[0], &navigate, origin),
            CardLink {
                href: Some("https://s.example/here/".into()),
                in_place: None
            }
        );
    }
}
