//! Embedding: components in shadow roots, isolated from the host page's CSS, themeable through
//! custom properties, and mounted and unmounted without leaking.

use super::*;
use broadsheet::{mount_element, unmount};

fn article(title: &str) -> String {
    serde_json::json!({"version": "https://jsonfeed.org/version/1.1", "title": "Site",
        "items": [{"id": title, "title": title, "content_text": "First paragraph.\n\nSecond one.",
                   "url": "https://site.example/a/"}]})
    .to_string()
}

fn shadow(f: &Fixture) -> web_sys::ShadowRoot {
    f.host
        .shadow_root()
        .expect("the component renders into a shadow root")
}

/// Waits up to five seconds for `selector` inside the fixture's shadow root.
async fn wait_in_shadow(f: &Fixture, selector: &str) -> Element {
    wait_until_some(WAIT_MS, || {
        f.host
            .shadow_root()
            .and_then(|root| root.query_selector(selector).ok().flatten())
    })
    .await
    .unwrap_or_else(|e| panic!("nothing matched {selector:?} in the shadow root ({e})"))
}

fn style_of(e: &Element, property: &str) -> String {
    web_sys::window()
        .expect("window")
        .get_computed_style(e)
        .expect("style")
        .expect("declaration")
        .get_property_value(property)
        .expect("value")
}

#[wasm_bindgen_test]
async fn two_instances_render_independently_in_shadow_roots() {
    let a = mount_with(&[
        ("data-article-src", &data_url(&article("Alpha"))),
        ("data-shadow", "on"),
    ]);
    let b = mount_with(&[
        ("data-article-src", &data_url(&article("Beta"))),
        ("data-shadow", "on"),
        ("data-read-time", "short"),
    ]);
    assert_eq!(text(&wait_in_shadow(&a, "h1").await), "Alpha");
    assert_eq!(text(&wait_in_shadow(&b, "h1").await), "Beta");
    assert_eq!(
        text(&wait_in_shadow(&b, ".bs-read-time").await),
        "1 min read"
    );
    assert_eq!(
        text(&wait_in_shadow(&a, ".bs-read-time").await),
        "1 second read"
    );
    assert!(
        a.host.query_selector("h1").expect("query").is_none(),
        "nothing leaks into the light DOM"
    );
    let ids: Vec<String> = [&a, &b]
        .iter()
        .map(|f| {
            shadow(f)
                .query_selector("section.bs-share")
                .ok()
                .flatten()
                .and_then(|s| s.get_attribute("aria-labelledby"))
                .expect("share")
        })
        .collect();
    assert_ne!(ids[0], ids[1], "element ids are unique per instance");
}

#[wasm_bindgen_test]
async fn hostile_host_css_does_not_break_it_and_its_css_does_not_leak() {
    let doc = document();
    let hostile = doc.create_element("style").expect("style");
    hostile.set_text_content(Some(
        "* { all: unset !important; } p { display: none !important; } h1 { font-size: 1px !important; }",
    ));
    doc.head()
        .expect("head")
        .append_child(&hostile)
        .expect("append");
    let outside = doc.create_element("p").expect("p");
    outside.set_class_name("bs-body");
    doc.body()
        .expect("body")
        .append_child(&outside)
        .expect("append");

    let f = mount_with(&[
        ("data-article-src", &data_url(&article("Sturdy"))),
        ("data-shadow", "on"),
    ]);
    let paragraph = wait_in_shadow(&f, ".bs-body p").await;
    let title = wait_in_shadow(&f, "h1").await;
    let (display, size, height) = (
        style_of(&paragraph, "display"),
        style_of(&title, "font-size"),
        paragraph.get_bounding_client_rect().height(),
    );
    let outside_style = style_of(&outside, "overflow-wrap");
    hostile.remove();
    outside.remove();
    assert_eq!(display, "block");
    assert!(height > 10.0, "paragraph height {height}");
    let px: f64 = size.trim_end_matches("px").parse().expect("px");
    assert!(px > 20.0, "title font size {size}");
    assert_ne!(
        outside_style, "break-word",
        "the component's CSS reached the host page"
    );
}

#[wasm_bindgen_test]
async fn custom_properties_on_the_mount_element_theme_it() {
    let f = mount_with(&[
        ("data-article-src", &data_url(&article("Themed"))),
        ("data-shadow", "on"),
    ]);
    let site = wait_in_shadow(&f, ".bs-site").await;
    let default = style_of(&site, "color");
    f.host
        .style()
        .set_property("--bs-accent", "rgb(1, 2, 3)")
        .expect("set property");
    let themed = style_of(&site, "color");
    assert_ne!(default, "rgb(1, 2, 3)");
    assert_eq!(themed, "rgb(1, 2, 3)");
}

#[wasm_bindgen_test]
async fn mounting_and_unmounting_100_times_leaves_nothing_behind() {
    // With the article's script, as the loaders run it.
    use_article_script();
    // Listeners on what outlives a mount (the window, the document, the host and any element
    // still in the page) are what leaks; those on removed elements go with them.
    js("const targets = new Map(); \
        const add = EventTarget.prototype.addEventListener, remove = EventTarget.prototype.removeEventListener; \
        const count = (target, n) => targets.set(target, (targets.get(target) || 0) + n); \
        window.__listeners = () => [...targets].filter(([t]) => !(t instanceof Node) || t.isConnected) \
          .reduce((sum, [, n]) => sum + n, 0); \
        window.__restoreListeners = () => { EventTarget.prototype.addEventListener = add; EventTarget.prototype.removeEventListener = remove; }; \
        EventTarget.prototype.addEventListener = function (...a) { count(this, 1); return add.apply(this, a); }; \
        EventTarget.prototype.removeEventListener = function (...a) { count(this, -1); return remove.apply(this, a); };");
    let host: HtmlElement = document()
        .create_element("div")
        .expect("div")
        .dyn_into()
        .expect("HtmlElement");
    host.set_attribute("data-article-src", &data_url(&article("Cycle")))
        .expect("attr");
    host.set_attribute("data-url-param", "article")
        .expect("attr");
    host.set_attribute("data-similar-count", "0").expect("attr");
    document()
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    let count = || {
        js("return document.querySelectorAll('*').length;")
            .as_f64()
            .unwrap_or(0.0)
            + host.shadow_root().map_or(0.0, |r| {
                r.query_selector_all("*").map_or(0.0, |l| l.length() as f64)
            })
    };
    let cycle = || async {
        mount_element(host.clone());
        // Unmounted as soon as it shows, or after five seconds if it does not.
        let _ = wait_until(WAIT_MS, || {
            host.shadow_root()
                .and_then(|r| r.query_selector("h1").ok().flatten())
                .is_some()
        })
        .await;
        assert!(unmount(host.clone()), "it was mounted");
    };
    cycle().await;
    // What the article's script does once an article leaves the page happens a frame later
    // (its observer's callback comes after a frame, and asks for another).
    frames(3).await;
    let (nodes, listeners) = (count(), js("return window.__listeners();").as_f64());
    for _ in 0..100 {
        cycle().await;
    }
    // The same for the last one, and then until nothing is left over (or the assertions below
    // tell what is).
    frames(3).await;
    let _ = wait_until(WAIT_MS, || {
        count() == nodes && js("return window.__listeners();").as_f64() == listeners
    })
    .await;
    let (nodes_after, listeners_after) = (count(), js("return window.__listeners();").as_f64());
    js("window.__restoreListeners();");
    host.remove();
    assert_eq!(nodes_after, nodes, "DOM nodes grew");
    assert_eq!(listeners_after, listeners, "event listeners grew");
    assert!(!unmount(host), "nothing left to unmount");
}

#[wasm_bindgen_test]
async fn footnotes_jump_inside_the_shadow_root_and_ids_are_the_instances() {
    let doc = serde_json::json!({"id": "n", "title": "Notes", "url": "https://site.example/n/",
        "content_html": "<p>Claim<sup><a href=\"#fn1\" id=\"ref1\">1</a></sup>.</p><p>Filler.</p>\
                         <ol><li id=\"fn1\">The source. <a href=\"#ref1\">Back</a></li></ol>"})
    .to_string();
    let a = mount_with(&[("data-article-src", &data_url(&doc)), ("data-shadow", "on")]);
    let b = mount_with(&[("data-article-src", &data_url(&doc)), ("data-shadow", "on")]);
    let note_a = wait_in_shadow(&a, "ol li").await;
    let note_b = wait_in_shadow(&b, "ol li").await;
    let (id_a, id_b) = (note_a.id(), note_b.id());
    assert!(
        id_a.ends_with("-c-fn1") && id_b.ends_with("-c-fn1"),
        "{id_a} {id_b}"
    );
    assert_ne!(id_a, id_b, "each instance has its own ids");
    let link: HtmlElement = wait_in_shadow(&a, "sup a")
        .await
        .dyn_into()
        .expect("a link");
    assert_eq!(link.get_attribute("href"), Some(format!("#{id_a}")));
    link.click();
    let _ = wait_until(WAIT_MS, || {
        shadow(&a).active_element().map(|e| e.id()).as_ref() == Some(&id_a)
    })
    .await;
    let focused = shadow(&a).active_element().map(|e| e.id());
    assert_eq!(focused, Some(id_a), "the footnote took focus");
    let back: HtmlElement = wait_in_shadow(&a, "ol li a")
        .await
        .dyn_into()
        .expect("a link");
    back.click();
    let _ = wait_until(WAIT_MS, || {
        shadow(&a)
            .active_element()
            .is_some_and(|e| e.id().ends_with("-c-ref1"))
    })
    .await;
    assert!(
        shadow(&a)
            .active_element()
            .is_some_and(|e| e.id().ends_with("-c-ref1")),
        "and back to the reference"
    );
}
