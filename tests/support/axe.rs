//! axe-core in a page: the WCAG 2.2 A and AA rules, as the accessibility tests run them.

use serde_json::{json, Value};

use super::webdriver::Browser;

/// axe-core's violations of the page open in `browser` at the WCAG 2.2 A and AA tags, each
/// with its rule, impact, help and first three elements. The driver injects axe, which works
/// with the page's own scripts blocked.
pub fn violations(browser: &Browser) -> Vec<Value> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/node_modules/axe-core/axe.min.js"
    );
    let axe = std::fs::read_to_string(path).expect("axe-core (scripts/setup installs it)");
    browser.run(&format!("{axe}\n;return typeof axe;"), json!([]));
    let result = browser.run_async(
        "const done = arguments[arguments.length - 1]; \
         axe.run(document, { runOnly: { type: 'tag', values: \
           ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }) \
           .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, \
             nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })))) \
           .catch(e => done([{ id: 'axe-error', help: String(e) }]));",
        json!([]),
    );
    result.as_array().cloned().unwrap_or_default()
}
