//! What several of the build step's tests share.

pub mod links;
