//! URLs in the browser, where `SafeUrl` parses `http(s)` URLs with the browser's own `URL`:
//! the same answers as the Rust parser (`whatwg.rs`, used natively) on every case of WPT's
//! `urltestdata.json` and on the refusals `SafeUrl` adds.

use broadsheet_core::safe_url::{clean, parse_web_url, SafeUrl, UrlUse};

use super::*;

/// The Rust parser's answer for `input` against `base`, as `SafeUrl::parse` asks it natively;
/// `None` for an input `SafeUrl` does not give to the web parser (another scheme, a relative
/// reference without a base).
fn by_rust(input: &str, base: Option<&str>) -> Option<Option<String>> {
    let base = match base {
        Some(base) => Some(parse_web_url(&clean(base), None)?),
        None => None,
    };
    let input = clean(input);
    if input.is_empty() {
        return Some(None);
    }
    let scheme = input
        .split_once(':')
        .map(|(s, rest)| (s.to_ascii_lowercase(), rest))
        .filter(|(s, _)| !s.contains(['/', '\\', '?', '#']));
    match scheme {
        Some((s, rest)) if s == "http" || s == "https" => Some(
            (base.is_some() || rest.starts_with(['/', '\\']))
                .then(|| parse_web_url(&input, base.as_deref()))
                .flatten(),
        ),
        Some(_) => None,
        None => base.as_ref().map(|b| parse_web_url(&input, Some(b))),
    }
}

/// The browser's answer, through `SafeUrl`.
fn by_browser(input: &str, base: Option<&str>) -> Option<String> {
    let base = base.map(SafeUrl::parse_absolute);
    SafeUrl::parse(input, base.flatten().as_ref(), UrlUse::Link).map(|u| u.to_string())
}

#[wasm_bindgen_test]
fn the_browser_parses_urls_as_the_rust_parser_does() {
    let cases: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("../data/wpt-url/urltestdata.json")).expect("JSON");
    let mut pairs: Vec<(String, Option<String>)> = cases
        .iter()
        .filter(|c| c.is_object())
        .map(|c| {
            let input = c["input"].as_str().unwrap_or_default().to_string();
            (input, c["base"].as_str().map(str::to_string))
        })
        .collect();
    // The refusals SafeUrl adds to the standard, and where they do not apply.
    let site = Some("https://site.example/a/b".to_string());
    for input in [
        "https://user:pass@site.example/",
        "https://@site.example/",
        "https://:@site.example/",
        "http:/@x",
        "http:@x",
        "//@evil.example/",
        "\\\\@evil.example/",
        "/@handle",
        "?q=a@b",
        "#@x",
        "https://[::1]/",
        "https://xn--nxasmq6b.example/",
        "https://Ελλάδα.example/",
        "https://%C3%A9.example/",
        "https://site.example:443/x",
        "https://site.example:8080/x",
        "HTTPS://SITE.EXAMPLE/%7e?%7e#%7e",
        "https://192.168.0.257/",
        "https://0x7f.1/",
        // After the scheme of the base, two slashes of either kind start an authority.
        "https:\\\\trusted.example@evil.example/",
        "https:/\\u@evil.example/",
        "https:\\/u@evil.example/",
        "HTTPS:\\\\[::1]/",
        "https:\\\\a*b.example/",
        "https:/@x",
    ] {
        pairs.push((input.to_string(), None));
        pairs.push((input.to_string(), site.clone()));
    }
    let (mut compared, mut accepted) = (0, 0);
    let mut differ = Vec::new();
    for (input, base) in &pairs {
        let Some(rust) = by_rust(input, base.as_deref()) else {
            continue;
        };
        compared += 1;
        let browser = by_browser(input, base.as_deref());
        accepted += usize::from(browser.is_some());
        if browser != rust {
            differ.push(format!(
                "{input:?} against {base:?}: the browser {browser:?}, Rust {rust:?}"
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {compared} differ:\n{}",
        differ.len(),
        differ.join("\n")
    );
    assert!(
        compared > 400 && accepted > 150,
        "{compared} compared, {accepted} accepted"
    );
}
