//! Shared helpers of the native end-to-end tests: a static file server, headless Chromium, and
//! waiting on a condition (never a fixed sleep).
// Each test crate uses a part of these helpers.
#![allow(dead_code)]

pub mod axe;
pub mod build_step;
pub mod chromium;
pub mod pages;
pub mod shape_articles;
pub mod static_server;
pub mod wait;
pub mod webdriver;
