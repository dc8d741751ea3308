//! Writing the output: files made with their folders.

use std::path::Path;

use crate::error::{At, BuildError};

/// Writes `bytes` to `path`, making its folder first. A file already there is replaced at
/// once (written beside it, then renamed over it), so that a server reading it meanwhile
/// (`serve` rewriting a page) sees the old file or the new, never half of one.
pub fn write_file(path: &Path, bytes: impl AsRef<[u8]>) -> Result<(), BuildError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).at(dir)?;
    }
    if !path.exists() {
        return std::fs::write(path, bytes).at(path);
    }
    let mut beside = path.as_os_str().to_owned();
    beside.push(".partial");
    let beside = Path::new(&beside);
    std::fs::write(beside, bytes).at(beside)?;
    std::fs::rename(beside, path).at(path)
}
