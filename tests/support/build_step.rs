//! The build step's binary, for the tests that run it.

use std::path::{Path, PathBuf};

/// The `broadsheet-build` beside this test's binary (`target/<profile>/`), built by
/// `scripts/sample-site` before the Chromium tests run.
pub fn binary() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary");
    let profile = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>/deps");
    let binary = profile.join(format!("broadsheet-build{}", std::env::consts::EXE_SUFFIX));
    assert!(
        binary.is_file(),
        "no {}: build it first (cargo build -p broadsheet-build)",
        binary.display()
    );
    binary
}
