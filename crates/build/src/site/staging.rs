//! What the first pass of a build keeps of each post for the second, on disk: the item as its
//! article JSON gives it and its article rendered. A post's similar posts are known only once
//! the whole site is ranked, and a site of any size must fit in memory until then, so the
//! bodies wait in one file, appended a post at a time and read back by place.

use std::fs::File;
use std::path::PathBuf;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::error::{At, BuildError};
use crate::feed_reader::Object;
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

/// Where a post is kept in the staging file: its offset and length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kept {
    offset: u64,
    len: usize,
}

/// The file the posts wait in, removed when it is dropped.
pub struct Staging {
    path: PathBuf,
    file: File,
    /// How long the file is: where the next post goes.
    end: Mutex<u64>,
}

impl Staging {
    /// A new, empty staging file at `path`.
    pub fn new(path: PathBuf) -> Result<Staging, BuildError> {
        let file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)
            .at(&path)?;
        Ok(Staging {
            path,
            file,
            end: Mutex::new(0),
        })
    }

    /// Keeps `staged`; returns where.
    pub fn put(&self, staged: &Staged) -> Result<Kept, BuildError> {
        let bytes = serde_json::to_vec(staged)
            .map_err(std::io::Error::from)
            .at(&self.path)?;
        let offset = {
            let mut end = self
                .end
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let offset = *end;
            *end += bytes.len() as u64;
            offset
        };
        write_at(&self.file, &bytes, offset).at(&self.path)?;
        Ok(Kept {
            offset,
            len: bytes.len(),
        })
    }

    /// The post kept at `kept`.
    pub fn get(&self, kept: Kept) -> Result<Staged, BuildError> {
        let mut bytes = vec![0; kept.len];
        read_at(&self.file, &mut bytes, kept.offset).at(&self.path)?;
        serde_json::from_slice(&bytes)
            .map_err(std::io::Error::from)
            .at(&self.path)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // Nothing is lost if this fails: the next build starts the file anew.
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Writes `bytes` to `file` at `offset`, whatever the file's position.
#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, offset)
}

/// Fills `buf` from `file` at `offset`, whatever the file's position.
#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

/// Writes `bytes` to `file` at `offset`.
#[cfg(windows)]
fn write_at(file: &File, mut bytes: &[u8], mut offset: u64) -> std::io::Result<()> {
    while !bytes.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_write(file, bytes, offset)?;
        bytes = &bytes[n..];
        offset += n as u64;
    }
    Ok(())
}

/// Fills `buf` from `file` at `offset`.
#[cfg(windows)]
fn read_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    while !buf.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_read(file, buf, offset)?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf = &mut buf[n..];
        offset += n as u64;
    }
    Ok(())
}
