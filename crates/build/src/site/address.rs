//! Where a post's page goes in the site: at the path of its own address when that lies under
//! the site's base URL (a site moved onto the build step keeps every link), at the address a
//! `--permalink` pattern gives it, else at `posts/<slug>/`.

use broadsheet_core::date::Timestamp;
use broadsheet_core::safe_url::SafeUrl;

/// The first folders of the site that the build writes itself: no post's page goes there.
const RESERVED: [&str; 5] = ["assets", "page", "tags", "authors", "_broadsheet"];

/// A post's address in the site, relative to its root.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Address {
    /// The folder its page is in (`2017/07/07/slug`, `2024/05/01`): its relative links are
    /// relative to it.
    pub dir: String,
    /// Its page as a link from the root: a folder (`2017/07/07/slug/`) or a file
    /// (`2024/05/01/slug.html`).
    pub page: String,
}

impl Address {
    /// The page `index.html` of folder `dir`.
    pub fn folder(dir: &str) -> Address {
        Address {
            dir: dir.to_string(),
            page: format!("{dir}/"),
        }
    }

    /// The file of its page (`…/index.html` for a folder).
    pub fn page_file(&self) -> String {
        if self.page.ends_with('/') {
            format!("{}index.html", self.page)
        } else {
            self.page.clone()
        }
    }

    /// Its article JSON: beside its page, `article.json` in its own folder or the page's
    /// name with `.json`.
    pub fn json_file(&self) -> String {
        match self.page.strip_suffix('/') {
            Some(dir) => format!("{dir}/article.json"),
            None => {
                let stem = self.page.rsplit_once('.').map_or(&*self.page, |(s, _)| s);
                format!("{stem}.json")
            }
        }
    }

    /// The address a path of the site gives (`2017/07/07/slug/`, `2024/05/01/slug.html`,
    /// `notes/slug`), percent escapes decoded; `None` for the root itself, a folder the build
    /// writes, or a path that is not a plain one (`..`, empty segments, control characters).
    pub fn from_path(path: &str) -> Option<Address> {
        let trimmed = path.trim_matches('/');
        // Each segment decoded on its own: an escaped `/` (`%2f`) is no separator.
        let segments = trimmed
            .split('/')
            .map(percent_decode)
            .collect::<Option<Vec<String>>>()?;
        let plain = |s: &String| {
            !s.is_empty()
                && s != "."
                && s != ".."
                && s.len() <= 200
                && !s.chars().any(|c| c.is_control() || c == '\\' || c == '/')
        };
        if trimmed.is_empty()
            || !segments.iter().all(plain)
            || RESERVED.contains(&segments[0].as_str())
        {
            return None;
        }
        let joined = segments.join("/");
        let last = &segments[segments.len() - 1];
        let is_file = !path.ends_with('/')
            && [".html", ".htm"]
                .iter()
                .any(|e| last.len() > e.len() && last.to_ascii_lowercase().ends_with(e));
        Some(if is_file {
            Address {
                dir: segments[..segments.len() - 1].join("/"),
                page: joined,
            }
        } else {
            Address::folder(&joined)
        })
    }

    /// The address of `url` in the site at `base` (its root, ending in `/`), when `url` lies
    /// under it and has neither query nor fragment.
    pub fn under(url: &str, base: &SafeUrl) -> Option<Address> {
        let url = SafeUrl::parse_absolute(url)?;
        if url.as_str().contains(['?', '#']) {
            return None;
        }
        let (url, base) = (url.as_str(), base.as_str());
        // Scheme and host as the same site: `http` and `https` alike, the host in any case.
        let split = |u: &str| -> Option<(String, String)> {
            let rest = u.split_once("://")?.1;
            let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
            Some((host.to_ascii_lowercase(), path.to_string()))
        };
        let ((host, path), (base_host, base_path)) = (split(url)?, split(base)?);
        if host != base_host {
            return None;
        }
        Address::from_path(path.strip_prefix(&base_path)?)
    }
}

/// `text` with its percent escapes decoded; `None` when they are not UTF-8. `serve` decodes
/// request paths with it.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// How a build places posts: under the site's base URL, and by a permalink pattern.
#[derive(Clone, Debug, Default)]
pub struct Addressing {
    /// The site's root, when it has one: posts whose address lies under it keep it.
    pub base: Option<SafeUrl>,
    /// The address every post gets instead of its own.
    pub permalink: Option<Permalink>,
}

/// Where a post goes, before another post may have taken it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choice {
    /// Its address, when it has one of its own or the pattern gives one (else it goes to
    /// `posts/<slug>/`).
    pub address: Option<Address>,
    /// Its own address under the site, when the pattern gave it another: a redirect goes
    /// there.
    pub leaves: Option<Address>,
}

impl Addressing {
    /// Where a post with its own `url`, the slug `stem`, `title` and time `published` goes.
    pub fn choose(
        &self,
        url: Option<&str>,
        stem: &str,
        title: &str,
        published: Option<&str>,
    ) -> Choice {
        let own = self
            .base
            .as_ref()
            .zip(url)
            .and_then(|(base, url)| Address::under(url, base));
        match &self.permalink {
            None => Choice {
                address: own,
                leaves: None,
            },
            Some(pattern) => {
                let address = pattern.address(stem, title, published);
                let leaves = own.filter(|own| address.as_ref() != Some(own));
                Choice { address, leaves }
            }
        }
    }
}

/// One part of a permalink pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Text(String),
    Year,
    Month,
    Day,
    Slug,
    Title,
}

/// The fields a permalink pattern may name.
pub const PERMALINK_FIELDS: &str = ":year, :month, :day, :slug, :title";

/// A `--permalink` pattern (`/:year/:month/:slug/`, as Hugo and Jekyll spell it): the address
/// every post is given instead of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Permalink {
    parts: Vec<Part>,
    pattern: String,
}

/// A permalink pattern that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PermalinkError {
    /// A field the pattern names is not one of [`PERMALINK_FIELDS`].
    #[error(
        "the permalink {pattern:?} names an unknown field :{field} (known: {PERMALINK_FIELDS})"
    )]
    UnknownField {
        /// The pattern.
        pattern: String,
        /// The field.
        field: String,
    },
    /// The pattern names neither `:slug` nor `:title`, so posts of one day would share an
    /// address.
    #[error("the permalink {0:?} names neither :slug nor :title: posts would share addresses")]
    NotUnique(String),
}

impl std::str::FromStr for Permalink {
    type Err = PermalinkError;

    fn from_str(pattern: &str) -> Result<Permalink, PermalinkError> {
        let mut parts = Vec::new();
        let mut rest = pattern;
        while let Some(at) = rest.find(':') {
            if at > 0 {
                parts.push(Part::Text(rest[..at].to_string()));
            }
            let name_end = rest[at + 1..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .map_or(rest.len(), |n| at + 1 + n);
            let field = &rest[at + 1..name_end];
            parts.push(match field {
                "year" => Part::Year,
                "month" => Part::Month,
                "day" => Part::Day,
                "slug" => Part::Slug,
                "title" => Part::Title,
                _ => {
                    return Err(PermalinkError::UnknownField {
                        pattern: pattern.to_string(),
                        field: field.to_string(),
                    })
                }
            });
            rest = &rest[name_end..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_string()));
        }
        if !parts.iter().any(|p| matches!(p, Part::Slug | Part::Title)) {
            return Err(PermalinkError::NotUnique(pattern.to_string()));
        }
        Ok(Permalink {
            parts,
            pattern: pattern.to_string(),
        })
    }
}

impl std::fmt::Display for Permalink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.pattern)
    }
}

impl Permalink {
    /// The address of a post with `slug`, `title` (made a slug) and publication time
    /// `published` (RFC 3339: its date as written); `None` when the pattern needs a date the
    /// post does not have, or gives no usable path.
    pub fn address(&self, slug: &str, title: &str, published: Option<&str>) -> Option<Address> {
        let date = published
            .filter(|d| Timestamp::parse(d).is_some())
            .map(|d| d.trim());
        let mut path = String::new();
        for part in &self.parts {
            match part {
                Part::Text(text) => path.push_str(text),
                Part::Year => path.push_str(date?.get(0..4)?),
                Part::Month => path.push_str(date?.get(5..7)?),
                Part::Day => path.push_str(date?.get(8..10)?),
                Part::Slug => path.push_str(slug),
                Part::Title => path.push_str(&super::slug(title)),
            }
        }
        Address::from_path(&path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(url: &str) -> SafeUrl {
        SafeUrl::parse_absolute(url).expect("URL")
    }

    #[test]
    fn a_post_keeps_its_address_under_the_base() {
        let site = base("https://blog.example/");
        let at = |url: &str| Address::under(url, &site);
        let wordpress = at("https://blog.example/2017/07/07/slug/").expect("WordPress");
        assert_eq!(wordpress.dir, "2017/07/07/slug");
        assert_eq!(wordpress.page_file(), "2017/07/07/slug/index.html");
        assert_eq!(wordpress.json_file(), "2017/07/07/slug/article.json");
        let jekyll = at("https://blog.example/2024/05/01/slug.html").expect("Jekyll");
        assert_eq!(jekyll.dir, "2024/05/01");
        assert_eq!(jekyll.page_file(), "2024/05/01/slug.html");
        assert_eq!(jekyll.json_file(), "2024/05/01/slug.json");
        assert_eq!(
            at("https://BLOG.example/posts/a").expect("a").page,
            "posts/a/"
        );
        assert_eq!(
            at("http://blog.example/posts/a/").expect("http").dir,
            "posts/a"
        );
        // Escapes decoded: the file is named as a server maps the request.
        let arabic = at("https://blog.example/%D8%A8%D9%8A%D8%AA/").expect("Arabic");
        assert_eq!(arabic.dir, "بيت");
        for elsewhere in [
            "https://other.example/posts/a/",
            "https://blog.example/",
            "https://blog.example/?p=123",
            "https://blog.example/a/#x",
            "https://blog.example/a//b/",
            "https://blog.example/page/2/",
            "https://blog.example/assets/x/",
            "https://blog.example/a%00b/",
        ] {
            assert_eq!(at(elsewhere), None, "{elsewhere}");
        }
        // Dot segments are resolved as a browser resolves them, never climbing out.
        assert_eq!(
            at("https://blog.example/a/%2e%2e/%2e%2e/x/")
                .expect("x")
                .page,
            "x/"
        );
        assert_eq!(Address::from_path("a/%2e%2e/x/"), None);
        assert_eq!(Address::from_path("styles-pub%2fdark/"), None);
        let news = base("https://s.example/news/");
        assert_eq!(
            Address::under("https://s.example/news/2020/x/", &news)
                .expect("under")
                .dir,
            "2020/x"
        );
        assert_eq!(Address::under("https://s.example/other/x/", &news), None);
    }

    #[test]
    fn permalink_patterns_as_hugo_and_jekyll_spell_them() {
        let pattern: Permalink = "/:year/:month/:slug/".parse().expect("pattern");
        let address = pattern
            .address("river-boats", "Boats", Some("2024-05-01T10:00:00+02:00"))
            .expect("address");
        assert_eq!(address.page, "2024/05/river-boats/");
        assert_eq!(pattern.address("x", "X", None), None, "no date, no address");
        let jekyll: Permalink = "/:year/:month/:day/:title.html".parse().expect("pattern");
        assert_eq!(
            jekyll
                .address("s", "Rivers in Spring", Some("2024-05-01"))
                .expect("address")
                .page_file(),
            "2024/05/01/rivers-in-spring.html"
        );
        assert_eq!(
            "/:year/:categories/:slug/".parse::<Permalink>(),
            Err(PermalinkError::UnknownField {
                pattern: "/:year/:categories/:slug/".into(),
                field: "categories".into()
            })
        );
        let unknown = "/:yaer/:slug/".parse::<Permalink>().expect_err("typo");
        assert!(unknown.to_string().contains(":yaer"), "{unknown}");
        assert!(matches!(
            "/:year/:month/".parse::<Permalink>(),
            Err(PermalinkError::NotUnique(_))
        ));
    }
}
