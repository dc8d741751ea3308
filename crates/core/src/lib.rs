//! Broadsheet's pure logic: everything the article component computes, with no DOM, so it is
//! tested natively and fast and shared by the browser component, the prerendered pages and
//! the build step.
//!
//! An article document read, its body sanitized, its read time estimated and a share link
//! made, as the component and the build step do:
//!
//! ```
//! use broadsheet_core::html::SanitizeContext;
//! use broadsheet_core::messages::EN;
//! use broadsheet_core::model::parse_article;
//! use broadsheet_core::prepared::{PreparedArticle, PreparedBody};
//! use broadsheet_core::read_time::{ReadTimeConfig, ReadTimeStyle};
//! use broadsheet_core::safe_url::SafeUrl;
//! use broadsheet_core::share::{share_url, Network, ShareData};
//!
//! let json = r#"{
//!   "version": "https://jsonfeed.org/version/1.1",
//!   "title": "The Daily",
//!   "items": [{
//!     "id": "1",
//!     "url": "https://example.com/posts/hello/",
//!     "title": "Hello",
//!     "content_html": "<p onclick='x()'>Hello <b>world</b><script>x()</script></p>",
//!     "date_published": "2026-11-28T09:00:00Z",
//!     "language": "en"
//!   }]
//! }"#;
//! let base = SafeUrl::parse_absolute("https://example.com/posts/hello/article.json").unwrap();
//! let article = parse_article(json, Some(&base)).unwrap();
//! assert_eq!(article.site.as_deref(), Some("The Daily"));
//!
//! let ctx = SanitizeContext { base: Some(&base), ..Default::default() };
//! let prepared = PreparedArticle::new(article, ctx, &ReadTimeConfig::default());
//! assert_eq!(prepared.body, PreparedBody::Html("<p>Hello <b>world</b></p>".into()));
//! assert_eq!(prepared.read_time.label(ReadTimeStyle::Short, &EN), "1 min read");
//!
//! let share = ShareData::for_item(&prepared.article.item, None).unwrap();
//! assert_eq!(
//!     share_url(Network::Facebook, &share).as_str(),
//!     "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fexample.com%2Fposts%2Fhello%2F"
//! );
//! ```

#![warn(missing_docs)]

pub mod date;
pub mod html;
pub mod json_in;
pub mod json_out;
pub mod lang;
pub mod load_error;
pub mod messages;
pub mod model;
pub mod options;
pub mod paths;
pub mod prepared;
pub mod read_time;
pub mod safe_url;
pub mod share;
pub mod similar;
pub mod text;
pub mod text_fragment;
