//! The article: header with title, byline, dates and read time; hero image; body; tags; the
//! share section.

use std::sync::Arc;

use broadsheet_core::date::Timestamp;
use broadsheet_core::messages::{fill, Messages, Unit};
use broadsheet_core::page::{Page, PageBody};
use broadsheet_core::read_time::ReadTimeStyle;
use broadsheet_core::share::{ShareControl, ShareData};
use leptos::html;
use leptos::prelude::*;

use wasm_bindgen::JsCast;

use crate::dates::format_date;
use crate::share_bar::ShareBar;

/// Renders a prepared article.
///
/// `share` is what the share section shares (none hides it), with `controls` in order.
/// With `focus_title`, the title takes keyboard focus once shown (after a retry or an in-place
/// navigation), so screen readers start reading there. `id` prefixes the ids of elements
/// inside. `messages` are the words of the interface. With `json_ld`, the article's schema.org
/// description follows it (a prerendered page puts it in its `<head>` instead). With `home`,
/// the site's name links to the site's front page.
#[component]
pub fn ArticleView(
    page: Arc<Page>,
    share: Option<ShareData>,
    controls: Vec<ShareControl>,
    read_time_style: ReadTimeStyle,
    id: String,
    #[prop(optional)] focus_title: bool,
    messages: &'static Messages,
    #[prop(optional)] json_ld: bool,
    #[prop(optional)] home: Option<String>,
) -> impl IntoView {
    let m = messages;
    let item = &page.article.item;
    let lang = item.language.as_ref().map(|l| l.as_str().to_string());
    // The interface's words carry their own language where the article's is another.
    let ui = m.marks_within(lang.as_deref());
    let date = |t: &Timestamp| (t.as_str().to_string(), format_date(t, lang.as_deref()));
    let published = item.published.as_ref().map(date);
    // An update is worth a line only when it falls on a later day than the publication.
    let modified = item
        .modified
        .as_ref()
        .filter(|m| item.published.as_ref().is_none_or(|p| m.unix() > p.unix()))
        .map(date)
        .filter(|(_, text)| published.as_ref().is_none_or(|(_, p)| p != text));
    let title_ref = NodeRef::<html::H1>::new();
    Effect::new(move |_| {
        if let Some(h1) = title_ref.get() {
            if focus_title {
                let _ = h1.focus();
            }
            announce(&h1);
        }
    });

    let authors = (!item.authors.is_empty()).then(|| {
        let count = item.authors.len();
        let names = item
            .authors
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let sep = m.list_joiner(i, count);
                let name = match &a.url {
                    Some(url) => {
                        view! { <a href=url.to_string() rel="author">{a.name.clone()}</a> }
                            .into_any()
                    }
                    None => view! { <span>{a.name.clone()}</span> }.into_any(),
                };
                view! { {sep}{name} }
            })
            .collect_view();
        view! { <span class="bs-byline"><span lang=ui.lang dir=ui.dir>{m.by}</span>{names}</span> }
    });

    let hero = item.hero().map(|src| {
        let alt = item.image_alt.clone().unwrap_or_default();
        view! {
            <figure class="bs-hero">
                <img src=src.to_string() alt=alt width="1200" height="675" decoding="async" />
            </figure>
        }
    });

    // Where the reader stands in the read time at the end of each top-level element: the
    // reading aids (`reader.js`) show the time left from it.
    let marks = page
        .read_marks
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(" ");
    // "1 minute left" up to the whole read time in minutes, in the interface's words and
    // plurals: the reading aids pick from them rather than start `Intl` after the page has
    // painted (a long task on a slow phone).
    let whole_minutes = ((page.read_time.seconds + 30) / 60).clamp(1, MAX_LEFT_MINUTES);
    let left = (1..=whole_minutes)
        .map(|n| fill(m.time_left, &(m.quantity)(n, Unit::Minute)))
        .collect::<Vec<_>>()
        .join("|");
    let body = match &page.body {
        PageBody::Html(html) => view! {
            <div
                class="bs-body"
                data-read-marks=marks
                inner_html=html.clone()
                on:click=follow_fragment
            ></div>
        }
        .into_any(),
        PageBody::Paragraphs(paragraphs) => {
            let paragraphs = paragraphs.clone();
            view! {
                <div class="bs-body" data-read-marks=marks>
                    {paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                </div>
            }
            .into_any()
        }
    };

    let share = share
        .filter(|_| !controls.is_empty())
        .map(|data| view! { <ShareBar data=data controls=controls id=id.clone() messages=m /> });

    let tags = (!item.tags.is_empty()).then(|| {
        let tags = item.tags.clone();
        view! {
            <ul class="bs-tags" aria-label=m.tags>
                {tags.into_iter().map(|t| view! { <li class="bs-tag">{t}</li> }).collect_view()}
            </ul>
        }
    });

    let json_ld =
        json_ld.then(|| view! { <script type="application/ld+json">{page.json_ld()}</script> });

    view! {
        <article class="bs-article" lang=lang.clone() dir=page.dir.as_str()>
            <header class="bs-header">
                {page.article.site.clone().map(|s| match home {
                    Some(home) => view! { <p class="bs-site"><a href=home>{s}</a></p> }.into_any(),
                    None => view! { <p class="bs-site">{s}</p> }.into_any(),
                })}
                <h1 class="bs-title" tabindex="-1" node_ref=title_ref>
                    {item.title.clone().unwrap_or_else(|| m.untitled_article.to_string())}
                </h1>
                {page.standfirst.clone().map(|s| view! { <p class="bs-standfirst">{s}</p> })}
                <p class="bs-meta">
                    {authors}
                    {published.map(|(iso, text)| view! {
                        <time class="bs-published" datetime=iso>{text}</time>
                    })}
                    {modified.map(|(iso, text)| view! {
                        <span class="bs-updated">
                            <span lang=ui.lang dir=ui.dir>{m.updated}</span>
                            <time datetime=iso>{text}</time>
                        </span>
                    })}
                    <time
                        class="bs-read-time"
                        datetime=page.read_time.iso8601()
                        lang=ui.lang
                        dir=ui.dir
                        data-left=left
                    >
                        {page.read_time.label(read_time_style, m)}
                    </time>
                </p>
            </header>
            {hero}
            {body}
            <footer class="bs-footer">{tags} {share}</footer>
        </article>
        {json_ld}
    }
}

/// Most time-left labels written on the page (ten hours).
const MAX_LEFT_MINUTES: u64 = 600;

/// Tells the page that an article is shown: a `broadsheet:article` event from its `title`
/// that bubbles out of a shadow root, on which the loader fetches the reading aids
/// (`reader.js`: time left, sharing a passage) and hands them the article. They are a plain
/// module shared with prerendered pages, which run no wasm, so they cost the first load nothing.
fn announce(title: &web_sys::HtmlElement) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict("broadsheet:article", &init) {
        let _ = title.dispatch_event(&event);
    }
}

/// Follows a link to a part of the article (`#bs1-c-fn1`, a footnote) inside a shadow root,
/// where the browser's own fragment navigation does not look: scrolls to the target and moves
/// focus there. In the page's own document the browser does it, and this does nothing.
fn follow_fragment(ev: web_sys::MouseEvent) {
    let Some(target) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Ok(Some(link)) = target.closest("a[href^='#']") else {
        return;
    };
    let Ok(shadow) = link.get_root_node().dyn_into::<web_sys::ShadowRoot>() else {
        return;
    };
    let Some(id) = link.get_attribute("href").map(|h| h[1..].to_string()) else {
        return;
    };
    let Some(element) = shadow.get_element_by_id(&id) else {
        return;
    };
    ev.prevent_default();
    element.scroll_into_view();
    if !element.has_attribute("tabindex") {
        let _ = element.set_attribute("tabindex", "-1");
    }
    if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}
