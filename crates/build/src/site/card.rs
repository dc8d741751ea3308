//! Cards: the small item that stands for a post in lists (the index, a post's similar posts,
//! the list pages), with its URLs relative to a folder of the site.

use broadsheet::CardLink;
use broadsheet_core::model::{index_item, FeedDefaults, Item};
use broadsheet_core::paths::rebase;
use broadsheet_core::safe_url::SafeUrl;
use broadsheet_core::similar::write_terms;
use serde::Serialize;
use serde_json::Value;

use crate::feed_reader::Object;

/// A post as a card. Its fields are written in the order they are declared, the index's
/// order since its first version; the text fields are the post's own, as its source has them.
#[derive(Clone, Debug, Serialize)]
pub struct Card {
    /// What the component needs besides the JSON Feed fields.
    #[serde(rename = "_article")]
    pub ext: CardExt,
    /// `banner_image`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub banner_image: Option<String>,
    /// The opening words of the body, in the index only (an excerpt, not the text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_text: Option<String>,
    /// `date_published`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_published: Option<String>,
    /// The post's id.
    pub id: String,
    /// `image`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// `language`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// `summary`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// `tags`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// `title`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `url`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A card's `_article`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CardExt {
    /// Said in the data, not on screen: a post that fills a list of similar posts, not one
    /// ranked similar.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub filled: bool,
    /// The image's text alternative.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_alt: Option<String>,
    /// The post's read time, in seconds.
    pub read_time: u64,
    /// Where the post's article JSON is.
    pub src: String,
    /// The body's most frequent ranking terms, in the index only (ranking in the browser).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terms: Option<String>,
    /// The post's latent vector (`broadsheet_core::similar::latent_code`), in the index only
    /// (ranking in the browser).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latent: Option<String>,
}

impl CardExt {
    /// Gives the post the first `keep` of its ranking `terms` (most frequent first) for the
    /// index.
    pub fn set_terms(&mut self, terms: &[(String, f32)], keep: usize) {
        let terms = &terms[..terms.len().min(keep)];
        self.terms = (!terms.is_empty()).then(|| write_terms(terms));
    }
}

/// A string member of `object`.
fn string(object: &Object, key: &str) -> Option<String> {
    object.get(key).and_then(Value::as_str).map(str::to_string)
}

impl Card {
    /// The card of the item `item` read from `object` (its URLs relative to the site's
    /// root), whose article JSON is at `src` and reads in `read_time` seconds.
    pub fn new(object: &Object, item: &Item, src: String, read_time: u64) -> Card {
        Card {
            ext: CardExt {
                filled: false,
                image_alt: item.image_alt.clone(),
                read_time,
                src,
                terms: None,
                latent: None,
            },
            banner_image: string(object, "banner_image"),
            content_text: None,
            date_published: string(object, "date_published"),
            id: item.id.clone(),
            image: string(object, "image"),
            language: string(object, "language"),
            summary: string(object, "summary"),
            tags: object.get("tags").and_then(Value::as_array).map(|tags| {
                tags.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            }),
            title: string(object, "title"),
            url: string(object, "url"),
        }
    }

    /// This card (written for folder `from`) rewritten for folder `to`.
    pub fn rebased(&self, from: &str, to: &str) -> Card {
        let move_url = |url: &Option<String>| url.as_ref().map(|u| rebase(u, from, to));
        let mut card = self.clone();
        card.url = move_url(&self.url);
        card.image = move_url(&self.image);
        card.banner_image = move_url(&self.banner_image);
        card.ext.src = rebase(&self.ext.src, from, to);
        card
    }

    /// The card as the component reads it, for a page in folder `dir` (the card is written
    /// for it), linked to the page of the site `page` (a link from the root), else to its
    /// `url`.
    pub fn shown(&self, page: Option<&str>, dir: &str) -> Option<(Item, CardLink)> {
        match serde_json::to_value(self) {
            Ok(Value::Object(object)) => shown(&object, page, dir),
            _ => None,
        }
    }
}

/// The item `object` as the component reads it, for a page in folder `dir`, linked to the
/// page of the site `page` (a link from the root: `posts/slug/`, `2024/05/01/slug.html`),
/// else to its `url`.
pub fn shown(object: &Object, page: Option<&str>, dir: &str) -> Option<(Item, CardLink)> {
    let item = index_item(object, None, &FeedDefaults::default())?;
    let href = match page {
        Some(page) => Some(rebase(page, "", dir)),
        None => item.url.as_ref().map(SafeUrl::to_string),
    };
    Some((
        item,
        CardLink {
            href,
            in_place: None,
        },
    ))
}

/// A copy of `raw` with its link and image fields rebased from folder `from` to folder `to`.
pub fn rebased_fields(raw: &Object, from: &str, to: &str) -> Object {
    let mut out = raw.clone();
    for key in ["url", "image", "banner_image"] {
        if let Some(Value::String(u)) = raw.get(key) {
            out.insert(key.to_string(), Value::String(rebase(u, from, to)));
        }
    }
    out
}

/// A small item (written for folder `from`) rewritten for folder `to`, its `_article.src`
/// included.
pub fn rebased_item(item: &Object, from: &str, to: &str) -> Object {
    let mut out = rebased_fields(item, from, to);
    if let Some(Value::Object(ext)) = out.get_mut("_article") {
        if let Some(Value::String(src)) = ext.get_mut("src") {
            *src = rebase(src, from, to);
        }
    }
    out
}

/// An entry of a post's list of similar posts as its author gave it (`_article.similar`).
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
pub enum Listed {
    /// The id of a post of the site.
    Id(String),
    /// A small item, its URLs relative to the site's root.
    Item(Object),
}

/// An entry of a post's similar posts as its article JSON carries them.
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
pub enum Similar {
    /// A post of the site.
    Card(Box<Card>),
    /// A small item its author listed.
    Item(Object),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_post_keeps_its_most_frequent_terms() {
        let mut ext = CardExt::default();
        let terms: Vec<(String, f32)> = [("grid", 3.0), ("wind", 2.0), ("sea", 1.0)]
            .map(|(t, n)| (t.to_string(), n))
            .into();
        ext.set_terms(&terms, 2);
        assert_eq!(ext.terms.as_deref(), Some("grid:3 wind:2"));
        ext.set_terms(&terms, 9);
        assert_eq!(ext.terms.as_deref(), Some("grid:3 wind:2 sea"));
        ext.set_terms(&[], 9);
        assert_eq!(ext.terms, None);
    }
}
