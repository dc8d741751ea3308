//! Broadsheet's build step, natively: a whole site into article JSON with read times and
//! similar posts precomputed, a trimmed index for ranking in the browser, and prerendered
//! pages made by the same Leptos components the browser runs. Also the ranking evaluation
//! the benchmark prints, and the rankers it is compared with.

#![warn(missing_docs)]

pub mod assets;
pub mod baselines;
pub mod error;
pub mod evaluate;
pub mod feed_reader;
pub mod head;
pub mod image_size;
pub mod layout;
pub mod output;
pub mod pages;
pub mod publish;
pub mod serve;
pub mod site;
pub mod sources;
