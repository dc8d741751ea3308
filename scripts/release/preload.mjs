// Runs first in both loaders (loader.mjs, embed.mjs), while the JS glue and the wasm download:
// preloads the article of every mount element (the one the component will fetch first), and
// the language pack of its configured or page language when that is not English
// (src/languages.rs). It does not start Intl: the core writes the dates of the interface's six
// languages (src/dates/intl.rs), and Intl's one-time set-up made a task of 60-80 ms on a
// throttled phone in half the loads.

// The language packs in lang/: `scripts/release/rewrite` writes their codes here.
const PACKS = [];
const preloaded = new Set();
const preload = (href) => {
  if (preloaded.has(href)) return;
  preloaded.add(href);
  const link = Object.assign(document.createElement("link"), { rel: "preload", as: "fetch", href });
  link.crossOrigin = "anonymous";
  document.head.append(link);
};
for (const element of document.querySelectorAll("[data-article-src]")) {
  const param = element.dataset.urlParam;
  const src = (param && new URLSearchParams(location.search).get(param)) || element.dataset.articleSrc;
  if (src) preload(src);
  const tags = [element.dataset.uiLang, element.closest("[lang]")?.getAttribute("lang")];
  const lang = tags.map((tag) => (tag || "").trim().split(/[-_]/)[0].toLowerCase()).find((lang) => lang === "en" || PACKS.includes(lang));
  if (lang && lang !== "en") preload(new URL(`./lang/${lang}.txt`, import.meta.url).href);
}
