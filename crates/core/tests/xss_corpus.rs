//! The sanitizer against a corpus of XSS vectors (`tests/data/xss-vectors.txt`, from the public
//! collections named in its comments). Its output is parsed by html5ever, a standards-conforming
//! parser independent of ours, and every element, attribute and URL is checked against the
//! allowlist written out below.

#![cfg(not(target_arch = "wasm32"))]

use broadsheet_core::html::{sanitize, SanitizeContext};
use broadsheet_core::safe_url::SafeUrl;
use html5ever::tendril::TendrilSink;
use html5ever::{parse_fragment, ParseOpts, QualName};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

const ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

const ATTRIBUTES: &[&str] = &[
    "href", "src", "cite", "alt", "title", "lang", "dir", "width", "height", "colspan", "rowspan",
    "scope", "start", "reversed", "value", "datetime", "class", "loading", "decoding", "rel",
];

fn vectors() -> Vec<String> {
    let text = include_str!("../../../tests/data/xss-vectors.txt");
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.replace("\\n", "\n").replace("\\t", "\t"))
        .collect()
}

/// True for a URL a reader may follow: http(s), mailto (links only), or no scheme at all.
fn safe_url(value: &str, link: bool) -> bool {
    let v = value.trim().to_ascii_lowercase();
    let scheme_end = v.find(':');
    let path_start = v.find(['/', '?', '#']);
    match scheme_end {
        Some(c) if path_start.is_none_or(|p| c < p) => {
            v.starts_with("http://")
                || v.starts_with("https://")
                || (link && v.starts_with("mailto:"))
        }
        _ => true,
    }
}

fn check(node: &Handle, vector: &str, out: &str, problems: &mut Vec<String>) {
    if let NodeData::Element { name, attrs, .. } = &node.data {
        let tag = name.local.to_string();
        if name.ns != html5ever::ns!(html) {
            problems.push(format!("foreign element <{tag}> from {vector:?}: {out}"));
        }
        if !ELEMENTS.contains(&tag.as_str()) && tag != "html" {
            problems.push(format!("element <{tag}> from {vector:?}: {out}"));
        }
        for attr in attrs.borrow().iter() {
            let attr_name = attr.name.local.to_string();
            let value = attr.value.to_string();
            if !ATTRIBUTES.contains(&attr_name.as_str()) || attr_name.starts_with("on") {
                problems.push(format!(
                    "attribute {attr_name} on <{tag}> from {vector:?}: {out}"
                ));
            }
            let link = matches!(attr_name.as_str(), "href" | "cite");
            if (link || attr_name == "src") && !safe_url(&value, link) {
                problems.push(format!(
                    "URL {value:?} in {attr_name} from {vector:?}: {out}"
                ));
            }
        }
    }
    for child in node.children.borrow().iter() {
        check(child, vector, out, problems);
    }
}

fn parse(html: &str) -> RcDom {
    parse_fragment(
        RcDom::default(),
        ParseOpts::default(),
        QualName::new(None, html5ever::ns!(html), html5ever::local_name!("div")),
        Vec::new(),
        false,
    )
    .one(html)
}

#[test]
fn corpus_is_large_enough() {
    let v = vectors();
    assert!(v.len() >= 150, "only {} vectors", v.len());
}

#[test]
fn nothing_outside_the_allowlist_survives() {
    let base = SafeUrl::parse_absolute("https://site.example/posts/a.json").expect("base");
    // The build step's rebasing, and a rewrite that tries to smuggle a scheme back in: both
    // are checked again by the sanitizer.
    let rebase = |url: &str| broadsheet_core::paths::rebase(url, "", "posts");
    let hostile = |url: &str| format!("javascript:{url}");
    let mut problems = Vec::new();
    for vector in vectors() {
        for ctx in [
            SanitizeContext {
                base: Some(&base),
                ..SanitizeContext::default()
            },
            SanitizeContext::default(),
            SanitizeContext {
                rewrite_url: Some(&rebase),
                ..SanitizeContext::default()
            },
            SanitizeContext {
                rewrite_url: Some(&hostile),
                ..SanitizeContext::default()
            },
        ] {
            let out = sanitize(&vector, ctx).html;
            check(&parse(&out).document, &vector, &out, &mut problems);
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn sanitizing_is_idempotent() {
    let mut changed = Vec::new();
    for vector in vectors() {
        let once = sanitize(&vector, SanitizeContext::default()).html;
        let twice = sanitize(&once, SanitizeContext::default()).html;
        if once != twice {
            changed.push(format!("{vector:?}\n  once:  {once}\n  twice: {twice}"));
        }
    }
    assert!(changed.is_empty(), "{}", changed.join("\n"));
}

#[test]
fn the_checks_catch_the_vectors_when_nothing_sanitizes_them() {
    let mut caught = 0;
    let all = vectors();
    for vector in &all {
        let mut problems = Vec::new();
        check(&parse(vector).document, vector, vector, &mut problems);
        caught += usize::from(!problems.is_empty());
    }
    // The rest are text to any parser (UTF-7, URL-encoded or full-width brackets, benign
    // controls): dangerous only to something that decodes them first.
    assert!(
        caught * 100 >= all.len() * 85,
        "the checks flag only {caught} of {} raw vectors",
        all.len()
    );
}
