//! html5lib's tokenizer tests (`tests/data/html5lib-tests/`, vendored with their licence)
//! against our tokenizer (after the standard's newline preprocessing), for what it implements:
//! character references in text and in attribute values (`namedEntities`, `entities`,
//! `numericEntities`) and tags, attributes, the self-closing flag and text (`test1` to
//! `test4`). Our tokenizer drops comments and doctypes, and reads the content of raw-text
//! elements itself (html5lib leaves that to the tree builder, and starts some cases in
//! other states): expected comments and doctypes are left out of the comparison, and cases
//! that start in another state than data, or hold a raw-text element, are skipped.

use std::path::Path;

use broadsheet_core::html::tokenizer::{normalize_newlines, Token, Tokenizer};
use serde_json::{json, Map, Value};

fn suite(name: &str) -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/html5lib-tests/tokenizer")
        .join(format!("{name}.test"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc: Value = serde_json::from_str(&text).expect("a test file is JSON");
    doc["tests"].as_array().cloned().unwrap_or_default()
}

/// `tokens` in html5lib's form, with adjacent characters merged and without comments and
/// doctypes.
fn normalize(tokens: impl IntoIterator<Item = Value>) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for token in tokens {
        let kind = token[0].as_str().unwrap_or_default().to_string();
        match kind.as_str() {
            "Comment" | "DOCTYPE" => continue,
            "Character" => {
                let text = token[1].as_str().unwrap_or_default();
                if let Some(last) = out.last_mut().filter(|t| t[0] == "Character") {
                    let merged = format!("{}{text}", last[1].as_str().unwrap_or_default());
                    *last = json!(["Character", merged]);
                    continue;
                }
                out.push(json!(["Character", text]));
            }
            "StartTag" => out.push(json!(["StartTag", token[1], token[2], token[3] == true])),
            _ => out.push(json!([kind, token[1]])),
        }
    }
    out
}

fn ours(input: &str) -> Vec<Value> {
    let input = normalize_newlines(input);
    normalize(Tokenizer::new(&input).map(|token| match token {
        Token::Start {
            name,
            attrs,
            self_closing,
        } => {
            let attrs: Map<String, Value> = attrs
                .into_iter()
                .map(|(n, v)| (n, Value::String(v)))
                .collect();
            json!(["StartTag", name, attrs, self_closing])
        }
        Token::End { name } => json!(["EndTag", name]),
        Token::Text(text) | Token::RawText(text) => json!(["Character", text]),
    }))
}

/// Elements whose content our tokenizer reads as raw text by itself.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "textarea",
    "title",
    "plaintext",
];

/// Runs the cases of `name` that `select` keeps; returns (passed, skipped, failures).
fn run(name: &str, select: impl Fn(&Value) -> bool) -> (usize, usize, Vec<String>) {
    let (mut passed, mut skipped, mut failures) = (0, 0, Vec::new());
    for case in suite(name) {
        let in_data_state = case["initialStates"]
            .as_array()
            .is_none_or(|states| states.iter().any(|s| s == "Data state"));
        let expected = normalize(case["output"].as_array().cloned().unwrap_or_default());
        let raw_text = expected
            .iter()
            .any(|t| t[0] == "StartTag" && RAW_TEXT.contains(&t[1].as_str().unwrap_or_default()));
        if !in_data_state || case["doubleEscaped"] == true || raw_text || !select(&case) {
            skipped += 1;
            continue;
        }
        let input = case["input"].as_str().unwrap_or_default();
        let got = ours(input);
        if got == expected {
            passed += 1;
        } else {
            failures.push(format!(
                "{name}: {}\n  input    {input:?}\n  expected {}\n  got      {}",
                case["description"],
                Value::Array(expected),
                Value::Array(got)
            ));
        }
    }
    (passed, skipped, failures)
}

fn has_attributes(case: &Value) -> bool {
    case["output"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|t| t[0] == "StartTag" && t[2].as_object().is_some_and(|a| !a.is_empty()))
}

#[test]
fn character_references_in_text_and_attributes() {
    let mut all = Vec::new();
    for name in ["namedEntities", "entities", "numericEntities"] {
        let (passed, skipped, failures) = run(name, |_| true);
        println!(
            "{name}: {passed} passed, {skipped} skipped, {} failed",
            failures.len()
        );
        assert!(passed > 0);
        all.extend(failures);
    }
    assert!(
        all.is_empty(),
        "{} failures:\n{}",
        all.len(),
        all.join("\n")
    );
}

#[test]
fn tags_attributes_text_and_comments() {
    let mut all = Vec::new();
    let mut with_attributes = 0;
    for name in ["test1", "test2", "test3", "test4"] {
        with_attributes += run(name, has_attributes).0;
        let (passed, skipped, failures) = run(name, |_| true);
        println!(
            "{name}: {passed} passed, {skipped} skipped, {} failed",
            failures.len()
        );
        all.extend(failures);
    }
    println!("{with_attributes} of the cases passed have start tags with attributes");
    assert!(with_attributes > 300);
    assert!(
        all.is_empty(),
        "{} failures:\n{}",
        all.len(),
        all.join("\n")
    );
}
