//! "Share This Post" in the browser: links, names, sizes, native share and copy link.

use super::*;

const T: &str = "“Rust” & WASM: #1 café 🚀";
const U: &str = "https://example.com/posts/rust-wasm?ref=a&b=c#intro";

fn article(extra: &str) -> String {
    let item = serde_json::json!({
        "id": "share", "title": T, "url": U, "content_text": "Body text."
    });
    let mut item = item.as_object().expect("object").clone();
    if !extra.is_empty() {
        let more: serde_json::Value = serde_json::from_str(extra).expect("extra JSON");
        for (k, v) in more.as_object().expect("object") {
            item.insert(k.clone(), v.clone());
        }
    }
    serde_json::Value::Object(item).to_string()
}

fn networks(f: &Fixture) -> Vec<String> {
    all(f, "a.bs-share-control")
        .iter()
        .filter_map(|a| a.get_attribute("data-network"))
        .collect()
}

async fn click(f: &Fixture, selector: &str) {
    let button: HtmlElement = wait_for(f, selector).await.dyn_into().expect("element");
    button.click();
}

async fn status_becomes(f: &Fixture, expected_start: &str) -> String {
    wait_until_some(WAIT_MS, || {
        let text = f
            .host
            .query_selector(".bs-share [role=status]")
            .ok()
            .flatten()
            .map(|e| text(&e))
            .unwrap_or_default();
        text.starts_with(expected_start).then_some(text)
    })
    .await
    .unwrap_or_else(|e| panic!("the status never said {expected_start:?} ({e})"))
}

#[wasm_bindgen_test]
async fn links_have_exact_hrefs_safe_attributes_and_names() {
    let f = mount_with(&[("data-article-src", &data_url(&article("")))]);
    let section = wait_for(&f, "section.bs-share").await;
    let heading_id = section
        .get_attribute("aria-labelledby")
        .expect("aria-labelledby");
    let heading = document().get_element_by_id(&heading_id).expect("heading");
    assert_eq!(heading.tag_name(), "H2");
    assert_eq!(text(&heading), "Share This Post");

    assert_eq!(
        networks(&f),
        ["x", "facebook", "linkedin", "whatsapp", "bluesky", "reddit", "email"]
    );
    let x = wait_for(&f, "a[data-network=x]").await;
    assert_eq!(
        x.get_attribute("href").as_deref(),
        Some("https://x.com/intent/tweet?text=%E2%80%9CRust%E2%80%9D%20%26%20WASM%3A%20%231%20caf%C3%A9%20%F0%9F%9A%80&url=https%3A%2F%2Fexample.com%2Fposts%2Frust-wasm%3Fref%3Da%26b%3Dc%23intro")
    );
    for link in all(&f, "a.bs-share-control") {
        let network = link.get_attribute("data-network").expect("network");
        let href = link.get_attribute("href").expect("href");
        assert!(
            href.starts_with("https://") || href.starts_with("mailto:?"),
            "{href}"
        );
        assert_eq!(
            link.get_attribute("rel").as_deref(),
            Some("noopener noreferrer")
        );
        let name = link.get_attribute("aria-label").expect("accessible name");
        let visible = text(&link);
        assert!(
            name.contains(&visible),
            "{name:?} must contain the visible label {visible:?}"
        );
        if network == "email" {
            assert_eq!(link.get_attribute("target"), None);
            assert!(!href.contains('+'));
        } else {
            assert_eq!(link.get_attribute("target").as_deref(), Some("_blank"));
        }
        assert!(link
            .query_selector("svg[aria-hidden=true]")
            .expect("query")
            .is_some());
    }
    for control in all(&f, ".bs-share-list li:not([hidden]) > .bs-share-control") {
        let rect = control.get_bounding_client_rect();
        assert!(
            rect.width() >= 24.0 && rect.height() >= 24.0,
            "target {}x{}",
            rect.width(),
            rect.height()
        );
    }
    let status = wait_for(&f, ".bs-share [role=status]").await;
    assert_eq!(text(&status), "");
}

#[wasm_bindgen_test]
async fn data_share_sets_networks_and_order_and_none_hides_it() {
    let f = mount_with(&[
        ("data-article-src", &data_url(&article(""))),
        ("data-share", "mastodon,x,threads,hackernews,telegram,copy"),
    ]);
    wait_for(&f, "section.bs-share").await;
    assert_eq!(
        networks(&f),
        ["mastodon", "x", "threads", "hackernews", "telegram"]
    );
    let copy = wait_for(&f, "li:not([hidden]) > button[data-share=copy]").await;
    assert_eq!(text(&copy), "Copy link");

    let g = mount_with(&[
        ("data-article-src", &data_url(&article(""))),
        ("data-share", "none"),
    ]);
    wait_for(&g, "article h1").await;
    assert!(g.host.query_selector(".bs-share").expect("query").is_none());
}

#[wasm_bindgen_test]
async fn falls_back_to_the_page_url_and_uses_share_text() {
    let doc = serde_json::json!({
        "id": "x", "title": "Title", "content_text": "Body.",
        "_article": {"share": {"text": "Custom text", "hashtags": ["rust"], "via": "@site"}}
    })
    .to_string();
    let f = mount_with(&[("data-article-src", &data_url(&doc)), ("data-share", "x")]);
    let x = wait_for(&f, "a[data-network=x]").await;
    let href = x.get_attribute("href").expect("href");
    let page: String = js_sys::encode_uri_component(
        &web_sys::window()
            .expect("window")
            .location()
            .href()
            .expect("href"),
    )
    .into();
    assert_eq!(
        href,
        format!("https://x.com/intent/tweet?text=Custom%20text&url={page}&hashtags=rust&via=site")
    );
}

#[wasm_bindgen_test]
async fn native_share_button_only_where_can_share_says_yes() {
    js("window.__savedCanShare = Navigator.prototype.canShare; delete Navigator.prototype.canShare;");
    let f = mount_with(&[
        ("data-article-src", &data_url(&article(""))),
        ("data-share", "native,x,copy"),
    ]);
    // The article's script shows both buttons at once, where they can work.
    wait_for(&f, "li:not([hidden]) > button[data-share=copy]").await;
    let labels: Vec<String> = all(&f, "li:not([hidden]) > button.bs-share-control")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        labels,
        ["Copy link"],
        "no native button without navigator.canShare"
    );
    drop(f);

    js(
        "Navigator.prototype.canShare = function () { return true; }; \
        window.__savedShare = Navigator.prototype.share; \
        Navigator.prototype.share = function (d) { window.__shared = d; \
          return Promise.reject(new DOMException('cancelled', 'AbortError')); };",
    );
    let f = mount_with(&[
        ("data-article-src", &data_url(&article(""))),
        ("data-share", "native,x,copy"),
    ]);
    click(&f, "li:not([hidden]) > button.bs-share-control").await;
    // Shared, and the cancellation (a rejected promise) answered, which takes a microtask.
    let _ = wait_until(WAIT_MS, || {
        js("return !!window.__shared;").as_bool() == Some(true)
    })
    .await;
    frames(1).await;
    let shared_url = js("return window.__shared && window.__shared.url;");
    js("Navigator.prototype.canShare = window.__savedCanShare; \
        if (window.__savedCanShare === undefined) delete Navigator.prototype.canShare; \
        Navigator.prototype.share = window.__savedShare; \
        if (window.__savedShare === undefined) delete Navigator.prototype.share;");
    assert_eq!(shared_url.as_string().as_deref(), Some(U));
    let status = wait_for(&f, ".bs-share [role=status]").await;
    assert_eq!(text(&status), "", "a cancelled share shows nothing");
}

#[wasm_bindgen_test]
async fn copy_link_uses_the_clipboard_and_announces_it() {
    js(
        "window.__clip = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard'); \
        Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get() { \
          return { writeText(t) { window.__copied = t; return Promise.resolve(); } }; } });",
    );
    let f = mount_with(&[
        ("data-article-src", &data_url(&article(""))),
        ("data-share", "copy"),
    ]);
    click(&f, "li:not([hidden]) > button.bs-share-control").await;
    let status = status_becomes(&f, "Link copied").await;
    let copied = js("return window.__copied;");
    js("Object.defineProperty(Navigator.prototype, 'clipboard', window.__clip);");
    assert_eq!(status, "Link copied");
    assert_eq!(copied.as_string().as_deref(), Some(U));
}

#[wasm_bindgen_test]
async fn copy_link_falls_back_without_the_clipboard_api() {
    js("window.__clip = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard'); \
        Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get() { return undefined; } }); \
        window.__exec = document.execCommand; \
        document.execCommand = function (cmd) { window.__cmd = cmd; \
          window.__selected = document.activeElement && document.activeElement.value; return true; };");
    let f = mount_with(&[
        ("data-article-src", &data_url(&article(""))),
        ("data-share", "copy"),
    ]);
    click(&f, "li:not([hidden]) > button.bs-share-control").await;
    let status = status_becomes(&f, "Link copied").await;
    let command = js("return window.__cmd;");
    let selected = js("return window.__selected;");

    js("document.execCommand = function () { return false; };");
    click(&f, "li:not([hidden]) > button.bs-share-control").await;
    let failed = status_becomes(&f, "Could not copy").await;
    js("document.execCommand = window.__exec; \
        Object.defineProperty(Navigator.prototype, 'clipboard', window.__clip);");

    assert_eq!(status, "Link copied");
    assert_eq!(command.as_string().as_deref(), Some("copy"));
    assert_eq!(
        selected.as_string().as_deref(),
        Some(U),
        "the URL was selected for copying"
    );
    assert!(
        failed.ends_with(&format!("\u{2068}{U}\u{2069}")),
        "the failure message gives the link, isolated from the sentence's direction: {failed}"
    );
    assert!(f.host.query_selector("textarea").expect("query").is_none());
    assert!(document()
        .query_selector(".bs-copy-buffer")
        .expect("query")
        .is_none());
}
