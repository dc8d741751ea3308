//! Post cards: image, title as the link, summary, date and read time. The "Similar Posts"
//! section is a list of them, and so is a prerendered site's index page. Static once rendered,
//! so written as markup (see `markup.rs`); a card that loads its post in place says so in
//! `data-in-place`, and one click handler on the list reads it.

use broadsheet_core::lang::LanguageTag;
use broadsheet_core::messages::Messages;
use broadsheet_core::model::Item;
use broadsheet_core::read_time::{ReadTime, ReadTimeStyle};
pub use broadsheet_core::similar::pick::CardLink;
use leptos::prelude::*;
use web_sys::MouseEvent;

use crate::dates::format_date;
use crate::markup::{event_source, Markup};

/// Appends the card of `item`, linked as `link`; `list_lang` is the language of the list it
/// is in.
pub fn card(out: &mut Markup, item: &Item, link: &CardLink, list_lang: Option<&str>, m: &Messages) {
    let lang = item.language.as_ref().map(LanguageTag::as_str);
    let dir = item.language.as_ref().map(|l| l.direction().as_str());
    let marks = m.marks_within(lang.or(list_lang));
    out.open(
        "li",
        &[
            ("class", Some("bs-card-item")),
            ("data-in-place", link.in_place.as_deref()),
        ],
    )
    .open(
        "article",
        &[("class", Some("bs-card")), ("lang", lang), ("dir", dir)],
    )
    .raw(r#"<div class="bs-card-media">"#);
    match item.hero() {
        Some(src) => {
            out.open(
                "img",
                &[
                    ("src", Some(src.as_str())),
                    ("alt", Some("")),
                    ("loading", Some("lazy")),
                    ("decoding", Some("async")),
                    ("width", Some("1200")),
                    ("height", Some("675")),
                ],
            );
        }
        None => {
            out.raw(r#"<div class="bs-card-placeholder"></div>"#);
        }
    }
    out.raw(r#"</div><div class="bs-card-body"><h3 class="bs-card-title">"#)
        .element(
            "a",
            &[
                ("class", Some("bs-card-link")),
                ("href", link.href.as_deref()),
            ],
            item.title.as_deref().unwrap_or(m.untitled),
        )
        .raw("</h3>");
    if let Some(summary) = &item.summary {
        out.element("p", &[("class", Some("bs-card-summary"))], summary);
    }
    out.raw(r#"<p class="bs-card-meta">"#);
    if let Some(t) = &item.published {
        out.element(
            "time",
            &[("datetime", Some(t.as_str()))],
            &format_date(t, lang),
        );
    }
    if let Some(seconds) = item.read_seconds {
        let time = ReadTime {
            seconds,
            ..ReadTime::default()
        };
        out.element(
            "time",
            &[
                ("datetime", Some(&time.iso8601())),
                ("lang", marks.lang),
                ("dir", marks.dir),
            ],
            &time.label(ReadTimeStyle::Short, m),
        );
    }
    out.raw("</p></div></article></li>");
}

/// The cards of `cards` as markup, for a list in `list_lang`.
pub fn cards_markup(cards: &[(Item, CardLink)], list_lang: Option<&str>, m: &Messages) -> String {
    let mut out = Markup::default();
    for (item, link) in cards {
        card(&mut out, item, link, list_lang, m);
    }
    out.finish()
}

/// The "Similar Posts" section: `cards` under a heading in the words of `messages`, or
/// nothing when there are none. The list sits with the article: cards without a language of
/// their own are taken to be in the article's, `lang`; the heading carries the interface's
/// language where it differs. `id` makes the heading's id unique on the page. `open` loads a
/// card's post in place on a plain click, for cards that do.
#[component]
pub fn SimilarList(
    cards: Vec<(Item, CardLink)>,
    lang: Option<LanguageTag>,
    id: String,
    open: Option<Callback<String>>,
    messages: &'static Messages,
) -> impl IntoView {
    let m = messages;
    if cards.is_empty() {
        return ().into_any();
    }
    let dir = lang.as_ref().map(|l| l.direction().as_str());
    let lang = lang.map(|l| l.as_str().to_string());
    let heading_marks = m.marks_within(lang.as_deref());
    let heading = format!("{id}-similar-title");
    let mut markup = Markup::default();
    markup
        .element(
            "h2",
            &[
                ("id", Some(&heading)),
                ("class", Some("bs-similar-title")),
                ("lang", heading_marks.lang),
                ("dir", heading_marks.dir),
            ],
            m.similar_title,
        )
        .raw(r#"<ul class="bs-cards">"#)
        .raw(&cards_markup(&cards, lang.as_deref(), m))
        .raw("</ul>");
    let on_click = move |ev: MouseEvent| {
        if let Some((src, open)) = in_place_target(&ev).zip(open) {
            ev.prevent_default();
            open.run(src);
        }
    };
    view! {
        <aside
            class="bs-similar"
            aria-labelledby=heading
            lang=lang
            dir=dir
            on:click=on_click
            inner_html=markup.finish()
        ></aside>
    }
    .into_any()
}

/// The post to load in place for a plain click (no modifier, main button) on the link of a
/// card that loads in place.
fn in_place_target(ev: &MouseEvent) -> Option<String> {
    let plain =
        ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key());
    let src = event_source(ev, "a.bs-card-link")?
        .closest("li.bs-card-item")
        .ok()??
        .get_attribute("data-in-place")?;
    plain.then_some(src)
}
