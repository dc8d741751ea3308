//! What a prerendered article page says about itself in its `<head>`, for search engines and
//! link previews: title, description, canonical address, Open Graph, Twitter card and
//! schema.org JSON-LD. Pure data; `pages` writes it out.

use broadsheet_core::prepared::PreparedArticle;
use broadsheet_core::safe_url::{SafeUrl, UrlUse};
use serde::{Deserialize, Serialize};

/// Longest meta description, in characters, before it is cut at a word.
const DESCRIPTION_CHARS: usize = 160;

/// The site a page belongs to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SiteInfo {
    /// The site's name (`og:site_name`, the tail of `<title>`).
    pub name: Option<String>,
    /// Where the site's root is published (`https://news.example/`); without it, pages have
    /// no canonical address or absolute image URL of their own.
    pub base_url: Option<SafeUrl>,
    /// An image for pages without one of their own (absolute, or relative to the site root).
    pub default_image: Option<String>,
}

/// An image's size in pixels.
pub type Size = (u32, u32);

/// A `<meta>` element: `property` (Open Graph) or `name` (everything else), and its content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// `true` for `property=`, `false` for `name=`.
    pub property: bool,
    /// The property or name.
    pub key: String,
    /// The content.
    pub content: String,
}

/// Everything a prerendered article page puts in its `<head>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    /// `<title>`: the article's title and the site's name.
    pub title: String,
    /// The meta description: the summary, or the opening of the body cut at a word.
    pub description: Option<String>,
    /// The canonical address: the article's own `url`, else its page on the site.
    pub canonical: Option<String>,
    /// `<meta>` elements in order: description, Open Graph, Twitter.
    pub meta: Vec<Meta>,
    /// The schema.org `NewsArticle`, safe inside a `<script>` element.
    pub json_ld: String,
}

fn property(key: &str, content: impl Into<String>) -> Meta {
    Meta {
        property: true,
        key: key.to_string(),
        content: content.into(),
    }
}

fn name(key: &str, content: impl Into<String>) -> Meta {
    Meta {
        property: false,
        key: key.to_string(),
        content: content.into(),
    }
}

/// The fediverse address (`@name@host`) of a profile's URL written as Mastodon, Pixelfed,
/// GoToSocial and others write them: `https://host/@name`, nothing after the name.
fn fediverse_handle(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://")?;
    let (host, path) = rest.split_once('/')?;
    let name = path.strip_prefix('@')?.trim_end_matches('/');
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    };
    (plain(name) && plain(host) && host.contains('.')).then(|| format!("@{name}@{host}"))
}

/// `text` cut to at most `max` characters at a word boundary, with "…" when cut.
pub fn cut_at_word(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let at_word = match cut.rfind(' ') {
        Some(space) if space > cut.len() / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([',', ';', ':', '.', '-']))
}

/// An Open Graph locale from a BCP 47 tag: `en-GB` → `en_GB`.
fn og_locale(tag: &str) -> String {
    tag.replace('-', "_")
}

/// The head of the page of `page`, published at `page_url` (its absolute address, when the
/// site's is known) on `site`. `prose` is the body's plain text, for a description when the
/// article has no summary; `image_size` is its image's size when the build could read it.
pub fn article_head(
    page: &PreparedArticle,
    prose: &str,
    site: &SiteInfo,
    page_url: Option<&SafeUrl>,
    image_size: Option<Size>,
) -> Head {
    let item = &page.article.item;
    let headline = item.title.clone().unwrap_or_default();
    let title = match &site.name {
        Some(site_name) if !headline.is_empty() && site_name != &headline => {
            format!("{headline} – {site_name}")
        }
        Some(site_name) if headline.is_empty() => site_name.clone(),
        _ => headline.clone(),
    };
    let description = item
        .summary
        .clone()
        .or_else(|| Some(cut_at_word(prose, DESCRIPTION_CHARS)))
        .filter(|d| !d.is_empty());
    let canonical = item
        .url
        .clone()
        .filter(SafeUrl::is_absolute_http)
        .or_else(|| page_url.cloned())
        .map(|u| u.to_string());
    // Link previews need absolute image addresses: resolved against the page's own.
    let absolute = |url: &str| {
        SafeUrl::parse(url, page_url, UrlUse::Resource)
            .filter(SafeUrl::is_absolute_http)
            .map(|u| u.to_string())
    };
    let own_image = item.hero().and_then(|u| absolute(u.as_str()));
    let image = own_image.clone().or_else(|| {
        let default = site.default_image.as_deref()?;
        let root = site.base_url.as_ref();
        SafeUrl::parse(default, root, UrlUse::Resource)
            .filter(SafeUrl::is_absolute_http)
            .map(|u| u.to_string())
    });

    let mut meta = Vec::new();
    if let Some(d) = &description {
        meta.push(name("description", d.clone()));
    }
    meta.push(property("og:type", "article"));
    if !headline.is_empty() {
        meta.push(property("og:title", headline.clone()));
    }
    if let Some(d) = &description {
        meta.push(property("og:description", d.clone()));
    }
    if let Some(url) = &canonical {
        meta.push(property("og:url", url.clone()));
    }
    if let Some(site_name) = &site.name {
        meta.push(property("og:site_name", site_name.clone()));
    }
    if let Some(lang) = &item.language {
        meta.push(property("og:locale", og_locale(lang.as_str())));
    }
    if let Some(image) = &image {
        meta.push(property("og:image", image.clone()));
        if own_image.is_some() {
            if let Some((w, h)) = image_size {
                meta.push(property("og:image:width", w.to_string()));
                meta.push(property("og:image:height", h.to_string()));
            }
            if let Some(alt) = &item.image_alt {
                meta.push(property("og:image:alt", alt.clone()));
            }
        }
    }
    if let Some(t) = &item.published {
        meta.push(property("article:published_time", t.as_str()));
    }
    if let Some(t) = &item.modified {
        meta.push(property("article:modified_time", t.as_str()));
    }
    for author in &item.authors {
        let who = author
            .url
            .as_ref()
            .map_or(author.name.clone(), |u| u.to_string());
        meta.push(property("article:author", who));
    }
    for tag in &item.tags {
        meta.push(property("article:tag", tag.clone()));
    }
    // Mastodon credits a link's author when the page names them (`@name@host`).
    for author in &item.authors {
        if let Some(handle) = author
            .url
            .as_ref()
            .and_then(|u| fediverse_handle(u.as_str()))
        {
            meta.push(name("fediverse:creator", handle));
        }
    }
    let card = if image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    meta.push(name("twitter:card", card));
    if !headline.is_empty() {
        meta.push(name("twitter:title", headline));
    }
    if let Some(d) = &description {
        meta.push(name("twitter:description", d.clone()));
    }
    if let Some(image) = &image {
        meta.push(name("twitter:image", image.clone()));
        if let (Some(alt), true) = (&item.image_alt, own_image.is_some()) {
            meta.push(name("twitter:image:alt", alt.clone()));
        }
    }
    if let Some(via) = &item.share.via {
        meta.push(name("twitter:site", format!("@{via}")));
    }
    Head {
        title,
        description,
        canonical,
        meta,
        json_ld: page.json_ld_at(page_url),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet_core::html::SanitizeContext;
    use broadsheet_core::model::parse_article;
    use broadsheet_core::read_time::ReadTimeConfig;
    use serde_json::Value;

    fn page(json: &str) -> PreparedArticle {
        PreparedArticle::new(
            parse_article(json, None).expect("article"),
            SanitizeContext::default(),
            &ReadTimeConfig::default(),
        )
    }

    #[test]
    fn an_author_on_the_fediverse_is_named_as_mastodon_credits_them() {
        let head = article_head(
            &page(
                r#"{"items":[{"id":"a","title":"T","content_text":"x","authors":[
                    {"name":"Ana","url":"https://social.example/@ana"},
                    {"name":"Bo","url":"https://bo.example/about/"},
                    {"name":"Cy","url":"https://social.example/@cy/statuses/1"}]}]}"#,
            ),
            "x",
            &site(),
            None,
            None,
        );
        let creators: Vec<&str> = head
            .meta
            .iter()
            .filter(|m| m.key == "fediverse:creator" && !m.property)
            .map(|m| m.content.as_str())
            .collect();
        assert_eq!(creators, ["@ana@social.example"]);
    }

    fn site() -> SiteInfo {
        SiteInfo {
            name: Some("The Site".into()),
            base_url: SafeUrl::parse_absolute("https://s.example/"),
            default_image: Some("img/default.png".into()),
        }
    }

    fn get<'a>(head: &'a Head, key: &str) -> Vec<&'a str> {
        head.meta
            .iter()
            .filter(|m| m.key == key)
            .map(|m| m.content.as_str())
            .collect()
    }

    #[test]
    fn open_graph_twitter_and_json_ld_describe_the_post() {
        let p = page(
            r#"{"title": "Feed", "items": [{"id": "a", "title": "Héllo \"world\"", "summary": "Short.",
            "content_text": "Body text.", "image": "../../img/a.png", "language": "en-GB",
            "date_published": "2025-01-02T03:04:05Z", "date_modified": "2025-01-03T00:00:00Z",
            "tags": ["one", "two"], "authors": [{"name": "Ann", "url": "https://s.example/ann"}, {"name": "Bo"}],
            "_article": {"image_alt": "A picture", "share": {"via": "site"}}}]}"#,
        );
        let url = SafeUrl::parse_absolute("https://s.example/posts/a/");
        let head = article_head(&p, "Body text.", &site(), url.as_ref(), Some((1200, 630)));
        assert_eq!(head.title, "Héllo \"world\" – The Site");
        assert_eq!(
            head.canonical.as_deref(),
            Some("https://s.example/posts/a/")
        );
        assert_eq!(get(&head, "og:type"), ["article"]);
        assert_eq!(get(&head, "og:image"), ["https://s.example/img/a.png"]);
        assert_eq!(get(&head, "og:image:width"), ["1200"]);
        assert_eq!(get(&head, "og:image:alt"), ["A picture"]);
        assert_eq!(get(&head, "og:locale"), ["en_GB"]);
        assert_eq!(get(&head, "og:site_name"), ["The Site"]);
        assert_eq!(get(&head, "article:tag"), ["one", "two"]);
        assert_eq!(
            get(&head, "article:author"),
            ["https://s.example/ann", "Bo"]
        );
        assert_eq!(
            get(&head, "article:modified_time"),
            ["2025-01-03T00:00:00Z"]
        );
        assert_eq!(get(&head, "twitter:card"), ["summary_large_image"]);
        assert_eq!(get(&head, "twitter:site"), ["@site"]);
        let ld: Value = serde_json::from_str(&head.json_ld).expect("JSON-LD");
        assert_eq!(ld["image"][0], "https://s.example/img/a.png");
        assert_eq!(ld["timeRequired"], p.read_time.iso8601());
        assert_eq!(ld["mainEntityOfPage"], "https://s.example/posts/a/");
    }

    #[test]
    fn the_posts_own_url_is_canonical_and_without_an_image_the_card_is_small() {
        let p = page(
            r#"{"id": "b", "url": "https://elsewhere.example/b", "content_text": "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree twentyfour twentyfive twentysix twentyseven twentyeight twentynine thirty"}"#,
        );
        let prose = "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree twentyfour twentyfive";
        let no_default = SiteInfo {
            default_image: None,
            ..site()
        };
        let head = article_head(&p, prose, &no_default, None, None);
        assert_eq!(
            head.canonical.as_deref(),
            Some("https://elsewhere.example/b")
        );
        assert_eq!(head.title, "The Site");
        assert_eq!(get(&head, "twitter:card"), ["summary"]);
        let description = head.description.expect("from the body");
        assert!(description.ends_with('…') && description.chars().count() <= 160);
        assert!(description.starts_with("One two"));
        // The site's default image stands in, with the site's address as its base.
        let head = article_head(&p, prose, &site(), None, None);
        assert_eq!(
            get(&head, "og:image"),
            ["https://s.example/img/default.png"]
        );
        assert!(get(&head, "og:image:alt").is_empty());
    }

    #[test]
    fn relative_images_without_a_site_address_are_left_out() {
        let p = page(r#"{"id": "c", "title": "T", "content_text": "x", "image": "a.png"}"#);
        let head = article_head(&p, "x", &SiteInfo::default(), None, None);
        assert!(get(&head, "og:image").is_empty());
        assert_eq!(head.canonical, None);
        assert_eq!(get(&head, "twitter:card"), ["summary"]);
    }

    #[test]
    fn descriptions_are_cut_at_a_word() {
        assert_eq!(cut_at_word("short  text", 160), "short text");
        assert_eq!(cut_at_word("alpha beta gamma delta", 12), "alpha beta…");
        assert_eq!(cut_at_word("日本語の文章です", 5), "日本語の…");
    }
}
