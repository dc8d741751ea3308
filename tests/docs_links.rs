//! The docs hold together: every relative link in the README, `docs/`, ARCHITECTURE.md and
//! BENCHMARKS.md points at a file that exists (and a `#fragment` at a heading of it), every
//! repository path the README and `docs/` name in backticks exists, every page of `docs/` is
//! linked from the README, the attributes page lists every attribute the component reads, the
//! article JSON example reads as the page says, and the CSP page gives the policy the tests
//! serve.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The README and every page of `docs/`.
fn guides() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .expect("docs/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    pages.sort();
    pages.insert(0, root().join("README.md"));
    pages
}

/// The lines of `text` outside fenced code blocks.
fn prose(text: &str) -> Vec<&str> {
    let mut fenced = false;
    text.lines()
        .filter(|line| {
            if line.trim_start().starts_with("```") {
                fenced = !fenced;
                return false;
            }
            !fenced
        })
        .collect()
}

/// The targets of the inline links `[text](target)` in `line`.
fn link_targets(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("](") {
        let after = &rest[at + 2..];
        match after.find(')') {
            Some(end) => {
                out.push(after[..end].trim());
                rest = &after[end..];
            }
            None => break,
        }
    }
    out
}

/// The texts of the inline code spans in `line`.
fn code_spans(line: &str) -> Vec<&str> {
    line.split('`').skip(1).step_by(2).collect()
}

/// GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The anchors of `text`'s headings, numbered as GitHub numbers repeated ones.
fn anchors(text: &str) -> HashSet<String> {
    let mut seen = HashSet::new();
    for line in prose(text) {
        let Some(heading) = line.strip_prefix('#') else {
            continue;
        };
        let base = anchor(heading.trim_start_matches('#'));
        let mut name = base.clone();
        let mut n = 0;
        while seen.contains(&name) {
            n += 1;
            name = format!("{base}-{n}");
        }
        seen.insert(name);
    }
    seen
}

#[test]
fn relative_links_point_at_files_and_headings_that_exist() {
    let mut pages = guides();
    pages.push(root().join("ARCHITECTURE.md"));
    pages.push(root().join("BENCHMARKS.md"));
    let mut broken = Vec::new();
    let mut checked = 0;
    for page in &pages {
        let text = read(page);
        for line in prose(&text) {
            for target in link_targets(line) {
                if target.contains("://") || target.starts_with("mailto:") {
                    continue;
                }
                checked += 1;
                let (file, fragment) = target.split_once('#').unwrap_or((target, ""));
                let file = if file.is_empty() {
                    page.clone()
                } else {
                    page.parent().expect("folder").join(file)
                };
                let name = page.strip_prefix(root()).unwrap_or(page).display();
                if !file.exists() {
                    broken.push(format!("{name}: {target}: no such file"));
                } else if !fragment.is_empty()
                    && file.extension().is_some_and(|x| x == "md")
                    && !anchors(&read(&file)).contains(fragment)
                {
                    broken.push(format!("{name}: {target}: no such heading"));
                }
            }
        }
    }
    assert!(
        checked > 50,
        "only {checked} links found: is the parser right?"
    );
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn paths_the_guides_name_exist() {
    const TOP: [&str; 10] = [
        "crates/",
        "src/",
        "tests/",
        "scripts/",
        "docs/",
        "sample/",
        "style/",
        "lang/",
        "examples/",
        "fuzz/",
    ];
    let mut missing = Vec::new();
    let mut checked = 0;
    for page in guides() {
        let text = read(&page);
        for line in prose(&text) {
            for span in code_spans(line) {
                let path = span.split_whitespace().next().unwrap_or("");
                let path = path.trim_start_matches("./");
                if !TOP.iter().any(|top| path.starts_with(top))
                    || path.contains(['<', '*', '?', '{'])
                {
                    continue;
                }
                checked += 1;
                if !root().join(path).exists() {
                    let name = page.strip_prefix(root()).unwrap_or(&page).display();
                    missing.push(format!("{name}: `{span}`"));
                }
            }
        }
    }
    assert!(
        checked > 50,
        "only {checked} paths found: is the parser right?"
    );
    assert!(
        missing.is_empty(),
        "paths that do not exist:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_page_of_docs_is_linked_from_the_readme() {
    let readme = read(&root().join("README.md"));
    let linked: HashSet<&str> = prose(&readme).into_iter().flat_map(link_targets).collect();
    for page in guides().iter().skip(1) {
        let name = format!("docs/{}", page.file_name().expect("name").to_string_lossy());
        assert!(
            linked.contains(name.as_str()),
            "README.md never links {name}"
        );
    }
}

#[test]
fn the_attributes_page_lists_every_attribute_the_component_reads() {
    let page = read(&root().join("docs/attributes.md"));
    let mut read_by_component = Vec::new();
    for source in [
        "crates/core/src/options.rs",
        "crates/build/assets/reader.js",
    ] {
        let text = read(&root().join(source));
        for piece in text.split('"').skip(1).step_by(2) {
            if piece.starts_with("data-")
                && piece[5..]
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-')
            {
                read_by_component.push(piece.to_string());
            }
        }
    }
    assert!(read_by_component.len() >= 15, "{read_by_component:?}");
    for attribute in read_by_component {
        assert!(
            page.contains(&format!("| `{attribute}` |")),
            "docs/attributes.md has no row for {attribute}"
        );
    }
}

#[test]
fn the_article_json_example_reads_as_the_page_says() {
    use broadsheet_core::model::{parse_article, SimilarRef};
    use broadsheet_core::safe_url::SafeUrl;

    let page = read(&root().join("docs/article-json.md"));
    let start = page.find("```json\n").expect("a JSON example") + "```json\n".len();
    let json = &page[start..start + page[start..].find("```").expect("its end")];
    let base = SafeUrl::parse_absolute("https://broadsheet.example/posts/eu-weighs-envoy.json");
    let article = parse_article(json, base.as_ref()).expect("the example reads");
    let item = &article.item;
    assert_eq!(article.site.as_deref(), Some("The Broadsheet"));
    assert_eq!(item.language.as_ref().map(|l| l.as_str()), Some("en"));
    assert_eq!(
        item.image.as_ref().map(SafeUrl::as_str),
        Some("https://broadsheet.example/posts/images/brussels.jpg")
    );
    assert!(item.published.is_some() && item.authors.len() == 1 && item.tags.len() == 2);
    assert_eq!(item.share.via.as_deref(), Some("broadsheet"));
    assert!(matches!(
        item.similar.as_deref(),
        Some([SimilarRef::Id(_), SimilarRef::Item(_)])
    ));
}

#[test]
fn the_csp_page_gives_the_policy_the_tests_serve() {
    let page = read(&root().join("docs/csp.md"));
    for test in ["tests/release_build.rs", "tests/prerendered.rs"] {
        let text = read(&root().join(test));
        let marker = "const CSP: &str = \"";
        let start = text.find(marker).expect("a CSP") + marker.len();
        let literal = &text[start..start + text[start..].find("\";").expect("its end")];
        // A string continued on the next line with `\` drops the line break and the indent.
        let policy: String = literal.split("\\\n").map(str::trim_start).collect();
        assert!(
            page.contains(&format!("Content-Security-Policy: {policy}\n")),
            "docs/csp.md does not give the policy of {test}: {policy}"
        );
    }
}
