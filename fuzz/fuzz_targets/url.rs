//! Fuzzes the URL parser: `SafeUrl::parse` for links, resources and images, without a base, with
//! a fixed base and with a base read from the input's first line, and `parse_absolute`. No input
//! may panic, and what the parser accepts is stable: parsed again (with the same base and use) it
//! comes out the same, and keeps to its use's schemes.

#![no_main]

use broadsheet_core::safe_url::{SafeUrl, UrlUse, LINK_SCHEMES};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let fixed = SafeUrl::parse_absolute("https://site.example/posts/a.json");
    let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
    let own = SafeUrl::parse_absolute(first);
    if let Some(base) = &own {
        assert!(base.is_absolute_http(), "{first:?} gave the base {base:?}");
        stable_absolute(base);
    }
    if let Some(url) = SafeUrl::parse_absolute(&text) {
        stable_absolute(&url);
    }
    for usage in [UrlUse::Link, UrlUse::Resource, UrlUse::Image] {
        for base in [None, fixed.as_ref(), own.as_ref()] {
            for input in [&*text, rest] {
                let Some(url) = SafeUrl::parse(input, base, usage) else {
                    continue;
                };
                let again = SafeUrl::parse(url.as_str(), base, usage);
                assert_eq!(
                    again.as_ref(),
                    Some(&url),
                    "{input:?} ({usage:?}, base {base:?}) gave {url:?}"
                );
                allowed(&url, usage);
                if base.is_some_and(SafeUrl::is_absolute_http) {
                    assert!(
                        !url.is_relative(),
                        "{input:?} ({usage:?}, base {base:?}) left {url:?} relative"
                    );
                }
            }
        }
    }
});

/// `url`, an absolute `http(s)` URL, parsed again as one: the same.
fn stable_absolute(url: &SafeUrl) {
    assert!(url.is_absolute_http(), "{url:?}");
    assert_eq!(SafeUrl::parse_absolute(url.as_str()).as_ref(), Some(url), "not stable");
    assert!(url.origin().is_some(), "{url:?} has no origin");
}

/// `url` uses a scheme its use allows, or none.
fn allowed(url: &SafeUrl, usage: UrlUse) {
    let s = url.as_str();
    if url.is_relative() || url.is_absolute_http() {
        return;
    }
    let scheme = s.split_once(':').map(|(scheme, _)| scheme).unwrap_or_default();
    let ok = match usage {
        UrlUse::Link => LINK_SCHEMES.contains(&scheme),
        UrlUse::Resource => false,
        UrlUse::Image => scheme == "data" && s[5..].to_ascii_lowercase().starts_with("image/"),
    };
    assert!(ok, "{s:?} for {usage:?}");
}
