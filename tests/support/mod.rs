//! Shared helpers of the native end-to-end tests: a static file server and headless Chromium.

pub mod chromium;
pub mod static_server;
