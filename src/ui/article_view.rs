//! The article: header with title, byline, dates and read time; hero image; body; tags.

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;

use super::dates::format_date;
use crate::page::{Page, PageBody};
use crate::read_time::ReadTimeStyle;

/// Renders a prepared article. With `focus_title`, the title takes keyboard focus once shown
/// (after a retry or an in-place navigation), so screen readers start reading there.
#[component]
pub fn ArticleView(page: Arc<Page>, style: ReadTimeStyle, focus_title: bool) -> impl IntoView {
    let item = &page.article.item;
    let lang = item.language.as_ref().map(|l| l.as_str().to_string());
    let date =
        |t: &crate::date::Timestamp| (t.as_str().to_string(), format_date(t, lang.as_deref()));
    let published = item.published.as_ref().map(date);
    let modified = item
        .modified
        .as_ref()
        .filter(|m| item.published.as_ref().is_none_or(|p| m.unix() > p.unix()))
        .map(date);
    let title_ref = NodeRef::<html::H1>::new();
    if focus_title {
        Effect::new(move |_| {
            if let Some(h1) = title_ref.get() {
                let _ = h1.focus();
            }
        });
    }

    let authors = (!item.authors.is_empty()).then(|| {
        let count = item.authors.len();
        let names = item
            .authors
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let sep = match i {
                    0 => "",
                    i if i + 1 == count => " and ",
                    _ => ", ",
                };
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
        view! { <span class="bs-byline">"By " {names}</span> }
    });

    let hero = item.hero().map(|src| {
        let alt = item.image_alt.clone().unwrap_or_default();
        view! {
            <figure class="bs-hero">
                <img src=src.to_string() alt=alt width="1200" height="675" decoding="async" />
            </figure>
        }
    });

    let body = match &page.body {
        PageBody::Html(html) => {
            view! { <div class="bs-body" inner_html=html.clone()></div> }.into_any()
        }
        PageBody::Paragraphs(paragraphs) => {
            let paragraphs = paragraphs.clone();
            view! {
                <div class="bs-body">
                    {paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                </div>
            }
            .into_any()
        }
    };

    let tags = (!item.tags.is_empty()).then(|| {
        let tags = item.tags.clone();
        view! {
            <ul class="bs-tags" aria-label="Tags">
                {tags.into_iter().map(|t| view! { <li class="bs-tag">{t}</li> }).collect_view()}
            </ul>
        }
    });

    view! {
        <article class="bs-article" lang=lang.clone() dir=page.dir.as_str()>
            <header class="bs-header">
                {page.article.site.clone().map(|s| view! { <p class="bs-site">{s}</p> })}
                <h1 class="bs-title" tabindex="-1" node_ref=title_ref>
                    {item.title.clone().unwrap_or_else(|| "Untitled article".to_string())}
                </h1>
                {page.standfirst.clone().map(|s| view! { <p class="bs-standfirst">{s}</p> })}
                <p class="bs-meta">
                    {authors}
                    {published.map(|(iso, text)| view! {
                        <time class="bs-published" datetime=iso>{text}</time>
                    })}
                    {modified.map(|(iso, text)| view! {
                        <span class="bs-updated">"Updated " <time datetime=iso>{text}</time></span>
                    })}
                    <time class="bs-read-time" datetime=page.read_time.iso8601()>
                        {page.read_time.label(style)}
                    </time>
                </p>
            </header>
            {hero}
            {body}
            {tags}
        </article>
        <script type="application/ld+json">{page.json_ld()}</script>
    }
}
