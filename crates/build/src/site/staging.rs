//! What the first pass of a build keeps of each post for the second, on disk: the item as its
//! article JSON gives it and its article rendered. A post's similar posts are known only once
//! the whole site is ranked, and a site of any size must fit in memory until then, so the
//! bodies wait in files, one a post, each read back and removed as its post is written.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{At, BuildError};
use crate::feed_reader::Object;
use crate::output::write_file;
use crate::pages::RenderedArticle;

/// One post between the passes.
#[derive(Debug, Serialize, Deserialize)]
pub struct Staged {
    /// The item, sanitized and rebased, as its article JSON gives it, but `_article`.
    pub item: Object,
    /// Its `_article`, with its read time and without `similar`.
    pub ext: Object,
    /// Its article rendered, when pages are written.
    pub article: Option<RenderedArticle>,
}

/// The folder the posts wait in.
pub struct Staging {
    dir: PathBuf,
}

impl Staging {
    /// A staging folder at `dir`, made empty.
    pub fn new(dir: PathBuf) -> Result<Staging, BuildError> {
        if dir.exists() {
            std::fs::remove_dir_all(&dir).at(&dir)?;
        }
        std::fs::create_dir_all(&dir).at(&dir)?;
        Ok(Staging { dir })
    }

    /// Keeps post number `n`; returns where.
    pub fn put(&self, n: usize, staged: &Staged) -> Result<PathBuf, BuildError> {
        let path = self.dir.join(format!("{n}.json"));
        let json = serde_json::to_vec(staged).map_err(|e| BuildError::Io {
            path: path.clone(),
            source: e.into(),
        })?;
        write_file(&path, json)?;
        Ok(path)
    }

    /// The post kept at `path`, which is removed.
    pub fn take(path: &Path) -> Result<Staged, BuildError> {
        let bytes = std::fs::read(path).at(path)?;
        std::fs::remove_file(path).at(path)?;
        serde_json::from_slice(&bytes).map_err(|e| BuildError::Io {
            path: path.to_path_buf(),
            source: e.into(),
        })
    }

    /// Removes the folder.
    pub fn remove(self) -> Result<(), BuildError> {
        std::fs::remove_dir_all(&self.dir).at(&self.dir)
    }
}
