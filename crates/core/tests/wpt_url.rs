//! WPT's URL tests (`tests/data/wpt-url/urltestdata.json`, vendored with its licence) against
//! `SafeUrl`: every case whose input it accepts must serialize to the standard's `href`, and
//! every case the standard marks as failure must be refused. `SafeUrl` may refuse a valid URL
//! (credentials, IPv6, international domain names, schemes outside its lists): dropping a link
//! is safe, reading it differently from the browser is not. Cases whose base `SafeUrl` cannot
//! be (`file:`, `about:`, other schemes) and relative inputs without a base (which `SafeUrl`
//! keeps relative for a page not known yet) are outside its domain and skipped.

use broadsheet_core::safe_url::{SafeUrl, UrlUse};
use serde_json::Value;

/// True when `input` starts (after what the standard trims) with a scheme and `:`.
fn has_scheme(input: &str) -> bool {
    let trimmed: String = input
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let scheme = trimmed.split(':').next().unwrap_or_default();
    trimmed.contains(':')
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

#[test]
fn accepted_urls_serialize_as_the_standard_says_and_failures_are_refused() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/wpt-url/urltestdata.json"
    );
    let cases: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(path).expect("urltestdata.json"))
            .expect("JSON");
    let (mut accepted, mut refused_valid, mut refused_failures, mut skipped) = (0, 0, 0, 0);
    let mut wrong = Vec::new();
    for case in cases.iter().filter(|c| c.is_object()) {
        let input = case["input"].as_str().unwrap_or_default();
        let base = match case["base"].as_str() {
            None => None,
            Some(base) => match SafeUrl::parse_absolute(base) {
                Some(base) => Some(base),
                None => {
                    skipped += 1;
                    continue;
                }
            },
        };
        if base.is_none() && !has_scheme(input) {
            skipped += 1;
            continue;
        }
        let got = SafeUrl::parse(input, base.as_ref(), UrlUse::Link);
        let failure = case["failure"] == true;
        match (got, failure) {
            (None, true) => refused_failures += 1,
            (None, false) => refused_valid += 1,
            (Some(url), true) => wrong.push(format!(
                "{input:?} (base {}): accepted as {url}, the standard fails it",
                case["base"]
            )),
            (Some(url), false) => {
                if url.as_str() == case["href"].as_str().unwrap_or_default() {
                    accepted += 1;
                } else {
                    wrong.push(format!(
                        "{input:?} (base {}): {url}, the standard says {}",
                        case["base"], case["href"]
                    ));
                }
            }
        }
    }
    println!(
        "WPT URL: {accepted} accepted as the standard serializes them, {refused_failures} failures refused, \
         {refused_valid} valid URLs refused, {skipped} outside SafeUrl's domain, {} wrong",
        wrong.len()
    );
    assert!(
        wrong.is_empty(),
        "{} differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(accepted >= 150, "only {accepted} accepted");
}
