//! The browser side: Leptos components over the pure modules, and mounting.

mod app;
mod article_view;
mod dates;
mod fetch;
mod icons;
mod mount;
mod share;
mod similar;

pub use app::ArticleApp;

/// A page-unique prefix for the element ids of one component instance.
pub(crate) fn next_instance_id() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(1);
    format!("bs{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

pub use mount::{mount, mount_all, mount_element, start, unmount, Mounted, MOUNT_ATTRIBUTE};
