//! Mounting: one component per mount element, in a shadow root with its own stylesheet unless
//! `data-shadow="off"`; exported to JavaScript as `mount`, `unmount` and `mountAll` for pages
//! that add or remove mount elements later.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Reflect};
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, HtmlElement, ShadowRootInit, ShadowRootMode};

use crate::app::{interface_languages, ArticleApp};
use crate::languages;
use broadsheet_core::options::Options;

/// Attribute that marks a mount element.
pub const MOUNT_ATTRIBUTE: &str = "data-article-src";

/// The mount elements of a page: those of an article, and those of parts mode
/// (`data-article-from`, the selector of the page's own article).
const MOUNT_ELEMENTS: &str = "[data-article-src],[data-article-from]";

type Handle = leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>;

/// A mounted component.
pub struct Mounted {
    /// The view, once mounted: after the words of its language have loaded, when it needs a
    /// language pack (`languages.rs`).
    handle: Rc<RefCell<Option<Handle>>>,
    /// The element the view lives in when it is not the mount element itself.
    container: Option<HtmlElement>,
}

impl Mounted {
    /// Removes the component and releases everything it owns.
    pub fn unmount(self) {
        drop(self.handle.take());
        if let Some(container) = self.container {
            container.remove();
        }
    }
}

thread_local! {
    /// One constructed stylesheet shared by every shadow root.
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
    /// Components mounted through the JavaScript API, by mount element.
    static MOUNTED: RefCell<Vec<(HtmlElement, Mounted)>> = const { RefCell::new(Vec::new()) };
}

fn stylesheet() -> Option<CssStyleSheet> {
    SHEET.with(|sheet| {
        let mut sheet = sheet.borrow_mut();
        if sheet.is_none() {
            let new = CssStyleSheet::new().ok()?;
            new.replace_sync(crate::STYLESHEET).ok()?;
            *sheet = Some(new);
        }
        sheet.clone()
    })
}

/// A fresh container inside `element`'s shadow root (attached on first use), which carries the
/// component's stylesheet.
fn shadow_container(element: &HtmlElement) -> Option<HtmlElement> {
    let root = match element.shadow_root() {
        Some(root) => root,
        None => element
            .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
            .ok()?,
    };
    if let Some(sheet) = stylesheet() {
        // Constructed stylesheets are allowed under a Content-Security-Policy without
        // 'unsafe-inline', unlike a <style> element.
        let sheets = Array::of1(&sheet);
        Reflect::set(&root, &"adoptedStyleSheets".into(), &sheets).ok()?;
    }
    let container: HtmlElement = element
        .owner_document()?
        .create_element("div")
        .ok()?
        .dyn_into()
        .ok()?;
    container.set_class_name("bs-host");
    root.append_child(&container).ok()?;
    Some(container)
}

/// Mounts one component into `element`, configured by its data attributes.
pub fn mount(element: &HtmlElement) -> Mounted {
    crate::browser_text::install();
    let mut options = Options::from_attributes(|name| element.get_attribute(name));
    options.context_lang = element
        .closest("[lang]")
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("lang"))
        .filter(|l| !l.trim().is_empty());
    if options.article_from.is_some() {
        // Cards lead to the posts' own pages, as the page's other links do.
        options.cards_in_place = false;
    }
    let container = options.shadow.then(|| shadow_container(element)).flatten();
    let parent = container.clone().unwrap_or_else(|| element.clone());
    let handle = Rc::new(RefCell::new(None));
    let chrome = interface_languages(&options, None);
    let timeout_ms = options.timeout_ms;
    let slot = Rc::downgrade(&handle);
    let start = move || {
        // Unmounted meanwhile: nothing to show.
        if let Some(slot) = slot.upgrade() {
            let view = mount_to(parent, move || {
                view! { <ArticleApp options=options /> }.into_any()
            });
            *slot.borrow_mut() = Some(view);
        }
    };
    if languages::known_first(&chrome) {
        start();
    } else {
        // The loader preloads this pack while the wasm downloads: this seldom waits. Not Leptos's
        // `spawn_local`, whose executor starts with the first view mounted.
        wasm_bindgen_futures::spawn_local(async move {
            languages::load(&chrome, timeout_ms).await;
            start();
        });
    }
    Mounted { handle, container }
}

/// Mounts a component into `element` (JavaScript: `mount(element)`); an element already
/// mounted is unmounted first.
#[wasm_bindgen(js_name = mount)]
pub fn mount_element(element: HtmlElement) {
    unmount(element.clone());
    let mounted = mount(&element);
    MOUNTED.with(|m| m.borrow_mut().push((element, mounted)));
}

/// Unmounts the component of `element` (JavaScript: `unmount(element)`); returns whether
/// there was one.
#[wasm_bindgen]
pub fn unmount(element: HtmlElement) -> bool {
    let found = MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        m.iter()
            .position(|(e, _)| *e == element)
            .map(|i| m.swap_remove(i).1)
    });
    match found {
        Some(mounted) => {
            mounted.unmount();
            true
        }
        None => false,
    }
}

/// Mounts a component into every element of the page with `data-article-src` or
/// `data-article-from` that has none yet (JavaScript: `mountAll()`); returns how many it
/// mounted.
#[wasm_bindgen(js_name = mountAll)]
pub fn mount_all() -> u32 {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return 0;
    };
    let Ok(nodes) = document.query_selector_all(MOUNT_ELEMENTS) else {
        return 0;
    };
    let mut count = 0;
    for i in 0..nodes.length() {
        let Some(element) = nodes.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) else {
            continue;
        };
        let known = MOUNTED.with(|m| m.borrow().iter().any(|(e, _)| *e == element));
        if !known {
            mount_element(element);
            count += 1;
        }
    }
    count
}

/// What the page does at start-up: mount every mount element.
pub fn start() {
    mount_all();
}
