//! The release pipeline's text contracts, on a fixture: `scripts/release/rewrite` (every change
//! the post-build hook makes to wasm-bindgen's JS glue and Trunk's index.html) run on a copy of
//! what this project's release build gave the hook, in `tests/data/release/`: the glue and
//! index.html as Trunk wrote them, binaryen's map of short names (`names.json`) and the one
//! import module it left (`module`), and the versions of the tools that wrote them.
//!
//! The first test checks that every rewrite does what the hook needs on today's output; the
//! second that each contract, broken by one changed line, fails loudly and by its name. An
//! upgrade of wasm-bindgen, Trunk or binaryen starts here (ARCHITECTURE.md, "Upgrading
//! wasm-bindgen, Trunk or Leptos"): refresh the fixture with
//! `rm -r tests/data/release && RELEASE_FIXTURE=$PWD/tests/data/release scripts/build`, and this test
//! says which contract moved. Needs perl, node and ESLint (scripts/setup).

#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture() -> PathBuf {
    root().join("tests/data/release")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A copy of the fixture in a folder of its own, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "broadsheet-release-glue-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch folder");
        for entry in std::fs::read_dir(fixture()).expect("tests/data/release") {
            let path = entry.expect("entry").path();
            std::fs::copy(&path, dir.join(path.file_name().expect("name"))).expect("copy");
        }
        Scratch(dir)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    fn arg(&self, name: &str) -> String {
        self.path(name).display().to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn rewrite(args: &[&str]) -> Output {
    Command::new("perl")
        .arg(root().join("scripts/release/rewrite"))
        .args(args)
        .output()
        .expect("perl")
}

/// Runs `rewrite` and returns what it printed; panics with its message when it fails.
fn ok(args: &[&str]) -> String {
    let out = rewrite(args);
    assert!(
        out.status.success(),
        "rewrite {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// What the fixture's glue and index.html are called, as Trunk named them.
struct Names {
    glue: String,
    stem: String,
    snippet: String,
    packs: [&'static str; 2],
}

fn names() -> Names {
    let html = read(&fixture().join("index.html"));
    let start = html
        .find("import init, * as bindings from './")
        .expect("Trunk's import of the glue in the fixture's index.html")
        + "import init, * as bindings from './".len();
    let glue = html[start..].split('\'').next().expect("glue").to_string();
    let stem = glue.strip_suffix(".js").expect("a .js glue").to_string();
    let snippet = ok(&["snippets", &fixture().join(&glue).display().to_string()])
        .trim()
        .to_string();
    Names {
        glue,
        stem,
        snippet,
        packs: ["ar", "de"],
    }
}

/// binaryen's map: the imports' and the exports' short names by their long ones.
fn short_names() -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let map: serde_json::Value =
        serde_json::from_str(&read(&fixture().join("names.json"))).expect("names.json");
    let pairs = |list: &serde_json::Value, long: usize, short: usize| {
        list.as_array()
            .expect("a list")
            .iter()
            .map(|item| {
                let text = |i: usize| item[i].as_str().expect("a name").to_string();
                (text(long), text(short))
            })
            .collect::<BTreeMap<_, _>>()
    };
    (pairs(&map["imports"], 1, 2), pairs(&map["exports"], 0, 1))
}

fn is_name(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// `text` with each `wasm.<name>` whose name `renamed` maps renamed; and every name called.
fn rename_calls(text: &str, renamed: &BTreeMap<&str, &str>) -> (String, Vec<String>) {
    let (mut out, mut calls) = (String::new(), Vec::new());
    let mut rest = text;
    while let Some(at) = rest.find("wasm.") {
        // A call unless `wasm` ends a longer name.
        let before = rest[..at].chars().next_back().or(out.chars().next_back());
        let call = !before.is_some_and(is_name);
        out.push_str(&rest[..at + "wasm.".len()]);
        rest = &rest[at + "wasm.".len()..];
        let end = rest.find(|c| !is_name(c)).unwrap_or(rest.len());
        let name = &rest[..end];
        if call {
            calls.push(name.to_string());
        }
        out.push_str(renamed.get(name).filter(|_| call).unwrap_or(&name));
        rest = &rest[end..];
    }
    out.push_str(rest);
    (out, calls)
}

/// The keys of the glue's import object (the members at eight spaces' indent).
fn import_keys(glue: &str) -> Vec<&str> {
    let start = glue.find("    const import0 = {\n").expect("import object");
    let end = start + glue[start..].find("\n    };\n").expect("its end");
    glue[start..end]
        .lines()
        .filter_map(|line| line.strip_prefix("        "))
        .filter(|line| !line.starts_with(' '))
        .filter_map(|line| line.split_once(": function("))
        .map(|(key, _)| key)
        .collect()
}

/// `node --check` on `text` as an ES module.
fn node_check(scratch: &Scratch, name: &str, text: &str) {
    let path = scratch.path(name);
    std::fs::write(&path, text).expect("write");
    let out = Command::new("node")
        .arg("--check")
        .arg(&path)
        .output()
        .expect("node (scripts/setup)");
    assert!(
        out.status.success(),
        "{name} is no valid JavaScript module:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// ESLint (scripts/setup installs it; eslint.config.mjs) on `text`, as a module of
/// scripts/release/.
fn eslint(name: &str, text: &str) {
    use std::io::Write;
    let eslint = root().join("node_modules/.bin/eslint");
    assert!(
        eslint.is_file(),
        "no {}: run scripts/setup",
        eslint.display()
    );
    let mut child = Command::new(eslint)
        .current_dir(root())
        .args(["--max-warnings", "0", "--stdin", "--stdin-filename"])
        .arg(format!("scripts/release/assembled/{name}"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("eslint");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("write to eslint");
    let out = child.wait_with_output().expect("eslint");
    assert!(
        out.status.success(),
        "ESLint on {name} (from scripts/release/):\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The integrity attribute of a file's link in `html`.
fn integrity_of<'a>(html: &'a str, file: &str) -> &'a str {
    let at = html
        .find(&format!("href=\"./{file}\""))
        .unwrap_or_else(|| panic!("no link to {file}"));
    let tag = &html[at..at + html[at..].find('>').expect("end of tag")];
    let start = tag.find(" integrity=\"").expect("integrity") + " integrity=\"".len();
    tag[start..].split('"').next().expect("value")
}

fn sri(path: &Path) -> String {
    let out = Command::new("perl")
        .args([
            "-MDigest::SHA",
            "-e",
            r#"print "sha384-", Digest::SHA->new(384)->addfile($ARGV[0])->b64digest"#,
        ])
        .arg(path)
        .output()
        .expect("perl");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn every_rewrite_does_its_part_on_the_fixture() {
    let scratch = Scratch::new("holds");
    let n = names();
    let (imports, exports) = short_names();
    let original = read(&fixture().join(&n.glue));
    let glue = scratch.arg(&n.glue);
    let html = scratch.arg("index.html");

    // The fixture is of the pinned tools (tests/versions.rs), and Trunk names the wasm after
    // the glue.
    assert!(read(&fixture().join("versions")).starts_with("wasm-bindgen "));
    assert!(
        read(&fixture().join("index.html")).contains(&format!("'./{}_bg.wasm'", n.stem)),
        "Trunk's loader no longer loads {}_bg.wasm",
        n.stem
    );

    // calls: the exports the glue calls are those binaryen's map kept (the hook removed the rest).
    let calls: BTreeSet<String> = ok(&["calls", &glue]).lines().map(String::from).collect();
    assert_eq!(
        calls,
        exports.keys().cloned().collect(),
        "the glue's calls and the wasm's exports"
    );

    // shorten: every import key, the module and every call get their short names, and nothing
    // else changes.
    let module = read(&scratch.path("module")).trim().to_string();
    ok(&["shorten", &glue, &scratch.arg("names.json"), &module]);
    let short = read(&scratch.path(&n.glue));
    let keys: BTreeSet<&str> = import_keys(&short).into_iter().collect();
    assert_eq!(
        keys,
        imports.values().map(String::as_str).collect(),
        "import keys"
    );
    assert!(short.contains(&format!("        \"{module}\": import0,\n")));
    for call in rename_calls(&short, &BTreeMap::new()).1 {
        assert!(
            exports.values().any(|s| *s == call),
            "wasm.{call} is no short name"
        );
    }
    for long in imports.keys() {
        assert!(!short.contains(long.as_str()), "{long} is left in the glue");
    }
    let long_of: BTreeMap<&str, &str> = imports
        .iter()
        .map(|(l, s)| (s.as_str(), l.as_str()))
        .collect();
    let export_long: BTreeMap<&str, &str> = exports
        .iter()
        .map(|(l, s)| (s.as_str(), l.as_str()))
        .collect();
    let keys_undone: String = short
        .split_inclusive('\n')
        .map(|line| {
            match line
                .strip_prefix("        ")
                .and_then(|l| l.split_once(": function("))
            {
                Some((key, rest)) if long_of.contains_key(key) => {
                    format!("        {}: function({rest}", long_of[key])
                }
                _ => line.replace(
                    &format!("\"{module}\": import0,"),
                    "\"./broadsheet_bg.js\": import0,",
                ),
            }
        })
        .collect();
    let (undone, _) = rename_calls(&keys_undone, &export_long);
    assert!(
        undone == original,
        "shorten changed more than the names: the glue with its names given back differs from the fixture"
    );
    node_check(&scratch, "shortened.mjs", &short);

    // shorten, with imports the wasm no longer has: their members go, in both forms.
    let mut fewer: serde_json::Value =
        serde_json::from_str(&read(&scratch.path("names.json"))).expect("names.json");
    let dropped = ["__wbg_altKey_", "__wbg_appendChild_"];
    fewer["imports"]
        .as_array_mut()
        .expect("imports")
        .retain(|i| {
            !dropped
                .iter()
                .any(|d| i[1].as_str().expect("name").starts_with(d))
        });
    std::fs::write(scratch.path("fewer.json"), fewer.to_string()).expect("write");
    std::fs::write(scratch.path("pruned.js"), &original).expect("write");
    ok(&[
        "shorten",
        &scratch.arg("pruned.js"),
        &scratch.arg("fewer.json"),
        &module,
    ]);
    let pruned = read(&scratch.path("pruned.js"));
    assert!(
        original.contains("function() { return handleError(function (arg0, arg1) {\n            const ret = arg0.appendChild(arg1);"),
        "appendChild is no longer an import in handleError's form: pick another for this test"
    );
    assert!(!pruned.contains("arg0.altKey") && !pruned.contains("arg0.appendChild("));
    assert_eq!(import_keys(&pruned).len(), imports.len() - 2);
    node_check(&scratch, "pruned.mjs", &pruned);

    // snippets: the one snippet, which Trunk preloads; unpreload takes its preload out.
    assert!(n.snippet.starts_with("snippets/") && n.snippet.ends_with("/src/browser.js"));
    ok(&["unpreload", &html, &n.snippet]);
    let unpreloaded = read(&scratch.path("index.html"));
    assert!(!unpreloaded.contains(&n.snippet));
    std::fs::copy(fixture().join("index.html"), scratch.path("index.html")).expect("copy");

    // rename, then integrity: the files under their new names, with new digests.
    ok(&["rename", &n.stem, "broadsheet-0123456789abcdef", &html]);
    let renamed = read(&scratch.path("index.html"));
    assert!(!renamed.contains(&n.stem));
    for (file, text) in [
        ("broadsheet-0123456789abcdef.js", "glue"),
        ("broadsheet-0123456789abcdef_bg.wasm", "wasm"),
    ] {
        std::fs::write(scratch.path(file), text).expect("write");
        ok(&["integrity", &html, &scratch.arg(""), file]);
        assert_eq!(
            integrity_of(&read(&scratch.path("index.html")), file),
            sri(&scratch.path(file)),
            "{file}'s integrity attribute"
        );
    }

    // loader and embed: whole modules, valid, and clean under ESLint.
    let mut args = vec!["loader", html.as_str()];
    args.extend(n.packs);
    let loader = ok(&args);
    assert!(loader.contains("const loading = import('./broadsheet-0123456789abcdef.js');\n"));
    assert!(loader.contains("const PACKS = [\"ar\",\"de\"];\n"));
    assert!(loader.contains("window.wasmBindings = bindings;"));
    assert!(loader.contains("module_or_path: './broadsheet-0123456789abcdef_bg.wasm'"));
    for gone in ["import init, * as bindings", "\n// @include", "@GLUE@"] {
        assert!(!loader.contains(gone), "{gone} is left in the loader");
    }
    node_check(&scratch, "loader.mjs", &loader);
    eslint("loader.mjs", &loader);
    let mut args = vec!["embed"];
    args.extend(n.packs);
    let embed = ok(&args);
    assert!(embed.contains("const PACKS = [\"ar\",\"de\"];\n") && !embed.contains("\n// @include"));
    node_check(&scratch, "embed.mjs", &embed);
    eslint("embed.mjs", &embed);
    // The embed module's names are the glue's.
    for export in ["mount", "unmount", "mountAll"] {
        assert!(
            original.contains(&format!("\nexport function {export}(")),
            "the glue exports no {export}, which embed.mjs imports"
        );
    }
    assert!(
        original.contains("({module_or_path} = module_or_path)"),
        "the glue's init no longer takes {{ module_or_path }}, which embed.mjs gives it"
    );

    // unscript: the inline loader becomes a script that loads the file.
    ok(&["unscript", &html, "loader-0123456789abcdef.js"]);
    let page = read(&scratch.path("index.html"));
    assert!(page.contains("<script type=\"module\" src=\"./loader-0123456789abcdef.js\"></script>"));
    assert!(!page.contains("<script type=\"module\">") && !page.contains("import init"));
}

/// One contract broken: `from`, found once in the fixture's `file`, becomes `to`, and the
/// command `args` (with `GLUE`, `HTML`, `NAMES`, `MODULE` for the scratch copy's files) must
/// fail, name the contract and leave the file as it was.
struct Broken {
    contract: &'static str,
    file: &'static str,
    from: String,
    to: String,
    args: &'static [&'static str],
}

#[test]
fn each_contract_fails_loudly_when_its_line_changes() {
    let n = names();
    let glue_link = format!(
        "href=\"./{}\" crossorigin=\"anonymous\" integrity=\"",
        n.glue
    );
    let cases = [
        Broken {
            contract: "import_object",
            file: "GLUE",
            from: "    const import0 = {\n".into(),
            to: "    const imports = {\n".into(),
            args: &["shorten", "GLUE", "NAMES", "MODULE"],
        },
        Broken {
            contract: "import_plain",
            file: "GLUE",
            from: "\n            const ret = arg0.altKey;\n".into(),
            to: "\n          const ret = arg0.altKey;\n".into(),
            args: &["shorten", "GLUE", "NAMES", "MODULE"],
        },
        Broken {
            contract: "import_error",
            file: "GLUE",
            from: "            const ret = arg0.appendChild(arg1);\n            return ret;\n        }, arguments); },\n".into(),
            to: "            const ret = arg0.appendChild(arg1);\n            return ret;\n        }, arguments) },\n".into(),
            args: &["shorten", "GLUE", "NAMES", "MODULE"],
        },
        Broken {
            contract: "module_line",
            file: "GLUE",
            from: "        \"./broadsheet_bg.js\": import0,\n".into(),
            to: "        './broadsheet_bg.js': import0,\n".into(),
            args: &["shorten", "GLUE", "NAMES", "MODULE"],
        },
        Broken {
            contract: "export_call",
            file: "GLUE",
            from: "    wasm.mount(element);\n".into(),
            to: "    wasm.mountElement(element);\n".into(),
            args: &["shorten", "GLUE", "NAMES", "MODULE"],
        },
        Broken {
            contract: "export_index",
            file: "GLUE",
            from: "    wasm.mount(element);\n".into(),
            to: "    wasm[\"mount\"](element);\n".into(),
            args: &["calls", "GLUE"],
        },
        Broken {
            contract: "init_export",
            file: "GLUE",
            from: "export { initSync, __wbg_init as default };".into(),
            to: "export { initSync, __wbg_init as init };".into(),
            args: &["shorten", "GLUE", "NAMES", "MODULE"],
        },
        Broken {
            contract: "snippet_import",
            file: "GLUE",
            from: format!(" from './{}';", n.snippet),
            to: format!(" from \"./{}\";", n.snippet),
            args: &["snippets", "GLUE"],
        },
        Broken {
            contract: "trunk_script",
            file: "HTML",
            from: "<script type=\"module\">\n".into(),
            to: "<script type=module>\n".into(),
            args: &["loader", "HTML", "ar"],
        },
        Broken {
            contract: "trunk_script",
            file: "HTML",
            from: "<script type=\"module\">\n".into(),
            to: "<script type=module>\n".into(),
            args: &["unscript", "HTML", "loader.js"],
        },
        Broken {
            contract: "trunk_import",
            file: "HTML",
            from: format!("import init, * as bindings from './{}';", n.glue),
            to: format!("import init, * as wasmBindings from './{}';", n.glue),
            args: &["loader", "HTML", "ar"],
        },
        Broken {
            contract: "trunk_preload",
            file: "HTML",
            from: format!("<link rel=\"modulepreload\" href=\"./{}\"", n.snippet),
            to: format!("<link rel=modulepreload href=\"./{}\"", n.snippet),
            args: &["unpreload", "HTML", "SNIPPET"],
        },
        Broken {
            contract: "trunk_integrity",
            file: "HTML",
            from: glue_link.clone(),
            to: glue_link.replace(" integrity=", " data-integrity="),
            args: &["integrity", "HTML", "DIR", "GLUE_NAME"],
        },
    ];
    for case in cases {
        let scratch = Scratch::new(case.contract);
        let file = match case.file {
            "GLUE" => scratch.path(&n.glue),
            _ => scratch.path("index.html"),
        };
        let text = read(&file);
        assert_eq!(
            text.matches(case.from.as_str()).count(),
            1,
            "{}: the fixture no longer holds {:?} once: update this test with the fixture",
            case.contract,
            case.from
        );
        let broken = text.replacen(case.from.as_str(), &case.to, 1);
        std::fs::write(&file, &broken).expect("write");
        let module = read(&scratch.path("module")).trim().to_string();
        let args: Vec<String> = case
            .args
            .iter()
            .map(|arg| match *arg {
                "GLUE" => scratch.arg(&n.glue),
                "GLUE_NAME" => n.glue.clone(),
                "HTML" => scratch.arg("index.html"),
                "NAMES" => scratch.arg("names.json"),
                "MODULE" => module.clone(),
                "SNIPPET" => n.snippet.clone(),
                "DIR" => scratch.arg(""),
                other => other.to_string(),
            })
            .collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = rewrite(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.status.success(),
            "{}: rewrite {:?} succeeded on a fixture with {:?} changed to {:?}",
            case.contract,
            case.args,
            case.from,
            case.to
        );
        assert!(
            stderr.contains(&format!("({})", case.contract))
                || stderr.contains(&format!("({},", case.contract))
                || stderr.contains(&format!(", {})", case.contract)),
            "{}: rewrite {:?} failed without naming the contract:\n{stderr}",
            case.contract,
            case.args
        );
        assert_eq!(
            read(&file),
            broken,
            "{}: rewrite changed the file although it failed",
            case.contract
        );
    }
}

#[test]
fn the_release_javascript_parses() {
    let scratch = Scratch::new("parses");
    let mut checked = 0;
    for entry in std::fs::read_dir(root().join("scripts/release")).expect("scripts/release") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) == Some("mjs") {
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            node_check(&scratch, &name, &read(&path));
            checked += 1;
        }
    }
    assert!(checked >= 4, "found {checked} modules in scripts/release");
}
