// The reading aids (time left, sharing a passage: crates/build/assets/reader.js, next to the
// loader in both bundles) are fetched when the component shows its first article, so they cost
// the first load nothing. The event's path must be read while it is dispatched.
addEventListener("broadsheet:article", (event) => {
  const article = event.composedPath()[0].closest(".bs-article");
  import("./reader.js").then((reader) => reader.enhance(article), () => {});
});
