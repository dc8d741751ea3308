// ESLint, for the JavaScript the release pipeline writes (scripts/release/*.mjs). Those files
// are parts that scripts/release/rewrite puts together, so tests/release_glue.rs lints what it
// puts together from the fixture (the page's loader, the embed module), where every name a
// part uses must be defined by another or by the browser.
import js from "@eslint/js";

export default [
  {
    files: ["scripts/release/**/*.mjs"],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      globals: {
        addEventListener: "readonly",
        CustomEvent: "readonly",
        dispatchEvent: "readonly",
        document: "readonly",
        fetch: "readonly",
        location: "readonly",
        URL: "readonly",
        URLSearchParams: "readonly",
        window: "readonly",
      },
    },
  },
];
