//! Differential fuzzing of the sanitizer against itself: its output, sanitized again with the
//! same context, comes out unchanged (the build step sanitizes what a source gave, and the
//! component sanitizes the article JSON the build wrote, so every body is sanitized twice). Also
//! the text the read time counts and the images it adds time for. With no context, with an id
//! prefix, and with a base and an id prefix.

#![no_main]

use broadsheet_core::html::{sanitize, SanitizeContext};
use broadsheet_core::safe_url::SafeUrl;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let base = SafeUrl::parse_absolute("https://site.example/posts/a.json");
    let contexts = [
        SanitizeContext::default(),
        SanitizeContext {
            id_prefix: "bs1",
            ..SanitizeContext::default()
        },
        SanitizeContext {
            base: base.as_ref(),
            id_prefix: "bs2",
            ..SanitizeContext::default()
        },
    ];
    for ctx in contexts {
        let once = sanitize(&text, ctx);
        let twice = sanitize(&once.html, ctx);
        assert_eq!(once.html, twice.html, "sanitized again, {:?} changed", text);
        assert_eq!(once.images, twice.images, "images of {:?}", text);
        // White space aside: a block the sanitizer drops (`<td>` outside a table) still separates
        // words in the first pass's text and code (known; `html::sanitize::tests::
        // a_dropped_block_does_not_separate_words`, ignored until fixed).
        let words = |s: &str| s.split_whitespace().collect::<String>();
        assert_eq!(words(&once.prose), words(&twice.prose), "prose of {:?}", text);
        assert_eq!(words(&once.code), words(&twice.code), "code of {:?}", text);
    }
});
