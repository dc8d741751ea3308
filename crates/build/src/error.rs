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
    /// The output is a file, a symbolic link, or has no name (`/`).
    #[error("{}: the output must be a folder (not a file, nor a symbolic link)", .0.display())]
    NotAFolder(PathBuf),
    /// The output holds files no build wrote where this build would write its own.
    #[error(
        "{} holds files broadsheet-build did not write, where this build writes its own: {}; \
         move them away or choose another output folder (the previous site is unchanged)",
        out.display(),
        shown(files)
    )]
    Foreign {
        /// The output folder.
        out: PathBuf,
        /// The files, relative to it.
        files: Vec<String>,
    },
    /// No input was given.
    #[error("no input given")]
    NoInput,
    /// A source could not be read where nothing else could be done without it.
    #[error(transparent)]
    Source(#[from] SourceError),
    /// The site's layout cannot be used: a template is missing, does not parse, or fails.
    #[error(transparent)]
    Layout(#[from] crate::layout::LayoutError),
    /// A file of the site's static folder would take the place of a file the build writes.
    #[error("{}: the build writes {path} itself; rename or remove the static file", file.display())]
    StaticCollision {
        /// The static file.
        file: PathBuf,
        /// Its path in the site.
        path: String,
    },
}

/// The first few of `files`, and how many more.
fn shown(files: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut text = files[..files.len().min(SHOWN)].join(", ");
    if files.len() > SHOWN {
        text.push_str(&format!(" and {} more", files.len() - SHOWN));
    }
    text
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
