//! "Share This Post": links for each network, the native share sheet where the browser has
//! one, and copy-link with a fallback; results are announced in a `role="status"` region.
//!
//! The links work with no script at all. The two buttons need one, so they are rendered
//! `hidden` and shown by an effect once they can work: in the browser component that is the
//! component itself; on a prerendered page, which runs no wasm, the small enhancement script
//! the build step writes (`crates/build/assets/enhance.js`) does it, driven by the
//! `data-share` and `data-*` attributes below. Those attributes are the contract between them.

use broadsheet_core::html::escape_attr;
use broadsheet_core::messages::{fill, fill_address, Messages};
use broadsheet_core::share::{share_url, Network, ShareControl, ShareData};
use js_sys::{Function, Reflect};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::icons::{icon, icon_markup, Icon};

/// The share section for `data`, with `controls` in order, in the words of `messages`. `id`
/// makes the heading's id unique on the page.
#[component]
pub fn ShareBar(
    data: ShareData,
    controls: Vec<ShareControl>,
    id: String,
    messages: &'static Messages,
) -> impl IntoView {
    let m = messages;
    let status = RwSignal::new(String::new());
    // Both buttons stay hidden until script can run them: effects never run in a
    // prerendered page, so there they wait for the enhancement script.
    let can_copy = RwSignal::new(false);
    let can_share = RwSignal::new(false);
    {
        let data = data.clone();
        Effect::new(move |_| {
            can_copy.set(true);
            can_share.set(can_share_natively(&data));
        });
    }
    let heading = format!("{id}-share-title");
    let labelledby = heading.clone();
    let url = data.url.to_string();
    let items = controls
        .into_iter()
        .map(|control| match control {
            ShareControl::Link(network) => share_link(network, &data, m).into_any(),
            ShareControl::Native => {
                let data = data.clone();
                view! {
                    <li hidden=move || !can_share.get()>
                        <button type="button" class="bs-share-control" data-share="native" on:click=move |_| share_natively(&data, status, m)>
                            {icon(Icon::Share)}
                            <span class="bs-share-name">{m.share_native}</span>
                        </button>
                    </li>
                }
                .into_any()
            }
            ShareControl::Copy => {
                let url = url.clone();
                view! {
                    <li hidden=move || !can_copy.get()>
                        <button type="button" class="bs-share-control" data-share="copy" on:click=move |_| copy_link(url.clone(), status, m)>
                            {icon(Icon::Link)}
                            <span class="bs-share-name">{m.copy_link}</span>
                        </button>
                    </li>
                }
                .into_any()
            }
        })
        .collect_view();
    view! {
        <section
            class="bs-share"
            aria-labelledby=labelledby
            lang=m.lang
            dir=m.dir()
            data-url=url.clone()
            data-text=data.text.clone()
        >
            <h2 id=heading class="bs-share-title">{m.share_title}</h2>
            <ul class="bs-share-list">{items}</ul>
            <p
                class="bs-share-status"
                role="status"
                data-copied=m.link_copied
                data-copy-failed=fill_address(m.copy_failed, &url)
                data-share-failed=m.share_failed
            >
                {move || status.get()}
            </p>
            <div class="bs-quote-source" hidden inner_html=quote_controls(&data, m)></div>
        </section>
    }
}

/// A share link's target, visible name and accessible name. An e-mail link opens the mail
/// program, not a tab.
fn link_names(
    network: Network,
    m: &'static Messages,
) -> (Option<&'static str>, &'static str, String) {
    if network == Network::Email {
        (None, m.email, m.share_by_email.to_string())
    } else {
        let label = network.label();
        (Some("_blank"), label, fill(m.share_on, label))
    }
}

fn share_link(network: Network, data: &ShareData, m: &'static Messages) -> impl IntoView {
    let href = share_url(network, data).to_string();
    let (target, label, name) = link_names(network, m);
    view! {
        <li>
            <a
                class="bs-share-control"
                href=href
                target=target
                rel="noopener noreferrer"
                aria-label=name
                data-network=network.key()
            >
                {icon(Icon::Network(network))}
                <span class="bs-share-name">{label}</span>
            </a>
        </li>
    }
}

/// The controls for sharing a passage the reader selects in the body, as markup for a hidden
/// element: the reading aids (`reader.js`) copy them next to the selection and fill in the
/// links. A string, not a view: as a view they cost the wasm 2.1 kB brotli more. (Not a
/// `<template>` either: the browser component would build its children as children, a parsed
/// page as `content`.)
fn quote_controls(data: &ShareData, m: &'static Messages) -> String {
    let attr = |text: &str| {
        let mut out = String::new();
        escape_attr(text, &mut out);
        out
    };
    // Copied into the body, they carry the interface's language, not the article's.
    let mut html = format!(
        r#"<div class="bs-quote" role="group" aria-label="{}" lang="{}" dir="{}">"#,
        attr(m.share_passage),
        m.lang,
        m.dir()
    );
    for network in [
        Network::X,
        Network::Bluesky,
        Network::Mastodon,
        Network::Email,
    ] {
        let (target, label, name) = link_names(network, m);
        let target = target.map_or(String::new(), |t| format!(r#" target="{t}""#));
        // Until a passage fills them in, they share the article, as the share row does.
        html.push_str(&format!(
            r#"<a class="bs-quote-control" href="{}"{target} rel="noopener noreferrer" aria-label="{}" data-network="{}">{}<span class="bs-share-name">{}</span></a>"#,
            attr(share_url(network, data).as_str()),
            attr(&name),
            network.key(),
            icon_markup(Icon::Network(network)),
            attr(label)
        ));
    }
    html.push_str(&format!(
        r#"<button type="button" class="bs-quote-control" data-share="copy">{}<span class="bs-share-name">{}</span></button><span class="bs-quote-status" role="status"></span></div>"#,
        icon_markup(Icon::Link),
        attr(m.copy_passage_link)
    ));
    html
}

fn navigator() -> Option<web_sys::Navigator> {
    web_sys::window().map(|w| w.navigator())
}

/// A navigator method by name, if this browser has it.
fn navigator_method(name: &str) -> Option<(web_sys::Navigator, Function)> {
    let navigator = navigator()?;
    let method = Reflect::get(&navigator, &name.into())
        .ok()?
        .dyn_into()
        .ok()?;
    Some((navigator, method))
}

fn web_share_data(data: &ShareData) -> web_sys::ShareData {
    let share = web_sys::ShareData::new();
    share.set_title(&data.text);
    share.set_text(&data.text);
    share.set_url(data.url.as_str());
    share
}

/// True where `navigator.canShare(data)` exists and says yes.
fn can_share_natively(data: &ShareData) -> bool {
    let Some((navigator, can_share)) = navigator_method("canShare") else {
        return false;
    };
    navigator_method("share").is_some()
        && can_share
            .call1(&navigator, &web_share_data(data))
            .is_ok_and(|v| v.is_truthy())
}

fn share_natively(data: &ShareData, status: RwSignal<String>, m: &'static Messages) {
    let Some((navigator, share)) = navigator_method("share") else {
        return;
    };
    // Called inside the click, as the user activation requires.
    let promise = share.call1(&navigator, &web_share_data(data));
    spawn_local(async move {
        let result = match promise {
            Ok(p) => JsFuture::from(js_sys::Promise::from(p)).await,
            Err(e) => Err(e),
        };
        if let Err(error) = result {
            let name = Reflect::get(&error, &"name".into())
                .ok()
                .and_then(|n| n.as_string());
            // The reader closed the share sheet: nothing to report.
            if name.as_deref() != Some("AbortError") {
                status.try_set(m.share_failed.to_string());
            }
        }
    });
}

fn announce(status: RwSignal<String>, copied: bool, url: &str, m: &Messages) {
    status.try_set(if copied {
        m.link_copied.to_string()
    } else {
        fill_address(m.copy_failed, url)
    });
}

fn copy_link(url: String, status: RwSignal<String>, m: &'static Messages) {
    let clipboard = navigator()
        .and_then(|n| Reflect::get(&n, &"clipboard".into()).ok())
        .filter(|c| !c.is_undefined() && !c.is_null())
        .map(|c| c.unchecked_into::<web_sys::Clipboard>());
    let Some(clipboard) = clipboard else {
        announce(status, copy_with_selection(&url), &url, m);
        return;
    };
    let promise = clipboard.write_text(&url);
    spawn_local(async move {
        // A denied clipboard permission falls back to the selection copy.
        let copied = JsFuture::from(promise).await.is_ok() || copy_with_selection(&url);
        announce(status, copied, &url, m);
    });
}

/// The copy that works without the Clipboard API (plain HTTP, older browsers): select the text
/// in an off-screen text area and run the `copy` command.
fn copy_with_selection(text: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Some(body) = document.body() else {
        return false;
    };
    let Ok(area) = document
        .create_element("textarea")
        .map(|e| e.unchecked_into::<web_sys::HtmlTextAreaElement>())
    else {
        return false;
    };
    area.set_value(text);
    area.set_read_only(true);
    area.set_class_name("bs-copy-buffer");
    if body.append_child(&area).is_err() {
        return false;
    }
    area.select();
    let copied = document
        .unchecked_ref::<web_sys::HtmlDocument>()
        .exec_command("copy")
        .unwrap_or(false);
    area.remove();
    copied
}
