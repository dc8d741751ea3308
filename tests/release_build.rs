//! The release build (`trunk build --release`, in `dist/`) loaded in a browser (the engine
//! `BROADSHEET_ENGINE` names, Chromium by default): the seed article must appear. A build can succeed and still die at start-up (an old wasm-opt
//! does that), so only a browser can tell. Run by `scripts/test` after the build.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::Path;

use support::pages::Pages;
use support::static_server::StaticServer;

fn dist() -> &'static Path {
    let dist = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/dist"));
    assert!(
        dist.join("index.html").is_file(),
        "no release build in dist/: run `trunk build --release` first"
    );
    dist
}

/// The page's state once the component is done: the similar posts shown (no longer their
/// skeleton), or its error.
const SHOWN: &str = "document.querySelector('.bs-similar:not(.bs-similar-pending), .bs-error')";

#[test]
#[ignore = "needs `trunk build --release` first; scripts/test runs it"]
fn release_build_shows_the_seed_article() {
    let server = StaticServer::start(dist(), &[]);
    let (dom, log) = Pages::new().load(&format!("{}/", server.origin), 10_000, SHOWN);
    // The post-build hook changes the wasm and its glue after Trunk hashed them, and writes
    // their integrity attributes again. A stale one blocks the glue, with this message
    // (Chromium ignores the one on the wasm's preload, and says so in the log); in every
    // engine, the article below would be missing.
    let log = log.unwrap_or_default();
    assert!(
        !log.contains("Failed to find a valid digest"),
        "a file does not match its integrity attribute:\n{log}"
    );
    assert!(
        dom.contains("Macron Poised to Lead Potential EU Talks with Russia"),
        "the article title is missing from the page:\n{dom}"
    );
    assert!(
        dom.contains(r#"datetime="PT3M"#),
        "no read time on the page:\n{dom}"
    );
    assert!(
        dom.contains("<title>Macron Poised"),
        "the document title follows the article"
    );
}

#[test]
#[ignore = "needs `trunk build --release` first; scripts/test runs it"]
fn release_build_loads_every_sample_post_by_url() {
    let server = StaticServer::start(dist(), &[]);
    let posts = dist().join("sample/posts");
    let pages = Pages::new();
    let mut checked = 0;
    for entry in std::fs::read_dir(&posts).expect("sample posts in dist") {
        let path = entry.expect("entry").path();
        // Only the posts themselves, not the `.json.br` twins `scripts/precompress` writes.
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("file name");
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("JSON");
        let title = json["items"][0]["title"].as_str().expect("title");
        let (dom, _) = pages.load(
            &format!("{}/?article=sample/posts/{name}", server.origin),
            10_000,
            SHOWN,
        );
        let escaped = title
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(
            dom.contains(&escaped),
            "{name}: title {title:?} not shown:\n{dom}"
        );
        assert!(dom.contains("bs-read-time"), "{name}: no read time");
        assert!(
            dom.contains("class=\"bs-card\""),
            "{name}: no similar-post cards:\n{dom}"
        );
        checked += 1;
    }
    assert!(
        checked >= 13,
        "expected the seed and 12 sample posts, found {checked}"
    );
}

/// The policy docs/csp.md tells publishers to send.
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
                   img-src 'self' https: data:; object-src 'none'; base-uri 'none'";

#[test]
#[ignore = "needs `trunk build --release` first; scripts/test runs it"]
fn release_build_works_under_a_strict_content_security_policy() {
    // Control: the same server and policy do block an inline script, and the log says so.
    let control =
        std::env::temp_dir().join(format!("broadsheet-csp-control-{}", std::process::id()));
    std::fs::create_dir_all(&control).expect("control folder");
    std::fs::write(
        control.join("index.html"),
        "<!doctype html><title>c</title><p id=p>before</p><script>document.getElementById('p').textContent='after'</script>",
    )
    .expect("control page");
    let blocked = StaticServer::start(&control, &[("Content-Security-Policy", CSP)]);
    let pages = Pages::new();
    let (dom, log) = pages.load(
        &format!("{}/", blocked.origin),
        2_000,
        "document.readyState === 'complete'",
    );
    assert!(
        dom.contains(">before<"),
        "the control's inline script ran:\n{dom}"
    );
    // Only Chromium's driver gives the console; elsewhere the article below shows that the
    // policy let the component run.
    if let Some(log) = &log {
        assert!(
            log.contains("Content Security Policy"),
            "the log does not report violations:\n{log}"
        );
    }
    let _ = std::fs::remove_dir_all(&control);

    let server = StaticServer::start(dist(), &[("Content-Security-Policy", CSP)]);
    let (dom, log) = pages.load(
        &format!(
            "{}/?article=sample/posts/rust-wasm-reading-time-tutorial.json",
            server.origin
        ),
        10_000,
        SHOWN,
    );
    assert!(
        dom.contains("Building a Reading-Time Widget"),
        "no article under the policy:\n{dom}"
    );
    assert!(
        dom.contains("class=\"bs-card\""),
        "no similar posts under the policy"
    );
    if let Some(log) = log {
        assert!(
            !log.contains("Content Security Policy"),
            "policy violations:\n{log}"
        );
    }
}

/// What perl's Digest::SHA `script` prints for `files`: the post-build hook's own tool for
/// integrity attributes and content names, so these tests compute them as it does.
fn digest(script: &str, files: &[std::path::PathBuf]) -> String {
    let out = std::process::Command::new("perl")
        .args(["-MDigest::SHA", "-e", script])
        .args(files)
        .output()
        .expect("perl");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The first 16 hex digits of the SHA-256 of `files` one after the other, as the post-build
/// hook names files.
fn content_hash(files: &[std::path::PathBuf]) -> String {
    digest(
        r#"my $d = Digest::SHA->new(256); $d->addfile($_) for @ARGV; print substr($d->hexdigest, 0, 16)"#,
        files,
    )
}

#[test]
#[ignore = "needs `trunk build --release` first; scripts/test runs it"]
fn the_component_files_are_named_by_their_contents() {
    // The post-build hook changes the glue, the wasm and the snippets after Trunk and
    // wasm-bindgen named them; a cache that keeps a name forever must never see new bytes under
    // an old name.
    let dist = dist();
    let html = std::fs::read_to_string(dist.join("index.html")).expect("index.html");
    let start = html.find("./broadsheet-").expect("the glue in index.html") + 2;
    let stem = &html[start..start + "broadsheet-".len() + 16];
    let glue = dist.join(format!("{stem}.js"));
    let wasm = dist.join(format!("{stem}_bg.wasm"));
    assert_eq!(
        format!("broadsheet-{}", content_hash(&[glue.clone(), wasm])),
        stem,
        "the glue and the wasm are named by their contents"
    );
    let glue_text = std::fs::read_to_string(&glue).expect("the glue");
    let mut folders = 0;
    for folder in std::fs::read_dir(dist.join("snippets")).expect("snippets/") {
        let folder = folder.expect("a folder").path();
        let mut files = Vec::new();
        let mut pending = vec![folder.clone()];
        while let Some(path) = pending.pop() {
            for entry in std::fs::read_dir(&path).expect("a folder") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    pending.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        files.sort();
        let name = folder
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        assert_eq!(
            name.rsplit_once('-').map(|(_, hash)| hash.to_string()),
            Some(content_hash(&files)),
            "snippets/{name} is named by its files"
        );
        assert!(
            glue_text.contains(&format!("./snippets/{name}/")),
            "the glue imports snippets/{name}"
        );
        folders += 1;
    }
    assert!(folders >= 1, "no snippet folder");
}

#[test]
#[ignore = "needs `trunk build --release` first; scripts/test runs it"]
fn every_integrity_attribute_matches_its_file() {
    // The post-build hook changes and renames files after Trunk hashed them (the wasm, its
    // glue, the snippets a `modulepreload` names). A stale hash on a preload does not always show in the
    // log: the module it names then fails to load, and the page never starts.
    let html = std::fs::read_to_string(dist().join("index.html")).expect("index.html");
    let mut checked = 0;
    for tag in html.split('<').filter(|t| t.contains("integrity=\"")) {
        let attr = |name: &str| {
            let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
            Some(&tag[start..start + tag[start..].find('"')?])
        };
        let (Some(href), Some(expected)) = (attr("href"), attr("integrity")) else {
            continue;
        };
        let file = dist().join(href.trim_start_matches("./"));
        let sri = digest(
            r#"print "sha384-", Digest::SHA->new(384)->addfile($ARGV[0])->b64digest"#,
            &[file],
        );
        assert_eq!(
            sri, expected,
            "{href} does not match its integrity attribute"
        );
        checked += 1;
    }
    assert!(
        checked >= 3,
        "only {checked} integrity attributes in index.html"
    );
}
