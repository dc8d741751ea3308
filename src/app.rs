//! The component: loads an article and shows the loading, error or article state.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use broadsheet_core::html::SanitizeContext;
use broadsheet_core::load_error::LoadError;
use broadsheet_core::model::{article_from_value, Body};
use broadsheet_core::options::Options;
use broadsheet_core::prepared::PreparedArticle;
use broadsheet_core::safe_url::SafeUrl;
use broadsheet_core::share::ShareData;

use crate::article_view::ArticleView;
use crate::fetch::fetch_document;
use crate::languages;
use crate::markup::{event_source, Markup};
use crate::similar_posts::{SimilarPosts, SiteIndex};

/// Where a load stands.
#[derive(Clone)]
enum LoadState {
    Loading,
    Failed(LoadError),
    Ready(Arc<PreparedArticle>),
}

/// The article to load first: the page URL's parameter when configured and present, else the
/// mount element's `data-article-src`.
fn initial_src(options: &Options) -> String {
    options
        .url_param
        .as_deref()
        .and_then(|param| {
            let search = web_sys::window()?.location().search().ok()?;
            web_sys::UrlSearchParams::new_with_str(&search)
                .ok()?
                .get(param)
        })
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| options.article_src.clone())
}

/// Loads and prepares the article at `src` for the instance whose ids start with `id`, and the
/// words it will be shown with.
async fn load(src: &str, options: &Options, id: &str) -> Result<PreparedArticle, LoadError> {
    let page = prepare(src, options, id).await?;
    languages::load(
        &interface_languages(options, Some(&page)),
        options.timeout_ms,
    )
    .await;
    Ok(page)
}

async fn prepare(src: &str, options: &Options, id: &str) -> Result<PreparedArticle, LoadError> {
    // Parts mode: the article is the page's own, read from it with its entry in the site
    // index (its id, tags and similar posts), when the cards are wanted.
    let (src, page) = match &options.article_from {
        Some(selector) if options.parts.contains("similar") => (&*options.index_src, &**selector),
        Some(selector) => ("", &**selector),
        None => (src, ""),
    };
    let (text, base) = fetch_document(src, options.timeout_ms, page).await?;
    let article = article_from_value(crate::json::parse(&text)?, base.as_ref())?;
    let ctx = SanitizeContext {
        base: base.as_ref(),
        id_prefix: id,
        ..SanitizeContext::default()
    };
    let clean = match &article.item.body {
        Some(Body::Html(html)) => {
            let module = options.rank_src.as_deref().unwrap_or("");
            Some(crate::browser_html::sanitize_any(html, ctx, module).await)
        }
        _ => None,
    };
    Ok(PreparedArticle::from_sanitized(
        article,
        clean.as_ref(),
        &options.read_time,
    ))
}

/// The languages of the component's words, by preference: the configured one, the article's
/// (none before an article is known), the page's.
pub fn interface_languages(options: &Options, page: Option<&PreparedArticle>) -> Vec<&'static str> {
    let article = page.and_then(|page| page.article.item.language.as_ref());
    languages::named([
        options.ui_lang.as_deref(),
        article.map(|l| l.as_str()),
        options.context_lang.as_deref(),
    ])
}

/// Records `src` in the page URL's `param`, so Back returns to the article before.
fn push_history(param: &str, src: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let url = SafeUrl::query_link(param, src);
    if let Ok(history) = window.history() {
        // A refused push (sandboxed frame) only loses the history entry.
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url.as_str()));
    }
}

/// The address the reader is at: what is shared when the article names no `url` of its own.
fn page_address() -> Option<SafeUrl> {
    let href = web_sys::window()?.location().href().ok()?;
    SafeUrl::parse_absolute(&href)
}

/// A page-unique prefix for the element ids of one component instance.
fn next_instance_id() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(1);
    format!("bs{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

fn set_document_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}

/// One article component: fetches `options.article_src` and renders it.
#[component]
pub fn ArticleApp(options: Options) -> impl IntoView {
    // The article to show, and a count of retries: one signal, as every change of either loads.
    let src = RwSignal::new((initial_src(&options), 0u32));
    let state = RwSignal::new(LoadState::Loading);
    let generation = StoredValue::new(0u64);
    let focus_title = StoredValue::new(false);
    let site: SiteIndex = StoredValue::new(None);
    let options = StoredValue::new(options);
    let id = next_instance_id();
    let content_ids = StoredValue::new(id.clone());
    // Before an article is known: the configured language, else the page's, which `mount`
    // loaded first.
    let chrome = languages::pick(&options.with_value(|o| interface_languages(o, None)));

    // A similar post of the same site opens in place; with a URL parameter it also gets a
    // history entry, and Back and Forward load the article of the entry.
    let open = Callback::new(move |next: String| {
        focus_title.set_value(true);
        if let Some(param) = options.with_value(|o| o.url_param.clone()) {
            push_history(&param, &next);
        }
        src.set((next, 0));
    });
    if options.with_value(|o| o.url_param.is_some()) {
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            // A fragment link inside the article also makes a history entry: same article,
            // nothing to load.
            let next = options.with_value(initial_src);
            if src.with_untracked(|(current, _)| *current != next) {
                focus_title.set_value(true);
                src.set((next, 0));
            }
        });
        on_cleanup(move || handle.remove());
    }

    // The load state is a signal of its own rather than a `LocalResource` under `Suspense`:
    // the live status line and `aria-busy` need to know when a load is under way, every time,
    // and Leptos exposes that for neither (`Suspense` only swaps in its fallback; `Transition`
    // reports it but keeps the old article on screen while the next one loads).
    crate::effect::effect(move || {
        let (url, _) = src.get();
        state.set(LoadState::Loading);
        let current = generation.get_value() + 1;
        generation.set_value(current);
        let options = options.get_value();
        let ids = content_ids.get_value();
        spawn_local(async move {
            let result = load(&url, &options, &ids).await;
            // A newer load started meanwhile, or the component is gone: drop this result.
            if generation.try_get_value() != Some(current) {
                return;
            }
            let next = match result {
                Ok(page) => {
                    if options.set_document_title {
                        if let Some(title) = &page.article.item.title {
                            set_document_title(title);
                        }
                    }
                    LoadState::Ready(Arc::new(page))
                }
                Err(error) => LoadState::Failed(error),
            };
            state.try_set(next);
        });
    });

    let retry = move || {
        focus_title.set_value(true);
        src.update(|(_, attempt)| *attempt += 1);
    };

    view! {
        <div class="bs" aria-busy=move || matches!(state.get(), LoadState::Loading).to_string()>
            <p class="bs-visually-hidden" role="status" lang=chrome.lang dir=chrome.dir()>
                {move || match state.get() {
                    LoadState::Loading => chrome.loading,
                    _ => "",
                }}
            </p>
            {move || match state.get() {
                LoadState::Loading => view! { <Skeleton /> }.into_any(),
                LoadState::Failed(error) => {
                    let mut markup = Markup::default();
                    markup
                        .element("h2", &[("class", Some("bs-error-title"))], error.heading(chrome))
                        .element("p", &[("class", Some("bs-error-message"))], &error.describe(chrome))
                        .element(
                            "button",
                            &[("type", Some("button")), ("class", Some("bs-button"))],
                            chrome.retry,
                        );
                    // One handler for the one button inside.
                    let on_click = move |ev: web_sys::MouseEvent| {
                        if event_source(&ev, "button").is_some() {
                            retry();
                        }
                    };
                    view! {
                        <div
                            class="bs-error"
                            role="alert"
                            lang=chrome.lang
                            dir=chrome.dir()
                            on:click=on_click
                            inner_html=markup.finish()
                        ></div>
                    }
                        .into_any()
                }
                LoadState::Ready(page) => {
                    let focus = focus_title.get_value();
                    focus_title.set_value(false);
                    let opts = options.get_value();
                    let messages = languages::pick(&interface_languages(&opts, Some(&page)));
                    // Parts mode shows the parts it is asked for; the cards come after the others.
                    let parts = if opts.article_from.is_some() { opts.parts.clone() } else { String::new() };
                    let cards = parts.is_empty() || parts.contains("similar");
                    let similar = (opts.similar_count > 0 && cards).then(|| {
                        view! {
                            <SimilarPosts
                                article=page.article.item.clone()
                                options=opts.clone()
                                id=id.clone()
                                site=site
                                open=open
                                messages=messages
                            />
                        }
                    });
                    let share = ShareData::for_item(&page.article.item, page_address());
                    view! {
                        <ArticleView
                            page=page
                            share=share
                            controls=opts.share.clone()
                            read_time_style=opts.read_time_style
                            id=id.clone()
                            focus_title=focus
                            messages=messages
                            json_ld=parts.is_empty()
                            parts=parts
                        />
                        {similar}
                    }
                        .into_any()
                }
            }}
        </div>
    }
}

/// Grey blocks shaped like the article, so nothing jumps when it arrives. Markup rather than
/// views, as the article is (see `markup.rs`).
#[component]
fn Skeleton() -> impl IntoView {
    const BLOCKS: &str = concat!(
        r#"<div class="bs-sk bs-sk-title"></div>"#,
        r#"<div class="bs-sk bs-sk-title bs-sk-short"></div>"#,
        r#"<div class="bs-sk bs-sk-meta"></div>"#,
        r#"<div class="bs-sk bs-sk-hero"></div>"#,
    );
    const LINE: &str = r#"<div class="bs-sk bs-sk-line"></div>"#;
    view! { <div class="bs-skeleton" aria-hidden="true" inner_html=BLOCKS.to_string() + &LINE.repeat(6)></div> }
}
