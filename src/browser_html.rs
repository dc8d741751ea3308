//! An article's HTML body parsed by the browser's own HTML parser, then sanitized by the core
//! from the tree the parser built ([`broadsheet_core::html::walk`]). The parser is the one that
//! will read the sanitized markup back, and the wasm carries no HTML tokenizer and no table of
//! character references: 3.6 kB brotli less of the first load (BENCHMARKS.md). Natively the
//! build step sanitizes with the core's own tokenizer; an end-to-end test (`tests/e2e.rs`)
//! compares the two on every sample post.

use broadsheet_core::html::tokenizer::RAW_TEXT;
use broadsheet_core::html::walk::{walked_tokens, VOID};
use broadsheet_core::html::{sanitize_tokens, SanitizeContext, Sanitized};
use wasm_bindgen::prelude::wasm_bindgen;

// The markup goes into an inert template: nothing in it runs or loads. The walk keeps a stack of
// its own rather than recursing, so no depth of nesting can overflow it. Every property of a node is read through the
// DOM's own getters, never from the node: a `<form>` in the markup with an `<input
// name="attributes">` (or `nextSibling`, `localName`...) shadows the form's properties of
// those names, which could hide content or send the walk round in a loop.
#[wasm_bindgen(inline_js = r##"
const HTML = "http://www.w3.org/1999/xhtml";
const getter = (type, name) => {
  const get = Object.getOwnPropertyDescriptor(type.prototype, name).get;
  return (node) => get.call(node);
};
const nodeType = getter(Node, "nodeType");
const firstChild = getter(Node, "firstChild");
const nextSibling = getter(Node, "nextSibling");
const localName = getter(Element, "localName");
const namespaceURI = getter(Element, "namespaceURI");
const attributes = getter(Element, "attributes");
const data = getter(CharacterData, "data");
const content = getter(HTMLTemplateElement, "content");
export function walk_html(html, rawText, voids) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const raw = new Set(rawText.split(" "));
  const empty = new Set(voids.split(" "));
  const lower = (name) => name.replace(/[A-Z]+/g, (c) => c.toLowerCase());
  const clean = (text) => text.replace(/\0/g, "\uFFFD");
  const out = [];
  // The open elements, each with its name as written.
  const open = [];
  let node = firstChild(content(template));
  for (;;) {
    if (!node) {
      const top = open.pop();
      if (!top) break;
      const [element, name] = top;
      if (!(empty.has(name) && namespaceURI(element) === HTML)) out.push(">" + name);
      node = nextSibling(element);
    } else if (nodeType(node) === Node.ELEMENT_NODE) {
      const name = lower(localName(node));
      out.push("<" + name);
      const attrs = attributes(node);
      for (let i = 0; i < attrs.length; i++) out.push("=" + lower(attrs[i].name), clean(attrs[i].value));
      open.push([node, name]);
      node = raw.has(name) ? null : firstChild(node instanceof HTMLTemplateElement ? content(node) : node);
    } else {
      if (nodeType(node) === Node.TEXT_NODE) out.push("#" + clean(data(node)));
      node = nextSibling(node);
    }
  }
  return out.join("\0");
}
"##)]
extern "C" {
    /// The walk (`broadsheet_core::html::walk`) of the tree the browser parses `html` into,
    /// not going into the elements named in `raw_text` and closing none of those in `voids`
    /// (both space-separated).
    fn walk_html(html: &str, raw_text: &str, voids: &str) -> String;
}

/// The walk of `html` as the browser parses it: [`walked_tokens`] reads its tokens.
pub fn walk(html: &str) -> String {
    walk_html(html, &RAW_TEXT.join(" "), VOID)
}

/// `html` parsed by the browser and sanitized for `ctx`.
pub fn sanitize(html: &str, ctx: SanitizeContext<'_>) -> Sanitized {
    sanitize_tokens(walked_tokens(&walk(html)), ctx)
}
