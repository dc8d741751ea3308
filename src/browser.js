// The component's JavaScript: what the browser does for the wasm in a few lines where web-sys
// bindings would take many more bytes (BENCHMARKS.md). One module, so one request; wasm-bindgen
// copies it next to the component's glue, into snippets/<crate>/src/browser.js.

// An article body walked as the browser parses it (src/browser_html.rs).
// The markup goes into an inert template: nothing in it runs or loads. The walk keeps a stack of
// its own rather than recursing, so no depth of nesting can overflow it. Every property of a node is read through the
// DOM's own getters, never from the node: a `<form>` in the markup with an `<input
// name="attributes">` (or `nextSibling`, `localName`...) shadows the form's properties of
// those names, which could hide content or send the walk round in a loop.
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
const MAX_ATTRIBUTES = 64;
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
      // At most the first MAX_ATTRIBUTES: each read through NamedNodeMap costs the browser a
      // search of those read before it, so reading all of a tag's 64,000 took 28 s. No
      // element the sanitizer keeps has more than a few that it allows.
      const attrs = attributes(node);
      for (let i = 0, n = Math.min(attrs.length, MAX_ATTRIBUTES); i < n; i++) out.push("=" + lower(attrs[i].name), clean(attrs[i].value));
      open.push([node, name]);
      node = raw.has(name) ? null : firstChild(node instanceof HTMLTemplateElement ? content(node) : node);
    } else {
      if (nodeType(node) === Node.TEXT_NODE) out.push("#" + clean(data(node)));
      node = nextSibling(node);
    }
  }
  return out.join("\0");
}

// A text file fetched within a time limit (src/fetch.rs).
// Resolves `src` against the document's base URL, and fetches it as text within `ms`
// milliseconds. Answers the absolute URL and the text, or a number: the HTTP status of a
// response that is not OK, -1 for an address that may not be fetched (only `http`, `https`,
// `data` and `blob`), -2 when the time ran out, 0 for any other failure.
export async function fetch_outcome(src, ms, page) {
  // Parts mode: the page's own article, read by a module of its own (src/parts.js), fetched
  // only then, so that it costs an article's first load nothing.
  if (page) {
    return import(new URL("../../../parts.js", import.meta.url).href).then(
      async (parts) => [location.href, await parts.page_article(page, src, ms, fetch_outcome)],
      () => 0,
    );
  }
  let url;
  try {
    url = new URL(src, document.baseURI);
  } catch {
    return -1;
  }
  if (!["http:", "https:", "data:", "blob:"].includes(url.protocol)) return -1;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    const response = await fetch(url.href, { signal: controller.signal });
    return response.ok ? [url.href, await response.text()] : response.status;
  } catch {
    return controller.signal.aborted ? -2 : 0;
  } finally {
    clearTimeout(timer);
  }
}

// Grapheme clusters (src/browser_text.rs).
// Where the grapheme clusters of `s` start, in UTF-16 code units, from one `Intl.Segmenter`;
// null where the browser has none.
let segmenter;
export function grapheme_starts(s) {
  const Segmenter = globalThis.Intl?.Segmenter;
  segmenter ??= typeof Segmenter === "function" ? new Segmenter(undefined, { granularity: "grapheme" }) : null;
  return segmenter && Uint32Array.from(segmenter.segment(s), (part) => part.index);
}

// Dates in any language (src/dates/intl.rs).
// The calendar date `iso` (YYYY-MM-DD) written long in `language`, or in the browser's language
// when there is none; `iso` itself where `Intl` refuses the language. One formatter per
// language, as a page shows only a few: creating one costs about as much as formatting a few
// hundred dates.
const formats = new Map();
export function intl_date(iso, language) {
  const key = language ?? "";
  if (!formats.has(key)) {
    let format = null;
    try {
      format = new Intl.DateTimeFormat(language, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
    } catch {}
    formats.set(key, format);
  }
  const format = formats.get(key);
  const time = Date.parse(iso + "T00:00:00Z");
  return format && Number.isFinite(time) ? format.format(time) : iso;
}

// The on-demand module (crates/rank), imported once per address: from next to this module's own
// script (this file is copied three folders below it), or from `data-rank-src`.
const modules = new Map();
function on_demand(src) {
  const url = (src ? new URL(src, document.baseURI) : new URL("../../../rank/broadsheet_rank.js", import.meta.url)).href;
  let loading = modules.get(url);
  if (!loading) {
    loading = import(url).then(async (module) => {
      await module.default();
      return module;
    });
    loading.catch(() => modules.delete(url));
    modules.set(url, loading);
  }
  return loading;
}

// Similar posts ranked by the on-demand module (src/similar_posts.rs).
export function rank_posts(src, key, index, base, article, count, strict) {
  return on_demand(src).then((module) => module.rank(key, index, base, article, count, strict));
}

// A body sanitized by the on-demand module (src/browser_html.rs).
export function sanitize_apart(src, html, base, id) {
  return on_demand(src).then((module) => module.sanitize(html, base, id));
}

// The interface's words in a language other than English (src/languages.rs).
// The text of the language pack `lang/<code>.txt` next to the component (this file is copied
// three folders below it), fetched within `ms` milliseconds once per language; null when it
// cannot be had, and then fetched again when next asked for.
const packs = new Map();
export function lang_pack(lang, ms) {
  let pack = packs.get(lang);
  if (!pack) {
    pack = fetch_outcome(new URL(`../../../lang/${lang}.txt`, import.meta.url).href, ms).then((outcome) => {
      if (Array.isArray(outcome)) return outcome[1];
      packs.delete(lang);
      return null;
    });
    packs.set(lang, pack);
  }
  return pack;
}
