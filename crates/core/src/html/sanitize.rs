//! The allowlist sanitizer for `content_html`.
//!
//! Input is tokenized by [`Tokenizer`] and rebuilt as a new document that holds only
//! allowlisted elements and attributes, with every text and attribute value escaped and every
//! URL validated by [`SafeUrl`]. Because all markup in the output is written here, nothing in
//! the input can reach the DOM as markup: a browser re-parsing the output can only rearrange the
//! allowlisted elements, never create others (no raw-text or foreign-content elements are
//! allowed, which closes the mutation-XSS paths). The same pass collects the text that the
//! read-time estimate needs.

use super::tokenizer::{normalize_newlines, Token, Tokenizer};
use crate::safe_url::{SafeUrl, UrlUse};

/// Elements kept, with the attributes each may carry beyond the global ones.
const ELEMENTS: &[(&str, &[&str])] = &[
    ("a", &["href"]),
    ("abbr", &[]),
    ("b", &[]),
    ("blockquote", &["cite"]),
    ("br", &[]),
    ("caption", &[]),
    ("cite", &[]),
    ("code", &["class"]),
    ("dd", &[]),
    ("del", &[]),
    ("details", &[]),
    ("dfn", &[]),
    ("div", &[]),
    ("dl", &[]),
    ("dt", &[]),
    ("em", &[]),
    ("figcaption", &[]),
    ("figure", &[]),
    ("h2", &[]),
    ("h3", &[]),
    ("h4", &[]),
    ("h5", &[]),
    ("h6", &[]),
    ("hr", &[]),
    ("i", &[]),
    ("img", &["src", "alt", "width", "height"]),
    ("ins", &[]),
    ("kbd", &[]),
    ("li", &["value"]),
    ("mark", &[]),
    ("ol", &["start", "reversed"]),
    ("p", &[]),
    ("pre", &["class"]),
    ("q", &["cite"]),
    ("s", &[]),
    ("samp", &[]),
    ("small", &[]),
    ("span", &[]),
    ("strong", &[]),
    ("sub", &[]),
    ("summary", &[]),
    ("sup", &[]),
    ("table", &[]),
    ("tbody", &[]),
    ("td", &["colspan", "rowspan"]),
    ("tfoot", &[]),
    ("th", &["colspan", "rowspan", "scope"]),
    ("thead", &[]),
    ("time", &["datetime"]),
    ("tr", &[]),
    ("u", &[]),
    ("ul", &[]),
    ("var", &[]),
    ("wbr", &[]),
];

/// Attributes allowed on every kept element.
const GLOBAL_ATTRS: &[&str] = &["title", "lang", "dir"];

/// Elements without content or end tag.
const VOID: &[&str] = &["br", "hr", "img", "wbr"];

/// Elements dropped together with everything inside them.
const DROP_WITH_CONTENT: &[&str] = &[
    "applet",
    "audio",
    "embed",
    "frame",
    "frameset",
    "head",
    "iframe",
    "math",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "script",
    "select",
    "style",
    "svg",
    "template",
    "textarea",
    "title",
    "video",
    "xmp",
    "plaintext",
];

/// Elements that separate blocks of text, so words on either side do not run together.
const BLOCKS: &[&str] = &[
    "blockquote",
    "br",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Nesting deeper than this is flattened: the tags are dropped, their text kept.
pub const MAX_DEPTH: usize = 64;

/// The sanitized body and what the read-time estimate needs from it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sanitized {
    /// Safe HTML, ready for `innerHTML`.
    pub html: String,
    /// Text outside `<pre>` blocks.
    pub prose: String,
    /// Text inside `<pre>` blocks.
    pub code: String,
    /// Images kept.
    pub images: usize,
}

/// Where the sanitized document lives, for resolving and judging its URLs.
#[derive(Clone, Copy, Default)]
pub struct SanitizeContext<'a> {
    /// The URL the article was loaded from; relative URLs resolve against it.
    pub base: Option<&'a SafeUrl>,
    /// Rewrites every URL after validation, for a document that moves to another folder (the
    /// build step); it returns the URLs it does not move unchanged. With a `base`, it sees
    /// resolved absolute URLs. What it returns is validated again.
    pub rewrite_url: Option<&'a dyn Fn(&str) -> String>,
}

/// `value` validated for `usage`, passed through `ctx.rewrite_url` and validated again. A
/// fragment (`#notes`) stays one: it points into the page, not into the article's JSON file.
fn clean_url(value: &str, usage: UrlUse, ctx: &SanitizeContext<'_>) -> Option<String> {
    let fragment = value
        .trim_start_matches(|c: char| c <= ' ')
        .starts_with('#');
    let base = if fragment { None } else { ctx.base };
    let url = SafeUrl::parse(value, base, usage)?;
    let url = match ctx.rewrite_url {
        Some(rewrite) => SafeUrl::parse(&rewrite(url.as_str()), base, usage)?,
        None => url,
    };
    Some(url.to_string())
}

/// True for elements whose start or end separates words.
fn is_block(name: &str) -> bool {
    BLOCKS.contains(&name) || matches!(name, "section" | "article" | "header" | "footer" | "main")
}

/// Escapes text for an HTML text node.
pub fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{0}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

fn escape_attr(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{0}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// The value an attribute may keep on element `name`, or `None` to drop it.
fn clean_attr(name: &str, attr: &str, value: &str, ctx: &SanitizeContext<'_>) -> Option<String> {
    let small_number = |v: &str| {
        let v = v.trim();
        (!v.is_empty() && v.len() <= 4 && v.bytes().all(|b| b.is_ascii_digit()))
            .then(|| v.to_string())
    };
    match attr {
        "href" | "cite" => clean_url(value, UrlUse::Link, ctx),
        "src" => clean_url(value, UrlUse::Resource, ctx),
        "dir" => {
            let v = value.trim().to_ascii_lowercase();
            matches!(v.as_str(), "ltr" | "rtl" | "auto").then_some(v)
        }
        "lang" => crate::lang::LanguageTag::parse(value).map(|t| t.as_str().to_string()),
        "width" | "height" | "colspan" | "rowspan" | "start" | "value" => small_number(value),
        "reversed" => Some(String::new()),
        "scope" => {
            let v = value.trim().to_ascii_lowercase();
            matches!(v.as_str(), "row" | "col" | "rowgroup" | "colgroup").then_some(v)
        }
        "class" if name == "code" || name == "pre" => {
            let v = value.trim();
            (v.len() <= 40
                && v.strip_prefix("language-").is_some_and(|l| {
                    !l.is_empty()
                        && l.bytes()
                            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'#'))
                }))
            .then(|| v.to_string())
        }
        "title" | "alt" | "datetime" => Some(value.chars().take(1000).collect()),
        _ => None,
    }
}

struct Builder<'a> {
    ctx: SanitizeContext<'a>,
    out: Sanitized,
    open: Vec<&'static str>,
    in_pre: usize,
}

impl Builder<'_> {
    fn separate(&mut self) {
        let target = if self.in_pre > 0 {
            &mut self.out.code
        } else {
            &mut self.out.prose
        };
        if !target.ends_with(' ') && !target.is_empty() {
            target.push(' ');
        }
    }

    fn text(&mut self, text: &str) {
        escape_text(text, &mut self.out.html);
        if self.in_pre > 0 {
            self.out.code.push_str(text);
        } else {
            self.out.prose.push_str(text);
        }
    }

    fn start(&mut self, name: &str, attrs: &[(String, String)]) {
        let name = if name == "h1" { "h2" } else { name };
        let Some(&(name, extra)) = ELEMENTS.iter().find(|(n, _)| *n == name) else {
            if is_block(name) {
                self.separate();
            }
            return;
        };
        let void = VOID.contains(&name);
        if !void && self.open.len() >= MAX_DEPTH {
            return;
        }
        let mut html = format!("<{name}");
        let mut src_ok = false;
        let mut external = false;
        for (attr, value) in attrs {
            if !GLOBAL_ATTRS.contains(&attr.as_str()) && !extra.contains(&attr.as_str()) {
                continue;
            }
            let Some(clean) = clean_attr(name, attr, value, &self.ctx) else {
                continue;
            };
            if attr == "src" {
                src_ok = true;
            }
            if attr == "href" {
                external = is_external(&clean, self.ctx.base);
            }
            html.push(' ');
            html.push_str(attr);
            html.push_str("=\"");
            escape_attr(&clean, &mut html);
            html.push('"');
        }
        if name == "img" {
            if !src_ok {
                return;
            }
            html.push_str(" loading=\"lazy\" decoding=\"async\"");
            self.out.images += 1;
        }
        if external {
            html.push_str(" rel=\"noopener noreferrer nofollow\"");
        }
        html.push('>');
        self.out.html.push_str(&html);
        if BLOCKS.contains(&name) {
            self.separate();
        }
        if !void {
            self.open.push(name);
            if name == "pre" {
                self.in_pre += 1;
            }
        }
    }

    fn end(&mut self, name: &str) {
        let name = if name == "h1" { "h2" } else { name };
        if is_block(name) {
            self.separate();
        }
        if let Some(pos) = self.open.iter().rposition(|n| *n == name) {
            while self.open.len() > pos {
                self.close_top();
            }
        }
    }

    fn close_top(&mut self) {
        if let Some(top) = self.open.pop() {
            if top == "pre" {
                self.in_pre -= 1;
            }
            self.out.html.push_str("</");
            self.out.html.push_str(top);
            self.out.html.push('>');
        }
    }
}

/// True when `href` points to another origin than `base` (or `base` is unknown and `href`
/// is absolute).
fn is_external(href: &str, base: Option<&SafeUrl>) -> bool {
    let Some(url) = SafeUrl::parse_absolute(href) else {
        return false;
    };
    url.origin() != base.and_then(SafeUrl::origin)
}

/// Sanitizes `input` for `ctx`.
pub fn sanitize(input: &str, ctx: SanitizeContext<'_>) -> Sanitized {
    let mut b = Builder {
        ctx,
        out: Sanitized::default(),
        open: Vec::new(),
        in_pre: 0,
    };
    let mut dropping: Option<(String, usize)> = None;
    let input = normalize_newlines(input);
    for token in Tokenizer::new(&input) {
        if let Some((name, depth)) = dropping.as_mut() {
            match &token {
                Token::Start { name: n, .. } if n == name => *depth += 1,
                Token::End { name: n } if n == name => {
                    *depth -= 1;
                    if *depth == 0 {
                        dropping = None;
                    }
                }
                _ => {}
            }
            continue;
        }
        match token {
            Token::Start { name, attrs, .. } => {
                if DROP_WITH_CONTENT.contains(&name.as_str()) {
                    dropping = Some((name, 1));
                } else {
                    b.start(&name, &attrs);
                }
            }
            Token::End { name } => b.end(&name),
            Token::Text(text) => b.text(&text),
            Token::RawText(_) => {}
        }
    }
    while !b.open.is_empty() {
        b.close_top();
    }
    let mut out = b.out;
    out.prose = out.prose.trim().to_string();
    out.code = out.code.trim().to_string();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(html: &str) -> String {
        sanitize(html, SanitizeContext::default()).html
    }

    #[test]
    fn keeps_article_markup() {
        assert_eq!(
            clean("<h2 id=x>Title</h2><p class=c>Some <em>text</em> &amp; <a href=\"/x\" title=t>a link</a>.</p>"),
            "<h2>Title</h2><p>Some <em>text</em> &amp; <a href=\"/x\" title=\"t\">a link</a>.</p>"
        );
        assert_eq!(clean("<h1>Top</h1>"), "<h2>Top</h2>");
        assert_eq!(
            clean("<pre class=\"language-rust\"><code class=\"language-rust\">fn main() {}</code></pre>"),
            "<pre class=\"language-rust\"><code class=\"language-rust\">fn main() {}</code></pre>"
        );
        assert_eq!(
            clean("<img src=\"https://a.example/x.png\" alt=\"A cat\" width=640 onerror=alert(1)>"),
            "<img src=\"https://a.example/x.png\" alt=\"A cat\" width=\"640\" loading=\"lazy\" decoding=\"async\">"
        );
    }

    #[test]
    fn drops_scripts_handlers_and_bad_urls() {
        assert_eq!(clean("a<script>alert(1)</script>b"), "ab");
        assert_eq!(clean("<p onclick=alert(1)>x</p>"), "<p>x</p>");
        assert_eq!(clean("<a href=\"javascript:alert(1)\">x</a>"), "<a>x</a>");
        assert_eq!(
            clean("<a href=\"jav&#x09;ascript:alert(1)\">x</a>"),
            "<a>x</a>"
        );
        assert_eq!(
            clean("<img src=x onerror=alert(1)>"),
            "<img src=\"x\" loading=\"lazy\" decoding=\"async\">"
        );
        assert_eq!(clean("<img src=\"javascript:alert(1)\">"), "");
        assert_eq!(
            clean("<svg><script>alert(1)</script><p>in svg</p></svg>ok"),
            "ok"
        );
        assert_eq!(
            clean("<iframe srcdoc=\"<script>x</script>\">t</iframe>"),
            ""
        );
        assert_eq!(
            clean("<form action=x><button formaction=javascript:x>B</button></form>"),
            "B"
        );
        assert_eq!(
            clean("<style>*{}</style><p style=\"color:red\">x</p>"),
            "<p>x</p>"
        );
        assert_eq!(
            clean("<p>1 &lt;script&gt; 2</p>"),
            "<p>1 &lt;script&gt; 2</p>"
        );
    }

    #[test]
    fn null_characters_become_replacement_characters() {
        // Found by fuzzing: NULs dropped from a URL after validation changed what it said.
        // The tokenizer now replaces them in attributes, as the standard does, and the URL
        // `\u{FFFD}\u{FFFD}:\u{FFFD}F` is refused (a colon in a first segment that is no
        // scheme).
        assert_eq!(clean("<a href=\"\0\0:\0F\">x\0</a>"), "<a>x\u{FFFD}</a>");
        assert_eq!(
            clean("<a href=\"a\0b\" title=\"\0\">x</a>"),
            "<a href=\"a\u{FFFD}b\" title=\"\u{FFFD}\">x</a>"
        );
    }

    #[test]
    fn external_links_get_rel() {
        let base = SafeUrl::parse_absolute("https://site.example/posts/a.json").expect("valid");
        let ctx = SanitizeContext {
            base: Some(&base),
            ..SanitizeContext::default()
        };
        assert_eq!(
            sanitize("<a href=\"https://other.example/\">x</a>", ctx).html,
            "<a href=\"https://other.example/\" rel=\"noopener noreferrer nofollow\">x</a>"
        );
        assert_eq!(
            sanitize("<a href=\" #notes\">see</a>", ctx).html,
            "<a href=\"#notes\">see</a>"
        );
        assert_eq!(
            sanitize("<a href=\"../b/\">x</a><img src=img.png>", ctx).html,
            "<a href=\"https://site.example/b/\">x</a><img src=\"https://site.example/posts/img.png\" loading=\"lazy\" decoding=\"async\">"
        );
    }

    #[test]
    fn rewritten_urls_are_validated_again() {
        let rewrite = |url: &str| match url {
            "a.png" => "../a.png".to_string(),
            "b/" => "javascript:alert(1)".to_string(),
            other => other.to_string(),
        };
        let ctx = SanitizeContext {
            rewrite_url: Some(&rewrite),
            ..SanitizeContext::default()
        };
        assert_eq!(
            sanitize("<img src=a.png><a href=b/>b</a><a href=c/>c</a>", ctx).html,
            "<img src=\"../a.png\" loading=\"lazy\" decoding=\"async\"><a>b</a><a href=\"c/\">c</a>"
        );
    }

    #[test]
    fn closes_unbalanced_markup_and_flattens_deep_nesting() {
        assert_eq!(clean("<p><em>open"), "<p><em>open</em></p>");
        assert_eq!(clean("</p>stray</em>"), "stray");
        assert_eq!(
            clean("<ul><li>a<li>b</ul>"),
            "<ul><li>a<li>b</li></li></ul>"
        );
        let deep = "<div>".repeat(10_000) + "deep" + &"</div>".repeat(10_000);
        let out = sanitize(&deep, SanitizeContext::default());
        assert_eq!(out.html.matches("<div>").count(), MAX_DEPTH);
        assert!(out.html.contains("deep"));
        assert_eq!(out.prose, "deep");
    }

    #[test]
    fn collects_text_for_read_time() {
        let out = clean_full("<p>One two</p><p>three</p><pre><code>let x = 1;</code></pre><img src=a.png><figure><img src=b.png></figure>");
        assert_eq!(out.prose, "One two three");
        assert_eq!(out.code, "let x = 1;");
        assert_eq!(out.images, 2);
    }

    fn clean_full(html: &str) -> Sanitized {
        sanitize(html, SanitizeContext::default())
    }
}
