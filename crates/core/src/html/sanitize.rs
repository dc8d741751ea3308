//! The allowlist sanitizer for `content_html`.
//!
//! Input is tokenized by [`Tokenizer`] (in the browser, parsed by the browser: see
//! [`sanitize_tokens`]) and rebuilt as a new document that holds only
//! allowlisted elements and attributes, with every text and attribute value escaped and every
//! URL validated by [`SafeUrl`]. Because all markup in the output is written here, nothing in
//! the input can reach the DOM as markup: a browser re-parsing the output can only rearrange the
//! allowlisted elements, never create others. No raw-text element is allowed, and MathML, the
//! one foreign content kept, holds only MathML elements (an HTML element inside it is unwrapped,
//! so nothing can switch the parser back and forth between the two), which closes the
//! mutation-XSS paths. The same pass collects the text that the read-time estimate needs.
//!
//! The output is read back by a browser as written: where HTML's parser would close or insert
//! elements by itself (a `<p>` before a block, one `<li>` before the next, an `<a>` inside an
//! `<a>`, a table's rows and sections), the sanitizer writes them, and what the parser would
//! move out of a table is dropped (`crates/core/tests/reparse.rs` checks it with html5ever).
//! So the top-level elements the read-time marks count are the ones the page has.
//!
//! What real posts are made of is kept: footnotes and heading anchors (ids, made unique with a
//! prefix, and the `#` links to them), the classes of syntax highlighters, images with `srcset`,
//! `<picture>` and inline raster `data:` URLs, links to phones and maps, table alignment, task
//! lists, `details`, ruby, and formulas in MathML Core. Presentational leftovers (`center`,
//! `font`, `strike`, `tt`) become their meaning.

use super::tokenizer::{normalize_newlines, Token, Tokenizer};
use crate::safe_url::{SafeUrl, UrlUse};

/// HTML elements kept, with the attributes each may carry beyond [`GLOBAL_ATTRS`].
const ELEMENTS: &[(&str, &[&str])] = &[
    ("a", &["href"]),
    ("abbr", &[]),
    ("article", &[]),
    ("aside", &[]),
    ("b", &[]),
    ("bdi", &[]),
    ("bdo", &[]),
    ("blockquote", &["cite"]),
    ("br", &[]),
    ("caption", &[]),
    ("cite", &[]),
    ("code", &["class"]),
    ("col", &["span", "align", "style"]),
    ("colgroup", &["span", "align", "style"]),
    ("dd", &[]),
    ("del", &["cite", "datetime"]),
    ("details", &["open"]),
    ("dfn", &[]),
    ("div", &["class"]),
    ("dl", &[]),
    ("dt", &[]),
    ("em", &[]),
    ("figcaption", &[]),
    ("figure", &[]),
    ("footer", &[]),
    ("h2", &[]),
    ("h3", &[]),
    ("h4", &[]),
    ("h5", &[]),
    ("h6", &[]),
    ("header", &[]),
    ("hr", &[]),
    ("i", &[]),
    ("img", &["src", "alt", "width", "height", "srcset", "sizes"]),
    ("input", &["type", "checked", "disabled"]),
    ("ins", &["cite", "datetime"]),
    ("kbd", &[]),
    ("li", &["value"]),
    ("mark", &[]),
    ("ol", &["start", "reversed", "type"]),
    ("p", &[]),
    ("picture", &[]),
    ("pre", &["class"]),
    ("q", &["cite"]),
    ("rp", &[]),
    ("rt", &[]),
    ("ruby", &[]),
    ("s", &[]),
    ("samp", &[]),
    ("section", &[]),
    ("small", &[]),
    (
        "source",
        &["srcset", "sizes", "media", "type", "width", "height"],
    ),
    ("span", &["class"]),
    ("strong", &[]),
    ("sub", &[]),
    ("summary", &[]),
    ("sup", &[]),
    ("table", &[]),
    ("tbody", &["align", "style"]),
    ("td", &["colspan", "rowspan", "align", "style"]),
    ("tfoot", &["align", "style"]),
    ("th", &["colspan", "rowspan", "scope", "align", "style"]),
    ("thead", &["align", "style"]),
    ("time", &["datetime"]),
    ("tr", &["align", "style"]),
    ("u", &[]),
    ("ul", &[]),
    ("var", &[]),
    ("wbr", &[]),
];

/// Attributes allowed on every kept HTML element (`id` with the instance's prefix).
const GLOBAL_ATTRS: &[&str] = &["title", "lang", "dir", "id"];

/// Elements written under another name: headings start at `h2` under the article's `h1`, and
/// presentational elements become their meaning.
const RENAMED: &[(&str, &str)] = &[
    ("h1", "h2"),
    ("center", "div"),
    ("strike", "s"),
    ("tt", "code"),
    ("main", "div"),
];

/// MathML Core's presentation elements, with the attributes each may carry beyond
/// [`MATH_GLOBAL_ATTRS`]. No `href`, no `annotation-xml` (which can hold HTML).
const MATH_ELEMENTS: &[(&str, &[&str])] = &[
    ("math", &["display"]),
    ("annotation", &["encoding"]),
    ("merror", &[]),
    ("mfrac", &["linethickness"]),
    ("mi", &[]),
    ("mmultiscripts", &[]),
    ("mn", &[]),
    (
        "mo",
        &[
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
        ],
    ),
    ("mover", &["accent"]),
    (
        "mpadded",
        &["width", "height", "depth", "lspace", "voffset"],
    ),
    ("mphantom", &[]),
    ("mprescripts", &[]),
    ("mroot", &[]),
    ("mrow", &[]),
    ("ms", &[]),
    ("mspace", &["width", "height", "depth"]),
    ("msqrt", &[]),
    ("mstyle", &[]),
    ("msub", &[]),
    ("msubsup", &[]),
    ("msup", &[]),
    ("mtable", &[]),
    ("mtd", &["columnspan", "rowspan"]),
    ("mtext", &[]),
    ("mtr", &[]),
    ("munder", &["accentunder"]),
    ("munderover", &["accent", "accentunder"]),
    ("semantics", &[]),
];

/// MathML elements whose content is text only.
const MATH_TEXT: &[&str] = &["annotation", "mi", "mn", "mo", "ms", "mtext"];

/// Attributes allowed on every kept MathML element.
const MATH_GLOBAL_ATTRS: &[&str] = &[
    "dir",
    "displaystyle",
    "scriptlevel",
    "mathvariant",
    "mathcolor",
    "mathbackground",
    "mathsize",
];

/// Elements without content or end tag.
const VOID: &[&str] = &["br", "col", "hr", "img", "input", "source", "wbr"];

/// Elements dropped together with everything inside them.
const DROP_WITH_CONTENT: &[&str] = &[
    "annotation-xml",
    "applet",
    "audio",
    "embed",
    "frame",
    "frameset",
    "head",
    "iframe",
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
    "article",
    "aside",
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
    "footer",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "math",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Where HTML's parser stops looking for an open element "in scope" (of those kept).
const SCOPE: &[&str] = &[
    "caption", "table", "td", "th", "mi", "mo", "mn", "ms", "mtext",
];

/// Whether a start tag `name` closes an open `<p>` in HTML's parser: the blocks, but for
/// a table's cells and rows, line breaks and formulas.
fn closes_p(name: &str) -> bool {
    is_block(name) && !matches!(name, "br" | "caption" | "math" | "td" | "th" | "tr")
}

/// Whether an open `name` is one of HTML's "special" elements that stop the parser's search
/// for a `<li>`, `<dd>` or `<dt>` to close (`<div>` and `<p>` do not).
fn is_special(name: &str) -> bool {
    (is_block(name) && !matches!(name, "div" | "p" | "math"))
        || matches!(name, "colgroup" | "tbody" | "tfoot" | "thead")
}

/// Elements that hold a table's structure: other elements and text cannot be directly inside
/// them (HTML's parser moves them out, before the table).
const TABLE_PARTS: &[&str] = &["table", "thead", "tbody", "tfoot", "tr", "colgroup"];

/// Elements that only go in a table.
const TABLE_ONLY: &[&str] = &[
    "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th",
];

const HEADINGS: &[&str] = &["h2", "h3", "h4", "h5", "h6"];

/// Nesting deeper than this is flattened: the tags are dropped, their text kept.
pub const MAX_DEPTH: usize = 64;

/// The classes the sanitizer itself writes: the only ones starting with `bs-`.
pub const ALIGN_CLASSES: [&str; 4] = [
    "bs-align-left",
    "bs-align-center",
    "bs-align-right",
    "bs-align-justify",
];

/// Most classes kept on one element, and the longest class name.
const MAX_CLASSES: usize = 8;
const MAX_CLASS_LEN: usize = 40;

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
    /// Where each top-level element of `html` ends in `prose`, `code` and the image count, in
    /// order: what the read time of the body up to that element is computed from.
    pub blocks: Vec<BlockEnd>,
}

/// How much of a sanitized body's text comes before the end of one of its top-level elements.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BlockEnd {
    /// Bytes of [`Sanitized::prose`].
    pub prose: usize,
    /// Bytes of [`Sanitized::code`].
    pub code: usize,
    /// Images.
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
    /// The prefix of this component instance's element ids (`bs1`): the content's ids become
    /// `bs1-c-<id>` and its `#<id>` links `#bs1-c-<id>`, so they are unique on the page and
    /// cannot clobber the page's names. Empty: ids are dropped.
    pub id_prefix: &'a str,
}

/// `value` validated for `usage`, passed through `ctx.rewrite_url` and validated again. A
/// fragment (`#notes`) stays one: it points into the page, not into the article's JSON file,
/// and gets the instance's id prefix.
fn clean_url(value: &str, usage: UrlUse, ctx: &SanitizeContext<'_>) -> Option<String> {
    let trimmed = value.trim_matches(|c: char| c <= ' ');
    if trimmed.starts_with('#') {
        let url = SafeUrl::parse(trimmed, None, usage)?;
        // The fragment as written out (tabs and newlines gone), as it is read again.
        let fragment = url.as_str().strip_prefix('#').unwrap_or_default();
        return Some(match content_id(fragment, ctx) {
            Some(id) => format!("#{id}"),
            None => url.to_string(),
        });
    }
    let url = SafeUrl::parse(value, ctx.base, usage)?;
    let url = match ctx.rewrite_url {
        Some(rewrite) => SafeUrl::parse(&rewrite(url.as_str()), ctx.base, usage)?,
        None => url,
    };
    Some(url.to_string())
}

/// The id an element of the content gets for `id`: the instance's prefix, `-c-`, and the id
/// (an id written by an earlier sanitizing, `<prefix>-c-x`, keeps its own part `x`). `None`
/// without a prefix, or for an id that is empty, has spaces or is too long.
fn content_id(id: &str, ctx: &SanitizeContext<'_>) -> Option<String> {
    if ctx.id_prefix.is_empty() || id.is_empty() || id.contains(char::is_whitespace) {
        return None;
    }
    let own = match id.split_once("-c-") {
        Some((prefix, rest))
            if prefix.starts_with("bs")
                && prefix[2..].bytes().all(|b| b.is_ascii_digit())
                && !rest.is_empty() =>
        {
            rest
        }
        _ => id,
    };
    // The id's own part is what is too long or not, so that an id written here is kept when
    // sanitized again; counted in characters, as a NUL is written as U+FFFD.
    if own.chars().count() > 200 {
        return None;
    }
    Some(format!("{}-c-{own}", ctx.id_prefix))
}

/// True for elements whose start or end separates words.
fn is_block(name: &str) -> bool {
    BLOCKS.contains(&name) || matches!(name, "marquee" | "nav" | "address" | "hgroup")
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

/// Escapes `text` as [`escape_text`] does, with a `<wbr>` after every [`LONGEST_UNBROKEN`]
/// characters written with no white space between them: plain text (`content_text`) written
/// as the content of an element, which WebKit would otherwise lay out in quadratic time.
pub fn escape_text_in_runs(text: &str, out: &mut String) {
    let (mut rest, mut unbroken) = (text, 0);
    loop {
        let (run, next) = rest.split_at(unbroken_end(rest, &mut unbroken, LONGEST_UNBROKEN));
        escape_text(run, out);
        if next.is_empty() {
            return;
        }
        out.push_str("<wbr>");
        unbroken = 0;
        rest = next;
    }
}

/// Where in `text` the run without a break opportunity (white space) grows past `longest`
/// characters (`text`'s length if nowhere), counting on from the `unbroken` characters before
/// it, which it leaves counted up to there.
fn unbroken_end(text: &str, unbroken: &mut usize, longest: usize) -> usize {
    for (i, c) in text.char_indices() {
        if c.is_ascii_whitespace() {
            *unbroken = 0;
        } else if *unbroken >= longest {
            return i;
        } else {
            *unbroken += 1;
        }
    }
    text.len()
}

/// Escapes `text` for a double-quoted attribute value, appending to `out`.
pub fn escape_attr(text: &str, out: &mut String) {
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

/// The alignment class for an `align` value or a `text-align` declaration.
fn align_class(value: &str) -> Option<&'static str> {
    match value.trim().to_ascii_lowercase().as_str() {
        "left" | "start" => Some(ALIGN_CLASSES[0]),
        "center" | "middle" => Some(ALIGN_CLASSES[1]),
        "right" | "end" => Some(ALIGN_CLASSES[2]),
        "justify" => Some(ALIGN_CLASSES[3]),
        _ => None,
    }
}

/// The `text-align` of a `style` attribute, the one declaration it may carry.
fn style_alignment(style: &str) -> Option<&'static str> {
    style.split(';').find_map(|declaration| {
        let (property, value) = declaration.split_once(':')?;
        (property.trim().eq_ignore_ascii_case("text-align"))
            .then(|| align_class(value.trim_end_matches("!important")))
            .flatten()
    })
}

/// The classes of a `class` attribute that may stay: names of letters, digits, `-` and `_`
/// (what highlight.js, Prism, Shiki, Rouge and Chroma write), never the component's own `bs-`.
fn allowed_classes(value: &str) -> Vec<&str> {
    value
        .split_ascii_whitespace()
        .filter(|class| {
            class.len() <= MAX_CLASS_LEN
                && class.starts_with(|c: char| c.is_ascii_alphabetic())
                && class
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                && !class.to_ascii_lowercase().starts_with("bs-")
                && !class.eq_ignore_ascii_case("bs")
        })
        .take(MAX_CLASSES)
        .collect()
}

/// A `srcset` with every URL checked: the candidates whose URL is a safe image and whose
/// descriptor is a width (`640w`) or a density (`2x`), or `None` when none is left.
fn clean_srcset(value: &str, ctx: &SanitizeContext<'_>) -> Option<String> {
    let mut kept = Vec::new();
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            break;
        }
        let end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let (url, after) = rest.split_at(end);
        // A URL ends at white space; commas at its end separate candidates.
        let trimmed_url = url.trim_end_matches(',');
        let (descriptor, next) = if url.ends_with(',') {
            ("", after)
        } else {
            let descriptor_end = after.find(',').unwrap_or(after.len());
            (after[..descriptor_end].trim(), &after[descriptor_end..])
        };
        rest = next;
        let descriptor_ok = descriptor.is_empty()
            || descriptor.strip_suffix('w').is_some_and(|n| {
                !n.is_empty() && n.len() <= 5 && n.bytes().all(|b| b.is_ascii_digit())
            })
            || descriptor
                .strip_suffix('x')
                .is_some_and(|n| n.len() <= 5 && is_positive_decimal(n));
        if !descriptor_ok {
            continue;
        }
        if let Some(url) = clean_url(trimmed_url, UrlUse::Image, ctx) {
            kept.push(if descriptor.is_empty() {
                url
            } else {
                format!("{url} {descriptor}")
            });
        }
        if kept.len() >= 16 {
            break;
        }
    }
    (!kept.is_empty()).then(|| kept.join(", "))
}

/// A short value made only of `allowed` characters (plus ASCII letters and digits).
fn plain(value: &str, max: usize, allowed: &str) -> Option<String> {
    let v = value.trim();
    (!v.is_empty()
        && v.len() <= max
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || allowed.contains(c)))
    .then(|| v.to_string())
}

/// The value an attribute may keep on HTML element `name`, or `None` to drop it.
fn clean_attr(name: &str, attr: &str, value: &str, ctx: &SanitizeContext<'_>) -> Option<String> {
    let small_number = |v: &str| plain(v, 5, "").filter(|v| v.bytes().all(|b| b.is_ascii_digit()));
    match attr {
        "href" | "cite" => clean_url(value, UrlUse::Link, ctx),
        "src" => clean_url(value, UrlUse::Image, ctx),
        "srcset" => clean_srcset(value, ctx),
        "sizes" | "media" => plain(value, 300, "().,:%- "),
        "dir" => {
            let v = value.trim().to_ascii_lowercase();
            matches!(v.as_str(), "ltr" | "rtl" | "auto").then_some(v)
        }
        "lang" => crate::lang::LanguageTag::parse(value).map(|t| t.as_str().to_string()),
        "id" => content_id(value.trim(), ctx),
        "width" | "height" => {
            let v = value.trim();
            let number = v.strip_suffix('%').unwrap_or(v);
            small_number(number).map(|_| v.to_string())
        }
        "colspan" | "rowspan" | "start" | "value" | "span" => small_number(value),
        "reversed" | "open" | "checked" | "disabled" => Some(String::new()),
        "scope" => {
            let v = value.trim().to_ascii_lowercase();
            matches!(v.as_str(), "row" | "col" | "rowgroup" | "colgroup").then_some(v)
        }
        "type" if name == "ol" => {
            let v = value.trim();
            matches!(v, "1" | "a" | "A" | "i" | "I").then(|| v.to_string())
        }
        "type" if name == "source" => plain(value, 100, "/+.-;=\" ").map(|v| v.replace('"', "")),
        "title" | "alt" | "datetime" => Some(value.chars().take(1000).collect()),
        _ => None,
    }
}

/// The value an attribute may keep on a MathML element, or `None` to drop it: short values of
/// letters, digits and what lengths, colours and the few keywords need (no `url(`, no quotes).
fn clean_math_attr(attr: &str, value: &str) -> Option<String> {
    match attr {
        "dir" => {
            let v = value.trim().to_ascii_lowercase();
            matches!(v.as_str(), "ltr" | "rtl").then_some(v)
        }
        _ => plain(value, 40, "#.%+- "),
    }
}

/// The most characters written in a row with no break opportunity (a space, a void element)
/// before a `<wbr>` goes in: WebKit lays out a longer run under `overflow-wrap: break-word` in
/// time quadratic in its length (a megabyte-long word, 22 s; with a `<wbr>` every 4,096
/// characters, 0.7 s). No word of prose comes near it.
pub const LONGEST_UNBROKEN: usize = 4096;

/// Whether [`LONGEST_UNBROKEN`] holds: natively, and in the on-demand module, which sanitizes
/// the long bodies in the browser (feature `break-long-runs`); not in the component's first
/// load, whose browser parser is handed 32 kB at most, a run WebKit lays out in 0.1 s.
const BREAK_LONG_RUNS: bool = cfg!(any(
    not(target_arch = "wasm32"),
    feature = "break-long-runs"
));

struct Builder<'a> {
    ctx: SanitizeContext<'a>,
    out: Sanitized,
    open: Vec<&'static str>,
    in_pre: usize,
    in_math: usize,
    /// Characters written since the last break opportunity.
    unbroken: usize,
}

impl Builder<'_> {
    /// Records the end of a top-level element, when the element just written is one.
    fn mark_block(&mut self) {
        if self.open.is_empty() {
            self.out.blocks.push(BlockEnd {
                prose: self.out.prose.len(),
                code: self.out.code.len(),
                images: self.out.images,
            });
        }
    }

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
        // Text directly in a table's structure would be moved out of the table by the
        // browser's parser; only white space stays.
        if self.in_table_part() && !text.chars().all(|c| c.is_ascii_whitespace()) {
            return;
        }
        if !BREAK_LONG_RUNS {
            return self.write_text(text);
        }
        let mut rest = text;
        loop {
            let (run, next) = rest.split_at(self.unbroken_end(rest));
            self.write_text(run);
            if next.is_empty() {
                return;
            }
            // As an element read from the source is written: sanitized again, it is the same.
            self.out.html.push_str("<wbr>");
            self.unbroken = 0;
            self.mark_block();
            rest = next;
        }
    }

    /// Writes `text`, escaped, and counts it as prose or code.
    fn write_text(&mut self, text: &str) {
        escape_text(text, &mut self.out.html);
        let counted = if self.in_pre > 0 {
            &mut self.out.code
        } else {
            &mut self.out.prose
        };
        // A NUL is written as U+FFFD (`escape_text`), and counted as what is written.
        counted.extend(text.chars().map(|c| if c == '\0' { '\u{FFFD}' } else { c }));
    }

    /// Where in `text` the run without a break opportunity grows past [`LONGEST_UNBROKEN`]
    /// (its length if nowhere), counting on from the text before it. Not in MathML, where an
    /// element in a token element's text would be read as HTML.
    fn unbroken_end(&mut self, text: &str) -> usize {
        let longest = if self.in_math == 0 {
            LONGEST_UNBROKEN
        } else {
            usize::MAX
        };
        unbroken_end(text, &mut self.unbroken, longest)
    }

    fn current(&self) -> Option<&'static str> {
        self.open.last().copied()
    }

    fn in_table_part(&self) -> bool {
        self.current().is_some_and(|top| TABLE_PARTS.contains(&top))
    }

    /// Where `name` is open above the nearest element of `stop` (which may be `name` itself).
    fn open_in(&self, name: &str, stop: &[&str]) -> Option<usize> {
        for (i, open) in self.open.iter().enumerate().rev() {
            if *open == name {
                return Some(i);
            }
            if stop.contains(open) {
                return None;
            }
        }
        None
    }

    /// Closes the open element at `pos` and everything inside it.
    fn close_to(&mut self, pos: usize) {
        while self.open.len() > pos {
            self.close_top();
        }
    }

    /// Opens `name` (a table section or row the parser would insert), with no attributes. (It
    /// may take the nesting two past [`MAX_DEPTH`]: a cell at the limit gets its row first.)
    fn open_bare(&mut self, name: &'static str) {
        self.out.html.push('<');
        self.out.html.push_str(name);
        self.out.html.push('>');
        self.open.push(name);
    }

    /// Makes the open elements what HTML's parser would have before an element `name` starts:
    /// closes what it closes by itself (a `<p>` before a block, one `<li>` before the next, a
    /// cell before the next, an `<a>` inside an `<a>`) and opens the table sections and rows it
    /// would insert. So the output, which writes every end tag, is read back as written.
    /// False when the parser would not put `name` here: its tag is then dropped.
    fn fit(&mut self, name: &'static str) -> bool {
        if TABLE_ONLY.contains(&name) {
            // A table's part ends the caption or cell of its own table it is written in.
            let scope: &[&str] = &["table"];
            let inside = self.open_in("caption", scope).or_else(|| {
                ["td", "th"]
                    .into_iter()
                    .filter_map(|cell| self.open_in(cell, scope))
                    .max()
            });
            if let Some(pos) = inside {
                self.close_to(pos);
            }
        }
        if self.current() == Some("colgroup") && name != "col" {
            self.close_top();
        }
        if self.in_table_part() {
            match name {
                "table" => {
                    if let Some(pos) = self.open_in("table", &[]) {
                        self.close_to(pos);
                    }
                }
                "caption" | "colgroup" | "thead" | "tbody" | "tfoot" => {
                    if let Some(pos) = self.open_in("table", &[]) {
                        self.close_to(pos + 1);
                    }
                }
                "col" => {
                    if self.current() == Some("table") {
                        self.open_bare("colgroup");
                    } else if self.current() != Some("colgroup") {
                        return false;
                    }
                }
                "tr" => match self.current() {
                    Some("table") => self.open_bare("tbody"),
                    Some("tr") => self.close_top(),
                    _ => {}
                },
                "td" | "th" => {
                    if self.current() == Some("table") {
                        self.open_bare("tbody");
                    }
                    if self.current() != Some("tr") {
                        self.open_bare("tr");
                    }
                }
                // Anything else would be moved out, before the table.
                _ => return false,
            }
            return true;
        }
        if TABLE_ONLY.contains(&name) {
            // Outside a table's structure the parser ignores these tags.
            return false;
        }
        match name {
            "li" | "dd" | "dt" => {
                let closes: &[&str] = if name == "li" { &["li"] } else { &["dd", "dt"] };
                for i in (0..self.open.len()).rev() {
                    let open = self.open[i];
                    if closes.contains(&open) {
                        self.close_to(i);
                        break;
                    }
                    if is_special(open) {
                        break;
                    }
                }
            }
            "a" => {
                if let Some(pos) = self.open_in("a", &["td", "th", "caption"]) {
                    self.close_to(pos);
                }
            }
            // In a ruby, the parser ends what an annotation cannot be inside.
            "rt" | "rp" if self.open_in("ruby", SCOPE).is_some() => {
                while self
                    .current()
                    .is_some_and(|top| matches!(top, "p" | "li" | "dd" | "dt" | "rt" | "rp"))
                {
                    self.close_top();
                }
            }
            _ => {}
        }
        if closes_p(name) {
            if let Some(pos) = self.open_in("p", SCOPE) {
                self.close_to(pos);
            }
        }
        if HEADINGS.contains(&name) && self.current().is_some_and(|top| HEADINGS.contains(&top)) {
            self.close_top();
        }
        true
    }

    /// Writes `<name` and the kept attributes; returns the element's classes from alignment.
    fn html_start(
        &mut self,
        name: &'static str,
        extra: &[&str],
        attrs: &[(String, String)],
    ) -> Option<String> {
        let mut html = format!("<{name}");
        let mut classes: Vec<String> = Vec::new();
        // An image needs its source, a `<source>` its `srcset`.
        let mut src_ok = !matches!(name, "img" | "source");
        let mut external = false;
        let mut has_id = attrs.iter().any(|(a, _)| a == "id");
        for (attr, value) in attrs {
            // `<a name=x>`, the old way to mark a footnote, is an id.
            let attr = if name == "a" && attr == "name" && !has_id {
                has_id = true;
                "id"
            } else {
                attr.as_str()
            };
            // The alignment classes written here stay when the output is sanitized again (the
            // build step's output is sanitized again by the component): the same HTML.
            if attr == "class" && extra.contains(&"align") {
                let own = value
                    .split_ascii_whitespace()
                    .filter(|c| ALIGN_CLASSES.contains(c));
                classes.extend(own.map(str::to_string));
                continue;
            }
            if !GLOBAL_ATTRS.contains(&attr) && !extra.contains(&attr) {
                continue;
            }
            match attr {
                "class" => {
                    classes.extend(allowed_classes(value).into_iter().map(str::to_string));
                    continue;
                }
                "align" => {
                    classes.extend(align_class(value).map(str::to_string));
                    continue;
                }
                "style" => {
                    classes.extend(style_alignment(value).map(str::to_string));
                    continue;
                }
                "type" if name == "input" => continue,
                _ => {}
            }
            let Some(clean) = clean_attr(name, attr, value, &self.ctx) else {
                continue;
            };
            if attr == "src" || (attr == "srcset" && name == "source") {
                src_ok = true;
            }
            if attr == "href" {
                external = is_external(&clean, self.ctx.base);
            }
            html.push(' ');
            html.push_str(attr);
            if !clean.is_empty() || !matches!(attr, "reversed" | "open" | "checked" | "disabled") {
                html.push_str("=\"");
                escape_attr(&clean, &mut html);
                html.push('"');
            }
        }
        if !src_ok {
            return None;
        }
        classes.dedup();
        if !classes.is_empty() {
            html.push_str(" class=\"");
            escape_attr(&classes.join(" "), &mut html);
            html.push('"');
        }
        if external {
            html.push_str(" rel=\"noopener noreferrer nofollow\"");
        }
        Some(html)
    }

    fn start(&mut self, name: &str, attrs: &[(String, String)], self_closing: bool) {
        let name = RENAMED
            .iter()
            .find(|(from, _)| *from == name)
            .map_or(name, |(_, to)| to);
        // Inside MathML only MathML; MathML other than `math` only inside it.
        // MathML's token elements hold text only: an element inside one would be parsed as
        // HTML, in another namespace than the one it was written for.
        if self.open.last().is_some_and(|top| MATH_TEXT.contains(top)) {
            return;
        }
        if let Some(&(math_name, extra)) = MATH_ELEMENTS.iter().find(|(n, _)| *n == name) {
            if (self.in_math == 0) != (math_name == "math") {
                return;
            }
            if math_name == "math" && !self.fit("math") {
                return;
            }
            self.math_start(math_name, extra, attrs, self_closing);
            return;
        }
        let Some(&(name, extra)) = ELEMENTS
            .iter()
            .find(|(n, _)| *n == name)
            .filter(|_| self.in_math == 0)
        else {
            if is_block(name) {
                self.separate();
            }
            return;
        };
        let void = VOID.contains(&name);
        if !void && self.open.len() >= MAX_DEPTH {
            return;
        }
        if !self.fit(name) {
            return;
        }
        // A source only in a picture; a checkbox only in a list item, as a task list has it.
        match name {
            "source" if self.open.last() != Some(&"picture") => return,
            "input" => {
                let checkbox = attrs
                    .iter()
                    .any(|(a, v)| a == "type" && v.trim().eq_ignore_ascii_case("checkbox"));
                if !checkbox || !self.open.contains(&"li") {
                    return;
                }
            }
            _ => {}
        }
        let Some(mut html) = self.html_start(name, extra, attrs) else {
            return;
        };
        match name {
            "img" => {
                html.push_str(" loading=\"lazy\" decoding=\"async\"");
                self.out.images += 1;
            }
            // A task's box shows its state and cannot be changed; the state is read out as a
            // symbol, since a box without a label is no use to a screen reader.
            "input" => {
                let checked = attrs.iter().any(|(a, _)| a == "checked");
                html = format!(
                    "<input type=\"checkbox\" disabled{} aria-hidden=\"true\"><span class=\"bs-visually-hidden\">{} </span",
                    if checked { " checked" } else { "" },
                    if checked { "\u{2611}" } else { "\u{2610}" }
                );
            }
            _ => {}
        }
        html.push('>');
        self.out.html.push_str(&html);
        if BLOCKS.contains(&name) {
            self.separate();
        }
        if void {
            self.unbroken = 0;
            self.mark_block();
        } else {
            self.open.push(name);
            if name == "pre" {
                self.in_pre += 1;
                // The parser drops a newline right after `<pre>`: this one, not the content's.
                self.out.html.push('\n');
            }
        }
    }

    fn math_start(
        &mut self,
        name: &'static str,
        extra: &[&str],
        attrs: &[(String, String)],
        self_closing: bool,
    ) {
        if self.open.len() >= MAX_DEPTH {
            return;
        }
        let mut html = format!("<{name}");
        for (attr, value) in attrs {
            if !MATH_GLOBAL_ATTRS.contains(&attr.as_str()) && !extra.contains(&attr.as_str()) {
                continue;
            }
            if let Some(clean) = clean_math_attr(attr, value) {
                html.push(' ');
                html.push_str(attr);
                html.push_str("=\"");
                escape_attr(&clean, &mut html);
                html.push('"');
            }
        }
        if name == "math" {
            self.separate();
        }
        if self_closing {
            html.push_str("></");
            html.push_str(name);
            html.push('>');
            self.out.html.push_str(&html);
            self.mark_block();
            return;
        }
        html.push('>');
        self.out.html.push_str(&html);
        self.open.push(name);
        self.in_math += 1;
    }

    fn end(&mut self, name: &str) {
        let name = RENAMED
            .iter()
            .find(|(from, _)| *from == name)
            .map_or(name, |(_, to)| to);
        if is_block(name) {
            self.separate();
        }
        if let Some(pos) = self.open.iter().rposition(|n| *n == name) {
            self.close_to(pos);
        }
    }

    fn close_top(&mut self) {
        if let Some(top) = self.open.pop() {
            if top == "pre" {
                self.in_pre -= 1;
            }
            if MATH_ELEMENTS.iter().any(|(n, _)| *n == top) {
                self.in_math -= 1;
            }
            self.out.html.push_str("</");
            self.out.html.push_str(top);
            self.out.html.push('>');
            self.mark_block();
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

/// Sanitizes `input` for `ctx`, read by this crate's [`Tokenizer`].
///
/// What comes out is rebuilt from the allowlist (docs/sanitizer.md): scripts and their
/// content are dropped, event handlers and `style` go, every URL is validated as a
/// [`SafeUrl`] and resolved against `ctx.base`, and content ids are prefixed so they cannot
/// clobber the page's names. Along with the HTML it returns the text the read time is
/// computed from.
///
/// ```
/// use broadsheet_core::html::{sanitize, SanitizeContext};
/// use broadsheet_core::safe_url::SafeUrl;
///
/// let base = SafeUrl::parse_absolute("https://example.com/posts/a/article.json").unwrap();
/// let ctx = SanitizeContext { base: Some(&base), id_prefix: "bs1", ..Default::default() };
/// let dirty = concat!(
///     r#"<p onclick="steal()" style="color: red">Hello <script>alert(1)</script>"#,
///     r##"<a href="javascript:alert(1)">world</a>, see <a href="#n1">note</a>.</p>"##,
///     r#"<img src="../img/x.png" alt="A chart" onerror="steal()">"#,
///     r#"<p id="n1">A note.</p>"#,
/// );
/// let clean = sanitize(dirty, ctx);
/// // No script, handler, style or `javascript:` link is left; the image's URL is resolved,
/// // the footnote's id and its link carry the instance's prefix.
/// assert_eq!(
///     clean.html,
///     concat!(
///         r##"<p>Hello <a>world</a>, see <a href="#bs1-c-n1">note</a>.</p>"##,
///         r#"<img src="https://example.com/posts/img/x.png" alt="A chart" loading="lazy" decoding="async">"#,
///         r#"<p id="bs1-c-n1">A note.</p>"#,
///     )
/// );
/// // The text the read time counts, and the images it adds time for.
/// assert_eq!(clean.prose, "Hello world, see note. A note.");
/// assert_eq!(clean.images, 1);
/// ```
pub fn sanitize(input: &str, ctx: SanitizeContext<'_>) -> Sanitized {
    let mut after_pre = false;
    // As the HTML parser (and so the browser's walk) does, a newline right after `<pre>` or
    // `<listing>` is dropped.
    let input = normalize_newlines(input);
    let tokens = Tokenizer::new(&input).map(|mut token| {
        if let (true, Token::Text(text)) = (after_pre, &mut token) {
            if text.starts_with('\n') {
                text.remove(0);
            }
        }
        after_pre =
            matches!(&token, Token::Start { name, .. } if name == "pre" || name == "listing");
        token
    });
    sanitize_tokens(tokens, ctx)
}

/// Sanitizes the document whose tokens are `tokens` for `ctx`: in the browser they come from
/// the browser's own HTML parser ([`walked_tokens`](super::walk::walked_tokens)).
pub fn sanitize_tokens(
    tokens: impl IntoIterator<Item = Token>,
    ctx: SanitizeContext<'_>,
) -> Sanitized {
    let mut b = Builder {
        ctx,
        out: Sanitized::default(),
        open: Vec::new(),
        in_pre: 0,
        in_math: 0,
        unbroken: 0,
    };
    let mut dropping: Option<(String, usize)> = None;
    for token in tokens {
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
            Token::Start {
                name,
                attrs,
                self_closing,
            } => {
                if DROP_WITH_CONTENT.contains(&name.as_str()) {
                    // A foreign element written empty (`<svg/>`) has no content to drop, nor
                    // has a void one (`<embed>`), which no end tag follows.
                    let empty = matches!(name.as_str(), "embed" | "frame")
                        || self_closing && matches!(name.as_str(), "svg" | "annotation-xml");
                    if !empty {
                        dropping = Some((name, 1));
                    }
                } else {
                    b.start(&name, &attrs, self_closing);
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
    let (prose_lead, prose) = trimmed(&out.prose);
    let (code_lead, code) = trimmed(&out.code);
    for block in &mut out.blocks {
        block.prose = block.prose.saturating_sub(prose_lead).min(prose.len());
        block.code = block.code.saturating_sub(code_lead).min(code.len());
    }
    out.prose = prose;
    out.code = code;
    out
}

/// `text` trimmed, and the number of bytes trimmed from its start.
fn trimmed(text: &str) -> (usize, String) {
    let start = text.trim_start();
    (text.len() - start.len(), start.trim_end().to_string())
}

/// Whether `n` is a decimal number above zero written with digits and at most one point
/// (`2`, `1.5`, `.5`).
fn is_positive_decimal(n: &str) -> bool {
    crate::options::decimal(n).is_some_and(|x| x > 0.0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn density_descriptors_are_positive_decimals() {
        for good in ["1", "1.5", ".5", "2.", "10"] {
            assert!(super::is_positive_decimal(good), "{good}");
        }
        for bad in ["", ".", "0", "0.0", "1e2", "-1", "1.2.3", "x"] {
            assert!(!super::is_positive_decimal(bad), "{bad}");
        }
    }

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
            "<pre class=\"language-rust\">\n<code class=\"language-rust\">fn main() {}</code></pre>"
        );
        // The newline HTML's parser drops after `<pre>` is written, and the content's kept.
        assert_eq!(clean("<pre>\n\nx</pre>"), "<pre>\n\nx</pre>");
        assert_eq!(clean("<pre>\nx</pre>"), "<pre>\nx</pre>");
        assert_eq!(
            clean("<img src=\"https://a.example/x.png\" alt=\"A cat\" width=640 onerror=alert(1)>"),
            "<img src=\"https://a.example/x.png\" alt=\"A cat\" width=\"640\" loading=\"lazy\" decoding=\"async\">"
        );
    }

    #[test]
    fn plain_text_gets_a_break_opportunity_in_each_long_run() {
        let word = "x".repeat(LONGEST_UNBROKEN * 2 + 1);
        let mut out = String::new();
        escape_text_in_runs(&format!("a <b> {word} c"), &mut out);
        let run = "x".repeat(LONGEST_UNBROKEN);
        assert_eq!(out, format!("a &lt;b&gt; {run}<wbr>{run}<wbr>x c"));
        // White space ends a run; text with none as long is written as escape_text writes it.
        let words = format!("{run} {run}\n{run}");
        let (mut plain, mut broken) = (String::new(), String::new());
        escape_text(&words, &mut plain);
        escape_text_in_runs(&words, &mut broken);
        assert_eq!(broken, plain);
    }

    #[test]
    fn a_long_unbroken_run_gets_break_opportunities_that_stay() {
        let word = "x".repeat(LONGEST_UNBROKEN * 2 + 10);
        let half = LONGEST_UNBROKEN / 2;
        let runs = [
            format!("<p>{word}</p>"),
            // At the top level, where each `<wbr>` is a top-level element of its own.
            word.clone(),
            // Across elements and text split by a comment, as one run.
            format!(
                "<p>{}<b>{}</b><!-- c -->{}</p>",
                &word[..half],
                &word[half..LONGEST_UNBROKEN + 1],
                &word[LONGEST_UNBROKEN + 1..]
            ),
        ];
        for html in &runs {
            let once = sanitize(html, SanitizeContext::default());
            assert_eq!(once.html.matches("<wbr>").count(), 2, "{html:.80}");
            assert_eq!(once.prose, word, "the text is all there, as it was");
            assert!(
                once.html
                    .split("<wbr>")
                    .all(|part| part.chars().filter(|c| *c == 'x').count() <= LONGEST_UNBROKEN),
                "{html:.80}"
            );
            // Sanitized again, it is the same, with its blocks.
            assert_eq!(sanitize(&once.html, SanitizeContext::default()), once);
        }
        // A space, a line break or the source's own break opportunity starts the count again.
        let short = "x".repeat(LONGEST_UNBROKEN - 1);
        for between in [" ", "\n", "<wbr>", "<br>"] {
            let html = format!("<p>{short}{between}{short}{between}{short}</p>");
            assert_eq!(clean(&html), html, "{between:?}");
        }
        // None inside MathML's text, which would read an element there as HTML.
        let formula = clean(&format!("<math><mi>{word}</mi></math>"));
        assert!(!formula.contains("<wbr>"), "{formula:.80}");
    }

    #[test]
    fn drops_scripts_handlers_and_bad_urls() {
        assert_eq!(clean("a<script>alert(1)</script>b"), "ab");
        // A void element of the dropped ones takes nothing after it along.
        assert_eq!(clean("a<embed src=x.swf>b<frame src=x>c"), "abc");
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
            "<ul><li>a</li><li>b</li></ul>"
        );
        // What HTML's parser closes or inserts by itself is written out, so a browser reads
        // the output as written (crates/core/tests/reparse.rs checks this with html5ever).
        assert_eq!(clean("<p>a<p>b"), "<p>a</p><p>b</p>");
        assert_eq!(clean("<p>a<ul><li>b</ul>"), "<p>a</p><ul><li>b</li></ul>");
        assert_eq!(
            clean("<dl><dt>t<dd>d<dt>u</dl>"),
            "<dl><dt>t</dt><dd>d</dd><dt>u</dt></dl>"
        );
        assert_eq!(
            clean("<a href=/a>a<a href=/b>b</a>"),
            "<a href=\"/a\">a</a><a href=\"/b\">b</a>"
        );
        assert_eq!(
            clean("<table><td>1<td>2</table>"),
            "<table><tbody><tr><td>1</td><td>2</td></tr></tbody></table>"
        );
        assert_eq!(
            clean("<table>lost<img src=x.png><tr><td>kept</table>"),
            "<table><tbody><tr><td>kept</td></tr></tbody></table>"
        );
        assert_eq!(clean("<div><td>cell</td></div>"), "<div>cell</div>");
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

    fn with_ids(html: &str, prefix: &str) -> String {
        sanitize(
            html,
            SanitizeContext {
                id_prefix: prefix,
                ..SanitizeContext::default()
            },
        )
        .html
    }

    #[test]
    fn footnotes_and_anchors_keep_their_targets_under_the_instance_prefix() {
        let html =
            "<h2 id=\"intro\">Intro</h2><p>Text<sup><a href=\"#fn1\" id=\"ref1\">1</a></sup></p>\
                    <ol><li id=\"fn1\">Note <a href=\"#ref1\">↩</a></li></ol><a name=\"old\">x</a>";
        assert_eq!(
            with_ids(html, "bs1"),
            "<h2 id=\"bs1-c-intro\">Intro</h2><p>Text<sup><a href=\"#bs1-c-fn1\" id=\"bs1-c-ref1\">1</a></sup></p>\
             <ol><li id=\"bs1-c-fn1\">Note <a href=\"#bs1-c-ref1\">↩</a></li></ol><a id=\"bs1-c-old\">x</a>"
        );
        // Sanitized again by another instance, the ids take its prefix instead of a second one.
        assert_eq!(
            with_ids(&with_ids(html, "bs"), "bs7"),
            with_ids(html, "bs7")
        );
        // Without a prefix ids go (they could clobber the page's names); links stay as written.
        assert_eq!(clean(html).matches(" id=").count(), 0);
        assert!(clean(html).contains("href=\"#fn1\""));
        assert_eq!(with_ids("<p id=\"a b\">x</p>", "bs1"), "<p>x</p>");
    }

    #[test]
    fn syntax_highlighting_classes_stay_and_never_reach_the_components_styles() {
        assert_eq!(
            clean("<pre class=\"hljs language-rust\"><code class=\"language-rust\"><span class=\"hljs-keyword\">fn</span> \
                   <span class=\"token punctuation bs-title\">(</span><span class=\"k\">x</span></code></pre>"),
            "<pre class=\"hljs language-rust\">\n<code class=\"language-rust\"><span class=\"hljs-keyword\">fn</span> \
             <span class=\"token punctuation\">(</span><span class=\"k\">x</span></code></pre>"
        );
        assert_eq!(
            clean("<span class=\"bs BS-x '><x\">y</span>"),
            "<span>y</span>"
        );
        assert_eq!(
            clean("<p class=\"lead\">y</p>"),
            "<p>y</p>",
            "classes only where highlighters put them"
        );
    }

    #[test]
    fn images_keep_srcset_picture_sizes_and_raster_data() {
        assert_eq!(
            clean("<img src=\"data:image/png;base64,iVBOR\" alt=\"\" width=\"50%\">"),
            "<img src=\"data:image/png;base64,iVBOR\" alt=\"\" width=\"50%\" loading=\"lazy\" decoding=\"async\">"
        );
        assert_eq!(
            clean("<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">"),
            ""
        );
        assert_eq!(
            clean("<img src=a.png srcset=\"a-640.png 640w, javascript:alert(1) 2x,b.png 2x, c.png bogus\" sizes=\"(max-width: 40em) 100vw, 640px\" alt=x>"),
            "<img src=\"a.png\" srcset=\"a-640.png 640w, b.png 2x\" sizes=\"(max-width: 40em) 100vw, 640px\" alt=\"x\" loading=\"lazy\" decoding=\"async\">"
        );
        assert_eq!(
            clean("<picture><source srcset=\"a.avif\" type=\"image/avif\" media=\"(min-width: 600px)\"><source srcset=\"javascript:x\"><img src=a.jpg alt=A></picture><source srcset=b.png>"),
            "<picture><source srcset=\"a.avif\" type=\"image/avif\" media=\"(min-width: 600px)\"><img src=\"a.jpg\" alt=\"A\" loading=\"lazy\" decoding=\"async\"></picture>"
        );
        assert_eq!(
            clean("<img src=\"data:image/png;base64,AA\" srcset=\"data:image/png;base64,BB 2x\">"),
            "<img src=\"data:image/png;base64,AA\" srcset=\"data:image/png;base64,BB 2x\" loading=\"lazy\" decoding=\"async\">"
        );
    }

    #[test]
    fn links_to_phones_messages_and_maps() {
        assert_eq!(
            clean("<a href=\"tel:+44 20 7946 0000\">call</a> <a href=\"sms:+15550100\">text</a> <a href=\"geo:48.8,2.3\">map</a> <a href=\"intent:x\">no</a>"),
            "<a href=\"tel:+44 20 7946 0000\">call</a> <a href=\"sms:+15550100\">text</a> <a href=\"geo:48.8,2.3\">map</a> <a>no</a>"
        );
    }

    #[test]
    #[ignore = "known: a dropped block still separates words in the counted text (fuzz target sanitize_idempotent)"]
    fn a_dropped_block_does_not_separate_words() {
        // `<td>` outside a table is dropped, as the browser's parser drops it: the HTML is `cx`,
        // but the text counted for the read time was `c x`, and `cx` once sanitized again.
        let once = sanitize("<tr><td>c</td></tr>x", SanitizeContext::default());
        assert_eq!(once.html, "cx");
        assert_eq!(once.prose, "cx");
    }

    #[test]
    fn sanitizing_again_keeps_the_alignment_it_wrote() {
        // Found by the `sanitize_idempotent` fuzz target: the second pass dropped the classes.
        let once = clean("<table><tr><td align=\"center\">c</td><th style=\"text-align: right\">h</th></tr></table>");
        assert_eq!(
            once,
            "<table><tbody><tr><td class=\"bs-align-center\">c</td><th class=\"bs-align-right\">h</th></tr></tbody></table>"
        );
        assert_eq!(clean(&once), once);
        // Found by the same target: a NUL counted in the text, written as U+FFFD in the HTML.
        let ctx = SanitizeContext::default();
        let once = sanitize("<p>a\0b</p><pre>c\0</pre>", ctx);
        assert_eq!(
            (once.prose.as_str(), once.code.as_str()),
            ("a\u{FFFD}b", "c\u{FFFD}")
        );
        assert_eq!(sanitize(&once.html, ctx), once);
        // And an id 200 characters long, one of them a NUL: kept when read again (the
        // prefix made it too long, and the NUL longer in bytes).
        let ctx = SanitizeContext {
            id_prefix: "bs1",
            ..SanitizeContext::default()
        };
        let once = sanitize(&format!("<p id=\"{}\0\">p</p>", "x".repeat(199)), ctx);
        assert!(once.html.starts_with("<p id=\"bs1-c-x"), "{}", once.html);
        assert_eq!(sanitize(&once.html, ctx), once);
        // And a link to a fragment with a newline in it: prefixed the first time already.
        let once = sanitize("<a href=\"#fn:\n1\">1</a>", ctx);
        assert_eq!(once.html, "<a href=\"#bs1-c-fn:1\">1</a>");
        assert_eq!(sanitize(&once.html, ctx), once);
        // Only the sanitizer's own classes, and only where it writes them.
        assert_eq!(
            clean("<table><tr><td class=\"bs-align-left x bs-title\">c</td></tr></table><p class=\"bs-align-left\">p</p>"),
            "<table><tbody><tr><td class=\"bs-align-left\">c</td></tr></tbody></table><p>p</p>"
        );
    }

    #[test]
    fn tables_keep_alignment_columns_captions_and_scopes() {
        assert_eq!(
            clean("<table><caption>C</caption><colgroup span=\"2\" align=\"right\"><col span=2></colgroup>\
                   <tr><th scope=\"col\" align=\"center\">H</th><td style=\"color: red; text-align: right\">1</td>\
                   <td style=\"background:url(javascript:x)\">2</td></tr></table>"),
            "<table><caption>C</caption><colgroup span=\"2\" class=\"bs-align-right\"><col span=\"2\"></colgroup>\
             <tbody><tr><th scope=\"col\" class=\"bs-align-center\">H</th><td class=\"bs-align-right\">1</td>\
             <td>2</td></tr></tbody></table>"
        );
    }

    #[test]
    fn task_lists_and_list_numbering() {
        assert_eq!(
            clean("<ul><li><input type=\"checkbox\" checked disabled> Done</li><li><input type=checkbox> To do</li></ul>\
                   <input type=text value=x><input type=checkbox>"),
            "<ul><li><input type=\"checkbox\" disabled checked aria-hidden=\"true\"><span class=\"bs-visually-hidden\">☑ </span> Done</li>\
             <li><input type=\"checkbox\" disabled aria-hidden=\"true\"><span class=\"bs-visually-hidden\">☐ </span> To do</li></ul>"
        );
        assert_eq!(
            clean("<ol type=\"a\" start=\"3\" reversed><li value=\"7\">x</li></ol><ol type=\"disc\"></ol>"),
            "<ol type=\"a\" start=\"3\" reversed><li value=\"7\">x</li></ol><ol></ol>"
        );
    }

    #[test]
    fn structure_and_semantics_stay() {
        let html = "<section><header><h2>H</h2></header><article><details open><summary>More</summary>Text</details>\
                    <aside>Aside</aside></article><footer>F</footer></section>\
                    <p><ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby> <abbr title=\"HyperText\">HTML</abbr> \
                    <time datetime=\"2025-01-02\">2 Jan</time> <del cite=\"https://a.example/why\" datetime=\"2025-01-01\">old</del>\
                    <ins>new</ins> <bdi>إيان</bdi> <bdo dir=\"rtl\">abc</bdo> <mark>m</mark> <kbd>K</kbd> <samp>s</samp> <var>v</var></p>";
        assert_eq!(clean(html), html);
    }

    #[test]
    fn presentational_leftovers_become_their_meaning() {
        let out = clean_full("one<center>two</center>three <font color=red>four</font> <strike>five</strike> <tt>six</tt>");
        assert_eq!(
            out.html,
            "one<div>two</div>three four <s>five</s> <code>six</code>"
        );
        assert_eq!(
            out.prose, "one two three four five six",
            "no words glued together"
        );
    }

    #[test]
    fn mathml_core_survives_and_cannot_carry_html_or_links() {
        let formula = "<math display=\"block\"><mfrac><mi>a</mi><mn>2</mn></mfrac><mo stretchy=\"false\">=</mo>\
                       <msqrt><mi>x</mi></msqrt><mspace width=\"1em\"/><mi>y</mi></math>";
        assert_eq!(
            clean(formula),
            "<math display=\"block\"><mfrac><mi>a</mi><mn>2</mn></mfrac><mo stretchy=\"false\">=</mo>\
             <msqrt><mi>x</mi></msqrt><mspace width=\"1em\"></mspace><mi>y</mi></math>"
        );
        assert_eq!(
            clean("<math href=\"javascript:x\"><mi><b>x</b><img src=a.png></mi><semantics><mrow><mi>y</mi></mrow>\
                   <annotation encoding=\"TeX\">y<mi>z</mi></annotation><annotation-xml encoding=\"text/html\"><p>no</p></annotation-xml></semantics>\
                   <p>breaks out?</p><mtext style=\"color:red\" mathcolor=\"url(x)\">t</mtext></math><mi>outside</mi>"),
            "<math><mi>x</mi><semantics><mrow><mi>y</mi></mrow><annotation encoding=\"TeX\">yz</annotation></semantics>\
             breaks out?<mtext>t</mtext></math>outside"
        );
    }
}
