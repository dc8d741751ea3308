//! Why an article could not be shown, in words a reader understands.

use std::fmt;

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

    /// A short heading for the error panel.
    pub fn heading(&self) -> &'static str {
        match self {
            LoadError::NotFound => "Article not found",
            LoadError::Network | LoadError::Timeout => "The article could not be loaded",
            LoadError::Model(_) | LoadError::TooLarge => "This article cannot be shown",
            LoadError::BadAddress(_) | LoadError::Http(_) => "The article could not be loaded",
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::BadAddress(src) => write!(f, "“{src}” is not an address an article can be loaded from."),
            LoadError::NotFound => f.write_str("There is no article at this address (HTTP 404). It may have moved or been removed."),
            LoadError::Http(status) if *status >= 500 => write!(f, "The server had a problem (HTTP {status}). Please try again in a moment."),
            LoadError::Http(status) => write!(f, "The server refused the request (HTTP {status})."),
            LoadError::Network => f.write_str("The server could not be reached. Check your connection and try again."),
            LoadError::Timeout => f.write_str("The server took too long to answer. Please try again."),
            LoadError::TooLarge => f.write_str("The article file is too large to display."),
            LoadError::Model(e) => e.fmt(f),
        }
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
            LoadError::Timeout.heading(),
            "The article could not be loaded"
        );
    }
}
