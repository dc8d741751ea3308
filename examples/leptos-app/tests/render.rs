//! The example app's page as its server sends it (`ssr`): the seed article with its title, read
//! time, share buttons and similar-post cards, the component's stylesheet, and a body that
//! Leptos's hydration script makes live. Then the component's own edges: an article it cannot
//! read, no address to share, no index.
#![cfg(feature = "ssr")]

use broadsheet::Article;
use broadsheet_leptos_app::{page, App, FEED, PAGE_URL, POST};
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;
use serde_json::Value;

fn render<V: IntoView + 'static>(view: impl FnOnce() -> V) -> String {
    Owner::new().with(|| view().into_view().to_html())
}

/// The text of `html` from the end of the first `start` on to the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in the page"))
        + start.len();
    let to = html[from..]
        .find(end)
        .unwrap_or_else(|| panic!("no {end:?} after {start:?}"));
    &html[from..from + to]
}

/// The values of every `name="…"` attribute in `html`.
fn attributes<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let key = format!(" {name}=\"");
    html.match_indices(&key)
        .map(|(at, _)| {
            let rest = &html[at + key.len()..];
            &rest[..rest.find('"').expect("a closed attribute")]
        })
        .collect()
}

/// The seed article's item, and the sample site's entry for it.
fn seed() -> (Value, Value) {
    let post: Value = serde_json::from_str(POST).expect("the seed article is JSON");
    let item = post["items"][0].clone();
    let feed: Value = serde_json::from_str(FEED).expect("the index is JSON");
    let entry = feed["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["id"] == item["id"])
        .expect("the seed in the index")
        .clone();
    (item, entry)
}

#[test]
fn the_page_shows_the_seed_article_with_its_title_and_read_time() {
    let html = page();
    let (item, entry) = seed();
    let title = item["title"].as_str().expect("a title");
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    assert_eq!(
        between(&html, "<h1 class=\"bs-title\" tabindex=\"-1\">", "</h1>"),
        title
    );
    // The same read time as the build step's for the same post (its index entry).
    let seconds = entry["_article"]["read_time"].as_u64().expect("read_time");
    let iso = format!("PT{}M{}S", seconds / 60, seconds % 60);
    let read_time = between(&html, "<time class=\"bs-read-time\"", "</time>");
    assert!(
        read_time.starts_with(&format!(" datetime=\"{iso}\"")),
        "{read_time}"
    );
    assert!(
        read_time.ends_with(">3 minutes, 20 seconds read"),
        "{read_time}"
    );
    // The body, with the read time up to the end of each paragraph for the reading aids.
    let marks = between(&html, "<div class=\"bs-body\" data-read-marks=\"", "\"");
    assert!(marks.ends_with(&format!(" {seconds}")), "{marks}");
}

#[test]
fn its_share_buttons_share_the_page() {
    let html = page();
    let share = between(&html, "<section class=\"bs-share\"", "</section>");
    assert!(share.contains(&format!("data-url=\"{PAGE_URL}\"")));
    assert!(share.contains(">Share This Post</h2>"));
    let encoded = "https%3A%2F%2Fbroadsheet.example%2Fposts%2Fseed-article%2F";
    let links = attributes(share, "href");
    for network in ["https://x.com/", "https://bsky.app/", "mailto:"] {
        assert!(
            links.iter().any(|l| l.starts_with(network)),
            "no {network} link in {links:?}"
        );
    }
    assert!(links.len() >= 4, "{links:?}");
    assert!(links.iter().all(|l| l.contains(encoded)), "{links:?}");
}

#[test]
fn its_similar_posts_are_three_cards_linking_to_other_posts() {
    let html = page();
    let (item, _) = seed();
    let similar = between(&html, "<aside", "</aside>");
    assert!(similar.contains(">Similar Posts</h2>"));
    assert_eq!(similar.matches("<li class=\"bs-card-item\">").count(), 3);
    let feed: Value = serde_json::from_str(FEED).expect("the index is JSON");
    let posts: Vec<&str> = feed["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["id"] != item["id"])
        .filter_map(|i| i["url"].as_str())
        .collect();
    let cards: Vec<&str> = similar
        .split("<a class=\"bs-card-link\"")
        .skip(1)
        .map(|card| between(card, " href=\"", "\""))
        .collect();
    assert_eq!(cards.len(), 3);
    for href in &cards {
        assert!(posts.contains(href), "{href} is not another post's page");
    }
    // Relative images resolve against the index's address.
    for src in attributes(similar, "src") {
        assert!(
            src.starts_with("https://broadsheet.example/images/"),
            "{src}"
        );
    }
}

#[test]
fn the_page_carries_the_stylesheet_and_hydrates_its_body() {
    let html = page();
    let head = between(&html, "<head>", "</head>");
    assert!(between(head, "<style>", "</style>").contains(".bs{"));
    assert!(head.contains("<link rel=\"modulepreload\" href=\"/pkg/broadsheet_leptos_app.js\">"));
    assert!(head.contains("mod.hydrate()"));
    // `hydrate_body(App)` walks the body as `App` rendered it.
    let body = render(|| view! { <App /> });
    assert_eq!(between(&html, "<body>", "</body></html>"), body);
}

#[test]
fn an_article_it_cannot_read_says_so() {
    let html = render(|| view! { <Article json="{\"items\": []}" /> });
    let error = between(&html, "<div role=\"alert\"", "</div>");
    assert!(error.contains(" class=\"bs-error\""), "{html}");
    assert!(html.contains("<h2 class=\"bs-error-title\">"), "{html}");
    assert!(!html.contains("bs-article"));
}

#[test]
fn with_no_address_to_share_and_no_index_only_the_article_is_shown() {
    let post = r#"{"id": "1", "title": "Hello", "content_text": "A short post."}"#;
    let html = render(|| view! { <Article json=post id="one" /> });
    assert!(html.contains(">Hello</h1>"), "{html}");
    assert!(
        html.contains("<time class=\"bs-read-time\" datetime=\"PT"),
        "{html}"
    );
    assert!(!html.contains("bs-share"), "{html}");
    assert!(!html.contains("bs-similar"), "{html}");
    // With its own address the share buttons share that.
    let post = r#"{"id": "1", "title": "Hello", "content_text": "A short post.", "url": "https://example.com/hello/"}"#;
    let html = render(|| view! { <Article json=post url="https://example.com/elsewhere/" /> });
    assert!(
        html.contains("data-url=\"https://example.com/hello/\""),
        "{html}"
    );
}
