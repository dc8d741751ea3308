//! Why an article could not be shown, in words a reader understands.

use std::fmt;

use crate::messages::{fill, fill_address, Messages, EN};
use crate::model::ModelError;

/// Largest article file read, in bytes of text.
pub const MAX_ARTICLE_BYTES: usize = 32 * 1024 * 1024;

/// A failed load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The article address is not a URL the component may load.
    BadAddress(String),
    /// HTTP 404 or 410.
    NotFound,
    /// Another HTTP error status.
    Http(u16),
    /// The request failed: offline, refused, reset, or blocked by CORS.
    Network,
    /// No complete answer within the time limit.
    Timeout,
    /// The file is larger than [`MAX_ARTICLE_BYTES`].
    TooLarge,
    /// The file arrived but is not a usable article.
    Model(ModelError),
}

impl LoadError {
    /// The error for an HTTP status that is not a success.
    pub fn from_status(status: u16) -> LoadError {
        match status {
            404 | 410 => LoadError::NotFound,
            s => LoadError::Http(s),
        }
    }

    /// A short heading for the error panel, in the words of `m`.
    pub fn heading(&self, m: &Messages) -> &'static str {
        match self {
            LoadError::NotFound => m.not_found_title,
            LoadError::Model(_) | LoadError::TooLarge => m.cannot_show_title,
            LoadError::BadAddress(_)
            | LoadError::Http(_)
            | LoadError::Network
            | LoadError::Timeout => m.not_loaded_title,
        }
    }

    /// What went wrong and what the reader can do, in the words of `m`.
    pub fn describe(&self, m: &Messages) -> String {
        match self {
            LoadError::BadAddress(src) => fill_address(m.bad_address, src),
            LoadError::NotFound => m.not_found.to_string(),
            LoadError::Http(status) if *status >= 500 => fill(m.server_error, &status.to_string()),
            LoadError::Http(status) => fill(m.refused, &status.to_string()),
            LoadError::Network => m.network.to_string(),
            LoadError::Timeout => m.timeout.to_string(),
            LoadError::TooLarge => m.too_large.to_string(),
            LoadError::Model(e) => e.describe(m),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(&EN))
    }
}

impl std::error::Error for LoadError {}

impl From<ModelError> for LoadError {
    fn from(e: ModelError) -> Self {
        LoadError::Model(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_messages() {
        assert_eq!(LoadError::from_status(404), LoadError::NotFound);
        assert_eq!(LoadError::from_status(500), LoadError::Http(500));
        assert!(LoadError::NotFound.to_string().contains("404"));
        assert!(LoadError::Http(503).to_string().contains("503"));
        assert!(LoadError::Http(403).to_string().contains("refused"));
        assert!(LoadError::from(ModelError::NotAFeed)
            .to_string()
            .contains("JSON Feed"));
        assert_eq!(
            LoadError::Timeout.heading(&EN),
            "The article could not be loaded"
        );
        let de = Messages::for_tag("de").expect("German");
        assert_eq!(
            LoadError::Http(503).describe(de),
            "Der Server hatte ein Problem (HTTP 503). Bitte versuchen Sie es gleich noch einmal."
        );
    }
}
