//! A small static file server on 127.0.0.1 for tests: serves a directory, with extra headers.
//! Like a production host with precompressed files (nginx `brotli_static`), it answers with
//! `FILE.br` when that file exists and the request accepts brotli (`scripts/precompress`).
//! It can also put a script at the start of every page, to run before the page's own.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread;

/// A running server; it stops with the test process.
pub struct StaticServer {
    /// `http://127.0.0.1:PORT`.
    pub origin: String,
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

/// The extension of the brotli twin of `file`: `js.br` for `x.js`.
fn extension_br(file: &Path) -> String {
    match file.extension().and_then(|e| e.to_str()) {
        Some(ext) => format!("{ext}.br"),
        None => "br".to_string(),
    }
}

/// The file `request_path` names under `root`, refusing anything that climbs out of it.
fn file_for(root: &Path, request_path: &str) -> Option<PathBuf> {
    let path = request_path.split(['?', '#']).next().unwrap_or("/");
    let mut file = root.to_path_buf();
    for part in Path::new(path.trim_start_matches('/')).components() {
        match part {
            Component::Normal(p) => file.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

/// `page` with `<script>{prelude}</script>` first in its head (or first of all, without one).
fn with_prelude(page: Vec<u8>, prelude: &str) -> Vec<u8> {
    let page = String::from_utf8_lossy(&page);
    let at = page.find("<head>").map_or(0, |i| i + "<head>".len());
    format!("{}<script>{prelude}</script>{}", &page[..at], &page[at..]).into_bytes()
}

fn handle(mut stream: TcpStream, root: &Path, headers: &[(String, String)], prelude: Option<&str>) {
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut line = String::new();
    let mut accepts_brotli = false;
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        if let Some((name, value)) = line.split_once(':') {
            accepts_brotli |= name.eq_ignore_ascii_case("accept-encoding")
                && value.split(',').any(|coding| {
                    let mut parts = coding.split(';').map(str::trim);
                    let refused = |p: &str| {
                        p.strip_prefix("q=")
                            .and_then(|q| q.parse::<f32>().ok())
                            .is_some_and(|q| q == 0.0)
                    };
                    parts.next() == Some("br") && !parts.any(refused)
                });
        }
        line.clear();
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let (status, body, kind, encoding) = match file_for(root, path).and_then(|f| {
        let page = content_type(&f).starts_with("text/html");
        let brotli = (accepts_brotli && !(page && prelude.is_some()))
            .then(|| std::fs::read(f.with_extension(extension_br(&f))).ok())
            .flatten();
        let encoding = if brotli.is_some() {
            "Content-Encoding: br\r\nVary: Accept-Encoding\r\n"
        } else {
            "Vary: Accept-Encoding\r\n"
        };
        let mut body = brotli.or_else(|| std::fs::read(&f).ok())?;
        if let Some(prelude) = prelude.filter(|_| page) {
            body = with_prelude(body, prelude);
        }
        Some((body, content_type(&f), encoding))
    }) {
        Some((body, kind, encoding)) => ("200 OK", body, kind, encoding),
        None => ("404 Not Found", b"not found".to_vec(), "text/plain", ""),
    };
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\nCache-Control: no-store\r\n{encoding}",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

impl StaticServer {
    /// Serves `root` with `headers` added to every response.
    pub fn start(root: &Path, headers: &[(&str, &str)]) -> StaticServer {
        StaticServer::serve(root, headers, None)
    }

    /// Serves `root` with `script` run first on every page, before the page's own scripts.
    pub fn with_prelude(root: &Path, script: &str) -> StaticServer {
        StaticServer::serve(root, &[], Some(script))
    }

    fn serve(root: &Path, headers: &[(&str, &str)], prelude: Option<&str>) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let origin = format!("http://{}", listener.local_addr().expect("local address"));
        let root = root.to_path_buf();
        let headers: Vec<(String, String)> = headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        let prelude: Option<Arc<str>> = prelude.map(Arc::from);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let root = root.clone();
                let headers = headers.clone();
                let prelude = prelude.clone();
                thread::spawn(move || handle(stream, &root, &headers, prelude.as_deref()));
            }
        });
        StaticServer { origin }
    }
}
