//! The browser component's way of reading HTML, natively: a standards-conforming parser
//! (html5ever, for the browser's) builds the tree of a `<template>`'s contents, and the tree is
//! walked into records as `src/browser_html.rs` walks it in JavaScript, then sanitized from
//! them. The tests run their corpora through both this and the core's own tokenizer. (A test
//! that includes this module includes `fragment.rs` as `fragment` too.)

use broadsheet_core::html::tokenizer::RAW_TEXT;
use broadsheet_core::html::walk::{walked_tokens, SEPARATOR, VOID};
use broadsheet_core::html::{sanitize_tokens, SanitizeContext, Sanitized};
use markup5ever_rcdom::{Handle, NodeData};

fn walk(node: &Handle, out: &mut Vec<String>) {
    for child in node.children.borrow().iter() {
        match &child.data {
            NodeData::Text { contents } => {
                out.push(format!("#{}", contents.borrow().replace('\0', "\u{FFFD}")));
            }
            NodeData::Element {
                name,
                attrs,
                template_contents,
                ..
            } => {
                let tag = name.local.to_string().to_ascii_lowercase();
                out.push(format!("<{tag}"));
                for attr in attrs.borrow().iter() {
                    let qualified = match &attr.name.prefix {
                        Some(prefix) => format!("{prefix}:{}", attr.name.local),
                        None => attr.name.local.to_string(),
                    };
                    out.push(format!("={}", qualified.to_ascii_lowercase()));
                    out.push(attr.value.replace('\0', "\u{FFFD}"));
                }
                if !RAW_TEXT.contains(&tag.as_str()) {
                    match template_contents.borrow().as_ref() {
                        Some(contents) => walk(contents, out),
                        None => walk(child, out),
                    }
                }
                if !(VOID.split(' ').any(|void| void == tag) && name.ns == html5ever::ns!(html)) {
                    out.push(format!(">{tag}"));
                }
            }
            _ => {}
        }
    }
}

/// `html` read as the browser component reads it, and sanitized for `ctx`.
pub fn sanitize_as_the_browser(html: &str, ctx: SanitizeContext<'_>) -> Sanitized {
    let dom = crate::fragment::fragment(html, "template");
    let root = crate::fragment::root(&dom);
    let mut records = Vec::new();
    walk(&root, &mut records);
    let walk = records.join(&SEPARATOR.to_string());
    sanitize_tokens(walked_tokens(&walk), ctx)
}
