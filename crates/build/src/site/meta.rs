//! The site as the build sees it: the feed-level fields every document it writes repeats, and
//! what its pages say of it.

use broadsheet_core::lang::LanguageTag;
use broadsheet_core::safe_url::SafeUrl;
use serde::Serialize;
use serde_json::Value;

use crate::feed_reader::Object;
use crate::head::SiteInfo;

use super::settings::SiteOverrides;

/// The JSON Feed version the build writes.
pub const FEED_VERSION: &str = "https://jsonfeed.org/version/1.1";

/// The feed-level fields of every JSON Feed document the build writes (the index and each
/// article JSON), in the order they are written.
#[derive(Clone, Debug, Serialize)]
pub struct FeedFields {
    /// Where the site's root is published.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub home_page_url: Option<String>,
    /// The site's language, as its first source gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<Value>,
    /// The site's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// [`FEED_VERSION`].
    pub version: &'static str,
}

/// The site a build writes.
#[derive(Clone, Debug)]
pub struct Site {
    /// Its documents' feed-level fields.
    pub fields: FeedFields,
    /// What its pages say of it.
    pub info: SiteInfo,
    /// Its language, when its first source gives one.
    pub language: Option<LanguageTag>,
}

impl Site {
    /// From the first input's feed fields, with `overrides` on top.
    pub fn new(first: &Object, overrides: &SiteOverrides) -> Site {
        let text = |key: &str| first.get(key).and_then(Value::as_str).map(str::to_string);
        let name = overrides.name.clone().or_else(|| text("title"));
        let base_url = overrides
            .base_url
            .clone()
            .or_else(|| text("home_page_url"))
            .and_then(|u| SafeUrl::parse_absolute(&u))
            .map(|u| root_of(&u).unwrap_or(u));
        Site {
            fields: FeedFields {
                home_page_url: base_url.as_ref().map(|u| u.as_str().to_string()),
                language: first.get("language").cloned(),
                title: name.clone(),
                version: FEED_VERSION,
            },
            language: text("language").and_then(|l| LanguageTag::parse(&l)),
            info: SiteInfo {
                name,
                base_url,
                default_image: overrides.default_image.clone().or_else(|| text("icon")),
            },
        }
    }
}

/// `url` without its query and fragment, ending in `/`: the folder a site's pages are under.
fn root_of(url: &SafeUrl) -> Option<SafeUrl> {
    let path_end = url.as_str().find(['?', '#']).unwrap_or(url.as_str().len());
    let root = &url.as_str()[..path_end];
    if root.ends_with('/') {
        SafeUrl::parse_absolute(root)
    } else {
        SafeUrl::parse_absolute(&format!("{root}/"))
    }
}
