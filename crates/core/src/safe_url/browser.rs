//! `http(s)` URLs parsed by the browser's `URL`, which implements the same standard as
//! `whatwg.rs`, with the refusals `SafeUrl` adds on top. The wasm then carries no URL parser of
//! its own (about 3 kB brotli); `tests/browser/urls.rs` compares the two on WPT's cases.

use wasm_bindgen::prelude::*;

use super::{after_two_slashes, is_plain_host, scheme_of, split_authority};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = URL)]
    type Url;

    #[wasm_bindgen(catch, constructor, js_class = "URL")]
    fn new(input: &str, base: Option<&str>) -> Result<Url, JsValue>;

    #[wasm_bindgen(method, getter)]
    fn href(this: &Url) -> String;

    #[wasm_bindgen(method, getter)]
    fn protocol(this: &Url) -> String;

    #[wasm_bindgen(method, getter)]
    fn hostname(this: &Url) -> String;

    #[wasm_bindgen(method, getter)]
    fn username(this: &Url) -> String;

    #[wasm_bindgen(method, getter)]
    fn password(this: &Url) -> String;
}

/// [`super::parse_web_url`], by the browser.
pub fn parse_web_url(input: &str, base: Option<&str>) -> Option<String> {
    // What `SafeUrl` refuses that the standard allows, or that browsers read differently (see
    // `is_plain_host`), is looked at as written: the browser's URL drops empty credentials
    // without a trace, and reads some hosts otherwise than the standard.
    let authority = authority(input, base);
    if !authority.is_empty() {
        // Credentials, even empty ones: `https://trusted.example@evil.example/` misleads.
        if authority.contains('@') {
            return None;
        }
        let host = authority
            .rsplit_once(':')
            .map_or(authority, |(host, _)| host);
        if !is_plain_host(host) {
            return None;
        }
    }
    let url = Url::new(input, base).ok()?;
    let host = url.hostname();
    let web = matches!(url.protocol().as_str(), "http:" | "https:");
    // A host written as `xn--` labels is an international domain name, refused as
    // `whatwg.rs` refuses it. And the result is checked again as it came out, so that a
    // misreading of the input above cannot let credentials or another host through.
    let refused = host.split('.').any(|label| label.starts_with("xn--"))
        || !is_plain_host(&host)
        || !url.username().is_empty()
        || !url.password().is_empty();
    (web && !refused).then(|| url.href())
}

/// The authority of `input` as written, read against `base` as `whatwg.rs` reads it: after a
/// scheme other than the base's, past every slash; otherwise only after two slashes. Empty
/// where there is none.
fn authority<'a>(input: &'a str, base: Option<&str>) -> &'a str {
    let start = match scheme_of(input) {
        Ok(Some(scheme)) => {
            let rest = &input[scheme.len() + 1..];
            let same_scheme = base
                .and_then(|b| b.split_once(':'))
                .is_some_and(|(s, _)| s.eq_ignore_ascii_case(scheme));
            if same_scheme {
                after_two_slashes(rest)
            } else {
                Some(rest.trim_start_matches(['/', '\\']))
            }
        }
        _ => after_two_slashes(input),
    };
    start.map_or("", |s| split_authority(s).0)
}
