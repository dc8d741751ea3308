//! The article: header with title, byline, dates and read time; hero image; body; tags; the
//! share section. Static once rendered, so written as markup (see `markup.rs`).

use std::sync::Arc;

use broadsheet_core::date::Timestamp;
use broadsheet_core::messages::{fill, Messages, Unit};
use broadsheet_core::prepared::{PreparedArticle, PreparedBody};
use broadsheet_core::read_time::ReadTimeStyle;
use broadsheet_core::share::{ShareControl, ShareData};
use leptos::html;
use leptos::prelude::*;

use wasm_bindgen::JsCast;

use crate::dates::format_date;
use crate::markup::{event_source, Markup};
use crate::share_bar::share_section;

/// Renders a prepared article.
///
/// `share` is what the share section shares (none hides it), with `controls` in order.
/// With `focus_title`, the title takes keyboard focus once shown (after a retry or an in-place
/// navigation), so screen readers start reading there. `id` prefixes the ids of elements
/// inside. `messages` are the words of the interface. With `json_ld`, the article's schema.org
/// description follows it (a prerendered page puts it in its `<head>` instead). With `home`,
/// the site's name links to the site's front page. With `parts` (parts mode, on a page that
/// shows the article already: `read-time share`), only those of the read time and the share
/// section, in order.
#[component]
pub fn ArticleView(
    page: Arc<PreparedArticle>,
    share: Option<ShareData>,
    controls: Vec<ShareControl>,
    read_time_style: ReadTimeStyle,
    id: String,
    #[prop(optional)] focus_title: bool,
    messages: &'static Messages,
    #[prop(optional)] json_ld: bool,
    #[prop(optional)] home: Option<String>,
    #[prop(optional)] parts: String,
) -> impl IntoView {
    let lang = page
        .article
        .item
        .language
        .as_ref()
        .map(|l| l.as_str().to_string());
    let mut markup = Markup::default();
    let share = share.filter(|_| !controls.is_empty());
    if parts.is_empty() {
        header(
            &mut markup,
            &page,
            read_time_style,
            messages,
            home.as_deref(),
        );
        body(&mut markup, &page);
        markup.raw(r#"<footer class="bs-footer">"#);
        tags(&mut markup, &page.article.item.tags, messages);
        if let Some(data) = &share {
            share_section(&mut markup, data, &controls, &id, messages);
        }
        markup.raw("</footer>");
    }
    for part in parts.split_whitespace() {
        match (part, &share) {
            ("read-time", _) if page.article.item.body.is_some() => {
                markup.raw(r#"<p class="bs-meta">"#);
                read_time(&mut markup, &page, read_time_style, messages);
                markup.raw("</p>");
            }
            ("share", Some(data)) => share_section(&mut markup, data, &controls, &id, messages),
            _ => {}
        }
    }

    let article_ref = NodeRef::<html::Article>::new();
    crate::effect::effect(move || {
        let title = article_ref
            .get()
            // In parts mode, the read time or the share section tells the reading aids: they
            // show the time left on the page's article, and run the share buttons.
            .and_then(|article| {
                article
                    .query_selector(".bs-title,.bs-read-time,.bs-share")
                    .ok()
                    .flatten()
            })
            .and_then(|title| title.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(title) = title {
            if focus_title {
                let _ = title.focus();
            }
            announce(&title);
        }
    });
    let json_ld =
        json_ld.then(|| view! { <script type="application/ld+json">{page.json_ld()}</script> });

    view! {
        <article
            class="bs-article"
            lang=lang
            dir=page.dir.as_str()
            node_ref=article_ref
            on:click=follow_fragment
            inner_html=markup.finish()
        ></article>
        {json_ld}
    }
}

/// The header: the site, the title, the standfirst, and the byline, dates and read time.
fn header(
    out: &mut Markup,
    page: &PreparedArticle,
    read_time_style: ReadTimeStyle,
    m: &Messages,
    home: Option<&str>,
) {
    let item = &page.article.item;
    let lang = item.language.as_ref().map(|l| l.as_str());
    // The interface's words carry their own language where the article's is another.
    let ui = m.marks_within(lang);
    let ui_marks = [("lang", ui.lang), ("dir", ui.dir)];
    out.raw(r#"<header class="bs-header">"#);
    if let Some(site) = &page.article.site {
        out.raw(r#"<p class="bs-site">"#);
        match home {
            Some(home) => out.element("a", &[("href", Some(home))], site),
            None => out.text(site),
        };
        out.raw("</p>");
    }
    out.element(
        "h1",
        &[("class", Some("bs-title")), ("tabindex", Some("-1"))],
        item.title.as_deref().unwrap_or(m.untitled_article),
    );
    if let Some(standfirst) = &page.standfirst {
        out.element("p", &[("class", Some("bs-standfirst"))], standfirst);
    }
    out.raw(r#"<p class="bs-meta">"#);
    if !item.authors.is_empty() {
        out.raw(r#"<span class="bs-byline">"#)
            .element("span", &ui_marks, m.by);
        let count = item.authors.len();
        for (i, author) in item.authors.iter().enumerate() {
            out.text(m.list_joiner(i, count));
            match &author.url {
                Some(url) => out.element(
                    "a",
                    &[("href", Some(url.as_str())), ("rel", Some("author"))],
                    &author.name,
                ),
                None => out.element("span", &[], &author.name),
            };
        }
        out.raw("</span>");
    }
    let date = |t: &Timestamp| (t.as_str().to_string(), format_date(t, lang));
    let published = item.published.as_ref().map(date);
    // An update is worth a line only when it falls on a later day than the publication.
    let modified = item
        .modified
        .as_ref()
        .filter(|m| item.published.as_ref().is_none_or(|p| m.unix() > p.unix()))
        .map(date)
        .filter(|(_, text)| published.as_ref().is_none_or(|(_, p)| p != text));
    if let Some((iso, text)) = &published {
        out.element(
            "time",
            &[("class", Some("bs-published")), ("datetime", Some(iso))],
            text,
        );
    }
    if let Some((iso, text)) = &modified {
        out.raw(r#"<span class="bs-updated">"#)
            .element("span", &ui_marks, m.updated)
            .element("time", &[("datetime", Some(iso))], text)
            .raw("</span>");
    }
    read_time(out, page, read_time_style, m);
    out.raw("</p></header>");
    if let Some(src) = item.hero() {
        out.raw(r#"<figure class="bs-hero">"#)
            .open(
                "img",
                &[
                    ("src", Some(src.as_str())),
                    ("alt", Some(item.image_alt.as_deref().unwrap_or_default())),
                    ("width", Some("1200")),
                    ("height", Some("675")),
                    ("decoding", Some("async")),
                ],
            )
            .raw("</figure>");
    }
}

/// The read time ("3 minutes, 22 seconds Read") in a `<time datetime="PT3M22S">`, with the
/// time-left labels the reading aids pick from.
fn read_time(
    out: &mut Markup,
    page: &PreparedArticle,
    read_time_style: ReadTimeStyle,
    m: &Messages,
) {
    let lang = page.article.item.language.as_ref().map(|l| l.as_str());
    let ui = m.marks_within(lang);
    // "1 minute left" up to the whole read time in minutes, in the interface's words and
    // plurals: the reading aids pick from them rather than start `Intl` after the page has
    // painted (a long task on a slow phone).
    let whole_minutes = ((page.read_time.seconds + 30) / 60).clamp(1, MAX_LEFT_MINUTES);
    let left = (1..=whole_minutes)
        .map(|n| fill(m.time_left, &(m.quantity)(n, Unit::Minute)))
        .collect::<Vec<_>>()
        .join("|");
    out.element(
        "time",
        &[
            ("class", Some("bs-read-time")),
            ("datetime", Some(&page.read_time.iso8601())),
            ("lang", ui.lang),
            ("dir", ui.dir),
            ("data-left", Some(&left)),
        ],
        &page.read_time.label(read_time_style, m),
    );
}

/// The body, with where the reader stands in the read time at the end of each top-level
/// element: the reading aids (`reader.js`) show the time left from it.
fn body(out: &mut Markup, page: &PreparedArticle) {
    let marks = page
        .read_marks
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(" ");
    out.open(
        "div",
        &[
            ("class", Some("bs-body")),
            ("data-read-marks", Some(&marks)),
        ],
    );
    match &page.body {
        // Sanitized: markup the sanitizer wrote.
        PreparedBody::Html(html) => {
            out.raw(html);
        }
        PreparedBody::Paragraphs(paragraphs) => {
            for p in paragraphs {
                out.paragraph(p);
            }
        }
    }
    out.raw("</div>");
}

/// The article's tags, if any.
fn tags(out: &mut Markup, tags: &[String], m: &Messages) {
    if tags.is_empty() {
        return;
    }
    out.open(
        "ul",
        &[("class", Some("bs-tags")), ("aria-label", Some(m.tags))],
    );
    for tag in tags {
        out.element("li", &[("class", Some("bs-tag"))], tag);
    }
    out.raw("</ul>");
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
    let Some(link) = event_source(&ev, "a[href^='#']") else {
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
