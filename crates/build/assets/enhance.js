// Broadsheet's enhancement of a prerendered page, run after reader.js in the same module (see
// assets.rs): the reading aids for the article, and the share section's two buttons, the only
// other parts of the page that need a script. Everything else is plain HTML. The buttons are
// written `hidden`, so without this script (or where it cannot run) they are absent, never
// dead. The markup contract is the one the Leptos component renders (src/share_bar.rs): the
// section carries data-url and data-text, a button data-share="copy" or "native", the status
// region its messages in data-copied, data-copy-failed and data-share-failed.
for (const article of document.querySelectorAll(".bs-article")) enhance(article);

for (const section of document.querySelectorAll(".bs-share[data-url]")) {
  const { url, text } = section.dataset;
  const status = section.querySelector(".bs-share-status");
  const say = (message) => {
    if (status) status.textContent = message || "";
  };

  const copy = section.querySelector('.bs-share-list [data-share="copy"]');
  if (copy) {
    copy.addEventListener("click", async () => {
      say((await copyText(url)) ? status.dataset.copied : status.dataset.copyFailed);
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
        if (error.name !== "AbortError") say(status.dataset.shareFailed);
      });
    });
    native.parentElement.hidden = false;
  }
}
