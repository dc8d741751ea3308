//! Writing the output: files made with their folders.

use std::path::Path;

use crate::error::{At, BuildError};

/// Writes `bytes` to `path`, making its folder first.
pub fn write_file(path: &Path, bytes: impl AsRef<[u8]>) -> Result<(), BuildError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).at(dir)?;
    }
    std::fs::write(path, bytes).at(path)
}
