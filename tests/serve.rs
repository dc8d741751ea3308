//! `broadsheet-build serve` in headless Chromium over WebDriver, as one works on a site: a page
//! open in the browser shows an edit of its Markdown without a manual reload; a post broken
//! while serving shows its error on the page, the server stays up, and the page comes back
//! when the post is mended. Run by `scripts/test` after `scripts/sample-site` has built the
//! binary.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use support::build_step::binary;
use support::webdriver::Browser;

/// A scratch folder, removed when dropped.
struct Dir(PathBuf);

impl Dir {
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A running `serve`, stopped when dropped.
struct Serve {
    child: Child,
    origin: String,
    /// What it has said on standard error.
    said: Arc<Mutex<Vec<String>>>,
}

impl Serve {
    /// Whether it has said a line containing `text`, within a few seconds (what it says is
    /// read on another thread).
    fn said(&self, text: &str) -> bool {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        loop {
            let heard = self
                .said
                .lock()
                .is_ok_and(|said| said.iter().any(|line| line.contains(text)));
            if heard || std::time::Instant::now() > deadline {
                return heard;
            }
            std::thread::yield_now();
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `serve` on any free port in `dir`; returns once it says where it listens.
fn serve(dir: &Path) -> Serve {
    let mut child = Command::new(binary())
        .args(["serve", "--port", "0", "--out", "site", "posts"])
        .current_dir(dir)
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve starts");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    let origin = loop {
        let line = lines
            .next()
            .expect("serve said where it listens")
            .expect("a line");
        if let Some(at) = line.find("http://") {
            let url = line[at..].split_whitespace().next().expect("address");
            break url.trim_end_matches('/').to_string();
        }
    };
    // The rest of what it says goes on being read, so that it never blocks on a full pipe.
    let said = Arc::new(Mutex::new(Vec::new()));
    let heard = said.clone();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            if let Ok(mut heard) = heard.lock() {
                heard.push(line);
            }
        }
    });
    Serve {
        child,
        origin,
        said,
    }
}

fn post(dir: &Path, name: &str, title: &str) {
    std::fs::write(
        dir.join("posts").join(name),
        format!(
            "---\ntitle: {title}\ndate: 2024-05-01\ntags: [rivers]\n---\n\n\
             Rivers and boats: the water runs to the sea.\n"
        ),
    )
    .expect("post");
}

#[test]
#[ignore = "needs Chromium and the broadsheet-build binary; scripts/test runs it"]
fn an_open_page_follows_its_markdown_and_shows_a_broken_post_s_error() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("posts")).expect("folder");
    let dir = Dir(dir);
    post(dir.path(), "rivers.md", "Rivers in spring");
    post(dir.path(), "boats.md", "Boats on rivers");
    let server = serve(dir.path());
    let browser = Browser::start();
    browser.goto(&format!("{}/posts/rivers/", server.origin));
    let title = "return document.querySelector('h1')?.textContent";
    assert_eq!(
        browser.run(title, serde_json::json!([])),
        "Rivers in spring"
    );

    // An edit shows without a manual reload, the post rebuilt alone.
    post(dir.path(), "rivers.md", "Rivers in summer");
    browser.wait(
        "return document.querySelector('h1')?.textContent === 'Rivers in summer'",
        20,
    );
    assert!(
        server.said("rivers.md in "),
        "rebuilt alone: {:?}",
        server.said.lock().map(|s| s.clone())
    );

    // A broken post: its error on the page, and the server still up.
    std::fs::write(
        dir.path().join("posts/rivers.md"),
        "---\ntitle: [Rivers\n---\n\nText.\n",
    )
    .expect("broken post");
    let problem = browser.wait(
        "const p = document.getElementById('broadsheet-problems'); \
         return p && p.textContent.includes('rivers.md') && p.textContent",
        20,
    );
    assert!(
        problem
            .as_str()
            .is_some_and(|p| p.contains("front matter (YAML) line 3")),
        "{problem}"
    );
    browser.goto(&format!("{}/posts/boats/", server.origin));
    assert_eq!(browser.run(title, serde_json::json!([])), "Boats on rivers");
    assert!(
        browser
            .run(
                "return document.getElementById('broadsheet-problems')?.textContent",
                serde_json::json!([])
            )
            .as_str()
            .is_some_and(|p| p.contains("rivers.md")),
        "every page shows the build's problems"
    );

    assert!(
        server.said("building the whole site"),
        "a broken post needs a full build"
    );

    // Mended: the problems go, on the page already open.
    post(dir.path(), "rivers.md", "Rivers in autumn");
    browser.wait("return !document.getElementById('broadsheet-problems')", 20);
    browser.goto(&format!("{}/posts/rivers/", server.origin));
    assert_eq!(
        browser.run(title, serde_json::json!([])),
        "Rivers in autumn"
    );
}
