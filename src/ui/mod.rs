//! The browser side: Leptos components over the pure modules, and mounting.

mod app;
mod article_view;
mod dates;
mod fetch;
mod icons;
mod share;
mod similar;

use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

pub use app::ArticleApp;

use crate::options::Options;

/// A page-unique prefix for the element ids of one component instance.
pub(crate) fn next_instance_id() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(1);
    format!("bs{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Attribute that marks a mount element.
pub const MOUNT_ATTRIBUTE: &str = "data-article-src";

/// A mounted component; dropping it without [`Mounted::unmount`] leaves it mounted.
pub struct Mounted(leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>);

impl Mounted {
    /// Removes the component and releases everything it owns.
    pub fn unmount(self) {
        drop(self.0);
    }
}

/// Mounts one component into `element`, configured by its data attributes.
pub fn mount(element: &HtmlElement) -> Mounted {
    let options = Options::from_attributes(|name| element.get_attribute(name));
    Mounted(mount_to(element.clone(), move || {
        view! { <ArticleApp options=options /> }.into_any()
    }))
}

/// Mounts a component into every element of the page that has `data-article-src`.
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(nodes) = document.query_selector_all(&format!("[{MOUNT_ATTRIBUTE}]")) else {
        return;
    };
    for i in 0..nodes.length() {
        if let Some(element) = nodes.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) {
            std::mem::forget(mount(&element));
        }
    }
}
