//! Post cards: image, title as the link, summary, date and read time. The "Similar Posts"
//! section is a list of them, and so is a prerendered site's index page.

use broadsheet_core::lang::LanguageTag;
use broadsheet_core::messages::Messages;
use broadsheet_core::model::Item;
use broadsheet_core::read_time::{ReadTime, ReadTimeStyle};
pub use broadsheet_core::similar::pick::CardLink;
use leptos::prelude::*;
use web_sys::MouseEvent;

use crate::dates::format_date;

/// One card for `item`, linked as `link`; `list_lang` is the language of the list it is in.
/// `open` loads an article in place (see [`CardLink::in_place`]).
#[component]
pub fn Card(
    item: Item,
    link: CardLink,
    list_lang: Option<String>,
    open: Option<Callback<String>>,
    messages: &'static Messages,
) -> impl IntoView {
    let m = messages;
    let lang = item.language.as_ref().map(|l| l.as_str().to_string());
    let dir = item.language.as_ref().map(|l| l.direction().as_str());
    let marks = m.marks_within(lang.as_deref().or(list_lang.as_deref()));
    let media = match item.hero() {
        Some(src) => view! {
            <img src=src.to_string() alt="" loading="lazy" decoding="async" width="1200" height="675" />
        }
        .into_any(),
        None => view! { <div class="bs-card-placeholder"></div> }.into_any(),
    };
    let date = item.published.as_ref().map(|t| {
        let text = format_date(t, lang.as_deref());
        view! { <time datetime=t.as_str().to_string()>{text}</time> }
    });
    let read = item.read_seconds.map(|seconds| {
        let time = ReadTime {
            seconds,
            ..ReadTime::default()
        };
        view! {
            <time datetime=time.iso8601() lang=marks.lang dir=marks.dir>
                {time.label(ReadTimeStyle::Short, m)}
            </time>
        }
    });
    let CardLink { href, in_place } = link;
    let on_click = move |ev: MouseEvent| {
        let plain =
            ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key());
        if let (true, Some(src), Some(open)) = (plain, in_place.clone(), open) {
            ev.prevent_default();
            open.run(src);
        }
    };
    view! {
        <li class="bs-card-item">
            <article class="bs-card" lang=lang dir=dir>
                <div class="bs-card-media">{media}</div>
                <div class="bs-card-body">
                    <h3 class="bs-card-title">
                        <a class="bs-card-link" href=href on:click=on_click>
                            {item.title.clone().unwrap_or_else(|| m.untitled.to_string())}
                        </a>
                    </h3>
                    {item.summary.clone().map(|s| view! { <p class="bs-card-summary">{s}</p> })}
                    <p class="bs-card-meta">{date} {read}</p>
                </div>
            </article>
        </li>
    }
}

/// The "Similar Posts" section: `cards` under a heading in the words of `messages`, or
/// nothing when there are none. The list sits with the article: cards without a language of
/// their own are taken to be in the article's, `lang`; the heading carries the interface's
/// language where it differs. `id` makes the heading's id unique on the page.
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
    let labelledby = heading.clone();
    let cards = cards
        .into_iter()
        .map(|(item, link)| {
            view! { <Card item=item link=link list_lang=lang.clone() open=open messages=m /> }
        })
        .collect_view();
    view! {
        <aside class="bs-similar" aria-labelledby=labelledby lang=lang.clone() dir=dir>
            <h2 id=heading class="bs-similar-title" lang=heading_marks.lang dir=heading_marks.dir>
                {m.similar_title}
            </h2>
            <ul class="bs-cards">{cards}</ul>
        </aside>
    }
    .into_any()
}
