//! Broadsheet's pure logic: everything the article component computes, with no DOM, so it is
//! tested natively and fast and shared by the browser component, the prerendered pages and
//! the build step.

#![warn(missing_docs)]

pub mod date;
pub mod html;
pub mod json_in;
pub mod json_out;
pub mod lang;
pub mod load_error;
pub mod messages;
pub mod model;
pub mod options;
pub mod paths;
pub mod prepared;
pub mod read_time;
pub mod safe_url;
pub mod share;
pub mod similar;
pub mod text;
pub mod text_fragment;
