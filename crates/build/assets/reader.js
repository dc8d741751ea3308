// Broadsheet's script for an article: the share section's two buttons, the time left as the
// reader goes, and sharing a passage they select. One module for both ways an article is shown:
// a prerendered page runs it with its enhancement script (assets.rs joins the two files); the
// browser component's loader imports it when an article is painted (the `broadsheet:article`
// event), so it costs the first load nothing. The contract with the components is their markup
// (src/article_view.rs, src/share_bar.rs):
// - `.bs-share[data-url][data-text]`: what the section shares; its buttons
//   `[data-share="copy"]` and `[data-share="native"]`, written in `hidden` list items, so
//   without this script they are absent, never dead; its `.bs-share-status` region with the
//   messages in `data-copied`, `data-copy-failed` and `data-share-failed`;
// - `.bs-body[data-read-marks]`: the read time in seconds at the end of each top-level element;
// - `.bs-read-time[data-left]`: "1 minute left|2 minutes left|…" up to the read time, in the
//   interface's words and plurals;
// - the share section's hidden `.bs-quote-source`: the passage controls, which this module
//   copies and whose links it fills in.
// `data-time-left="off"` or `data-quote-share="off"` on the article or any element around it
// (the mount element of an embed, a page's <body>) turns either aid off.

const enhanced = new WeakSet();

/** Runs the share buttons and adds the reading aids to `article` (a `.bs-article`), once. */
export function enhance(article) {
  if (!article || enhanced.has(article)) return;
  enhanced.add(article);
  const share = article.querySelector(".bs-share[data-url]");
  if (share) attempt(shareButtons, share);
  if (!isOff(article, "data-time-left")) attempt(timeLeft, article);
  if (!isOff(article, "data-quote-share")) attempt(quoteShare, article);
}

/** Runs one aid on its own: one that fails (a browser without some API) leaves the others, and
 * the other articles of the page, working. */
function attempt(aid, element) {
  try {
    aid(element);
  } catch (error) {
    console.error(error);
  }
}

/** True when `element` or an element around it, across shadow roots, sets `name` to "off". */
function isOff(element, name) {
  for (let e = element; e; e = e.parentElement || e.getRootNode().host) {
    if (e.getAttribute(name) === "off") return true;
  }
  return false;
}

/** Focuses `element`, which need not be focusable: it is while it has the focus. */
function focusBlock(element) {
  if (!element.hasAttribute("tabindex")) {
    element.tabIndex = -1;
    element.addEventListener("blur", () => element.removeAttribute("tabindex"), { once: true });
  }
  element.focus({ preventScroll: true });
}

function make(tag, className) {
  return Object.assign(document.createElement(tag), { className });
}

// ---- Share buttons --------------------------------------------------------------------------

/** Shows and runs the copy-link and native-share buttons of the share section `section`. */
function shareButtons(section) {
  const { url, text } = section.dataset;
  const status = section.querySelector(".bs-share-status");
  const say = (message) => {
    if (status) status.textContent = message || "";
  };

  const copy = section.querySelector('.bs-share-list [data-share="copy"]');
  if (copy) {
    copy.addEventListener("click", async () => {
      say((await copyText(url)) ? status?.dataset.copied : status?.dataset.copyFailed);
    });
    copy.parentElement.hidden = false;
  }

  const native = section.querySelector('.bs-share-list [data-share="native"]');
  const data = { title: text, text, url };
  if (native && navigator.share && navigator.canShare && navigator.canShare(data)) {
    native.addEventListener("click", () => {
      // Called inside the click, as the user activation requires.
      navigator.share(data).catch((error) => {
        // The reader closed the share sheet: nothing to report.
        if (error.name !== "AbortError") say(status?.dataset.shareFailed);
      });
    });
    native.parentElement.hidden = false;
  }
}

// ---- Time left ------------------------------------------------------------------------------

/**
 * The time-left meters of the page. They are fixed to the viewport, so where two articles are
 * on screen together (an embed beside another) only one shows: the one the reader last
 * pressed or focused in, else the one whose body fills most of the viewport.
 */
const meters = new Set();
let touched = null;
/** The meter chosen in the current frame, worked out once for all of them. */
let chosen = { frame: -1, meter: null };

/** Forgets the meters of articles no longer on the page (an unmounted embed's). */
function forgetRemoved() {
  for (const meter of meters) {
    if (meter.article.isConnected) continue;
    meters.delete(meter);
    meter.stop();
    if (touched === meter.article) touched = null;
  }
}

/** The meter that shows in the frame at `frame` (rAF's time), of those whose body is on
 * screen. */
function currentMeter(frame) {
  if (chosen.frame === frame) return chosen.meter;
  forgetRemoved();
  let best = null;
  let bestArea = -1;
  for (const meter of meters) {
    if (!meter.inView) continue;
    if (meter.article === touched) {
      best = meter;
      break;
    }
    const box = meter.body.getBoundingClientRect();
    const area =
      Math.max(0, Math.min(box.bottom, innerHeight) - Math.max(box.top, 0)) *
      Math.max(0, Math.min(box.right, innerWidth) - Math.max(box.left, 0));
    if (area > bestArea) {
      best = meter;
      bestArea = area;
    }
  }
  chosen = { frame, meter: best };
  return best;
}

/** Parts mode (`data-article-from` on the mount element around `article`): the body of the
 * page's own article, which the read time `time` is of; none otherwise. */
function pageBody(article, time) {
  const selector = time && article.getRootNode().host?.getAttribute("data-article-from");
  try {
    return selector ? document.querySelector(selector) : null;
  } catch {
    return null;
  }
}

/** Where the reader stands in the read time (`time`'s datetime, `PT3M22S`) at the end of each
 * top-level element of a page's own body: shared out by their text, as the page carries no
 * marks of the build step's. */
function pageMarks(body, time) {
  const [, h = 0, m = 0, s = 0] = /PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?/.exec(time.dateTime) || [];
  const total = h * 3600 + m * 60 + +s;
  const lengths = [...body.children].map((child) => child.textContent.length + 1);
  const sum = lengths.reduce((a, b) => a + b, 0);
  let done = 0;
  return lengths.map((length) => Math.round((total * (done += length)) / sum));
}

/** Every meter looks again at whether it is the one to show. */
function refreshMeters() {
  for (const meter of meters) meter.schedule();
}

function timeLeft(article) {
  const time = article.querySelector(".bs-read-time[data-left]");
  const body = article.querySelector(".bs-body[data-read-marks]") || pageBody(article, time);
  if (!body || !time) return;
  const marks = body.dataset.readMarks?.split(" ").map(Number) || pageMarks(body, time);
  const total = marks[marks.length - 1];
  if (!(total > 0) || !marks.every(Number.isFinite)) return;
  // One part a top-level element; if the browser parsed the body into other elements than the
  // marks count (it should not), the whole body is one part.
  const children = [...body.children];
  const parts =
    children.length === marks.length
      ? children.map((element, i) => ({ element, from: i ? marks[i - 1] : 0, to: marks[i] }))
      : [{ element: body, from: 0, to: total }];

  const labels = time.dataset.left.split("|");
  const lang = time.closest("[lang]")?.lang;
  // Both are seen, not heard: the read time is in the article's header already, and a live
  // announcement on every scroll would drown a screen reader.
  const meter = make("div", "bs-progress");
  meter.setAttribute("aria-hidden", "true");
  const bar = make("div", "bs-progress-bar");
  const label = make("p", "bs-progress-left");
  if (lang) label.lang = lang;
  const dir = time.closest("[dir]")?.dir;
  if (dir) label.dir = dir;
  meter.append(bar, label);
  article.append(meter);

  let frame = 0;
  const update = (now) => {
    frame = 0;
    if (!article.isConnected) {
      forgetRemoved();
      return refreshMeters();
    }
    const on = currentMeter(now) === entry;
    // The reading line, above which the text counts as read, goes down the viewport as the
    // page scrolls: at its top before any scrolling, at its bottom where the page ends, so
    // nothing is read on arrival and everything once the end is reached.
    // So does it as the body passes through the viewport, for a body with more page below
    // it than the viewport's height (an embed): the further of the two counts.
    const page = document.scrollingElement || document.documentElement;
    const room = page.scrollHeight - innerHeight;
    const bodyBox = body.getBoundingClientRect();
    const through = (innerHeight - bodyBox.top) / (bodyBox.height + innerHeight);
    const share = Math.max(room > 0 ? page.scrollTop / room : 1, through);
    const line = innerHeight * Math.min(1, Math.max(0, share));
    // The last part that starts above the line, by binary search: parts are in page order.
    let low = 0;
    let high = parts.length - 1;
    let at = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (parts[mid].element.getBoundingClientRect().top <= line) {
        at = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    let read = 0;
    if (at >= 0) {
      const { element, from, to } = parts[at];
      const box = element.getBoundingClientRect();
      const share = box.height > 0 ? Math.min(1, Math.max(0, (line - box.top) / box.height)) : 1;
      read = from + (to - from) * share;
    }
    const left = Math.max(0, Math.round(total - read));
    bar.style.transform = `scaleX(${(total - left) / total})`;
    // Whole minutes, as the short read time counts them; the last minute stays "1 minute".
    const whole = Math.max(1, Math.round(left / 60));
    label.textContent = labels[Math.min(whole, labels.length) - 1];
    label.dataset.secondsLeft = String(left);
    meter.classList.toggle("bs-progress-on", on);
    label.hidden = left === 0;
  };
  // Scrolling only asks for a frame; the work is done once a frame, and only while the body is
  // on screen (the observer below adds and removes the listener).
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(update);
  };
  // This article's meter among the page's (`stop` is set once it watches the body).
  const entry = { article, body, inView: false, schedule, stop: () => {} };
  forgetRemoved();
  meters.add(entry);
  const touch = () => {
    if (touched === article) return;
    touched = article;
    refreshMeters();
  };
  article.addEventListener("pointerdown", touch);
  article.addEventListener("focusin", touch);
  entry.stop = whileInView(
    body,
    [
      [document, "scroll", schedule, { capture: true, passive: true }],
      [window, "resize", schedule, { passive: true }],
    ],
    (shown) => {
      entry.inView = shown;
      refreshMeters();
    },
  );
}

/**
 * Adds `listeners` (`[target, type, listener, options]`) while `element` is on screen and
 * removes them once it is off screen or gone from the page, so a page's scrolling costs an
 * article out of view nothing, and an article that is removed (an embed unmounted) leaves
 * nothing behind. `change(shown)` is called on each change. Returns a function that stops it.
 */
function whileInView(element, listeners, change) {
  let on = false;
  const toggle = (shown) => {
    if (shown === on) return;
    on = shown;
    for (const [target, type, listener, options] of listeners) {
      if (shown) target.addEventListener(type, listener, options);
      else target.removeEventListener(type, listener, options);
    }
  };
  const observer = new IntersectionObserver((entries) => {
    const shown = element.isConnected && entries[entries.length - 1].isIntersecting;
    toggle(shown);
    if (!element.isConnected) observer.disconnect();
    change(shown);
  });
  observer.observe(element);
  return () => {
    observer.disconnect();
    toggle(false);
  };
}

// ---- Sharing a passage ----------------------------------------------------------------------

/** Words kept at each end of a long passage in a text directive (as text_fragment.rs). */
const EDGE_WORDS = 4;
/** Longest passage quoted in a post, in grapheme clusters. */
const QUOTE_LIMIT = 200;
/** Bluesky's post limit in grapheme clusters (as share.rs). */
const BLUESKY_LIMIT = 300;
/** Quotation marks by the article's language; others get English ones. */
const QUOTES = { fr: ["« ", " »"], de: ["„", "“"], ja: ["「", "」"], ar: ["«", "»"], es: ["«", "»"] };

/** Made when first needed: starting `Intl` costs a long task on a slow phone. */
let segmenter;

/** White space as Rust's `char::is_whitespace` has it (Unicode's White_Space), so that words
 * are split here as text_fragment.rs splits them. */
const WHITE = "\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const SPACES = new RegExp(`[${WHITE}]+`, "g");
const LAST_SPACE = new RegExp(`[${WHITE}][^${WHITE}]*$`);
const TRAILING = new RegExp(`[${WHITE},;:\\-–—]+$`);

/** `text` as grapheme clusters (code points where the browser has no segmenter). */
function graphemes(text) {
  if (segmenter === undefined) {
    segmenter = typeof Intl.Segmenter === "function" ? new Intl.Segmenter() : null;
  }
  return segmenter ? Array.from(segmenter.segment(text), (s) => s.segment) : Array.from(text);
}

/** `text` percent-encoded for a text directive: all but its grammar's explicit characters. */
function encodeDirective(text) {
  let out = "";
  for (const byte of new TextEncoder().encode(text)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9!$'()*+./:;=?@_~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** `url` with a text directive that highlights `passage` (text_fragment.rs, link_to_passage). */
export function linkToPassage(url, passage) {
  const words = passage.split(SPACES).filter(Boolean);
  if (!words.length) return url;
  const base = url.split("#")[0];
  if (words.length > 2 * EDGE_WORDS + 1) {
    const start = words.slice(0, EDGE_WORDS).join(" ");
    const end = words.slice(-EDGE_WORDS).join(" ");
    return `${base}#:~:text=${encodeDirective(start)},${encodeDirective(end)}`;
  }
  return `${base}#:~:text=${encodeDirective(words.join(" "))}`;
}

/** The first `room` clusters of `clusters`, back to the last word boundary, without trailing
 * white space or punctuation (share.rs's cut). */
function cutAtWord(clusters, room) {
  const head = clusters.slice(0, room).join("");
  const space = head.search(LAST_SPACE);
  return (space > 0 ? head.slice(0, space) : head).replace(TRAILING, "");
}

/** `text` cut to `limit` clusters at a word boundary, with "…" where it was cut. */
function shorten(text, limit) {
  const clusters = graphemes(text);
  return clusters.length <= limit ? text : `${cutAtWord(clusters, limit)}…`;
}

/** `text` and `url` as one Bluesky post (share.rs, bluesky_text): the URL always whole. */
function blueskyText(text, url) {
  const urlLength = graphemes(url).length;
  const clusters = graphemes(text);
  if (clusters.length + 1 + urlLength <= BLUESKY_LIMIT) return `${text} ${url}`;
  const cut = cutAtWord(clusters, Math.max(0, BLUESKY_LIMIT - (urlLength + 2)));
  return cut ? `${cut}… ${url}` : url;
}

/**
 * What sharing `passage` of the article at `url`, titled `title`, in language `lang` links to,
 * by network: the passage quoted (at most QUOTE_LIMIT clusters) and a link that lands on it.
 * The intents are those of share.rs's `share_url`; the e-mail's subject is the title.
 */
function passageLinks(url, title, passage, lang) {
  const [open, close] = QUOTES[(lang || "").split("-")[0]] || ["“", "”"];
  const quote = `${open}${shorten(passage, QUOTE_LIMIT)}${close}`;
  const link = linkToPassage(url, passage);
  const t = encodeURIComponent(quote);
  const u = encodeURIComponent(link);
  return {
    x: `https://x.com/intent/tweet?text=${t}&url=${u}`,
    bluesky: `https://bsky.app/intent/compose?text=${encodeURIComponent(blueskyText(quote, link))}`,
    mastodon: `https://share.joinmastodon.org/#text=${t}%20${u}`,
    email: `mailto:?subject=${encodeURIComponent(title)}&body=${t}%0D%0A%0D%0A${u}`,
  };
}

/** Copies `text`, with the Clipboard API or, without it, a selection; true if it worked. */
async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Plain HTTP, older browsers, a denied permission: copy from a selected text area.
    const area = Object.assign(document.createElement("textarea"), { value: text, readOnly: true });
    area.className = "bs-copy-buffer";
    document.body.append(area);
    area.select();
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
    area.remove();
    return copied;
  }
}

/** Letters of scripts written with spaces between words (not Chinese, Japanese, Thai, Lao,
 * Khmer or Myanmar, where a word's ends are not in the text). */
const SPACED_LETTER =
  /(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}])[\p{L}\p{N}\p{M}]/u;
/** Elements that end a line of text: their text is kept apart by a space. */
const BLOCKS = "p,li,dt,dd,h1,h2,h3,h4,h5,h6,blockquote,figcaption,pre,td,th,caption,div,figure,section,aside,details,summary";

/**
 * The text of the passage `range` selects, as a reader means it: whole words (browsers match
 * a text directive's ends on word boundaries, so half a word would find nothing), a space
 * between blocks (a range's own text runs paragraphs together), `skip` left out, white space
 * collapsed.
 */
function passageText(range, skip) {
  const r = range.cloneRange();
  const { startContainer: start, endContainer: end } = r;
  if (start.nodeType === Node.TEXT_NODE) {
    let i = r.startOffset;
    while (i > 0 && SPACED_LETTER.test(start.data[i - 1]) && SPACED_LETTER.test(start.data[i] || "")) i--;
    r.setStart(start, i);
  }
  if (end.nodeType === Node.TEXT_NODE) {
    let i = r.endOffset;
    while (i < end.data.length && SPACED_LETTER.test(end.data[i]) && SPACED_LETTER.test(end.data[i - 1] || "")) i++;
    r.setEnd(end, i);
  }
  const within = r.commonAncestorContainer;
  if (within.nodeType === Node.TEXT_NODE) {
    return within.data.slice(r.startOffset, r.endOffset).replace(SPACES, " ").trim();
  }
  const walker = document.createTreeWalker(within, NodeFilter.SHOW_TEXT);
  let text = "";
  let lastBlock = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!r.intersectsNode(node) || skip.contains(node)) continue;
    const from = node === r.startContainer ? r.startOffset : 0;
    const to = node === r.endContainer ? r.endOffset : node.data.length;
    const block = node.parentElement.closest(BLOCKS);
    if (text && block !== lastBlock) text += " ";
    lastBlock = block;
    text += node.data.slice(from, to);
  }
  return text.replace(SPACES, " ").trim();
}

function quoteShare(article) {
  const body = article.querySelector(".bs-body");
  const share = article.querySelector(".bs-share[data-url]");
  const proto = share?.querySelector(".bs-quote-source > .bs-quote");
  if (!body || !proto) return;
  const root = article.getRootNode();
  const messages = { copied: "", copyFailed: "", ...share.querySelector(".bs-share-status")?.dataset };
  const controls = proto.cloneNode(true);
  const status = controls.querySelector('[role="status"]');
  let passage = "";
  let pressed = false;
  let frame = 0;

  const hide = () => {
    passage = "";
    controls.remove();
    if (status) status.textContent = "";
  };
  // The selected range, when it lies in the body. In a shadow root the document's selection
  // does not show it: getComposedRanges does, or Chromium's older shadowRoot.getSelection.
  const selectedRange = () => {
    const selection = document.getSelection();
    if (!selection) return null;
    let range = null;
    if (root instanceof ShadowRoot) {
      if (selection.getComposedRanges) {
        let ranges;
        try {
          ranges = selection.getComposedRanges({ shadowRoots: [root] });
        } catch {
          ranges = selection.getComposedRanges(root);
        }
        const [r] = ranges;
        if (!r) return null;
        range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
      } else if (root.getSelection) {
        const inner = root.getSelection();
        if (inner?.rangeCount) range = inner.getRangeAt(0);
      }
    } else if (selection.rangeCount) {
      range = selection.getRangeAt(0);
    }
    if (!range || range.collapsed) return null;
    const within = range.commonAncestorContainer;
    return body.contains(within) && !controls.contains(within) ? range : null;
  };
  const show = (range) => {
    const text = passageText(range, controls);
    if (!text) return hide();
    // The reader is in the controls: moving them would take their focus away.
    if (text === passage && controls.contains(root.activeElement)) return;
    passage = text;
    const links = passageLinks(share.dataset.url, share.dataset.text || "", text, article.lang);
    for (const a of controls.querySelectorAll("a[data-network]")) a.href = links[a.dataset.network];
    if (status) status.textContent = "";
    // Right after the top-level element where the selection ends, so Tab reaches it next.
    let block = range.endContainer;
    while (block && block.parentNode !== body) block = block.parentNode;
    if (block && block.nextSibling !== controls) block.after(controls);
    else if (!block && controls.parentNode !== body) body.append(controls);
    // Just under the selection's end, inside the body's width.
    const rects = range.getClientRects();
    const end = rects[rects.length - 1] || range.getBoundingClientRect();
    const frameBox = body.getBoundingClientRect();
    const width = controls.offsetWidth;
    const left = Math.min(Math.max(0, end.left - frameBox.left - width / 2), frameBox.width - width);
    controls.style.left = `${Math.max(0, left)}px`;
    controls.style.top = `${end.bottom - frameBox.top + 8}px`;
  };
  const refresh = () => {
    frame = 0;
    if (!article.isConnected) return stop();
    if (pressed) return;
    const range = selectedRange();
    if (range) show(range);
    else if (!controls.contains(root.activeElement)) hide();
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(refresh);
  };
  // While a pointer drags a selection out, the controls are away, and wait for it to be let go.
  // The release is listened for from the press on, wherever the body is then: a press that
  // comes as the body scrolls on screen, before the observer below has said so, is let go too.
  const ends = ["pointerup", "pointercancel"];
  const release = () => {
    for (const type of ends) document.removeEventListener(type, release, true);
    pressed = false;
    schedule();
  };
  const press = (event) => {
    if (controls.contains(event.target)) return;
    if (!pressed) for (const type of ends) document.addEventListener(type, release, true);
    pressed = true;
    hide();
  };
  body.addEventListener("pointerdown", press);
  // A selection is made in a body on screen: only then does the page's selection matter here.
  // One made in it meanwhile (by keyboard, or by a script) gets its controls as it comes on screen.
  const stop = whileInView(body, [[document, "selectionchange", schedule]], (shown) => {
    if (shown) schedule();
  });
  controls.addEventListener("focusout", (event) => {
    if (!controls.contains(event.relatedTarget)) schedule();
  });
  controls.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      // Focus goes back to the passage's paragraph, not to the page's start.
      const block = controls.previousElementSibling;
      // Safari's engine has no range left in the selection once a control has the focus,
      // and collapseToEnd throws then.
      const selection = document.getSelection();
      if (selection?.rangeCount) selection.collapseToEnd();
      hide();
      if (block) focusBlock(block);
    }
  });
  controls.querySelector('[data-share="copy"]')?.addEventListener("click", async () => {
    const link = linkToPassage(share.dataset.url, passage);
    const ok = await copyText(link);
    // The failure message gives the article's address to copy by hand; here it is the link's.
    if (status) status.textContent = ok ? messages.copied : messages.copyFailed.replace(share.dataset.url, () => link);
  });
}
