//! The sanitizer's output is read back by a browser as it is written: html5ever, a
//! standards-conforming parser independent of ours, builds from it the same tree of elements
//! (in the same namespaces: HTML, and MathML in formulas) and text that its tags spell out, and its top-level elements are the ones the read-time
//! marks count (`Sanitized::blocks`). HTML's parser closes some elements by itself (a `<p>`
//! before a block, one `<li>` before the next, an `<a>` inside an `<a>`): output that left it
//! to do so would be shown as a different tree than the sanitizer meant, and the time-left
//! indicator would fall back to timing the body as one part. Each input is read both ways the
//! sanitizer is given HTML: by the core's tokenizer and from a browser's tree
//! (`support/browser_walk.rs`).

#![cfg(not(target_arch = "wasm32"))]

#[path = "support/browser_walk.rs"]
mod browser_walk;
#[path = "support/fragment.rs"]
mod fragment;

use broadsheet_core::html::tokenizer::{Token, Tokenizer};
use broadsheet_core::html::{sanitize, SanitizeContext, Sanitized, LONGEST_UNBROKEN};
use markup5ever_rcdom::{Handle, NodeData};

/// Elements the sanitizer writes without an end tag.
const VOID: &[&str] = &["br", "col", "hr", "img", "input", "source", "wbr"];

/// Real posts' sloppy markup, as CMSs and hand-written HTML have it.
const SLOPPY: &[&str] = &[
    "<p>one<p>two<p>three",
    "<p>intro<ul><li>a<li>b</ul>after",
    "<p>text<div>block</div>",
    "<p>a<h2>heading</h2>b",
    "<p>quote<blockquote>q</blockquote>",
    "<p>x<table><tr><td>1</td></tr></table>",
    "<p>rule<hr>after",
    "<p>pre<pre>code</pre>",
    "<ol><li>one<li>two<ol><li>inner</ol><li>three</ol>",
    "<dl><dt>term<dd>definition<dt>second<dd>again</dl>",
    "<a href=\"/a\">one<a href=\"/b\">two</a></a>",
    "<p><a href=\"/x\">link<p>next</a>",
    "<h1>title<h2>sub</h2>",
    "<table><tr><td>1<td>2<tr><td>3</table>",
    "<table><tr><th>h<th>i</tr></table>",
    "<ul><li><p>para<li>next</ul>",
    "<b><p>bold para</b>after</p>",
    "<p><b>bold<div>block</div></b>",
    "<figure><img src=\"/a.png\"><figcaption>cap</figure>",
    "<details><summary>s<p>body</details>",
    "<p>one</p></p><p>two",
    "text<p>para",
    "<em>a<p>b</em>c",
    "<li>orphan<li>items",
    "<p>a<address>addr</address>",
    "<ruby>漢<rt>kan<rt>ji</ruby>",
    "<table><math><mi>x</mi></math><tr><td><math><mi>y</mi></math></td></tr></table>",
    "<table><caption>c<tr><td>1</table>",
    "<table><colgroup><col>text<col></table>",
    "<table><tr><td>a<table><tr><td>inner</table>b</table>",
    "<table><thead><tr><th>h<tbody><tr><td>1<tfoot><tr><td>f</table>",
    "<table><table><tr><td>second</table>",
    "<table><caption>c<table><tr><td>in the caption</table></caption></table>",
    "<p>a<math><mi>x</mi></math>b",
    "<ruby>漢<p>x<rt>kan</ruby>",
    "<ruby><rt><p>a<rp>(</ruby>",
    "<ruby><li>a<rt>b</ruby>",
    "<pre>\n\ncode\n</pre><pre>\nx</pre><pre>y</pre>",
];

/// The tree a parser that takes every tag as written builds from `html` (and, as HTML's does,
/// drops a newline right after `<pre>`).
fn as_written(html: &str) -> String {
    let mut tree = String::new();
    let mut open: Vec<String> = Vec::new();
    let mut after_pre = false;
    for token in Tokenizer::new(html) {
        let pre = matches!(&token, Token::Start { name, .. } if name == "pre");
        match token {
            Token::Text(text) if after_pre => {
                tree.push_str(text.strip_prefix('\n').unwrap_or(&text));
            }
            Token::Start { name, .. } => {
                tree.push('<');
                // Everything in a formula is MathML, and only that.
                if name == "math" || open.iter().any(|n| n == "math") {
                    tree.push_str("m:");
                }
                tree.push_str(&name);
                tree.push('>');
                if VOID.contains(&name.as_str()) {
                    tree.push_str("</>");
                } else {
                    open.push(name);
                }
            }
            Token::End { name } => {
                assert_eq!(
                    open.pop().as_deref(),
                    Some(name.as_str()),
                    "unbalanced: {html}"
                );
                tree.push_str("</>");
            }
            Token::Text(text) | Token::RawText(text) => tree.push_str(&text),
        }
        after_pre = pre;
    }
    assert!(open.is_empty(), "unclosed {open:?}: {html}");
    tree
}

/// The tree html5ever builds from `html`, in a `<div>`, written as [`as_written`] writes it;
/// and how many elements it has at the top.
fn as_parsed(html: &str) -> (String, usize) {
    fn walk(node: &Handle, tree: &mut String) {
        for child in node.children.borrow().iter() {
            match &child.data {
                NodeData::Element { name, .. } => {
                    tree.push('<');
                    if name.ns == html5ever::ns!(mathml) {
                        tree.push_str("m:");
                    }
                    tree.push_str(&name.local);
                    tree.push('>');
                    walk(child, tree);
                    tree.push_str("</>");
                }
                NodeData::Text { contents } => tree.push_str(&contents.borrow()),
                _ => {}
            }
        }
    }
    let dom = fragment::fragment(html, "div");
    let root = fragment::root(&dom);
    let mut tree = String::new();
    walk(&root, &mut tree);
    let top = root
        .children
        .borrow()
        .iter()
        .filter(|c| matches!(c.data, NodeData::Element { .. }))
        .count();
    (tree, top)
}

fn vectors() -> Vec<String> {
    include_str!("../../../tests/data/xss-vectors.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.replace("\\n", "\n").replace("\\t", "\t"))
        .collect()
}

/// Runs longer than the sanitizer writes without a break opportunity, where it puts `<wbr>`s
/// in: at the top level, in a paragraph, across inline elements, in a table's cell.
fn long_runs() -> Vec<String> {
    let run = "x".repeat(LONGEST_UNBROKEN * 2 + 1);
    vec![
        run.clone(),
        format!("<p>{run}"),
        format!("a<b>{run}</b>{run}<p>{run}"),
        format!("<table><tr><td>{run}</table>{run}"),
    ]
}

#[test]
fn the_output_is_read_back_as_written() {
    let inputs = SLOPPY
        .iter()
        .map(|s| s.to_string())
        .chain(vectors())
        .chain(long_runs());
    let ways: [fn(&str, SanitizeContext<'_>) -> Sanitized; 2] =
        [sanitize, browser_walk::sanitize_as_the_browser];
    let mut problems = Vec::new();
    for (input, sanitize) in inputs.flat_map(|i| ways.map(|way| (i.clone(), way))) {
        let out = sanitize(&input, SanitizeContext::default());
        let written = as_written(&out.html);
        let (parsed, top) = as_parsed(&out.html);
        if written != parsed || top != out.blocks.len() {
            problems.push(format!(
                "{input:?}\n  out:      {}\n  parsed:   {parsed}\n  blocks:   {} marked, {top} parsed",
                out.html,
                out.blocks.len()
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} outputs read back differently:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
