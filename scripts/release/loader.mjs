// The page's loader, loader-<hash>.js, which index.html loads in place of the inline module
// script Trunk writes there, so the page runs under a Content-Security-Policy without
// 'unsafe-inline' (README, "Content-Security-Policy"). `scripts/release/rewrite loader` writes
// it from this file: the glue's path in place of the one string of at signs below, and each
// `// @include` line replaced by that file or, for `trunk`, by Trunk's inline loader less its
// import of the glue.
//
// Trunk's loader imports the JS glue statically, so nothing in it runs before the glue has
// arrived; a dynamic import lets the preloads run first.
const loading = import("@GLUE@");
// @include preload.mjs
// @include on-article.mjs
const bindings = await loading;
const init = bindings.default;
// @include trunk
