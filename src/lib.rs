//! Broadsheet: an article component for the web, in Leptos.
//!
//! The same components run two ways. In the browser (`wasm32`, Leptos `csr`) the component
//! loads article JSON and stays live: [`mount`] and the JavaScript API in `mount.rs`. Natively
//! (Leptos `ssr`) they render to HTML for the build step's prerendered pages: [`render`].
//! Browser-only work (the page's address, `Intl` dates) happens in effects, event handlers and
//! the wasm-only modules, never while a view is built, so nothing in a component needs a
//! browser to render. The logic under them, with no DOM at
//! all, is `broadsheet-core`.

#![warn(missing_docs)]

mod article_view;
mod cards;
mod dates;
mod effect;
mod icons;
mod markup;
mod share_bar;

pub use article_view::ArticleView;
pub use cards::{cards_markup, CardLink, SimilarList};

/// The component's stylesheet, `style/main.css` without its comments and spare white space
/// (`build.rs`): what a shadow root adopts, and what the build step writes for prerendered
/// pages.
pub const STYLESHEET: &str = include_str!(concat!(env!("OUT_DIR"), "/main.min.css"));

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
pub mod browser_html;
#[cfg(target_arch = "wasm32")]
mod browser_text;
#[cfg(target_arch = "wasm32")]
mod fetch;
#[cfg(target_arch = "wasm32")]
pub mod json;
#[cfg(target_arch = "wasm32")]
pub mod languages;
#[cfg(target_arch = "wasm32")]
mod mount;
#[cfg(target_arch = "wasm32")]
mod similar_posts;

#[cfg(target_arch = "wasm32")]
pub use app::ArticleApp;
#[cfg(target_arch = "wasm32")]
pub use mount::{mount, mount_all, mount_element, start, unmount, Mounted, MOUNT_ATTRIBUTE};

#[cfg(not(target_arch = "wasm32"))]
pub mod render;
