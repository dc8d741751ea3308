// Broadsheet's enhancement of a prerendered page: it makes the share section's two buttons
// work, the only parts of the page that need a script. Everything else is plain HTML. The
// buttons are written `hidden`, so without this script (or where it cannot run) they are
// absent, never dead. The markup contract is the one the Leptos component renders (src/share_bar.rs):
// the section carries data-url and data-text, a button data-share="copy" or "native", the
// status region its messages in data-copied, data-copy-failed and data-share-failed.
for (const section of document.querySelectorAll(".bs-share[data-url]")) {
  const { url, text } = section.dataset;
  const status = section.querySelector(".bs-share-status");
  const say = (message) => {
    if (status) status.textContent = message || "";
  };

  const copy = section.querySelector('[data-share="copy"]');
  if (copy) {
    // The copy that works without the Clipboard API (plain HTTP, older browsers).
    const copyBySelection = () => {
      const area = Object.assign(document.createElement("textarea"), { value: url, readOnly: true });
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
    };
    copy.addEventListener("click", async () => {
      let copied = false;
      try {
        await navigator.clipboard.writeText(url);
        copied = true;
      } catch {
        copied = copyBySelection();
      }
      say(copied ? status.dataset.copied : status.dataset.copyFailed);
    });
    copy.parentElement.hidden = false;
  }

  const native = section.querySelector('[data-share="native"]');
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
