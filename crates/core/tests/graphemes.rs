//! Unicode's own grapheme cluster test (`tests/data/unicode/GraphemeBreakTest-15.0.0.txt`,
//! vendored with its licence) against `text::graphemes`, which the Bluesky share link counts
//! its 300 characters with.

use broadsheet_core::text::graphemes;

#[test]
fn every_case_of_unicodes_grapheme_break_test() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/unicode/GraphemeBreakTest-15.0.0.txt"
    );
    let text = std::fs::read_to_string(path).expect("GraphemeBreakTest");
    let mut cases = 0;
    let mut failures = Vec::new();
    for line in text.lines() {
        let rule = line.split('#').next().unwrap_or_default().trim();
        if rule.is_empty() {
            continue;
        }
        // `÷ 0061 × 0301 ÷ 0062 ÷`: clusters are the runs joined by `×`.
        let mut expected: Vec<String> = Vec::new();
        let mut current = String::new();
        for token in rule.split_whitespace() {
            match token {
                "÷" => {
                    if !current.is_empty() {
                        expected.push(std::mem::take(&mut current));
                    }
                }
                "×" => {}
                hex => current.push(
                    u32::from_str_radix(hex, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .expect("a code point"),
                ),
            }
        }
        let input: String = expected.concat();
        let got: Vec<&str> = graphemes(&input);
        cases += 1;
        if got != expected {
            failures.push(format!("{rule}: got {got:?}"));
        }
    }
    assert!(cases > 600, "only {cases} cases");
    assert!(
        failures.is_empty(),
        "{} of {cases}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
