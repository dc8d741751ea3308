//! Folders and files nobody checked, through the build step: symbolic links and `..` paths
//! that lead out of a source, an alias bomb in YAML front matter, a feed nested two hundred
//! thousand levels deep in JSON and in XML, and an XML entity bomb. Nothing from outside a
//! source is published, each refusal is a warning naming the post, and every bomb is refused
//! in seconds while the other posts build.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use broadsheet_build::publish::files_under;
use tempfile::TempDir;

fn scratch() -> TempDir {
    tempfile::Builder::new()
        .prefix("broadsheet-hostile-")
        .tempdir()
        .expect("scratch")
}

/// Builds `sources` into `dir/site`; the run and how long it took.
fn build(dir: &Path, sources: &[&str]) -> (Output, Duration) {
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_broadsheet-build"))
        .args(["--out", "site"])
        .args(sources)
        .current_dir(dir)
        .output()
        .expect("runs");
    (output, started.elapsed())
}

fn said(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn post(folder: &Path, name: &str, front: &str, body: &str) {
    std::fs::create_dir_all(folder).expect("folder");
    std::fs::write(folder.join(name), format!("---\n{front}\n---\n\n{body}\n")).expect("post");
}

/// Every file under `root`, relative (links listed, never followed).
fn published(root: &Path) -> Vec<String> {
    files_under(root).expect("listed")
}

#[cfg(unix)]
#[test]
fn nothing_from_outside_a_source_is_published() {
    use std::os::unix::fs::symlink;

    let dir = scratch();
    let private = dir.path().join("private");
    std::fs::create_dir_all(private.join("drafts")).expect("folder");
    std::fs::write(private.join("id_rsa.png"), "PRIVATE KEY").expect("secret");
    post(
        &private.join("drafts"),
        "secret.md",
        "title: Secret",
        "Not for publishing.",
    );
    let posts = dir.path().join("site-src/posts");
    post(
        &posts,
        "linked.md",
        "title: Linked",
        "![map](map.png) ![key](key.png) [notes](../../private/id_rsa.png)",
    );
    std::fs::write(posts.join("map.png"), "PNG").expect("image");
    symlink(private.join("id_rsa.png"), posts.join("key.png")).expect("file link");
    symlink(private.join("drafts"), posts.join("drafts-link")).expect("folder link");
    symlink(
        private.join("drafts/secret.md"),
        posts.join("also-secret.md"),
    )
    .expect("post link");
    // A link inside the source is followed, once, even when it loops.
    symlink(&posts, posts.join("loop")).expect("loop link");

    let (output, took) = build(dir.path(), &["site-src/posts"]);
    assert!(output.status.success(), "{}", said(&output));
    assert!(took < Duration::from_secs(30), "{took:?}");
    let files = published(&dir.path().join("site"));
    assert!(files.iter().any(|f| f.ends_with("map.png")), "{files:?}");
    assert!(
        !files
            .iter()
            .any(|f| f.contains("key.png") || f.contains("id_rsa")),
        "{files:?}"
    );
    assert!(!files.iter().any(|f| f.contains("secret")), "{files:?}");
    for file in &files {
        let bytes = std::fs::read(dir.path().join("site").join(file)).expect("read");
        assert!(
            !String::from_utf8_lossy(&bytes).contains("PRIVATE KEY")
                && !String::from_utf8_lossy(&bytes).contains("Not for publishing"),
            "{file} holds a private file's text"
        );
    }
    let said = said(&output);
    assert!(
        said.contains("linked.md: not published: files outside the source folder: key.png, ../../private/id_rsa.png"),
        "{said}"
    );
    assert!(said.contains("drafts-link: not followed"), "{said}");
    assert!(said.contains("also-secret.md: not followed"), "{said}");
}

#[test]
fn a_yaml_alias_bomb_is_refused_in_seconds_and_the_other_posts_build() {
    let dir = scratch();
    let posts = dir.path().join("posts");
    post(&posts, "fine.md", "title: Fine", "A post like any other.");
    let mut front = String::from("title: Bomb\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]");
    for (name, alias) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        front.push_str(&format!(
            "\n{name}: &{name} [{}]",
            vec![format!("*{alias}"); 9].join(",")
        ));
    }
    assert!(front.len() < 1024, "a bomb of under 1 kB");
    post(&posts, "bomb.md", &front, "Boom.");
    let (output, took) = build(dir.path(), &["posts"]);
    assert!(output.status.success(), "{}", said(&output));
    assert!(took < Duration::from_secs(10), "{took:?}");
    let said = said(&output);
    assert!(
        said.contains("bomb.md: front matter (YAML) line 7: refused, its aliases expand to more than 10000 values"),
        "{said}"
    );
    assert!(dir.path().join("site/posts/fine/index.html").is_file());
}

#[test]
fn feeds_nested_too_deep_are_refused_in_seconds() {
    let dir = scratch();
    let deep = 200_000;
    let json = format!(
        r#"{{"title":"t","items":[{{"id":"1","title":"x","content_text":"hi","_x":{}{}}}]}}"#,
        "[".repeat(deep),
        "]".repeat(deep)
    );
    std::fs::write(dir.path().join("deep.json"), json).expect("feed");
    let (output, took) = build(dir.path(), &["deep.json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(took < Duration::from_secs(10), "{took:?}");
    assert!(
        said(&output).contains("recursion limit exceeded"),
        "{}",
        said(&output)
    );

    let xml = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><item><title>x</title>\
         <description>hi</description><x>{}{}</x></item></channel></rss>",
        "<a>".repeat(deep),
        "</a>".repeat(deep)
    );
    std::fs::write(dir.path().join("deep.xml"), xml).expect("feed");
    let (output, took) = build(dir.path(), &["deep.xml"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(took < Duration::from_secs(10), "{took:?}");
    assert!(
        said(&output).contains("nests elements deeper"),
        "{}",
        said(&output)
    );
}

#[test]
fn xml_entities_are_not_expanded() {
    let dir = scratch();
    let mut entities = String::from("<!ENTITY lol \"lol\">");
    for level in 1..10 {
        let previous = if level == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", level - 1)
        };
        entities.push_str(&format!(
            "<!ENTITY lol{level} \"{}\">",
            format!("&{previous};").repeat(10)
        ));
    }
    let xml = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE rss [{entities}]><rss version=\"2.0\"><channel><title>t</title>\
         <item><title>Laughs &lol9;</title><description>hi &lol9;</description></item></channel></rss>"
    );
    std::fs::write(dir.path().join("lol.xml"), xml).expect("feed");
    let (output, took) = build(dir.path(), &["lol.xml"]);
    assert!(took < Duration::from_secs(10), "{took:?}");
    assert!(output.status.success(), "{}", said(&output));
    let bytes: u64 = published(&dir.path().join("site"))
        .iter()
        .map(|f| std::fs::metadata(dir.path().join("site").join(f)).map_or(0, |m| m.len()))
        .sum();
    assert!(bytes < 5_000_000, "{bytes} bytes written");
}

/// A plain-text body with a word far longer than any (here 100,000 characters) is written on
/// its page with a break opportunity every 4,096 characters of it, as an HTML body is by the
/// sanitizer: WebKit lays out a longer run in quadratic time.
#[test]
fn a_long_word_in_a_text_body_gets_break_opportunities_on_its_page() {
    let dir = scratch();
    let word = "ab".repeat(50_000);
    let feed = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Words",
        "items": [{"id": "long", "title": "A long word", "content_text": format!("Before {word} after.")}]
    });
    std::fs::write(dir.path().join("feed.json"), feed.to_string()).expect("feed");
    let (output, _) = build(dir.path(), &["feed.json"]);
    assert!(output.status.success(), "{}", said(&output));
    let site = dir.path().join("site");
    let page = published(&site)
        .into_iter()
        .map(|file| std::fs::read_to_string(site.join(file)).unwrap_or_default())
        .find(|html| html.contains("<p>Before ab"))
        .expect("the post's page");
    let start = page.find("<p>Before ").expect("the paragraph") + "<p>Before ".len();
    let end = start + page[start..].find(" after.</p>").expect("its end");
    let runs: Vec<&str> = page[start..end].split("<wbr>").collect();
    assert!(runs.concat() == word, "the word is all there");
    assert!(runs.len() >= word.len() / 4096, "{} runs", runs.len());
    assert!(runs.iter().all(|run| run.len() <= 4096));
}
