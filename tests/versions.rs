//! The tools' versions are pinned once, and every other place that must name them agrees.
//!
//! wasm-bindgen: the workspace's `Cargo.toml` pins it (`[workspace.dependencies]`,
//! `wasm-bindgen = "=X"`), every crate takes it from there, and the others follow: Cargo.lock,
//! Trunk.toml's `[tools] wasm_bindgen` (Trunk cannot read Cargo.toml), scripts/setup (which
//! installs the CLI of the version in Cargo.lock) and the release pipeline's fixture
//! (tests/data/release/versions, the versions that wrote it). The npm tools are pinned in
//! package.json, and scripts/setup checks the same versions; Trunk in scripts/setup.

#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

fn read(path: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The lines of a TOML `section` (up to the next header), trimmed.
fn section<'a>(toml: &'a str, section: &str) -> Vec<&'a str> {
    toml.lines()
        .map(str::trim)
        .skip_while(|line| *line != section)
        .skip(1)
        .take_while(|line| !line.starts_with('['))
        .collect()
}

/// The value of `key = "value"` among `lines`.
fn string_value<'a>(lines: &[&'a str], key: &str) -> Option<&'a str> {
    lines.iter().find_map(|line| {
        let (k, v) = line.split_once('=')?;
        (k.trim() == key).then(|| v.trim().trim_matches('"'))
    })
}

/// The one version pinned: `wasm-bindgen = "=X"` in the workspace's dependencies.
fn wasm_bindgen() -> String {
    let manifest = read("Cargo.toml");
    let pin = string_value(
        &section(&manifest, "[workspace.dependencies]"),
        "wasm-bindgen",
    )
    .expect("wasm-bindgen in Cargo.toml's [workspace.dependencies]");
    pin.strip_prefix('=')
        .unwrap_or_else(|| panic!("wasm-bindgen is pinned exactly (\"=X\"), not {pin:?}"))
        .to_string()
}

/// `NAME=value` in scripts/setup.
fn setup_value(name: &str) -> String {
    let setup = read("scripts/setup");
    setup
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no {name}= in scripts/setup"))
        .trim_matches('"')
        .to_string()
}

#[test]
fn every_crate_takes_wasm_bindgen_from_the_workspace() {
    let manifest = read("Cargo.toml");
    let members = manifest
        .split_once("members = [")
        .and_then(|(_, rest)| rest.split_once(']'))
        .expect("the workspace's members")
        .0
        .split(',')
        .map(|member| member.trim().trim_matches('"'))
        .filter(|member| !member.is_empty())
        .collect::<Vec<_>>();
    assert!(members.len() >= 4, "members: {members:?}");
    for member in members {
        let path = format!("{member}/Cargo.toml");
        let text = read(&path);
        // The root manifest's own pin is the one allowed.
        let text = match member {
            "." => text.replace(&format!("wasm-bindgen = \"={}\"", wasm_bindgen()), ""),
            _ => text,
        };
        for line in text.lines().map(str::trim) {
            let Some(rest) = line.strip_prefix("wasm-bindgen") else {
                continue;
            };
            let rest = rest.trim_start();
            assert!(
                !rest.starts_with('=') || rest.contains("workspace = true"),
                "{path}: `{line}`: take wasm-bindgen from the workspace (`wasm-bindgen.workspace = true`)"
            );
        }
    }
}

#[test]
fn cargo_lock_has_the_pinned_wasm_bindgen() {
    let lock = read("Cargo.lock");
    let versions: Vec<&str> = lock
        .split("[[package]]")
        .filter(|package| package.contains("\nname = \"wasm-bindgen\"\n"))
        .filter_map(|package| {
            let lines: Vec<&str> = package.lines().collect();
            string_value(&lines, "version")
        })
        .collect();
    assert_eq!(versions, [wasm_bindgen()], "wasm-bindgen in Cargo.lock");
}

#[test]
fn trunk_asks_for_the_pinned_wasm_bindgen() {
    let trunk = read("Trunk.toml");
    assert_eq!(
        string_value(&section(&trunk, "[tools]"), "wasm_bindgen"),
        Some(wasm_bindgen().as_str()),
        "Trunk.toml's [tools] wasm_bindgen and Cargo.toml's pin"
    );
}

#[test]
fn setup_installs_the_wasm_bindgen_of_the_lock() {
    let line = setup_value("WASM_BINDGEN_VERSION");
    assert!(
        line.contains("Cargo.lock") && !line.contains(&wasm_bindgen()),
        "scripts/setup reads wasm-bindgen's version from Cargo.lock, and names none: {line}"
    );
}

#[test]
fn setup_checks_the_npm_tools_package_json_pins() {
    let package: serde_json::Value =
        serde_json::from_str(&read("package.json")).expect("package.json");
    for (name, variable) in [
        ("binaryen", "BINARYEN_VERSION"),
        ("axe-core", "AXE_VERSION"),
        ("terser", "TERSER_VERSION"),
        ("eslint", "ESLINT_VERSION"),
    ] {
        let pinned = package["devDependencies"][name]
            .as_str()
            .unwrap_or_else(|| panic!("{name} in package.json's devDependencies"));
        let checked = setup_value(variable);
        // binaryen's npm versions are its own release number and ".0.0".
        assert!(
            pinned == checked || pinned == format!("{checked}.0.0"),
            "package.json pins {name} {pinned}, scripts/setup checks {variable}={checked}"
        );
    }
}

#[test]
fn the_release_fixture_is_from_the_pinned_tools() {
    let versions = read("tests/data/release/versions");
    let expected = [
        format!("wasm-bindgen {}", wasm_bindgen()),
        format!("trunk {}", setup_value("TRUNK_VERSION")),
        format!(
            "wasm-opt version {0} (version_{0})",
            setup_value("BINARYEN_VERSION")
        ),
    ];
    assert_eq!(
        versions.lines().collect::<Vec<_>>(),
        expected,
        "tests/data/release/ is from other tools than those pinned: refresh it \
         (rm -r tests/data/release && RELEASE_FIXTURE=$PWD/tests/data/release scripts/build) \
         and run tests/release_glue.rs"
    );
}
