//! "Share This Post": links for each network, the native share sheet where the browser has
//! one, and copy-link with a fallback; results are announced in a `role="status"` region.
//!
//! The section is static markup (see `markup.rs`). The links work with no script at all. The
//! two buttons need one, so they are written `hidden`, and the article's script
//! (`crates/build/assets/reader.js`, on both a prerendered page and in the browser component)
//! shows and runs them, driven by the `data-share` and `data-*` attributes below. Those
//! attributes are the contract between them.

use broadsheet_core::messages::{fill, fill_address, Messages};
use broadsheet_core::share::{share_url, Network, ShareControl, ShareData};

use crate::icons::{icon, Icon};
use crate::markup::Markup;

/// Appends the share section for `data`, with `controls` in order, in the words of `messages`.
/// `id` makes the heading's id unique on the page.
pub fn share_section(
    out: &mut Markup,
    data: &ShareData,
    controls: &[ShareControl],
    id: &str,
    m: &Messages,
) {
    let heading = format!("{id}-share-title");
    let url = data.url.as_str();
    out.open(
        "section",
        &[
            ("class", Some("bs-share")),
            ("aria-labelledby", Some(&heading)),
            ("lang", Some(m.lang)),
            ("dir", Some(m.dir())),
            ("data-url", Some(url)),
            ("data-text", Some(&data.text)),
        ],
    )
    .element(
        "h2",
        &[("id", Some(&heading)), ("class", Some("bs-share-title"))],
        m.share_title,
    )
    .raw(r#"<ul class="bs-share-list">"#);
    for control in controls {
        match *control {
            ShareControl::Link(network) => {
                out.raw("<li>");
                share_link(out, "bs-share-control", network, data, m);
                out.raw("</li>");
            }
            ShareControl::Native => button(out, "native", Icon::Share, m.share_native),
            ShareControl::Copy => button(out, "copy", Icon::Link, m.copy_link),
        }
    }
    out.raw("</ul>")
        .element(
            "p",
            &[
                ("class", Some("bs-share-status")),
                ("role", Some("status")),
                ("data-copied", Some(m.link_copied)),
                ("data-copy-failed", Some(&fill_address(m.copy_failed, url))),
                ("data-share-failed", Some(m.share_failed)),
            ],
            "",
        )
        .raw(r#"<div class="bs-quote-source" hidden>"#);
    quote_controls(out, data, m);
    out.raw("</div></section>");
}

/// One of the two buttons that need a script, in a hidden list item the script shows.
fn button(out: &mut Markup, action: &str, symbol: Icon, name: &str) {
    out.raw("<li hidden>").open(
        "button",
        &[
            ("type", Some("button")),
            ("class", Some("bs-share-control")),
            ("data-share", Some(action)),
        ],
    );
    icon(out, symbol);
    out.element("span", &[("class", Some("bs-share-name"))], name)
        .raw("</button></li>");
}

/// A link that shares `data` on `network`, with its icon and name. An e-mail link opens the
/// mail program, not a tab.
fn share_link(out: &mut Markup, class: &str, network: Network, data: &ShareData, m: &Messages) {
    let (target, label, name) = if network == Network::Email {
        (None, m.email, m.share_by_email.to_string())
    } else {
        let label = network.label();
        (Some("_blank"), label, fill(m.share_on, label))
    };
    out.open(
        "a",
        &[
            ("class", Some(class)),
            ("href", Some(share_url(network, data).as_str())),
            ("target", target),
            ("rel", Some("noopener noreferrer")),
            ("aria-label", Some(&name)),
            ("data-network", Some(network.key())),
        ],
    );
    icon(out, Icon::Network(network));
    out.element("span", &[("class", Some("bs-share-name"))], label)
        .close("a");
}

/// The controls for sharing a passage the reader selects in the body, for a hidden element: the
/// reading aids (`reader.js`) copy them next to the selection and fill in the links. (Not a
/// `<template>`: `reader.js` finds them as the hidden element's children, which a template's
/// are not.)
fn quote_controls(out: &mut Markup, data: &ShareData, m: &Messages) {
    // Copied into the body, they carry the interface's language, not the article's.
    out.open(
        "div",
        &[
            ("class", Some("bs-quote")),
            ("role", Some("group")),
            ("aria-label", Some(m.share_passage)),
            ("lang", Some(m.lang)),
            ("dir", Some(m.dir())),
        ],
    );
    // Until a passage fills them in, they share the article, as the share row does.
    for network in [
        Network::X,
        Network::Bluesky,
        Network::Mastodon,
        Network::Email,
    ] {
        share_link(out, "bs-quote-control", network, data, m);
    }
    out.raw(r#"<button type="button" class="bs-quote-control" data-share="copy">"#);
    icon(out, Icon::Link);
    out.element(
        "span",
        &[("class", Some("bs-share-name"))],
        m.copy_passage_link,
    )
    .raw(r#"</button><span class="bs-quote-status" role="status"></span></div>"#);
}
