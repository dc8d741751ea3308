// Adds a mount element after the page has loaded, and removes it again.
import { mount, unmount } from "../dist/embed/broadsheet-embed.js";

const slot = document.getElementById("slot");
let element = null;

document.getElementById("add").addEventListener("click", () => {
  if (element) return;
  element = document.createElement("div");
  element.dataset.articleSrc = "../dist/sample/posts/north-sea-offshore-wind-grid.json";
  element.dataset.indexSrc = "../dist/sample/feed.json";
  slot.append(element);
  mount(element);
});

document.getElementById("remove").addEventListener("click", () => {
  if (!element) return;
  unmount(element);
  element.remove();
  element = null;
});

// This module runs once the component's has loaded (it imports it): now the buttons work.
for (const button of document.querySelectorAll("button")) button.disabled = false;
