//! The one validated-URL type: every `href` and `src` the component writes comes from a
//! [`SafeUrl`], so no other code path can put a `javascript:` (or any other) URL into the DOM.
//!
//! Parsing follows the parts of the WHATWG URL standard that matter for safety: leading and
//! trailing C0 controls and spaces are trimmed, tabs and newlines anywhere are removed, and the
//! scheme is compared case-insensitively. Relative references are resolved against a base with
//! the algorithm of RFC 3986 section 5.2, so content stays portable across paths and origins.

use std::fmt;

/// A URL that is safe to put into an `href` or `src`: absolute `http`, `https` or `mailto`, or,
/// when no base was known, a relative reference (no scheme).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SafeUrl(String);

/// The kind of resource a URL points at, which decides the schemes it may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlUse {
    /// A link a reader follows: `http`, `https` and `mailto`.
    Link,
    /// Something the browser loads by itself (image, JSON): `http` and `https` only.
    Resource,
}

impl SafeUrl {
    /// Validates `input` for `usage`, resolving a relative reference against `base` when one
    /// is given. Returns `None` for an empty input or a scheme outside the allowlist.
    pub fn parse(input: &str, base: Option<&SafeUrl>, usage: UrlUse) -> Option<SafeUrl> {
        let cleaned = clean(input);
        if cleaned.is_empty() {
            return None;
        }
        match scheme_of(&cleaned) {
            Some(scheme) => {
                let lower = scheme.to_ascii_lowercase();
                let allowed = match usage {
                    UrlUse::Link => matches!(lower.as_str(), "http" | "https" | "mailto"),
                    UrlUse::Resource => matches!(lower.as_str(), "http" | "https"),
                };
                if !allowed {
                    return None;
                }
                if lower != "mailto" && !cleaned[scheme.len() + 1..].starts_with("//") {
                    // `http:foo` is a relative reference in disguise; refuse it.
                    return None;
                }
                Some(SafeUrl(format!("{lower}{}", &cleaned[scheme.len()..])))
            }
            None => match base {
                Some(base) if base.is_hierarchical() => Some(SafeUrl(resolve(&base.0, &cleaned))),
                Some(_) => None,
                None => Some(SafeUrl(cleaned)),
            },
        }
    }

    /// Validates an absolute `http` or `https` URL, for use as a base or canonical address.
    pub fn parse_absolute(input: &str) -> Option<SafeUrl> {
        SafeUrl::parse(input, None, UrlUse::Resource).filter(SafeUrl::is_hierarchical)
    }

    /// The URL as a string, ready for an attribute.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True for an absolute `http` or `https` URL.
    pub fn is_hierarchical(&self) -> bool {
        self.0.starts_with("http://") || self.0.starts_with("https://")
    }

    /// The origin (`scheme://host[:port]`) of an absolute `http(s)` URL, lowercased.
    pub fn origin(&self) -> Option<String> {
        if !self.is_hierarchical() {
            return None;
        }
        let (scheme, rest) = self.0.split_once("://")?;
        let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
        let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        Some(format!("{scheme}://{}", host.to_ascii_lowercase()))
    }
}

/// Encodes `s` exactly like JavaScript's `encodeURIComponent`.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl SafeUrl {
    /// The page-relative link `?param=value`, with both parts encoded like
    /// `encodeURIComponent` (for links that load another article into this page).
    pub fn query_link(param: &str, value: &str) -> SafeUrl {
        SafeUrl(format!(
            "?{}={}",
            encode_component(param),
            encode_component(value)
        ))
    }
}

impl fmt::Display for SafeUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Trims C0 controls and spaces at both ends and removes ASCII tab and newline anywhere, as
/// browsers do before parsing (so `java\tscript:` is seen as `javascript:`).
fn clean(input: &str) -> String {
    input
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// The scheme of `url`, if it has one: letters, digits, `+`, `-`, `.` before the first `:`,
/// starting with a letter, and the `:` before any `/`, `?` or `#`.
fn scheme_of(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    if url[..colon].contains(['/', '?', '#']) {
        return None;
    }
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    if first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        Some(scheme)
    } else {
        // Something like `1:` or `&#58;` leftovers: not a valid scheme, so browsers would not
        // treat it as one either, but refuse anything odd before a colon to stay safe.
        Some(url)
    }
}

/// Resolves the relative reference `reference` against the absolute `base` (RFC 3986, 5.2).
fn resolve(base: &str, reference: &str) -> String {
    let (scheme, after_scheme) = base.split_once("://").unwrap_or(("https", base));
    let authority_end = after_scheme
        .find(['/', '?', '#'])
        .unwrap_or(after_scheme.len());
    let authority = &after_scheme[..authority_end];
    let base_rest = &after_scheme[authority_end..];
    let base_path = &base_rest[..base_rest.find(['?', '#']).unwrap_or(base_rest.len())];
    let base_query = base_rest
        .find('?')
        .map(|q| {
            &base_rest[q..base_rest
                .find('#')
                .filter(|&h| h > q)
                .unwrap_or(base_rest.len())]
        })
        .unwrap_or("");

    if let Some(rest) = reference.strip_prefix("//") {
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let path_and_more = &rest[end..];
        return format!(
            "{scheme}://{}{}",
            &rest[..end],
            normalize_tail(path_and_more)
        );
    }
    let split = reference.find(['?', '#']).unwrap_or(reference.len());
    let (ref_path, ref_tail) = reference.split_at(split);
    let path = if ref_path.is_empty() {
        base_path.to_string()
    } else if ref_path.starts_with('/') {
        remove_dot_segments(ref_path)
    } else {
        let dir = &base_path[..base_path.rfind('/').map_or(0, |i| i + 1)];
        let merged = if dir.is_empty() {
            format!("/{ref_path}")
        } else {
            format!("{dir}{ref_path}")
        };
        remove_dot_segments(&merged)
    };
    let tail = if ref_path.is_empty() && !ref_tail.starts_with('?') {
        format!("{base_query}{ref_tail}")
    } else {
        ref_tail.to_string()
    };
    let path = if path.is_empty() {
        "/".to_string()
    } else {
        path
    };
    format!("{scheme}://{authority}{path}{tail}")
}

/// Normalizes the path part of `path_query_fragment` and keeps the rest as is.
fn normalize_tail(path_query_fragment: &str) -> String {
    let split = path_query_fragment
        .find(['?', '#'])
        .unwrap_or(path_query_fragment.len());
    let (path, tail) = path_query_fragment.split_at(split);
    let path = if path.is_empty() {
        "/".to_string()
    } else {
        remove_dot_segments(path)
    };
    format!("{path}{tail}")
}

/// Removes `.` and `..` segments from an absolute path (RFC 3986, 5.2.4).
fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len().saturating_sub(1);
    for (i, segment) in segments.iter().enumerate() {
        match *segment {
            "." => {
                if i == last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if joined.starts_with('/') {
        joined
    } else {
        format!("/{joined}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(s: &str) -> Option<String> {
        SafeUrl::parse(s, None, UrlUse::Link).map(|u| u.0)
    }

    fn resolved(base: &str, r: &str) -> String {
        let base = SafeUrl::parse_absolute(base).expect("valid base");
        SafeUrl::parse(r, Some(&base), UrlUse::Link)
            .expect("resolvable")
            .0
    }

    #[test]
    fn allows_web_and_mail_links() {
        assert_eq!(
            link("https://a.example/x").as_deref(),
            Some("https://a.example/x")
        );
        assert_eq!(
            link("HTTP://a.example").as_deref(),
            Some("http://a.example")
        );
        assert_eq!(
            link("mailto:me@a.example").as_deref(),
            Some("mailto:me@a.example")
        );
        assert_eq!(link("  /posts/1 ").as_deref(), Some("/posts/1"));
    }

    #[test]
    fn refuses_script_and_other_schemes() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "vbscript:msgbox",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "http:relative-trick",
            "",
            "   ",
        ] {
            assert_eq!(link(bad), None, "{bad:?} must be refused");
        }
        assert_eq!(
            SafeUrl::parse("mailto:a@b.example", None, UrlUse::Resource),
            None,
            "images cannot be mailto"
        );
    }

    #[test]
    fn resolves_relative_references_like_a_browser() {
        let base = "https://a.example/site/articles/post.json?v=1#top";
        assert_eq!(
            resolved(base, "../images/x.svg"),
            "https://a.example/site/images/x.svg"
        );
        assert_eq!(
            resolved(base, "other.json"),
            "https://a.example/site/articles/other.json"
        );
        assert_eq!(resolved(base, "/root.png"), "https://a.example/root.png");
        assert_eq!(
            resolved(base, "//cdn.example/a/./b/../c"),
            "https://cdn.example/a/c"
        );
        assert_eq!(
            resolved(base, "#intro"),
            "https://a.example/site/articles/post.json?v=1#intro"
        );
        assert_eq!(
            resolved(base, "?v=2"),
            "https://a.example/site/articles/post.json?v=2"
        );
        assert_eq!(resolved(base, "../../../../x"), "https://a.example/x");
        assert_eq!(resolved("https://a.example", "x"), "https://a.example/x");
    }

    #[test]
    fn query_links_are_encoded() {
        assert_eq!(
            SafeUrl::query_link("article", "/posts/a b.json?x=1").as_str(),
            "?article=%2Fposts%2Fa%20b.json%3Fx%3D1"
        );
    }

    #[test]
    fn origin_is_scheme_and_host() {
        let u = SafeUrl::parse_absolute("https://User@A.Example:8080/p?q").expect("valid");
        assert_eq!(u.origin().as_deref(), Some("https://a.example:8080"));
        assert_eq!(
            SafeUrl::parse("/p", None, UrlUse::Link).and_then(|u| u.origin()),
            None
        );
    }
}
