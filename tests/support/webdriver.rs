//! A minimal W3C WebDriver client over HTTP/1.1 for the end-to-end tests: starts the driver of
//! one of three engines (Debian's chromedriver and Chromium, geckodriver and Firefox ESR,
//! WebKitWebDriver and WebKitGTK's MiniBrowser), navigates, runs scripts, presses keys, resizes,
//! emulates dark mode and takes screenshots. The engine is `BROADSHEET_ENGINE`'s (Chromium
//! when unset); what an engine's driver cannot emulate, its method says by returning `false`.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};

use super::chromium::FLAGS;
use super::wait::{wait_for, wait_until, within};

/// A browser engine the end-to-end tests run in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// Debian's Chromium, through chromedriver.
    Chromium,
    /// Debian's Firefox ESR, through geckodriver.
    Firefox,
    /// WebKitGTK's MiniBrowser (Safari's engine), through WebKitWebDriver; it needs a display
    /// (`xvfb-run`), as WebKitGTK has no headless mode.
    WebKit,
}

impl Engine {
    /// The engine `BROADSHEET_ENGINE` names (`chromium`, `firefox` or `webkit`), Chromium when
    /// it is unset; any other value is a mistake in the command and stops the test.
    pub fn from_env() -> Engine {
        match std::env::var("BROADSHEET_ENGINE").as_deref() {
            Err(_) | Ok("") | Ok("chromium") => Engine::Chromium,
            Ok("firefox") => Engine::Firefox,
            Ok("webkit") => Engine::WebKit,
            Ok(other) => panic!("BROADSHEET_ENGINE={other}: chromium, firefox or webkit"),
        }
    }

    /// The engine's name, as `BROADSHEET_ENGINE` spells it.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
            Engine::WebKit => "webkit",
        }
    }

    /// The driver's command and its port argument.
    fn driver(self, port: u16) -> Command {
        let (program, arg) = match self {
            Engine::Chromium => ("chromedriver", format!("--port={port}")),
            // Scripts in Firefox's privileged context set its preferences (dark mode, ...).
            Engine::Firefox => {
                let mut command = Command::new("geckodriver");
                command
                    .arg(format!("--port={port}"))
                    .arg("--allow-system-access");
                return command;
            }
            Engine::WebKit => ("WebKitWebDriver", format!("--port={port}")),
        };
        let mut command = Command::new(program);
        command.arg(arg);
        command
    }

    /// The capabilities of a new session; `page_scripts` false starts it with the page's own
    /// scripts off (the driver's still run).
    fn capabilities(self, page_scripts: bool) -> Value {
        match self {
            Engine::Chromium => json!({
                "browserName": "chrome",
                "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": FLAGS}
            }),
            Engine::Firefox => json!({
                "browserName": "firefox",
                "moz:firefoxOptions": {
                    "binary": "/usr/bin/firefox-esr",
                    "args": ["-headless"],
                    "prefs": {
                        "javascript.enabled": page_scripts,
                        // The asynchronous clipboard without a reader's paste prompt.
                        "dom.events.testing.asyncClipboard": true,
                        "datareporting.policy.dataSubmissionEnabled": false,
                        "browser.shell.checkDefaultBrowser": false,
                    }
                }
            }),
            Engine::WebKit => json!({
                "browserName": "MiniBrowser",
                "webkitgtk:browserOptions": {
                    "binary": "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
                    "args": [
                        "--automation",
                        format!("--enable-javascript-markup={page_scripts}"),
                        "--javascript-can-access-clipboard=true",
                    ]
                }
            }),
        }
    }
}

/// The page's state as a failed wait reports it: whether it is shown and has the focus (a
/// hidden page draws no frames), where it is scrolled, what is selected.
const PAGE_STATE: &str =
    "return { visibility: document.visibilityState, focus: document.hasFocus(), \
    ready: document.readyState, scrollY, selection: String(getSelection()).slice(0, 80) };";

/// A browser session; the browser and its driver stop when it is dropped.
pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
    engine: Engine,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

fn request(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .map_err(|e| e.to_string())?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream
        .write_all(head.as_bytes())
        .and_then(|_| stream.write_all(body.as_bytes()))
        .map_err(|e| e.to_string())?;
    let payload = read_response(&mut stream)?;
    let value: Value = serde_json::from_str(&payload).map_err(|e| format!("{e}: {payload}"))?;
    if value["value"]["error"].is_string() {
        return Err(format!(
            "{}: {}",
            value["value"]["error"], value["value"]["message"]
        ));
    }
    Ok(value["value"].clone())
}

/// Reads one HTTP response body, by `Content-Length` or chunked; the server may keep the
/// connection open, so reading to the end would wait for its timeout. The body is read as
/// bytes and made text once it is whole: a read, or a chunk, may end inside a character.
fn read_response(stream: &mut TcpStream) -> Result<String, String> {
    let mut raw: Vec<u8> = Vec::new();
    let mut buf = [0u8; 65536];
    let head_end = loop {
        if let Some(i) = find(&raw, b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("connection closed before the headers".into());
        }
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..head_end]).to_ascii_lowercase();
    let mut body: Vec<u8> = raw[head_end..].to_vec();
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .map(|v| {
            v.trim()
                .parse::<usize>()
                .map_err(|e| format!("Content-Length {:?}: {e}", v.trim()))
        })
        .transpose()?;
    loop {
        let done = match length {
            Some(n) if body.len() >= n => {
                body.truncate(n);
                Some(utf8(body.clone())?)
            }
            Some(_) => None,
            None => dechunk(&body)?,
        };
        if let Some(text) = done {
            return Ok(text);
        }
        let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            return Err(format!(
                "connection closed after {} bytes of the body",
                body.len()
            ));
        }
        body.extend_from_slice(&buf[..n]);
    }
}

/// Where `needle` first occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn utf8(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| format!("the body is not UTF-8: {e}"))
}

/// Decodes a chunked HTTP/1.1 body (RFC 9112, section 7.1): the chunks' bytes are joined, and
/// the whole made text only then, as a chunk may end inside a multi-byte character. `Ok(None)`
/// while `body` ends before the last chunk and the trailers; an error for a malformed body
/// (a chunk size that is not hexadecimal or does not fit, a chunk not followed by CRLF).
fn dechunk(mut body: &[u8]) -> Result<Option<String>, String> {
    let mut out: Vec<u8> = Vec::new();
    loop {
        let Some(line_end) = find(body, b"\r\n") else {
            return Ok(None);
        };
        let line = String::from_utf8_lossy(&body[..line_end]);
        body = &body[line_end + 2..];
        // A chunk extension (`;name=value`) may follow the size, and white space before it.
        let size = line
            .split(';')
            .next()
            .unwrap_or_default()
            .trim_end_matches([' ', '\t']);
        if size.is_empty() || !size.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!("malformed chunk size {line:?}"));
        }
        let size =
            usize::from_str_radix(size, 16).map_err(|e| format!("chunk size {line:?}: {e}"))?;
        if size == 0 {
            break;
        }
        if body.len() < size {
            return Ok(None);
        }
        out.extend_from_slice(&body[..size]);
        body = &body[size..];
        match body {
            [b'\r', b'\n', rest @ ..] => body = rest,
            [] | [b'\r'] => return Ok(None),
            _ => return Err(format!("a chunk of {size} bytes is not followed by CRLF")),
        }
    }
    // The trailer section, up to an empty line.
    loop {
        let Some(line_end) = find(body, b"\r\n") else {
            return Ok(None);
        };
        if line_end == 0 {
            return utf8(out).map(Some);
        }
        body = &body[line_end + 2..];
    }
}

impl Browser {
    /// Starts the engine's driver and a session of it (`BROADSHEET_ENGINE`).
    pub fn start() -> Browser {
        Browser::start_in(Engine::from_env(), true)
    }

    /// Starts a session with the page's own scripts off, as a reader's browser with
    /// JavaScript disabled; the driver's scripts still run.
    pub fn start_without_page_scripts() -> Browser {
        Browser::start_in(Engine::from_env(), false)
    }

    /// Starts `engine`'s driver and a session, the page's own scripts on or off.
    pub fn start_in(engine: Engine, page_scripts: bool) -> Browser {
        let port = free_port();
        let driver = engine
            .driver(port)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("{} driver (scripts/setup installs it): {e}", engine.name())
            });
        wait_until(within(20), || request(port, "GET", "/status", None).is_ok())
            .unwrap_or_else(|e| panic!("the {} driver did not start: {e}", engine.name()));
        let caps = json!({"capabilities": {"alwaysMatch": engine.capabilities(page_scripts)}});
        let session = request(port, "POST", "/session", Some(&caps))
            .unwrap_or_else(|e| panic!("a {} session: {e}", engine.name()));
        let session = session["sessionId"]
            .as_str()
            .expect("session id")
            .to_string();
        let browser = Browser {
            driver,
            port,
            session,
            engine,
        };
        if engine == Engine::Chromium && !page_scripts {
            browser.cdp(
                "Emulation.setScriptExecutionDisabled",
                json!({"value": true}),
            );
        }
        browser
    }

    /// The engine this session runs in.
    pub fn engine(&self) -> Engine {
        self.engine
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let path = format!("/session/{}{path}", self.session);
        request(self.port, method, &path, body.as_ref())
    }

    /// Opens `url` and waits for the load event.
    pub fn goto(&self, url: &str) {
        self.call("POST", "/url", Some(json!({"url": url})))
            .expect("navigate");
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and returns its result.
    pub fn run(&self, script: &str, args: Value) -> Value {
        self.try_run(script, args)
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Runs `script` as [`Browser::run`] does, returning the driver's error if it fails.
    fn try_run(&self, script: &str, args: Value) -> Result<Value, String> {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": args})),
        )
    }

    /// Runs an asynchronous `script` that calls `arguments[arguments.length - 1]` with its result.
    pub fn run_async(&self, script: &str, args: Value) -> Value {
        self.call(
            "POST",
            "/execute/async",
            Some(json!({"script": script, "args": args})),
        )
        .unwrap_or_else(|e| panic!("script failed: {e}"))
    }

    /// Polls `script` until it returns something truthy, for up to `seconds`. A script that
    /// fails has not returned it yet: a page on its way out fails it (WebKit's driver answers
    /// "no such frame" when the page unloads while the script runs); the last failure is
    /// reported if the wait times out.
    pub fn wait(&self, script: &str, seconds: u64) -> Value {
        let mut failed = None;
        wait_for(within(seconds), || {
            let v = self
                .try_run(script, json!([]))
                .map_err(|e| failed = Some(e))
                .ok()?;
            let falsy = v.is_null() || v == json!(false) || v == json!("") || v == json!(0);
            (!falsy).then_some(v)
        })
        .unwrap_or_else(|e| {
            let failed = failed
                .map(|f| format!("; it last failed: {f}"))
                .unwrap_or_default();
            // What the page was doing, for a wait that fails in one run in many.
            let page = self.try_run(PAGE_STATE, json!([]));
            panic!("timed out waiting for: {script} ({e}){failed}; the page: {page:?}")
        })
    }

    /// Waits until the page has drawn `n` more frames. What the page does in answer to an
    /// event or a scroll, it does in a frame (requestAnimationFrame) or in an observer's
    /// callback, which comes after a frame and asks for the next: two or three frames on, that
    /// work has run, whether or not it changed anything. The check that something did NOT
    /// happen waits for this, as there is nothing else to wait for.
    pub fn frames(&self, n: u32) {
        self.run_async(
            "const done = arguments[arguments.length - 1]; let left = arguments[0]; \
             const next = () => (--left > 0 ? requestAnimationFrame(next) : done(true)); \
             requestAnimationFrame(next);",
            json!([n.max(1)]),
        );
    }

    /// Presses and releases `key` (a WebDriver key code such as `"\u{E004}"` for Tab).
    pub fn press(&self, key: &str) {
        let actions = json!({"actions": [{"type": "key", "id": "keyboard", "actions": [
            {"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}
        ]}]});
        self.call("POST", "/actions", Some(actions))
            .expect("key press");
    }

    /// Presses `key` with Shift held, as a reader extending a selection.
    pub fn press_shifted(&self, key: &str) {
        let shift = "\u{E008}";
        let actions = json!({"actions": [{"type": "key", "id": "keyboard", "actions": [
            {"type": "keyDown", "value": shift}, {"type": "keyDown", "value": key},
            {"type": "keyUp", "value": key}, {"type": "keyUp", "value": shift}
        ]}]});
        self.call("POST", "/actions", Some(actions))
            .expect("key press");
    }

    /// Double-clicks with the mouse at `x`, `y` in the viewport, as a reader selecting a word.
    pub fn double_click(&self, x: f64, y: f64) {
        let click = [
            json!({"type": "pointerDown", "button": 0}),
            json!({"type": "pointerUp", "button": 0}),
        ];
        let mut steps = vec![
            json!({"type": "pointerMove", "x": x.round() as i64, "y": y.round() as i64, "origin": "viewport"}),
        ];
        steps.extend(click.iter().cloned().chain(click.iter().cloned()));
        let actions = json!({"actions": [{"type": "pointer", "id": "mouse",
            "parameters": {"pointerType": "mouse"}, "actions": steps}]});
        self.call("POST", "/actions", Some(actions))
            .expect("double click");
    }

    /// Double-clicks the first word of the article body's first paragraph that has no link
    /// and more than `min_chars` characters, scrolled to the middle of the window; in the
    /// shadow root of the element with id `host`, if given.
    pub fn double_click_a_word(&self, host: Option<&str>, min_chars: usize) {
        let point = self.run(
            "const [host, min] = arguments; \
             const root = host ? document.getElementById(host).shadowRoot : document; \
             const p = [...root.querySelectorAll('.bs-body > p')].find(p => !p.querySelector('a') && p.textContent.length > min); \
             p.scrollIntoView({ block: 'center' }); \
             const r = document.createRange(); r.setStart(p.firstChild, 0); r.setEnd(p.firstChild, 3); \
             const box = r.getBoundingClientRect(); return [box.left + box.width / 2, box.top + box.height / 2];",
            json!([host, min_chars]),
        );
        self.double_click(
            point[0].as_f64().unwrap_or(0.0),
            point[1].as_f64().unwrap_or(0.0),
        );
    }

    /// Selects words 3 to 8 of the article body's first paragraph longer than 120 characters,
    /// scrolled to the middle of the window, at once (no frame between the two); in the shadow
    /// root of the element with id `host`, if given. Returns the passage.
    pub fn select_a_passage(&self, host: Option<&str>) -> String {
        let passage = self.run(
            "const root = arguments[0] ? document.getElementById(arguments[0]).shadowRoot : document; \
             const p = [...root.querySelectorAll('.bs-body > p')].find(p => p.firstChild?.data?.length > 120); \
             p.scrollIntoView({ block: 'center' }); \
             const text = p.firstChild; const spaces = [...text.data.matchAll(/ /g)].map(m => m.index); \
             getSelection().setBaseAndExtent(text, spaces[1] + 1, text, spaces[7]); \
             return text.data.slice(spaces[1] + 1, spaces[7]);",
            json!([host]),
        );
        passage.as_str().expect("a passage").to_string()
    }

    /// Sets the window's size in CSS pixels.
    pub fn resize(&self, width: u32, height: u32) {
        self.call(
            "POST",
            "/window/rect",
            Some(json!({"width": width, "height": height})),
        )
        .expect("resize");
    }

    /// Emulates `prefers-color-scheme` (`light` or `dark`) on the page as it is: through the
    /// DevTools protocol in Chromium, a preference in Firefox. False in WebKit, whose
    /// MiniBrowser takes dark mode only at its start.
    pub fn color_scheme(&self, scheme: &str) -> bool {
        match self.engine {
            Engine::Chromium => {
                self.cdp(
                    "Emulation.setEmulatedMedia",
                    json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]}),
                );
            }
            // 0 dark, 1 light.
            Engine::Firefox => self.firefox_pref(
                "layout.css.prefers-color-scheme.content-override",
                json!(if scheme == "dark" { 0 } else { 1 }),
            ),
            Engine::WebKit => return false,
        }
        self.wait(
            &format!("return matchMedia('(prefers-color-scheme: {scheme})').matches;"),
            5,
        );
        true
    }

    /// The colour schemes this engine can switch a page to: light and dark where
    /// [`Browser::color_scheme`] works, else light alone.
    pub fn schemes(&self) -> &'static [&'static str] {
        match self.engine {
            Engine::Chromium | Engine::Firefox => &["light", "dark"],
            Engine::WebKit => &["light"],
        }
    }

    /// Emulates `prefers-reduced-motion: reduce`; false where the engine's driver cannot.
    pub fn reduce_motion(&self) -> bool {
        match self.engine {
            Engine::Chromium => {
                self.cdp(
                    "Emulation.setEmulatedMedia",
                    json!({"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]}),
                );
                true
            }
            Engine::Firefox => {
                self.firefox_pref("ui.prefersReducedMotion", json!(1));
                true
            }
            Engine::WebKit => false,
        }
    }

    /// Lets the page at `origin` read and write the clipboard without a prompt: a permission
    /// granted in Chromium; Firefox and WebKit sessions start with it.
    pub fn allow_clipboard(&self, origin: &str) {
        if self.engine == Engine::Chromium {
            self.cdp(
                "Browser.grantPermissions",
                json!({"origin": origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]}),
            );
        }
    }

    /// Sets a Firefox preference from the browser's privileged context.
    fn firefox_pref(&self, name: &str, value: Value) {
        let context = |c: &str| {
            self.call("POST", "/moz/context", Some(json!({"context": c})))
                .unwrap_or_else(|e| panic!("Firefox's {c} context: {e}"))
        };
        context("chrome");
        let set = self.try_run(
            "const [name, value] = arguments; \
             if (typeof value === 'boolean') Services.prefs.setBoolPref(name, value); \
             else Services.prefs.setIntPref(name, value);",
            json!([name, value]),
        );
        context("content");
        set.unwrap_or_else(|e| panic!("Firefox preference {name}: {e}"));
    }

    /// Sends a DevTools protocol command (`Network.emulateNetworkConditions`, ...); Chromium
    /// only.
    pub fn cdp(&self, command: &str, params: Value) -> Value {
        assert_eq!(
            self.engine,
            Engine::Chromium,
            "{command}: the DevTools protocol is Chromium's"
        );
        self.call(
            "POST",
            "/goog/cdp/execute",
            Some(json!({"cmd": command, "params": params})),
        )
        .unwrap_or_else(|e| panic!("{command}: {e}"))
    }

    /// A PNG screenshot of the viewport.
    pub fn screenshot(&self) -> Vec<u8> {
        let data = self.call("GET", "/screenshot", None).expect("screenshot");
        base64_decode(data.as_str().unwrap_or_default())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = request(
            self.port,
            "DELETE",
            &format!("/session/{}", self.session),
            None,
        );
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let digits: Vec<u8> = text.bytes().filter_map(value).collect();
    digits
        .chunks(4)
        .flat_map(|c| {
            let n = c.iter().fold(0u32, |acc, &d| acc << 6 | d as u32) << (6 * (4 - c.len()));
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            bytes.into_iter().take(c.len().saturating_sub(1))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_base64() {
        assert_eq!(super::base64_decode("aGVsbG8="), b"hello");
        assert_eq!(super::base64_decode("aGk="), b"hi");
        assert_eq!(super::base64_decode("YWJj"), b"abc");
    }

    /// `text` sent in chunks of the byte lengths `sizes` (the rest in a last one), then the
    /// last chunk and the end of the trailers.
    fn chunked(text: &str, sizes: &[usize]) -> Vec<u8> {
        let mut bytes = text.as_bytes();
        let mut out = Vec::new();
        for &size in sizes.iter().chain([&usize::MAX]) {
            let (chunk, rest) = bytes.split_at(size.min(bytes.len()));
            if !chunk.is_empty() {
                out.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
                out.extend_from_slice(chunk);
                out.extend_from_slice(b"\r\n");
            }
            bytes = rest;
        }
        out.extend_from_slice(b"0\r\n\r\n");
        out
    }

    #[test]
    fn a_chunk_may_end_inside_a_character() {
        // 日 is bytes 0 to 2: the first chunk ends after its first byte, the second inside 本.
        let body = chunked("日本語", &[1, 4]);
        assert!(body.starts_with(b"1\r\n\xe6\r\n4\r\n"), "{body:?}");
        assert_eq!(dechunk(&body), Ok(Some("日本語".to_string())));
        // Every split of an Arabic and Japanese text with an emoji, one or two chunks.
        let text = "السلام عليكم 日本語のテキスト 🚀 end";
        for at in 0..=text.len() {
            assert_eq!(
                dechunk(&chunked(text, &[at])),
                Ok(Some(text.to_string())),
                "split at byte {at}"
            );
        }
        // Sizes in either case, with an extension and trailers.
        let body = b"A;name=value\r\n0123456789\r\na \r\nabcdefghij\r\n0\r\nX-Trailer: 1\r\n\r\n";
        assert_eq!(dechunk(body), Ok(Some("0123456789abcdefghij".to_string())));
        assert_eq!(dechunk(b"0\r\n\r\n"), Ok(Some(String::new())));
    }

    #[test]
    fn an_unfinished_body_asks_for_more() {
        let body = chunked("日本語 and more", &[4, 3]);
        for end in 0..body.len() {
            assert_eq!(dechunk(&body[..end]), Ok(None), "cut at byte {end}");
        }
    }

    #[test]
    fn malformed_chunk_sizes_are_errors() {
        for body in [
            &b"zz\r\nhello\r\n0\r\n\r\n"[..],
            b"\r\nhello\r\n0\r\n\r\n",
            b"-5\r\nhello\r\n0\r\n\r\n",
            b"+5\r\nhello\r\n0\r\n\r\n",
            b"0x5\r\nhello\r\n0\r\n\r\n",
            b" 5\r\nhello\r\n0\r\n\r\n",
            b"5 5\r\nhello\r\n0\r\n\r\n",
            // Larger than any usize, and one that fits but is far longer than the body.
            b"fffffffffffffffffffffffff\r\nhello\r\n0\r\n\r\n",
            b"\xe6\x97\r\nhello\r\n0\r\n\r\n",
        ] {
            let result = dechunk(body);
            assert!(
                result.is_err(),
                "{:?}: {result:?}",
                String::from_utf8_lossy(body)
            );
        }
        // A size that fits but that the body never reaches: more is asked for, and the
        // reader gives up when the connection closes.
        assert_eq!(dechunk(b"ffffffffffffff\r\nhello\r\n0\r\n\r\n"), Ok(None));
        // A chunk longer than its size says, and bytes that are not UTF-8 once joined.
        assert!(dechunk(b"3\r\nhello\r\n0\r\n\r\n").is_err());
        assert!(dechunk(b"2\r\n\xe6\x97\r\n0\r\n\r\n").is_err());
    }

    /// Serves `parts` one write at a time, with a pause between them so that they arrive in
    /// separate reads, and returns what `read_response` makes of them.
    fn served(parts: Vec<Vec<u8>>) -> Result<String, String> {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let port = listener.local_addr().expect("its address").port();
        let server = std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().expect("a connection");
            for part in parts {
                stream.write_all(&part).expect("write");
                stream.flush().expect("flush");
                // Not a wait for anything: the pause itself is what is tested, a body that
                // comes in several reads.
                std::thread::sleep(Duration::from_millis(20));
            }
        });
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        let result = read_response(&mut stream);
        server.join().expect("the server");
        result
    }

    #[test]
    fn a_response_read_in_pieces_split_inside_characters() {
        let head = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        let json = r#"{"value":"日本語 العربية"}"#;
        let body = chunked(json, &[13, 7]);
        // The reads end inside a character (日), inside a chunk-size line and inside a CRLF.
        let parts = vec![
            head.clone(),
            body[..14].to_vec(),
            body[14..19].to_vec(),
            body[19..29].to_vec(),
            body[29..].to_vec(),
        ];
        assert_eq!(served(parts), Ok(json.to_string()));

        let length = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", json.len());
        let bytes = json.as_bytes();
        let parts = vec![
            length.into_bytes(),
            bytes[..12].to_vec(),
            bytes[12..].to_vec(),
        ];
        assert_eq!(served(parts), Ok(json.to_string()));

        let parts = vec![head.clone(), b"zz\r\nhello\r\n0\r\n\r\n".to_vec()];
        assert!(served(parts).is_err());
        let parts = vec![head, b"a\r\nhello".to_vec()];
        let closed = served(parts).expect_err("closed in the middle of a chunk");
        assert!(closed.contains("connection closed"), "{closed}");
    }
}
