//! An example Leptos app that shows an article with Broadsheet's [`Article`] component: the
//! repository's seed article (`sample/posts/seed-article.json`), with its read time, share
//! buttons and similar posts from the sample site's index (`sample/feed.json`).
//!
//! One `App`, three modes, as features of this crate that turn on Leptos's and Broadsheet's
//! alike: `ssr` (the default) renders the page on the server (`cargo run -p
//! broadsheet-leptos-app` prints it, `tests/render.rs` checks it), `hydrate` makes that page
//! live in the browser (`hydrate()`), `csr` renders it in the browser alone (`start()`).

use broadsheet::Article;
use leptos::prelude::*;

/// The article, as the app keeps it: a JSON Feed document.
pub const POST: &str = include_str!("../../../sample/posts/seed-article.json");

/// The site's index, a JSON Feed of its posts: where the similar posts come from.
pub const FEED: &str = include_str!("../../../sample/feed.json");

/// The address of the page that shows the article: what its share buttons share, as the seed
/// article has no `url` of its own.
pub const PAGE_URL: &str = "https://broadsheet.example/posts/seed-article/";

/// The index's own address: its posts' images are relative to it.
pub const FEED_URL: &str = "https://broadsheet.example/feed.json";

/// The app: the article, with its similar posts.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <main>
            <Article json=POST url=PAGE_URL index=FEED index_url=FEED_URL />
        </main>
    }
}

/// The HTML document around [`App`], as the server sends it: the component's stylesheet and
/// Leptos's hydration scripts (for `pkg/broadsheet_leptos_app.js`, as cargo-leptos names it).
#[cfg(feature = "ssr")]
#[component]
pub fn Shell() -> impl IntoView {
    let options = leptos::config::LeptosOptions::builder()
        .output_name("broadsheet_leptos_app")
        .build();
    view! {
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>"Broadsheet in a Leptos app"</title>
                <style inner_html=broadsheet::STYLESHEET></style>
                <leptos::hydration::HydrationScripts options />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The page the server sends: [`Shell`] rendered to HTML.
#[cfg(feature = "ssr")]
pub fn page() -> String {
    use leptos::tachys::view::RenderHtml;
    let html = Owner::new().with(|| view! { <Shell /> }.to_html());
    format!("<!DOCTYPE html>{html}")
}

/// In the browser, with `hydrate`: makes the server's page live (Leptos's hydration script
/// calls it once the wasm is loaded).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_body(App);
}

/// In the browser, with `csr`: renders [`App`] into the page's `<body>` when the wasm starts.
#[cfg(feature = "csr")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    leptos::mount::mount_to_body(App);
}
