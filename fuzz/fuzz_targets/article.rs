//! Fuzzes reading an article document: any bytes either give an article or an error, never a
//! panic, and a read article always prepares for the view.

#![no_main]

use broadsheet_core::html::SanitizeContext;
use broadsheet_core::model::parse_article;
use broadsheet_core::prepared::PreparedArticle;
use broadsheet_core::read_time::ReadTimeConfig;
use broadsheet_core::safe_url::SafeUrl;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let base = SafeUrl::parse_absolute("https://site.example/posts/a.json");
    if let Ok(article) = parse_article(&text, base.as_ref()) {
        let ctx = SanitizeContext {
            base: base.as_ref(),
            id_prefix: "bs1",
            ..SanitizeContext::default()
        };
        let page = PreparedArticle::new(article, ctx, &ReadTimeConfig::default());
        let _ = page.json_ld();
    }
});
