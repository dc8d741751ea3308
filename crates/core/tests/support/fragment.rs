//! html5ever, the tests' standards-conforming HTML parser, reading a fragment as a browser's
//! `innerHTML` does.

use html5ever::tendril::TendrilSink;
use html5ever::{parse_fragment, LocalName, ParseOpts, QualName};
use markup5ever_rcdom::{Handle, RcDom};

/// The tree of `html` read as the content of an HTML element `context` (`div`, `template`).
/// Keep it while its nodes are read: dropping it empties them.
pub fn fragment(html: &str, context: &str) -> RcDom {
    parse_fragment(
        RcDom::default(),
        ParseOpts::default(),
        QualName::new(None, html5ever::ns!(html), LocalName::from(context)),
        Vec::new(),
        false,
    )
    .one(html)
}

/// The element the fragment parser puts the content of `dom` under (an `<html>`).
pub fn root(dom: &RcDom) -> Handle {
    dom.document.children.borrow()[0].clone()
}
