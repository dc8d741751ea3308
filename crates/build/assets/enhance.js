// Broadsheet's enhancement of a prerendered page, run after reader.js in the same module (see
// assets.rs): the share buttons and the reading aids of each article. Everything else on the
// page is plain HTML.
for (const article of document.querySelectorAll(".bs-article")) enhance(article);
