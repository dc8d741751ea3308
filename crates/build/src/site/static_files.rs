//! The site's own files (`--static DIR`: stylesheets, a logo, a favicon), copied into the
//! output as they are, at the same paths. Nothing outside the folder is copied (a symbolic
//! link that leads out of it is not followed), and a file at a path the build writes itself is
//! refused, naming it, rather than either file silently taking the other's place.

use std::path::Path;

use crate::error::{At, BuildError};

/// Copies every file under `dir` to the same path under `out`; returns how many. Runs after
/// the build has written its own files.
pub fn copy_static(dir: &Path, out: &Path) -> Result<usize, BuildError> {
    let root = dir.canonicalize().at(dir)?;
    let mut copied = 0;
    let mut folders = vec![root.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).at(&folder)? {
            let path = entry.at(&folder)?.path();
            // Where it really is: a link inside the folder is followed, one out of it is not.
            let Ok(real) = path.canonicalize() else {
                continue;
            };
            if !real.starts_with(&root) || path.file_name().is_some_and(|n| n == ".git") {
                continue;
            }
            let relative = path.strip_prefix(&root).unwrap_or(&path);
            if real.is_dir() {
                if real != root && !folders.contains(&real) {
                    folders.push(path.clone());
                }
                continue;
            }
            let target = out.join(relative);
            if target.exists() {
                return Err(BuildError::StaticCollision {
                    file: path.clone(),
                    path: relative.to_string_lossy().replace('\\', "/"),
                });
            }
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).at(parent)?;
            }
            std::fs::copy(&real, &target).at(&path)?;
            copied += 1;
        }
    }
    Ok(copied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_copied_as_they_are_and_never_over_the_build_s() {
        let scratch = tempfile::tempdir().expect("scratch");
        let (dir, out) = (scratch.path().join("static"), scratch.path().join("out"));
        std::fs::create_dir_all(dir.join("css")).expect("folders");
        std::fs::create_dir_all(dir.join(".well-known")).expect("folders");
        std::fs::create_dir_all(&out).expect("folders");
        std::fs::write(dir.join("css/site.css"), "body{}").expect("write");
        std::fs::write(dir.join(".well-known/security.txt"), "x").expect("write");
        std::fs::write(scratch.path().join("secret"), "s").expect("write");
        #[cfg(unix)]
        std::os::unix::fs::symlink(scratch.path().join("secret"), dir.join("s.txt")).expect("link");
        assert_eq!(copy_static(&dir, &out).expect("copies"), 2);
        assert_eq!(
            std::fs::read_to_string(out.join("css/site.css")).expect("copied"),
            "body{}"
        );
        assert!(out.join(".well-known/security.txt").is_file());
        assert!(!out.join("s.txt").exists(), "a link out of the folder");
        std::fs::write(dir.join("feed.json"), "{}").expect("write");
        std::fs::write(out.join("feed.json"), "the build's").expect("write");
        let refused = copy_static(&dir, &out).expect_err("collides");
        assert!(
            refused.to_string().contains("writes feed.json itself"),
            "{refused}"
        );
    }
}
