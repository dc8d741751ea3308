//! Broadsheet: an article component for the web.
//!
//! The pure modules (model, read time, URLs, sanitizing) have no DOM and are tested natively;
//! the `ui` module is the Leptos view over them, built for `wasm32` only.

#![warn(missing_docs)]

pub mod date;
pub mod html;
pub mod lang;
pub mod load_error;
pub mod messages;
pub mod model;
pub mod options;
pub mod page;
pub mod read_time;
pub mod safe_url;
pub mod share;
pub mod similar;
#[cfg(not(target_arch = "wasm32"))]
pub mod site_build;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod ui;
