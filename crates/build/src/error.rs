//! What stops a build: a typed error naming the file it is about. Posts and sources that
//! cannot be used do not stop it: they are reported as notices and the rest of the site builds.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::sources::SourceError;

/// Why a build stopped.
#[derive(Debug, Error)]
pub enum BuildError {
    /// A file or folder of the output (or a file copied into it) could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// No input was given.
    #[error("no input given")]
    NoInput,
    /// A source could not be read where nothing else could be done without it.
    #[error(transparent)]
    Source(#[from] SourceError),
}

/// Names the file an I/O result is about: `fs::write(&p, text).at(&p)?`.
pub trait At<T> {
    /// The error, if any, as a [`BuildError::Io`] about `path`.
    fn at(self, path: &Path) -> Result<T, BuildError>;
}

impl<T> At<T> for std::io::Result<T> {
    fn at(self, path: &Path) -> Result<T, BuildError> {
        self.map_err(|source| BuildError::Io {
            path: path.to_path_buf(),
            source,
        })
    }
}
