//! The sanitizer against a corpus of XSS vectors (`tests/data/xss-vectors.txt`, from the public
//! collections named in its comments). Its output is parsed by html5ever, a standards-conforming
//! parser independent of ours, and every element, attribute and URL is checked against the
//! allowlist written out below. Each vector is read both ways the sanitizer is given HTML: by
//! the core's tokenizer (the build step) and from the tree a browser's parser builds (the
//! browser component; `support/browser_walk.rs`).

#![cfg(not(target_arch = "wasm32"))]

#[path = "support/browser_walk.rs"]
mod browser_walk;
#[path = "support/fragment.rs"]
mod fragment;

use broadsheet_core::html::{sanitize, SanitizeContext, Sanitized};
use broadsheet_core::safe_url::SafeUrl;
use markup5ever_rcdom::{Handle, NodeData};

const ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
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
    "footer",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "source",
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

/// MathML Core's presentation elements: allowed only in the MathML namespace.
const MATH_ELEMENTS: &[&str] = &[
    "math",
    "annotation",
    "merror",
    "mfrac",
    "mi",
    "mmultiscripts",
    "mn",
    "mo",
    "mover",
    "mpadded",
    "mphantom",
    "mprescripts",
    "mroot",
    "mrow",
    "ms",
    "mspace",
    "msqrt",
    "mstyle",
    "msub",
    "msubsup",
    "msup",
    "mtable",
    "mtd",
    "mtext",
    "mtr",
    "munder",
    "munderover",
    "semantics",
];

const ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "srcset",
    "sizes",
    "media",
    "type",
    "cite",
    "alt",
    "title",
    "lang",
    "dir",
    "id",
    "width",
    "height",
    "colspan",
    "rowspan",
    "span",
    "scope",
    "start",
    "reversed",
    "value",
    "datetime",
    "class",
    "loading",
    "decoding",
    "rel",
    "open",
    "checked",
    "disabled",
    "aria-hidden",
];

const MATH_ATTRIBUTES: &[&str] = &[
    "dir",
    "display",
    "displaystyle",
    "scriptlevel",
    "mathvariant",
    "mathcolor",
    "mathbackground",
    "mathsize",
    "encoding",
    "linethickness",
    "form",
    "fence",
    "separator",
    "lspace",
    "rspace",
    "stretchy",
    "symmetric",
    "maxsize",
    "minsize",
    "largeop",
    "movablelimits",
    "accent",
    "accentunder",
    "width",
    "height",
    "depth",
    "voffset",
    "columnspan",
    "rowspan",
];

/// Classes the sanitizer writes itself; every other class must not start with `bs`.
const OWN_CLASSES: &[&str] = &[
    "bs-align-left",
    "bs-align-center",
    "bs-align-right",
    "bs-align-justify",
    "bs-visually-hidden",
];

/// Link schemes besides the web's that run no script.
const LINK_SCHEMES: &[&str] = &[
    "mailto:", "tel:", "sms:", "geo:", "xmpp:", "matrix:", "irc:", "ircs:", "magnet:", "webcal:",
    "sip:", "sips:",
];

fn vectors() -> Vec<String> {
    let text = include_str!("../../../tests/data/xss-vectors.txt");
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.replace("\\n", "\n").replace("\\t", "\t"))
        .collect()
}

/// True for a URL a reader may follow: http(s), a link scheme that runs no script (links
/// only), an inline raster image (images only), or no scheme at all.
fn safe_url(value: &str, link: bool) -> bool {
    let v = value.trim().to_ascii_lowercase();
    let scheme_end = v.find(':');
    let path_start = v.find(['/', '?', '#']);
    match scheme_end {
        Some(c) if path_start.is_none_or(|p| c < p) => {
            let raster = ["png", "jpeg", "gif", "webp", "avif"]
                .iter()
                .any(|t| v.starts_with(&format!("data:image/{t}")));
            v.starts_with("http://")
                || v.starts_with("https://")
                || (link && LINK_SCHEMES.iter().any(|s| v.starts_with(s)))
                || (!link && raster)
        }
        _ => true,
    }
}

/// Checks the parsed output `node` of `vector`; `prefixed` when the sanitizer was given an id
/// prefix (`bs1`), which every id and fragment link must then carry.
fn check(node: &Handle, vector: &str, out: &str, prefixed: bool, problems: &mut Vec<String>) {
    if let NodeData::Element { name, attrs, .. } = &node.data {
        let tag = name.local.to_string();
        let math = name.ns == html5ever::ns!(mathml);
        let allowed = if math {
            MATH_ELEMENTS.contains(&tag.as_str())
        } else {
            name.ns == html5ever::ns!(html) && (ELEMENTS.contains(&tag.as_str()) || tag == "html")
        };
        if !allowed {
            problems.push(format!(
                "element <{tag}> ({:?}) from {vector:?}: {out}",
                name.ns
            ));
        }
        for attr in attrs.borrow().iter() {
            let attr_name = attr.name.local.to_string();
            let value = attr.value.to_string();
            let known = if math { MATH_ATTRIBUTES } else { ATTRIBUTES };
            if !known.contains(&attr_name.as_str()) || attr_name.starts_with("on") {
                problems.push(format!(
                    "attribute {attr_name} on <{tag}> from {vector:?}: {out}"
                ));
            }
            let link = matches!(attr_name.as_str(), "href" | "cite");
            let urls: Vec<&str> = match attr_name.as_str() {
                "href" | "cite" | "src" => vec![value.as_str()],
                "srcset" => value
                    .split(", ")
                    .map(|c| c.split(' ').next().unwrap_or_default())
                    .collect(),
                _ => Vec::new(),
            };
            for url in urls {
                if !safe_url(url, link) {
                    problems.push(format!("URL {url:?} in {attr_name} from {vector:?}: {out}"));
                }
            }
            if attr_name == "class" {
                for class in value.split_ascii_whitespace() {
                    if class.to_ascii_lowercase().starts_with("bs") && !OWN_CLASSES.contains(&class)
                    {
                        problems.push(format!("class {class} from {vector:?}: {out}"));
                    }
                }
            }
            if attr_name == "id" && !value.starts_with("bs1-c-") {
                problems.push(format!(
                    "id {value:?} without the prefix from {vector:?}: {out}"
                ));
            }
            if prefixed
                && attr_name == "href"
                && value.starts_with('#')
                && value.len() > 1
                && !value.starts_with("#bs1-c-")
            {
                problems.push(format!(
                    "fragment {value:?} without the prefix from {vector:?}: {out}"
                ));
            }
        }
    }
    for child in node.children.borrow().iter() {
        check(child, vector, out, prefixed, problems);
    }
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
    let ways: [fn(&str, SanitizeContext<'_>) -> Sanitized; 2] =
        [sanitize, browser_walk::sanitize_as_the_browser];
    for (vector, sanitize) in vectors()
        .into_iter()
        .flat_map(|v| ways.map(|way| (v.clone(), way)))
    {
        for ctx in [
            SanitizeContext {
                base: Some(&base),
                id_prefix: "bs1",
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
            let prefixed = !ctx.id_prefix.is_empty();
            check(
                &fragment::fragment(&out, "div").document,
                &vector,
                &out,
                prefixed,
                &mut problems,
            );
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
        // The browser component, reading what the build step wrote, writes it again unchanged.
        let browser = browser_walk::sanitize_as_the_browser(&once, SanitizeContext::default()).html;
        if once != browser {
            changed.push(format!(
                "{vector:?}\n  build step: {once}\n  browser:    {browser}"
            ));
        }
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
        check(
            &fragment::fragment(vector, "div").document,
            vector,
            vector,
            false,
            &mut problems,
        );
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
