//! `broadsheet-build` as a user runs it: help and version, values refused with the valid ones
//! named, `--opt=value`, the config file under the flags, `check`, completions, and what the
//! output folder holds after builds (posts removed, files no build wrote, a build killed
//! half-way).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use broadsheet_build::publish::files_under;
use tempfile::TempDir;

/// The binary, run in `dir`.
fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_broadsheet-build"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A folder of `n` Markdown posts, under `dir/posts`.
fn posts(dir: &Path, n: usize) -> PathBuf {
    let folder = dir.join("posts");
    std::fs::create_dir_all(&folder).expect("folder");
    for i in 0..n {
        std::fs::write(
            folder.join(format!("post-{i}.md")),
            format!(
                "---\ntitle: Post {i} on rivers\ndate: 2024-03-{:02}\ntags: [rivers]\n---\n\n\
                 Rivers and boats, post {i}. The water runs to the sea.\n",
                i % 28 + 1
            ),
        )
        .expect("post");
    }
    folder
}

fn scratch() -> TempDir {
    tempfile::Builder::new()
        .prefix("broadsheet-cli-")
        .tempdir()
        .expect("scratch")
}

/// The files under `root`, relative, with their contents.
fn files(root: &Path) -> Vec<(String, Vec<u8>)> {
    files_under(root)
        .expect("listed")
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(root.join(&name)).expect("read");
            (name, bytes)
        })
        .collect()
}

#[test]
fn help_and_version_succeed() {
    let dir = scratch();
    let help = run(dir.path(), &["--help"]);
    assert!(help.status.success());
    let said = text(&help.stdout);
    for word in ["serve", "check", "--out", "--quiet", "broadsheet.toml"] {
        assert!(said.contains(word), "--help does not name {word}: {said}");
    }
    let version = run(dir.path(), &["--version"]);
    assert!(version.status.success());
    assert_eq!(
        text(&version.stdout).trim(),
        format!("broadsheet-build {}", env!("CARGO_PKG_VERSION"))
    );
    let completions = run(dir.path(), &["completions", "bash"]);
    assert!(completions.status.success());
    assert!(text(&completions.stdout).contains("complete -F _broadsheet__build"));
}

#[test]
fn bad_values_are_refused_naming_the_valid_ones() {
    let dir = scratch();
    let source = posts(dir.path(), 1);
    let source = source.to_str().expect("UTF-8");
    let refused = run(dir.path(), &["--read-time", "bogus", source]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused.stderr).contains("[possible values: long, short]"));
    let refused = run(dir.path(), &["--share=x,myspace", source]);
    assert_eq!(refused.status.code(), Some(2));
    let said = text(&refused.stderr);
    assert!(
        said.contains("unknown: myspace") && said.contains("bluesky"),
        "{said}"
    );
    let refused = run(dir.path(), &["--per-page", "0", source]);
    assert_eq!(refused.status.code(), Some(2));
    let refused = run(dir.path(), &["--similar", "many", source]);
    assert_eq!(refused.status.code(), Some(2));
    let refused = run(dir.path(), &["--permalink", "/:yaer/:slug/", source]);
    assert_eq!(refused.status.code(), Some(2));
    let said = text(&refused.stderr);
    assert!(
        said.contains(":yaer") && said.contains(":year, :month, :day, :slug, :title"),
        "{said}"
    );
    let refused = run(dir.path(), &["--out", "site"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused.stderr).contains("no source given"));
    assert!(!dir.path().join("site").exists());
}

#[test]
fn the_config_file_sets_what_flags_do_not() {
    let dir = scratch();
    posts(dir.path(), 3);
    std::fs::write(
        dir.path().join("broadsheet.toml"),
        "sources = [\"posts\"]\nout = \"public\"\nper-page = 1\nsite-name = \"From the file\"\n\
         read-time = \"short\"\n",
    )
    .expect("config");
    let built = run(dir.path(), &["--site-name=From the flag", "--quiet"]);
    assert!(built.status.success(), "{}", text(&built.stderr));
    assert_eq!(text(&built.stderr), "", "--quiet prints nothing");
    let public = dir.path().join("public");
    let home = std::fs::read_to_string(public.join("index.html")).expect("home");
    assert!(home.contains("From the flag") && !home.contains("From the file"));
    // One post a page, from the file: three pages.
    assert!(public.join("page/3/index.html").is_file());
    let page = std::fs::read_to_string(public.join("posts/post-0/index.html")).expect("page");
    assert!(page.contains("min read"), "short read time, from the file");

    // A key the file may not have is an error naming the file.
    std::fs::write(dir.path().join("other.toml"), "sauces = [\"posts\"]\n").expect("config");
    let refused = run(dir.path(), &["--config", "other.toml"]);
    assert_eq!(refused.status.code(), Some(1));
    let said = text(&refused.stderr);
    assert!(
        said.contains("other.toml is not a valid config file") && said.contains("sauces"),
        "{said}"
    );
}

#[test]
fn check_reports_every_problem_and_writes_nothing() {
    let dir = scratch();
    let folder = posts(dir.path(), 2);
    std::fs::write(
        folder.join("broken.md"),
        "---\ntitle: [unclosed\n---\nText\n",
    )
    .expect("post");
    std::fs::write(folder.join("empty.md"), "---\ntitle: Empty\n---\n").expect("post");
    let checked = run(dir.path(), &["check", "--out", "site", "posts"]);
    assert_eq!(checked.status.code(), Some(1));
    let said = text(&checked.stderr);
    assert!(
        said.contains("broken.md: front matter (YAML) line 3"),
        "{said}"
    );
    assert!(said.contains("empty.md: no body"), "{said}");
    assert!(said.contains("3 problems (nothing was written)"), "{said}");
    let beside: Vec<_> = std::fs::read_dir(dir.path())
        .expect("folder")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(beside, ["posts"], "check wrote nothing");
}

#[test]
fn removed_posts_go_and_files_no_build_wrote_stay_or_stop_the_build() {
    let dir = scratch();
    let folder = posts(dir.path(), 3);
    let build = || run(dir.path(), &["build", "--out", "site", "posts"]);
    assert!(build().status.success());
    let site = dir.path().join("site");
    assert!(site.join("posts/post-2/index.html").is_file());
    std::fs::write(site.join("CNAME"), "blog.example.org").expect("foreign file");
    std::fs::remove_file(folder.join("post-2.md")).expect("remove post");
    let built = build();
    assert!(built.status.success());
    assert!(text(&built.stderr).contains("removed"));
    assert!(
        !site.join("posts/post-2").exists(),
        "the removed post's page is gone"
    );
    assert!(site.join("posts/post-1/index.html").is_file());
    assert_eq!(
        std::fs::read_to_string(site.join("CNAME")).expect("kept"),
        "blog.example.org"
    );

    // A file the build did not write, where it would write one: refused, nothing changed.
    std::fs::create_dir_all(site.join("posts/post-9")).expect("folder");
    std::fs::write(site.join("posts/post-9/index.html"), "mine").expect("foreign page");
    let before = files(&site);
    posts(dir.path(), 10);
    let refused = build();
    assert_eq!(refused.status.code(), Some(1));
    let said = text(&refused.stderr);
    assert!(
        said.contains("posts/post-9/index.html") && said.contains("did not write"),
        "{said}"
    );
    assert!(files(&site) == before, "the previous site is unchanged");
}

#[test]
fn an_output_folder_that_holds_the_sources_is_refused() {
    let dir = scratch();
    posts(dir.path(), 2);
    for out in [".", "posts/.."] {
        let refused = run(dir.path(), &["--out", out, "posts"]);
        assert_eq!(refused.status.code(), Some(1), "--out {out:?}");
        assert!(
            text(&refused.stderr).contains("holds the source"),
            "{}",
            text(&refused.stderr)
        );
    }
    let beside: Vec<_> = std::fs::read_dir(dir.path())
        .expect("folder")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(beside, ["posts"], "nothing was written");
}

#[test]
fn a_build_killed_half_way_leaves_the_previous_site_whole() {
    let dir = scratch();
    let feed = dir.path().join("feed.json");
    let item = |i: usize| {
        format!(
            r#"{{"id":"{i}","title":"Post {i}","content_text":"{}"}}"#,
            "Rivers and boats on the long water. ".repeat(20)
        )
    };
    let write_feed = |n: usize| {
        let items: Vec<String> = (0..n).map(item).collect();
        std::fs::write(
            &feed,
            format!(r#"{{"title":"T","items":[{}]}}"#, items.join(",")),
        )
        .expect("feed")
    };
    write_feed(3);
    assert!(run(dir.path(), &["--out", "site", "feed.json"])
        .status
        .success());
    let site = dir.path().join("site");
    let before = files(&site);
    write_feed(20_000);
    let mut child = Command::new(env!("CARGO_BIN_EXE_broadsheet-build"))
        .args(["--out", "site", "feed.json"])
        .current_dir(dir.path())
        .stderr(Stdio::null())
        .spawn()
        .expect("runs");
    // Killed once it has started writing beside the site.
    let next = dir.path().join(".site.broadsheet-next");
    let started = Instant::now();
    while !next.join("assets").exists() && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("killed");
    child.wait().expect("ended");
    assert!(next.exists(), "the build was killed before it finished");
    assert!(files(&site) == before, "the previous site is whole");
    // The next build starts over and publishes.
    write_feed(4);
    assert!(run(dir.path(), &["--out", "site", "feed.json"])
        .status
        .success());
    assert!(!next.exists());
    assert!(site.join("posts/3/index.html").is_file());
}
