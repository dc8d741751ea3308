//! Fuzzes the sanitizer: no panic, and nothing executable in its output whatever the input.
//! The output's tags are read back (the sanitizer writes `<name attr="value">`, escaping `"`
//! inside values and `<` everywhere in text) and checked: no raw-text element and no SVG, no
//! event handler, no URL with a scheme other than http, https, the link schemes that run no
//! script (links) and raster `data:` images (images). Also with an id prefix and with the build
//! step's URL rebasing, whose output the sanitizer validates again.

#![no_main]

use broadsheet_core::html::{sanitize, SanitizeContext};
use broadsheet_core::paths::rebase;
use libfuzzer_sys::fuzz_target;

const FORBIDDEN: &[&str] = &["script", "style", "iframe", "svg", "object", "embed", "template", "annotation-xml"];

const LINK_SCHEMES: &[&str] = &[
    "http", "https", "mailto", "tel", "sms", "geo", "xmpp", "matrix", "irc", "ircs", "magnet", "webcal", "sip", "sips",
];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let down = |url: &str| rebase(url, "", "posts/2025");
    let up = |url: &str| rebase(url, "a/b", "");
    for rewrite in [None, Some(&down as &dyn Fn(&str) -> String), Some(&up)] {
        for id_prefix in ["", "bs1"] {
            let ctx = SanitizeContext {
                rewrite_url: rewrite,
                id_prefix,
                ..SanitizeContext::default()
            };
            check(&sanitize(&text, ctx).html);
        }
    }
});

fn check(html: &str) {
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or_default();
        let mut parts = tag.split('"');
        let head = parts.next().unwrap_or_default();
        let name = head.split(' ').next().unwrap_or_default().trim_start_matches('/');
        assert!(!FORBIDDEN.contains(&name), "<{name}> in {html:?}");
        // Alternate parts are ` attr=` and values.
        let mut attr = head.split(' ').next_back().unwrap_or_default().trim_end_matches('=');
        let mut rest = parts;
        while let Some(value) = rest.next() {
            assert!(!attr.starts_with("on"), "handler {attr} in {html:?}");
            let urls: Vec<&str> = match attr {
                "href" | "src" | "cite" => vec![value],
                "srcset" => value.split(", ").map(|c| c.split(' ').next().unwrap_or_default()).collect(),
                _ => Vec::new(),
            };
            for url in urls {
                let v = url.trim().to_ascii_lowercase();
                // A scheme is what precedes the first `:`, starts with a letter and has no `/`,
                // `?` or `#`; anything else is a relative URL.
                let scheme = v
                    .split_once(':')
                    .map(|(s, _)| s)
                    .filter(|s| s.starts_with(|c: char| c.is_ascii_alphabetic()) && !s.contains(['/', '?', '#']));
                let image = matches!(attr, "src" | "srcset");
                let allowed = |s: &str| {
                    if image {
                        matches!(s, "http" | "https")
                            || (s == "data"
                                && ["png", "jpeg", "gif", "webp", "avif"]
                                    .iter()
                                    .any(|t| v.starts_with(&format!("data:image/{t}"))))
                    } else {
                        LINK_SCHEMES.contains(&s)
                    }
                };
                assert!(scheme.is_none_or(allowed), "{attr}={url:?} in {html:?}");
            }
            attr = rest.next().unwrap_or_default().trim().trim_end_matches('=');
        }
    }
}
