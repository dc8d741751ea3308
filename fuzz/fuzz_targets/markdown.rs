//! Fuzzes what the build step does to a Markdown post's body: Hugo shortcodes and Liquid tags
//! expanded, then GitHub-flavoured Markdown rendered with extended autolinks. No input may
//! panic (a panic stops the whole site's build), and the rendered HTML must come out of the
//! sanitizer too.

#![no_main]

use broadsheet_build::sources::markdown::render;
use broadsheet_build::sources::shortcodes::expand;
use broadsheet_core::html::{sanitize, SanitizeContext};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (markdown, _) = expand(&text);
    let html = render(&markdown);
    let _ = sanitize(&html, SanitizeContext::default());
});
