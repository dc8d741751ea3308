//! Publishing a build safely: the site is written into a folder beside the output, and only a
//! finished build is swapped in, at once, so that an interrupted or failed build leaves the
//! previous site whole (and a server serving it never sees half a site).
//!
//! Each published site lists the files the build wrote in [`MANIFEST`]. The next publication
//! removes those of them it did not write again (the pages of posts removed from the sources),
//! and never deletes another file: files in the output that no build wrote are carried into the
//! new site as they are, and when the new build would write a file at the same path as one of
//! them, publishing is refused, naming them, and the previous site stays.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::{At, BuildError};

/// The list of the files a build wrote, in the output, one `/`-separated path a line.
pub const MANIFEST: &str = ".broadsheet-manifest";

/// The first line of the manifest.
const MANIFEST_HEAD: &str =
    "# Written by broadsheet-build: its next build removes or replaces the files listed here.";

/// A build's folder beside the output, removed when dropped unless [`Next::publish`]ed.
#[derive(Debug)]
pub struct Next {
    out: PathBuf,
    path: PathBuf,
    /// Whether the build was swapped in (and `path` no longer holds it).
    published: bool,
}

/// What publishing did to the output's files besides writing the build's own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Publication {
    /// Files of the previous build that this one did not write again, removed.
    pub removed: Vec<String>,
    /// Files that no build wrote, kept in place.
    pub kept: Vec<String>,
}

impl Next {
    /// A fresh folder beside `out` (`.NAME.broadsheet-next` in its parent) for a build to write
    /// into. A folder of that name left by an interrupted build is removed first.
    pub fn prepare(out: &Path) -> Result<Next, BuildError> {
        let out = std::path::absolute(out).at(out)?;
        let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
            return Err(BuildError::NotAFolder(out));
        };
        if out.exists() && !out.is_dir() || out.is_symlink() {
            return Err(BuildError::NotAFolder(out));
        }
        let path = parent.join(format!(".{}.broadsheet-next", name.to_string_lossy()));
        if path.exists() {
            std::fs::remove_dir_all(&path).at(&path)?;
        }
        std::fs::create_dir_all(&path).at(&path)?;
        Ok(Next {
            out,
            path,
            published: false,
        })
    }

    /// Where the build writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Swaps the finished build in as the output: writes its manifest and carries over the
    /// files no build wrote. The previous build's files are removed when the [`Retired`] site
    /// is dropped (on another thread, if one wishes: the new site is already in place).
    pub fn publish(mut self) -> Result<(Publication, Retired), BuildError> {
        let written: BTreeSet<String> = files_under(&self.path)?.into_iter().collect();
        let mut publication = Publication::default();
        let previous: BTreeSet<String> = if self.out.is_dir() {
            read_manifest(&self.out)?
        } else {
            BTreeSet::new()
        };
        if self.out.is_dir() {
            let foreign: Vec<String> = files_under(&self.out)?
                .into_iter()
                .filter(|f| f != MANIFEST && !previous.contains(f))
                .collect();
            let clashing: Vec<String> = foreign
                .iter()
                .filter(|f| written.contains(*f) || is_under_a_file(f, &written))
                .cloned()
                .collect();
            if !clashing.is_empty() {
                return Err(BuildError::Foreign {
                    out: self.out.clone(),
                    files: clashing,
                });
            }
            for file in &foreign {
                let (from, to) = (self.out.join(file), self.path.join(file));
                if let Some(dir) = to.parent() {
                    std::fs::create_dir_all(dir).at(dir)?;
                }
                std::fs::rename(&from, &to).at(&from)?;
            }
            publication.kept = foreign;
        }
        let mut manifest = String::from(MANIFEST_HEAD);
        for file in &written {
            manifest.push('\n');
            manifest.push_str(file);
        }
        manifest.push('\n');
        let manifest_path = self.path.join(MANIFEST);
        std::fs::write(&manifest_path, manifest).at(&manifest_path)?;

        let old = if self.out.is_dir() {
            Some(swap(&self.path, &self.out)?)
        } else {
            std::fs::rename(&self.path, &self.out).at(&self.out)?;
            None
        };
        self.published = true;
        if old.is_some() {
            publication.removed = previous.difference(&written).cloned().collect();
        }
        Ok((
            publication,
            Retired {
                folder: old,
                files: previous,
            },
        ))
    }
}

/// The previous site, swapped out: its files are removed when it is dropped.
#[derive(Debug)]
pub struct Retired {
    /// Where it is now, if there was one.
    folder: Option<PathBuf>,
    /// The files its build wrote.
    files: BTreeSet<String>,
}

impl Drop for Retired {
    fn drop(&mut self) {
        let Some(old) = &self.folder else {
            return;
        };
        // What is left of the previous site goes, as far as it can: only the files its build
        // wrote, then the folders left empty.
        for file in self.files.iter().map(String::as_str).chain([MANIFEST]) {
            let _ = std::fs::remove_file(old.join(file));
        }
        remove_empty_folders(old);
    }
}

impl Drop for Next {
    fn drop(&mut self) {
        // A build that failed or was not published: its half-written folder goes.
        if !self.published {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

/// Puts `next` in the place of `out`; returns where the previous `out` now is. On Linux the
/// two are exchanged in one step (`renameat2` with `RENAME_EXCHANGE`), so that `out` is never
/// missing; elsewhere, or where the file system cannot exchange, `out` is renamed aside first.
fn swap(next: &Path, out: &Path) -> Result<PathBuf, BuildError> {
    #[cfg(target_os = "linux")]
    if exchange(next, out).is_ok() {
        return Ok(next.to_path_buf());
    }
    let aside = next.with_extension("broadsheet-previous");
    if aside.exists() {
        std::fs::remove_dir_all(&aside).at(&aside)?;
    }
    std::fs::rename(out, &aside).at(out)?;
    std::fs::rename(next, out).at(out)?;
    Ok(aside)
}

/// Exchanges two paths at once.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;

    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both paths are NUL-terminated strings that outlive the call.
    let result = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// The files under `root` (symbolic links as files, never followed), as `/`-separated paths
/// relative to it, in order.
pub fn files_under(root: &Path) -> Result<Vec<String>, BuildError> {
    let mut out = Vec::new();
    let mut stack = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, prefix)) = stack.pop() {
        for entry in std::fs::read_dir(&dir).at(&dir)? {
            let entry = entry.at(&dir)?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let relative = if prefix.is_empty() {
                name
            } else {
                format!("{prefix}/{name}")
            };
            if entry.file_type().at(&entry.path())?.is_dir() {
                stack.push((entry.path(), relative));
            } else {
                out.push(relative);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The files the build that wrote `out` listed; none when it has no manifest.
fn read_manifest(out: &Path) -> Result<BTreeSet<String>, BuildError> {
    let path = out.join(MANIFEST);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(text
            .lines()
            .filter(|line| !line.starts_with('#') && !line.is_empty())
            // A manifest names files inside the output, never a way out of it.
            .filter(|line| !line.split('/').any(|part| part == ".." || part.is_empty()))
            .map(str::to_string)
            .collect()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(BTreeSet::new()),
        Err(e) => Err(e).at(&path),
    }
}

/// Whether a folder on the way to `file` is one of `written`'s files.
fn is_under_a_file(file: &str, written: &BTreeSet<String>) -> bool {
    file.match_indices('/')
        .any(|(at, _)| written.contains(&file[..at]))
}

/// Removes the empty folders under `root`, and `root` when it is left empty.
fn remove_empty_folders(root: &Path) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            remove_empty_folders(&entry.path());
        }
    }
    // Fails, as it should, when something is left in it.
    let _ = std::fs::remove_dir(root);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, files: &[(&str, &str)]) {
        for (path, text) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
            std::fs::write(path, text).expect("write");
        }
    }

    fn build(out: &Path, files: &[(&str, &str)]) -> Result<Publication, BuildError> {
        let next = Next::prepare(out)?;
        write(next.path(), files);
        next.publish().map(|(publication, _retired)| publication)
    }

    fn listing(root: &Path) -> Vec<String> {
        files_under(root).expect("listed")
    }

    #[test]
    fn removed_posts_go_foreign_files_stay_and_clashes_are_refused() {
        let scratch = tempfile::tempdir().expect("scratch");
        let out = scratch.path().join("site");
        build(&out, &[("a/index.html", "a"), ("b/index.html", "b")]).expect("first");
        assert_eq!(listing(&out), [MANIFEST, "a/index.html", "b/index.html"]);
        write(&out, &[("CNAME", "example.org"), ("images/x.png", "png")]);
        let publication = build(&out, &[("a/index.html", "a2")]).expect("second");
        assert_eq!(publication.removed, ["b/index.html"]);
        assert_eq!(publication.kept, ["CNAME", "images/x.png"]);
        assert_eq!(
            listing(&out),
            [MANIFEST, "CNAME", "a/index.html", "images/x.png"]
        );
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).expect("read"),
            "a2"
        );
        // A build that would overwrite a file it did not write is refused; the site stays.
        let error =
            build(&out, &[("a/index.html", "a3"), ("CNAME", "other")]).expect_err("refused");
        assert!(error.to_string().contains("CNAME"), "{error}");
        assert_eq!(
            std::fs::read_to_string(out.join("CNAME")).expect("read"),
            "example.org"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).expect("read"),
            "a2"
        );
        // Nothing is left beside the output.
        let beside: Vec<String> = listing(scratch.path());
        assert!(beside.iter().all(|f| f.starts_with("site/")), "{beside:?}");
    }

    #[test]
    fn a_build_not_published_leaves_the_site_as_it_was() {
        let scratch = tempfile::tempdir().expect("scratch");
        let out = scratch.path().join("site");
        build(&out, &[("a/index.html", "a")]).expect("first");
        let next = Next::prepare(&out).expect("prepared");
        write(next.path(), &[("a/index.html", "half")]);
        drop(next);
        assert_eq!(listing(&out), [MANIFEST, "a/index.html"]);
        assert_eq!(listing(scratch.path()).len(), 2);
    }

    #[test]
    fn an_output_that_is_a_file_or_a_link_is_refused() {
        let scratch = tempfile::tempdir().expect("scratch");
        let file = scratch.path().join("file");
        std::fs::write(&file, "x").expect("write");
        assert!(matches!(
            Next::prepare(&file),
            Err(BuildError::NotAFolder(_))
        ));
        #[cfg(unix)]
        {
            let link = scratch.path().join("link");
            std::os::unix::fs::symlink(scratch.path(), &link).expect("link");
            assert!(matches!(
                Next::prepare(&link),
                Err(BuildError::NotAFolder(_))
            ));
        }
    }
}
