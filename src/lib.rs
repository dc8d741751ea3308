//! Broadsheet: an article component for the web, in Leptos.
//!
//! The same components run in whichever mode the app picks, with this crate's feature of the
//! same name (`csr`, `hydrate` or `ssr`, each Leptos's own; none by default). A Leptos app
//! shows an article with [`Article`] (docs/leptos.md). This repository renders them two ways:
//! in the browser, with `embed`, the component loads article JSON and stays live (`mount` and
//! the JavaScript API in `mount.rs`); natively, with `ssr`, they render to HTML for the build
//! step's prerendered pages (`render`). Browser-only work (the page's address, `Intl` dates)
//! happens in effects, event handlers and the embed's modules, never while a view is built, so
//! nothing in a component needs a browser to render. The logic under them, with no DOM at
//! all, is `broadsheet-core`.

#![warn(missing_docs)]

mod article_view;
mod cards;
mod component;
mod dates;
mod effect;
mod icons;
mod markup;
mod share_bar;

pub use article_view::ArticleView;
pub use cards::{cards_markup, CardLink, SimilarList};
pub use component::{Article, Options};

/// The component's stylesheet, `style/main.css` without its comments and spare white space
/// (`build.rs`): what a shadow root adopts, and what the build step writes for prerendered
/// pages.
pub const STYLESHEET: &str = include_str!(concat!(env!("OUT_DIR"), "/main.min.css"));

#[cfg(all(target_arch = "wasm32", feature = "embed"))]
mod app;
#[cfg(all(target_arch = "wasm32", feature = "embed"))]
pub mod browser_html;
#[cfg(all(target_arch = "wasm32", feature = "embed"))]
mod browser_text;
#[cfg(all(target_arch = "wasm32", feature = "embed"))]
mod fetch;
#[cfg(all(target_arch = "wasm32", feature = "embed"))]
pub mod json;
#[cfg(all(target_arch = "wasm32", feature = "embed"))]
pub mod languages;
#[cfg(all(target_arch = "wasm32", feature = "embed"))]
mod mount;
#[cfg(all(target_arch = "wasm32", feature = "embed"))]
mod similar_posts;

#[cfg(all(target_arch = "wasm32", feature = "embed"))]
pub use app::ArticleApp;
#[cfg(all(target_arch = "wasm32", feature = "embed"))]
pub use mount::{mount, mount_all, mount_element, start, unmount, Mounted, MOUNT_ATTRIBUTE};

#[cfg(feature = "ssr")]
pub mod render;
