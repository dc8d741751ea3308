// Parts mode (data-article-from): the article a page already shows, read from it as a one-item
// JSON Feed for the model to check (src/app.rs): its body from `selector`, its title from
// og:title, else the first <h1>, else <title>; its address from the canonical link, else the
// page's; its language from the nearest lang; its summary from the meta description. Reads the
// page, never changes it. Its entry in the site index at `index` (fetched with
// `fetch_outcome`, from src/browser.js) gives it its id, its tags and its similar posts; a page
// the index does not have gets none. Says on the console what is missing. A module of its own,
// imported only in parts mode: in the wasm the same work cost every first load 1.5 kB, here in
// browser.js 0.5 kB.
const warn = (message) => console.warn(`broadsheet: ${message}`);
export async function page_article(selector, index, ms, fetch_outcome) {
  const meta = (query) => document.querySelector(query)?.getAttribute("content")?.trim() || null;
  let body = null;
  try {
    body = document.querySelector(selector);
  } catch {
    // Not a selector: it matches nothing.
  }
  if (!body) warn(`no element matches data-article-from="${selector}"`);
  const url = document.querySelector('link[rel~="canonical"]')?.href || location.href.split("#")[0];
  const title =
    meta('meta[property="og:title"]') || document.querySelector("h1")?.textContent.trim() || document.title.trim() || null;
  const language = (body || document.documentElement).closest("[lang]")?.lang || null;
  const item = { id: url, url, title, language, summary: meta('meta[name="description"]') };
  if (body) item.content_html = body.innerHTML;
  if (index) {
    const outcome = await fetch_outcome(index, ms);
    // One page's addresses: the same host (lower case, no default port), path without a
    // trailing slash or index.html, and query without tracking parameters.
    const key = (address) => {
      try {
        const url = new URL(address, outcome[0]);
        for (const name of [...url.searchParams.keys()]) {
          if (/^(utm_.*|fbclid|gclid|dclid|msclkid|yclid|igshid|mc_[ce]id|_ga|ref)$/i.test(name)) url.searchParams.delete(name);
        }
        return url.host + url.pathname.replace(/\/(index\.html?)?$/, "") + url.search;
      } catch {
        return address;
      }
    };
    let entry;
    try {
      entry = JSON.parse(outcome[1]).items.find((other) => [other.url, other.id].some((a) => typeof a == "string" && key(a) == key(url)));
    } catch {
      // No index, or not a JSON Feed: no entry.
    }
    if (entry) Object.assign(item, { id: String(entry.id), tags: entry.tags, _article: { similar: entry._article?.similar } });
    else {
      warn(`${url} is not in the site index ${index}: no similar posts`);
      item._article = { similar: [] };
    }
  }
  return JSON.stringify({ items: [item] });
}
