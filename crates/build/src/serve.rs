//! `broadsheet-build serve`: the built site served on 127.0.0.1 while one works on it. The
//! sources are watched; a change rebuilds the site (swapped in whole, so a request never sees
//! half of it) and open pages reload. While serving, each HTML page gets a small script
//! (`/_broadsheet/live.js`) that waits for the next build by long polling, and the build's
//! problems (posts that could not be built, and why) are shown on every page instead of
//! stopping the server. Nothing of this is ever written to the site.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{channel, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher};
use tiny_http::{Header, Request, Response, Server};

/// The script that reloads a page when the site is rebuilt.
const LIVE_JS: &str = include_str!("../assets/live.js");

/// How long a page's request for the next build waits before it asks again.
const LONG_POLL: Duration = Duration::from_secs(25);

/// How long the sources must be quiet after a change before the site is rebuilt: an editor's
/// save is often several events.
const SETTLE: Duration = Duration::from_millis(80);

/// What a build says to the pages served: nothing, or the problems to show on them.
pub type Problems = Vec<String>;

/// The state pages are served from: the build's number and its problems.
#[derive(Default)]
struct Live {
    state: Mutex<(u64, Problems)>,
    built: Condvar,
}

impl Live {
    fn get(&self) -> (u64, Problems) {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn publish(&self, problems: Problems) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        *state = (state.0 + 1, problems);
        self.built.notify_all();
    }

    /// Waits until a build newer than `since`, or the long poll's end; the newest build's
    /// number.
    fn wait(&self, since: u64) -> u64 {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let (state, _) = self
            .built
            .wait_timeout_while(state, LONG_POLL, |s| s.0 <= since)
            .unwrap_or_else(PoisonError::into_inner);
        state.0
    }
}

/// A running server.
pub struct Serving {
    /// Where it listens (`127.0.0.1:PORT`).
    pub address: String,
    server: Arc<Server>,
    live: Arc<Live>,
    root: PathBuf,
}

impl Serving {
    /// Serves the folder `root` on 127.0.0.1 at `port` (0: any free port), showing `problems`
    /// on its pages.
    pub fn start(root: &Path, port: u16, problems: Problems) -> Result<Serving, String> {
        let server = Server::http(("127.0.0.1", port))
            .map_err(|e| format!("cannot serve on 127.0.0.1:{port}: {e}"))?;
        let address = server.server_addr().to_string();
        let serving = Serving {
            address,
            server: Arc::new(server),
            live: Arc::new(Live::default()),
            root: std::path::absolute(root).map_err(|e| e.to_string())?,
        };
        serving.live.publish(problems);
        let (server, live, root) = (
            serving.server.clone(),
            serving.live.clone(),
            serving.root.clone(),
        );
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let (live, root) = (live.clone(), root.clone());
                // One thread a request: a page's long poll waits on its own.
                std::thread::spawn(move || respond(request, &root, &live));
            }
        });
        Ok(serving)
    }

    /// Tells the pages that the site was rebuilt, with these problems.
    pub fn rebuilt(&self, problems: Problems) {
        self.live.publish(problems);
    }

    /// Watches `sources` and calls `rebuild` with the files changed after each change
    /// (changes under the served folder and its build folders beside it are not the
    /// sources'), forever; pages reload when it gives problems, none or some.
    pub fn watch(
        &self,
        sources: &[PathBuf],
        mut rebuild: impl FnMut(&[PathBuf]) -> Option<Problems>,
    ) -> Result<(), String> {
        let (send, changes) = channel();
        let mut watcher = notify::recommended_watcher(send).map_err(|e| e.to_string())?;
        for source in sources {
            watcher
                .watch(source, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", source.display()))?;
        }
        // The served folder, a build's folders beside it (`.NAME.broadsheet-next`, the path
        // itself among its ancestors) and an index being written (`feed.json.partial`).
        let ours = |path: &Path| {
            path.starts_with(&self.root)
                || path.extension().is_some_and(|e| e == "partial")
                || path.ancestors().any(|a| {
                    a.file_name()
                        .is_some_and(|n| n.to_string_lossy().contains(".broadsheet-"))
                })
        };
        // The sources' files an event changed (reading a source is not changing it: the
        // build's own reads would loop).
        let changed = |event: notify::Event| -> Vec<PathBuf> {
            match event.kind {
                EventKind::Access(AccessKind::Close(AccessMode::Write)) => {}
                EventKind::Access(_) | EventKind::Other => return Vec::new(),
                _ => {}
            }
            event.paths.into_iter().filter(|p| !ours(p)).collect()
        };
        loop {
            let mut paths = match changes.recv() {
                Ok(Ok(event)) => changed(event),
                Ok(Err(error)) => return Err(error.to_string()),
                Err(_) => return Ok(()),
            };
            if paths.is_empty() {
                continue;
            }
            // The change settles: its other events are taken with it.
            loop {
                match changes.recv_timeout(SETTLE) {
                    Ok(Ok(event)) => paths.extend(changed(event)),
                    Ok(Err(_)) => {}
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return Ok(()),
                }
            }
            paths.sort();
            paths.dedup();
            if let Some(problems) = rebuild(&paths) {
                self.rebuilt(problems);
            }
        }
    }
}

/// Answers one request: the live script, a long poll, or a file of the site.
fn respond(request: Request, root: &Path, live: &Live) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let response = if path == "/_broadsheet/live.js" {
        with_type(Response::from_string(LIVE_JS), "text/javascript")
    } else if path == "/_broadsheet/wait" {
        let since = url
            .split_once("since=")
            .and_then(|(_, n)| n.split('&').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        with_type(
            Response::from_string(live.wait(since).to_string()),
            "text/plain",
        )
    } else {
        file_response(path, root, live)
    };
    let _ = request.respond(response.with_header(header("Cache-Control", "no-store")));
}

/// The file of the site at the URL path `path`; a folder's `index.html`; a page that says what
/// is missing, and the build's problems, when there is none.
fn file_response(path: &str, root: &Path, live: &Live) -> Response<std::io::Cursor<Vec<u8>>> {
    let (generation, problems) = live.get();
    let Some(file) = site_file(path, root) else {
        let page = format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title>\
             </head><body><h1>Not found</h1><p>The site has no page at <code>{}</code>.</p></body></html>",
            escape(path)
        );
        return with_type(
            Response::from_data(live_page(&page, generation, &problems)),
            "text/html; charset=utf-8",
        )
        .with_status_code(404);
    };
    if file.is_dir() {
        // A folder's page is at its address with a slash, so that its relative links work.
        return Response::from_data(Vec::new())
            .with_status_code(301)
            .with_header(header("Location", &format!("{path}/")));
    }
    let Ok(bytes) = std::fs::read(&file) else {
        return Response::from_data(Vec::new()).with_status_code(404);
    };
    let kind = content_type(&file);
    if kind.starts_with("text/html") {
        let page = String::from_utf8_lossy(&bytes);
        return with_type(
            Response::from_data(live_page(&page, generation, &problems)),
            kind,
        );
    }
    with_type(Response::from_data(bytes), kind)
}

/// The file under `root` that the URL path `path` names (a folder's `index.html`), if there
/// is one inside it: `..` never climbs out, nor does a symbolic link.
fn site_file(path: &str, root: &Path) -> Option<PathBuf> {
    let decoded = crate::site::address::percent_decode(path)?;
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let mut file = root.join(relative);
    if file.is_dir() && (decoded.ends_with('/') || decoded.is_empty()) {
        file = file.join("index.html");
    }
    let real = file.canonicalize().ok()?;
    real.starts_with(root.canonicalize().ok()?).then_some(file)
}

/// `page` with the live script, and the build's problems over it when there are any.
fn live_page(page: &str, generation: u64, problems: &[String]) -> Vec<u8> {
    let mut added =
        format!("<script src=\"/_broadsheet/live.js\" data-generation=\"{generation}\"></script>");
    if !problems.is_empty() {
        added.push_str(
            "<aside id=\"broadsheet-problems\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;\
             max-height:50vh;overflow:auto;margin:0;padding:1rem 1.5rem;background:#fff4f2;\
             color:#5c0b00;border-top:3px solid #b3261e;font:14px/1.5 system-ui,sans-serif;\
             z-index:2147483647\"><strong>broadsheet-build: the last build has problems</strong><ul>",
        );
        for problem in problems {
            added.push_str(&format!("<li>{}</li>", escape(problem)));
        }
        added.push_str("</ul></aside>");
    }
    let at = page.rfind("</body>").unwrap_or(page.len());
    format!("{}{added}{}", &page[..at], &page[at..]).into_bytes()
}

/// `text` safe in HTML text and attribute values.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The content type of a site's file, by its extension.
fn content_type(file: &Path) -> &'static str {
    let extension = file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match extension.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("js" | "mjs") => "text/javascript",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("txt") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("ico") => "image/x-icon",
        Some("wasm") => "application/wasm",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn with_type<R: std::io::Read>(response: Response<R>, kind: &str) -> Response<R> {
    response.with_header(header("Content-Type", kind))
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|()| Header::from_bytes(&b"X-Broadsheet"[..], &b"-"[..]).expect("valid"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_site() {
        let scratch = tempfile::tempdir().expect("scratch");
        let root = scratch.path().join("site");
        std::fs::create_dir_all(root.join("posts/a")).expect("folders");
        std::fs::write(root.join("posts/a/index.html"), "a").expect("write");
        std::fs::write(scratch.path().join("secret.txt"), "s").expect("write");
        assert_eq!(
            site_file("/posts/a/", &root),
            Some(root.join("posts/a/index.html"))
        );
        assert_eq!(site_file("/posts/a", &root), Some(root.join("posts/a")));
        assert_eq!(site_file("/../secret.txt", &root), None);
        assert_eq!(site_file("/%2e%2e/secret.txt", &root), None);
        assert_eq!(site_file("/posts/%2e%2e/%2e%2e/secret.txt", &root), None);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(scratch.path().join("secret.txt"), root.join("s.txt"))
                .expect("link");
            assert_eq!(site_file("/s.txt", &root), None);
        }
    }

    #[test]
    fn pages_get_the_live_script_and_the_problems_escaped() {
        let page = live_page(
            "<html><body><p>x</p></body></html>",
            3,
            &["posts/a.md: <bad>".into()],
        );
        let page = String::from_utf8(page).expect("UTF-8");
        assert!(page.contains("data-generation=\"3\"></script>"), "{page}");
        assert!(page.contains("<li>posts/a.md: &lt;bad&gt;</li>"), "{page}");
        assert!(page.ends_with("</aside></body></html>"), "{page}");
    }
}
