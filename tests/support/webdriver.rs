//! A minimal W3C WebDriver client over HTTP/1.1 for the end-to-end tests: starts Debian's
//! chromedriver, opens headless Chromium, navigates, runs scripts, presses keys, resizes,
//! emulates dark mode and takes screenshots.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::chromium::FLAGS;

/// A browser session; the browser and chromedriver stop when it is dropped.
pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
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
/// connection open, so reading to the end would wait for its timeout.
fn read_response(stream: &mut TcpStream) -> Result<String, String> {
    let mut raw: Vec<u8> = Vec::new();
    let mut buf = [0u8; 65536];
    let head_end = loop {
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
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
        .and_then(|v| v.trim().parse::<usize>().ok());
    let complete = |body: &[u8]| match length {
        Some(n) => body.len() >= n,
        None => body.windows(5).any(|w| w == b"0\r\n\r\n"),
    };
    while !complete(&body) {
        let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&buf[..n]);
    }
    let text = String::from_utf8_lossy(&body).into_owned();
    Ok(if length.is_some() {
        text
    } else {
        dechunk(&text)
    })
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

impl Browser {
    /// Starts chromedriver and a headless Chromium session.
    pub fn start() -> Browser {
        let port = free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (scripts/setup installs it)");
        let started = Instant::now();
        while request(port, "GET", "/status", None).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": FLAGS}
        }}});
        let session = request(port, "POST", "/session", Some(&caps)).expect("a browser session");
        let session = session["sessionId"]
            .as_str()
            .expect("session id")
            .to_string();
        Browser {
            driver,
            port,
            session,
        }
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
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": args})),
        )
        .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
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

    /// Polls `script` until it returns something truthy, for up to `seconds`.
    pub fn wait(&self, script: &str, seconds: u64) -> Value {
        let started = Instant::now();
        loop {
            let v = self.run(script, json!([]));
            if !(v.is_null() || v == json!(false) || v == json!("") || v == json!(0)) {
                return v;
            }
            assert!(
                started.elapsed() < Duration::from_secs(seconds),
                "timed out waiting for: {script}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
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

    /// Sets the window's size in CSS pixels.
    pub fn resize(&self, width: u32, height: u32) {
        self.call(
            "POST",
            "/window/rect",
            Some(json!({"width": width, "height": height})),
        )
        .expect("resize");
    }

    /// Emulates `prefers-color-scheme` (`light` or `dark`) through the DevTools protocol.
    pub fn color_scheme(&self, scheme: &str) {
        let params = json!({"cmd": "Emulation.setEmulatedMedia", "params": {
            "features": [{"name": "prefers-color-scheme", "value": scheme}]
        }});
        self.call("POST", "/goog/cdp/execute", Some(params))
            .expect("emulate color scheme");
    }

    /// Turns the page's own scripts off (or on again) for the pages loaded from now on, as a
    /// reader's browser with JavaScript disabled; the driver's scripts still run.
    pub fn page_scripts(&self, on: bool) {
        self.cdp(
            "Emulation.setScriptExecutionDisabled",
            json!({"value": !on}),
        );
    }

    /// Sends a DevTools protocol command (`Network.emulateNetworkConditions`, ...).
    pub fn cdp(&self, command: &str, params: Value) -> Value {
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
    #[test]
    fn decodes_base64() {
        assert_eq!(super::base64_decode("aGVsbG8="), b"hello");
        assert_eq!(super::base64_decode("aGk="), b"hi");
        assert_eq!(super::base64_decode("YWJj"), b"abc");
    }
}
