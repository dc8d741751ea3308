//! Headless Chromium from Debian, run as the machine's tools doc says it must be.

use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The flags every headless run needs here (root, closed network).
pub const FLAGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    // No host but this machine's, and every other name unknown at once: the real themes'
    // pages ask their sites for stylesheets, fonts and images, and the closed network's
    // failures came at any time. WordPress's page then moved its own header and content (a
    // layout shift of 0.81) in 4 of 11 loads, once after the parts had come, which failed
    // `tests/parts.rs` in a warm CI run; with this rule, in none of 14.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
];

/// Loads `url`, lets the page run for up to `budget_ms` of virtual time, and returns the DOM
/// it ends with, serialized.
pub fn dump_dom(url: &str, budget_ms: u32) -> String {
    dump_dom_logged(url, budget_ms).0
}

/// Like [`dump_dom`], and also returns Chromium's log, which holds the page's console
/// messages (errors, Content-Security-Policy violations).
pub fn dump_dom_logged(url: &str, budget_ms: u32) -> (String, String) {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, Ordering::Relaxed);
    let profile =
        std::env::temp_dir().join(format!("broadsheet-chromium-{}-{run}", std::process::id()));
    let output = Command::new("chromium")
        .args(FLAGS)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--virtual-time-budget={budget_ms}"))
        .arg("--enable-logging=stderr")
        .arg("--v=0")
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("run chromium (scripts/setup installs it)");
    let _ = std::fs::remove_dir_all(&profile);
    assert!(
        output.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}
