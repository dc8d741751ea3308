//! What the article view shows, computed from a loaded [`Article`] with no DOM: the sanitized
//! body or its paragraphs, the read time, the text direction, and the JSON-LD.

use crate::html::{sanitize, BlockEnd, SanitizeContext, Sanitized};
use crate::json_out::JsonOut;
use crate::lang::Direction;
use crate::model::{paragraphs, Article, Body, MAX_SHORT_TEXT};
use crate::read_time::{estimate, marks, ReadTime, ReadTimeConfig, ReadTimeInput};
use crate::safe_url::{SafeUrl, UrlUse};

/// The body, ready to render.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PreparedBody {
    /// Sanitized HTML for `innerHTML`.
    Html(String),
    /// Plain-text paragraphs.
    Paragraphs(Vec<String>),
}

/// An article prepared for the view.
#[derive(Clone, Debug, PartialEq)]
pub struct PreparedArticle {
    /// The article as loaded.
    pub article: Article,
    /// The body to render.
    pub body: PreparedBody,
    /// The read-time estimate.
    pub read_time: ReadTime,
    /// The read time, in seconds, up to the end of each top-level element of the body (each
    /// paragraph of a text body), for showing the time left as the reader goes.
    pub read_marks: Vec<u64>,
    /// Text direction from the article's language.
    pub dir: Direction,
    /// The summary, shown under the title unless the body already opens with it.
    pub standfirst: Option<String>,
}

impl PreparedArticle {
    /// Prepares `article` with read-time settings `config`, its HTML body sanitized for `ctx`
    /// (where it was loaded from, the instance's id prefix).
    pub fn new(
        article: Article,
        ctx: SanitizeContext<'_>,
        config: &ReadTimeConfig,
    ) -> PreparedArticle {
        let clean = match &article.item.body {
            Some(Body::Html(html)) => Some(sanitize(html, ctx)),
            _ => None,
        };
        PreparedArticle::from_sanitized(article, clean.as_ref(), config)
    }

    /// Prepares `article` whose HTML body the caller has sanitized already, as `clean` (the
    /// build step sanitizes each post once, with its own URL rewriting, and ranks on the same
    /// text); `clean` is not used for a text body.
    pub fn from_sanitized(
        article: Article,
        clean: Option<&Sanitized>,
        config: &ReadTimeConfig,
    ) -> PreparedArticle {
        let language = article.item.language.as_ref().map(|l| l.as_str());
        let (body, read_time, read_marks, opening) = match (&article.item.body, clean) {
            (Some(Body::Html(_)), Some(clean)) => {
                let input = ReadTimeInput {
                    prose: &clean.prose,
                    code: &clean.code,
                    images: clean.images,
                    language,
                };
                let read_time = estimate(&input, config);
                let mut last = BlockEnd::default();
                let parts: Vec<ReadTimeInput> = clean
                    .blocks
                    .iter()
                    .map(|end| {
                        let part = ReadTimeInput {
                            prose: clean.prose.get(last.prose..end.prose).unwrap_or(""),
                            code: clean.code.get(last.code..end.code).unwrap_or(""),
                            images: end.images.saturating_sub(last.images),
                            language,
                        };
                        last = *end;
                        part
                    })
                    .collect();
                (
                    PreparedBody::Html(clean.html.clone()),
                    read_time,
                    marks(&parts, read_time.seconds, config),
                    clean.prose.chars().take(MAX_SHORT_TEXT).collect(),
                )
            }
            (Some(Body::Text(text)), _) => {
                let input = ReadTimeInput {
                    prose: text,
                    language,
                    ..Default::default()
                };
                let read_time = estimate(&input, config);
                let paragraphs = paragraphs(text);
                let parts: Vec<ReadTimeInput> = paragraphs
                    .iter()
                    .map(|p| ReadTimeInput {
                        prose: p,
                        language,
                        ..Default::default()
                    })
                    .collect();
                let read_marks = marks(&parts, read_time.seconds, config);
                (
                    PreparedBody::Paragraphs(paragraphs),
                    read_time,
                    read_marks,
                    text.trim_start().chars().take(MAX_SHORT_TEXT).collect(),
                )
            }
            _ => (
                PreparedBody::Paragraphs(Vec::new()),
                ReadTime::default(),
                Vec::new(),
                String::new(),
            ),
        };
        let dir = article
            .item
            .language
            .as_ref()
            .map_or(Direction::Ltr, |l| l.direction());
        let standfirst = article
            .item
            .summary
            .clone()
            .filter(|s| !opening.starts_with(s.as_str()));
        PreparedArticle {
            article,
            body,
            read_time,
            read_marks,
            dir,
            standfirst,
        }
    }

    /// schema.org `NewsArticle` JSON-LD, safe to place inside a `<script>` element.
    pub fn json_ld(&self) -> String {
        self.json_ld_at(None)
    }

    /// [`PreparedArticle::json_ld`] for the article published at `page_url`: a relative image is resolved
    /// against it, and it is the article's address when the item names none.
    pub fn json_ld_at(&self, page_url: Option<&SafeUrl>) -> String {
        let item = &self.article.item;
        let mut ld = JsonOut::new();
        ld.open_object();
        ld.key("@context").string("https://schema.org");
        ld.key("@type").string("NewsArticle");
        ld.key("headline").string_or_null(item.title.as_deref());
        ld.key("wordCount").uint(self.read_time.words as u64);
        ld.key("timeRequired").string(&self.read_time.iso8601());
        if let Some(url) = item.url.as_ref().or(page_url) {
            ld.key("url").string(url.as_str());
            ld.key("mainEntityOfPage").string(url.as_str());
        }
        if let Some(image) = item.hero() {
            let image = match page_url {
                Some(base) => SafeUrl::parse(image.as_str(), Some(base), UrlUse::Resource),
                None => Some(image.clone()),
            };
            if let Some(image) = image {
                ld.key("image")
                    .open_array()
                    .string(image.as_str())
                    .close_array();
            }
        }
        if let Some(t) = &item.published {
            ld.key("datePublished").string(t.as_str());
        }
        if let Some(t) = &item.modified {
            ld.key("dateModified").string(t.as_str());
        }
        if let Some(summary) = &item.summary {
            ld.key("description").string(summary);
        }
        if let Some(language) = &item.language {
            ld.key("inLanguage").string(language.as_str());
        }
        if !item.tags.is_empty() {
            ld.key("keywords").string(&item.tags.join(", "));
        }
        if !item.authors.is_empty() {
            ld.key("author").open_array();
            for author in &item.authors {
                ld.open_object();
                ld.key("@type").string("Person");
                ld.key("name").string(&author.name);
                if let Some(url) = &author.url {
                    ld.key("url").string(url.as_str());
                }
                ld.close_object();
            }
            ld.close_array();
        }
        if let Some(site) = &self.article.site {
            ld.key("publisher").open_object();
            ld.key("@type").string("Organization");
            ld.key("name").string(site);
            ld.close_object();
        }
        ld.close_object();
        ld.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_article;
    use serde_json::Value;

    fn seed_json() -> String {
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../sample/posts/seed-article.json"
        ))
        .expect("the seed article in sample/posts")
    }

    fn seconds(article: Article) -> i64 {
        PreparedArticle::new(
            article,
            SanitizeContext::default(),
            &ReadTimeConfig::default(),
        )
        .read_time
        .seconds as i64
    }

    #[test]
    fn seed_reads_as_published() {
        // The reference page: "3 minutes, 22 seconds Read" = 202 s, from either body.
        let json = seed_json();
        let article = parse_article(&json, None).expect("article");
        assert!(matches!(article.item.body, Some(Body::Html(_))));
        assert_eq!(
            PreparedArticle::new(
                article.clone(),
                SanitizeContext::default(),
                &ReadTimeConfig::default()
            )
            .standfirst,
            None,
            "the seed's summary is its first paragraph"
        );
        let html = seconds(article.clone());
        assert!(
            (html - 202).abs() <= 3,
            "seed HTML read time {html} s, expected 202 ± 3"
        );

        let value: Value = serde_json::from_str(&json).expect("JSON");
        let text = value["items"][0]["content_text"]
            .as_str()
            .expect("content_text");
        let mut text_only = article;
        text_only.item.body = Some(Body::Text(text.to_string()));
        let plain = seconds(text_only);
        assert!(
            (plain - 202).abs() <= 3,
            "seed text read time {plain} s, expected 202 ± 3"
        );
    }

    fn page(json: &str) -> PreparedArticle {
        let article = parse_article(json, None).expect("article");
        PreparedArticle::new(
            article,
            SanitizeContext::default(),
            &ReadTimeConfig::default(),
        )
    }

    #[test]
    fn marks_follow_the_body_block_by_block() {
        let seed = page(&seed_json());
        let marks = &seed.read_marks;
        assert!(marks.windows(2).all(|w| w[0] <= w[1]), "{marks:?}");
        assert_eq!(marks.last(), Some(&seed.read_time.seconds));
        let PreparedBody::Html(html) = &seed.body else {
            panic!("the seed has an HTML body");
        };
        // One mark for each top-level element: the seed's body is paragraphs, headings and
        // figures side by side.
        let top_level = html.matches("</p>").count()
            + html.matches("</h2>").count()
            + html.matches("</h3>").count()
            + html.matches("</figure>").count()
            + html.matches("</blockquote>").count()
            + html.matches("</ul>").count()
            + html.matches("</ol>").count();
        assert!(
            marks.len() <= top_level && marks.len() >= 10,
            "{} marks for {top_level} closing tags",
            marks.len()
        );
        // Halfway through the body's text is about halfway through its time.
        let half = marks[marks.len() / 2] as f64 / seed.read_time.seconds as f64;
        assert!((0.3..0.7).contains(&half), "{half}");

        let doc = |body: &str| {
            format!(
                r#"{{"items": [{{"id": "a", "content_html": {}}}]}}"#,
                serde_json::json!(body)
            )
        };
        let words = |n: usize| vec!["word"; n].join(" ");
        // 200 words a minute: 60, then 12 s for the first image, then 30 s and the code's
        // 20 words at 100 a minute, 12 s more. Text outside elements counts with what follows.
        let p = page(&doc(&format!(
            "<p>{}</p><img src=\"https://i.example/a.png\" alt=\"\">loose <h2>{}</h2><pre>{}</pre>",
            words(200),
            words(99),
            words(20)
        )));
        assert_eq!(p.read_marks, vec![60, 72, 102, 114]);
        assert_eq!(p.read_time.seconds, 114);
        // A text body: a mark per paragraph.
        let text = page(&format!(
            r#"{{"items": [{{"id": "a", "content_text": "{}\n\n{}"}}]}}"#,
            words(100),
            words(300)
        ));
        assert_eq!(text.read_marks, vec![30, 120]);
        // No elements: the body is one part.
        assert_eq!(page(&doc(&words(100))).read_marks, vec![30]);
    }

    #[test]
    fn json_ld_describes_the_article_and_cannot_close_its_script() {
        let doc = r#"{"title": "Site", "items": [{"id": "a", "title": "</script><b>", "url": "https://n.example/a",
            "content_text": "one two three", "language": "ar", "date_published": "2025-01-02T03:04:05Z",
            "authors": [{"name": "Ann", "url": "https://n.example/ann"}]}]}"#;
        let page = PreparedArticle::new(
            parse_article(doc, None).expect("article"),
            SanitizeContext::default(),
            &ReadTimeConfig::default(),
        );
        assert_eq!(page.dir, Direction::Rtl);
        let ld = page.json_ld();
        assert!(!ld.contains('<'));
        let v: Value = serde_json::from_str(&ld).expect("JSON");
        assert_eq!(v["@type"], "NewsArticle");
        assert_eq!(v["headline"], "</script><b>");
        assert_eq!(v["wordCount"], 3);
        assert_eq!(v["timeRequired"], "PT0S");
        assert_eq!(v["datePublished"], "2025-01-02T03:04:05Z");
        assert_eq!(v["author"][0]["url"], "https://n.example/ann");
        assert_eq!(v["publisher"]["name"], "Site");
    }
}
