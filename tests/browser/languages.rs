//! The interface speaks the article's language where it can, else the configured or the page's
//! language, else English; words in another language than their surroundings carry `lang`.
//!
//! The languages besides English come from their packs in `lang/`, which the test runner
//! serves with the rest of the repository, as a site serves them next to the component.

use super::*;

fn article(language: &str, title: &str, text: &str) -> String {
    serde_json::json!({
        "id": "a", "title": title, "content_text": text, "language": language,
        "url": "https://site.example/a", "authors": [{"name": "A"}, {"name": "B"}],
        "_article": {"similar": [{"id": "b", "title": "Other post", "url": "https://site.example/b"}]},
    })
    .to_string()
}

#[wasm_bindgen_test]
async fn an_arabic_article_gets_an_arabic_interface() {
    let body = "نص المقال هنا. ".repeat(300);
    let f = mount_with(&[("data-article-src", &data_url(&article("ar", "مقال", &body)))]);
    let read = wait_for(&f, "time.bs-read-time").await;
    assert!(text(&read).starts_with("مدة القراءة "), "{}", text(&read));
    assert_eq!(
        read.get_attribute("lang"),
        None,
        "same language as the article"
    );
    assert_eq!(
        text(&wait_for(&f, ".bs-share-title").await),
        "شارك هذا المقال"
    );
    assert_eq!(text(&wait_for(&f, ".bs-byline").await), "بقلم A وB");
    let share = wait_for(&f, "section.bs-share").await;
    assert_eq!(share.get_attribute("dir").as_deref(), Some("rtl"));
    let similar = wait_for(&f, "aside.bs-similar").await;
    assert_eq!(
        (similar.get_attribute("lang"), similar.get_attribute("dir")),
        (Some("ar".to_string()), Some("rtl".to_string()))
    );
    let heading = wait_for(&f, ".bs-similar-title").await;
    assert_eq!(text(&heading), "مقالات مشابهة");
    assert_eq!(heading.get_attribute("lang"), None);
    let email = wait_for(&f, "a[data-network=email]").await;
    assert_eq!(
        email.get_attribute("aria-label").as_deref(),
        Some("شارك عبر البريد الإلكتروني")
    );
}

#[wasm_bindgen_test]
async fn an_article_in_another_language_gets_english_words_marked_as_english() {
    // Hebrew has no interface of its own: English words, left to right inside right to left.
    let doc = article("he", "כתבה", "זהו גוף הכתבה.");
    let f = mount_with(&[("data-article-src", &data_url(&doc))]);
    let read = wait_for(&f, "time.bs-read-time").await;
    assert!(text(&read).ends_with(" read"), "{}", text(&read));
    assert_eq!(read.get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(read.get_attribute("dir").as_deref(), Some("ltr"));
    let byline_word = wait_for(&f, ".bs-byline span[lang]").await;
    assert_eq!(
        (
            text(&byline_word).as_str(),
            byline_word.get_attribute("lang")
        ),
        ("By ", Some("en".to_string()))
    );
    let share = wait_for(&f, "section.bs-share").await;
    assert_eq!(share.get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(
        text(&wait_for(&f, ".bs-share-title").await),
        "Share This Post"
    );
}

#[wasm_bindgen_test]
async fn data_ui_lang_chooses_the_interface() {
    let doc = article("en", "Title", &"Some words. ".repeat(50));
    let f = mount_with(&[
        ("data-article-src", &data_url(&doc)),
        ("data-ui-lang", "ja"),
    ]);
    assert_eq!(
        text(&wait_for(&f, ".bs-share-title").await),
        "この記事をシェア"
    );
    let read = wait_for(&f, "time.bs-read-time").await;
    assert!(
        text(&read).starts_with("読了時間 ") && text(&read).ends_with("秒"),
        "{}",
        text(&read)
    );
    assert_eq!(read.get_attribute("lang").as_deref(), Some("ja"));
    // The cards belong with the (English) article; only the heading is Japanese.
    let similar = wait_for(&f, "aside.bs-similar").await;
    assert_eq!(similar.get_attribute("lang").as_deref(), Some("en"));
    let heading = wait_for(&f, ".bs-similar-title").await;
    assert_eq!(
        (text(&heading).as_str(), heading.get_attribute("lang")),
        ("関連記事", Some("ja".to_string()))
    );

    let missing = mount_with(&[
        ("data-article-src", "/no-such-article-here.json"),
        ("data-ui-lang", "de"),
    ]);
    let alert = wait_for(&missing, "[role=alert]").await;
    assert_eq!(alert.get_attribute("lang").as_deref(), Some("de"));
    assert_eq!(
        text(&wait_for(&missing, ".bs-error-title").await),
        "Artikel nicht gefunden"
    );
    assert_eq!(
        text(&wait_for(&missing, "[role=alert] button").await),
        "Erneut versuchen"
    );
}

#[wasm_bindgen_test]
async fn without_an_article_the_language_around_the_mount_element_is_used() {
    let f = mount_with(&[
        ("data-article-src", "/no-such-article-here.json"),
        ("lang", "es"),
    ]);
    assert_eq!(
        text(&wait_for(&f, ".bs-error-title").await),
        "Artículo no encontrado"
    );
}

#[wasm_bindgen_test]
async fn a_language_whose_words_cannot_be_loaded_falls_back_to_english() {
    // French, which no other test reads: its pack is first fetched here, and never answered
    // (the component gives up after 3 s, whatever the load timeout).
    let restore = stub_fetch_never_answering("/lang/fr.txt");
    let f = mount_with(&[
        ("data-article-src", "/no-such-article-here.json"),
        ("lang", "fr"),
    ]);
    let alert = wait_for(&f, "[role=alert]").await;
    restore
        .call0(&wasm_bindgen::JsValue::NULL)
        .expect("restore fetch");
    assert_eq!(alert.get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(
        text(&wait_for(&f, ".bs-error-title").await),
        "Article not found"
    );
}

#[wasm_bindgen_test]
fn native_long_dates_are_the_browsers() {
    // Prerendered pages write dates without Intl (Timestamp::long_date); the browser writes
    // them with Intl. Chromium's CLDR data is the reference: every month, in each interface
    // language and a regional English.
    let mut differences = Vec::new();
    for language in ["en", "en-US", "en-GB", "fr", "de", "es", "ar", "ja"] {
        for month in 1..=12 {
            for day in [1, 28] {
                let iso = format!("2025-{month:02}-{day:02}");
                let native = broadsheet_core::date::Timestamp::parse(&iso)
                    .expect("a valid date")
                    .long_date(Some(language));
                let intl = js(&format!(
                    "return new Intl.DateTimeFormat('{language}', {{ year: 'numeric', month: 'long', \
                     day: 'numeric', timeZone: 'UTC' }}).format(Date.UTC(2025, {}, {day}));",
                    month - 1
                ))
                .as_string()
                .unwrap_or_default();
                if native != intl {
                    differences.push(format!("{language} {iso}: {native:?} but Intl {intl:?}"));
                }
            }
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
