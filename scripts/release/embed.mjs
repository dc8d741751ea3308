// Broadsheet embed: loading this module mounts a component into every element of the page with
// data-article-src. mount(element), unmount(element) and mountAll() are for elements added or
// removed later. The wasm file is found next to this file, wherever it is served from.
// (`scripts/release/rewrite embed` writes dist/embed/broadsheet-embed.js from this file, each
// `// @include` line replaced by that file.)
const loading = import("./broadsheet.js");
const wasm = fetch(new URL("./broadsheet_bg.wasm", import.meta.url));
// @include preload.mjs
// @include on-article.mjs
const { default: init, mount, unmount, mountAll } = await loading;
await init({ module_or_path: wasm });

export { mount, unmount, mountAll };
