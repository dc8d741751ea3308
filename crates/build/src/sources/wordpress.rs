//! WordPress, two ways: its REST API's posts (`/wp-json/wp/v2/posts?_embed`, a JSON array per
//! page, read a post at a time), and an export file (WXR, read with `quick-xml` in two passes:
//! the first learns the authors' names and the attachments' addresses, the second writes the
//! posts, so memory holds neither the file nor its posts).
//!
//! Only published posts are kept; pages, attachments, menus and drafts are counted and left
//! out. Content written with the classic editor (paragraphs as blank lines) gets its
//! paragraphs, as WordPress itself does when it shows a post.

use std::collections::HashMap;
use std::path::Path;

use quick_xml::events::Event;
use quick_xml::Reader;
use serde_json::{json, Map, Value};

use super::dates::normalize;
use super::text::html_to_text;
use super::{deliver, slug_from_url, Notice, Sink, SourceError};
use crate::feed_reader::{for_each_in_array, Object};

/// The `rendered` text of a REST API field (`{"rendered": "..."}`), or the field itself.
fn rendered(value: Option<&Value>) -> Option<String> {
    let value = value?;
    let text = value.get("rendered").unwrap_or(value).as_str()?;
    (!text.trim().is_empty()).then(|| text.to_string())
}

/// Reads the REST API posts in `path` into `sink`.
pub fn read_json(path: &Path, base: &str, sink: &mut dyn Sink) -> Result<(), SourceError> {
    let mut position = 0;
    for_each_in_array(path, |post| {
        position += 1;
        let place = format!("{} post {position}", path.display());
        deliver(sink, rest_post(&post), base, place);
    })
}

/// One REST API post as a JSON Feed item, with its slug.
fn rest_post(post: &Object) -> Result<(Object, Option<String>), String> {
    if let Some(status) = post.get("status").and_then(Value::as_str) {
        if status != "publish" {
            return Err(format!("not published ({status})"));
        }
    }
    let mut item = Object::new();
    let id = rendered(post.get("guid"))
        .or_else(|| post.get("id").map(|i| format!("wp-{i}")))
        .ok_or("no guid or id")?;
    item.insert("id".into(), json!(html_to_text(&id)));
    let url = post.get("link").and_then(Value::as_str).map(str::to_string);
    if let Some(url) = &url {
        item.insert("url".into(), json!(url));
    }
    if let Some(title) = rendered(post.get("title")).map(|t| html_to_text(&t)) {
        item.insert("title".into(), json!(title));
    }
    let body = rendered(post.get("content")).ok_or("no body")?;
    item.insert("content_html".into(), json!(autop(&body)));
    if let Some(excerpt) = rendered(post.get("excerpt"))
        .map(|e| html_to_text(&e))
        .filter(|e| !e.is_empty())
    {
        item.insert("summary".into(), json!(excerpt));
    }
    for (from, to) in [
        ("date_gmt", "date_published"),
        ("modified_gmt", "date_modified"),
    ] {
        if let Some(date) = post.get(from).and_then(Value::as_str).and_then(normalize) {
            item.insert(to.into(), json!(date));
        }
    }
    let embedded = post.get("_embedded");
    let authors: Vec<Value> = embedded
        .and_then(|e| e.get("author"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|a| {
            let name = a.get("name")?.as_str()?.trim();
            (!name.is_empty()).then(|| match a.get("link").and_then(Value::as_str) {
                Some(link) => json!({"name": name, "url": link}),
                None => json!({"name": name}),
            })
        })
        .collect();
    if !authors.is_empty() {
        item.insert("authors".into(), Value::Array(authors));
    }
    let tags: Vec<String> = embedded
        .and_then(|e| e.get("wp:term"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(|t| t.get("name")?.as_str().map(html_to_text))
        .filter(|t| !t.is_empty() && t != "Uncategorized")
        .collect();
    if !tags.is_empty() {
        item.insert("tags".into(), json!(tags));
    }
    if let Some(media) = embedded
        .and_then(|e| e.get("wp:featuredmedia"))
        .and_then(|m| m.get(0))
    {
        if let Some(src) = media.get("source_url").and_then(Value::as_str) {
            item.insert("image".into(), json!(src));
            if let Some(alt) = media
                .get("alt_text")
                .and_then(Value::as_str)
                .filter(|a| !a.trim().is_empty())
            {
                item.insert("_article".into(), json!({"image_alt": alt}));
            }
        }
    }
    let slug = post
        .get("slug")
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| url.as_deref().and_then(slug_from_url));
    Ok((item, slug))
}

/// `html` with paragraphs, when it was written as text with blank lines between them (the
/// classic editor): what WordPress's `wpautop` does for such content, in its simplest form.
pub fn autop(html: &str) -> String {
    let blocks = [
        "<p",
        "<div",
        "<h1",
        "<h2",
        "<h3",
        "<h4",
        "<h5",
        "<h6",
        "<ul",
        "<ol",
        "<blockquote",
        "<pre",
        "<table",
        "<figure",
        "<!-- wp:",
    ];
    let lower = html.to_ascii_lowercase();
    // A block tag is its name followed by `>`, white space or `/`: `<p` is not `<picture>`.
    let has_block = blocks.iter().any(|b| {
        lower.match_indices(b).any(|(i, _)| {
            b.ends_with(':')
                || lower[i + b.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| c == '>' || c == '/' || c.is_ascii_whitespace())
        })
    });
    if has_block {
        return html.to_string();
    }
    html.replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", p.replace('\n', "<br>\n")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One `<item>` of a WXR file: its fields by element name (`wp:post_type`, `title`, ...), its
/// categories (domain, name) and its post meta (key, value).
#[derive(Default)]
struct WxrItem {
    fields: HashMap<String, String>,
    categories: Vec<(String, String)>,
    meta: Vec<(String, String)>,
}

/// The channel's fields and its authors' names (login to display name).
#[derive(Default)]
struct WxrSite {
    header: Object,
    authors: HashMap<String, String>,
}

/// Streams the WXR file at `path`: calls `each` with every item, and returns the channel's
/// fields and authors.
fn stream_wxr(path: &Path, mut each: impl FnMut(WxrItem)) -> Result<WxrSite, SourceError> {
    let file = std::fs::File::open(path).map_err(|e| SourceError::io(path, e))?;
    let mut reader = Reader::from_reader(std::io::BufReader::with_capacity(1 << 16, file));
    // Exports in the wild carry bare `&` in URLs (`?a=1&b=2`); WordPress's own importer takes
    // them, and so does this.
    reader.config_mut().allow_dangling_amp = true;
    let mut buf = Vec::new();
    let mut site = WxrSite::default();
    let mut stack: Vec<String> = Vec::new();
    let mut item: Option<WxrItem> = None;
    let mut author: HashMap<String, String> = HashMap::new();
    let mut text = String::new();
    let mut category_domain = String::new();
    let mut meta_key = String::new();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            let at = reader.error_position();
            SourceError::invalid(path, format!("malformed XML at byte {at}: {e}"))
        })?;
        match event {
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                if name == "item" {
                    item = Some(WxrItem::default());
                }
                if name == "category" {
                    category_domain = e
                        .try_get_attribute("domain")
                        .ok()
                        .flatten()
                        .map(|a| a.value.into_owned())
                        .unwrap_or_default();
                }
                stack.push(name);
                text.clear();
            }
            // References come apart from the text around them.
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => match quick_xml::escape::resolve_predefined_entity(&r) {
                Some(c) => text.push_str(c),
                None => match r.resolve_char_ref().ok().flatten() {
                    Some(c) => text.push(c),
                    None => text.push_str(&format!("&{};", &*r)),
                },
            },
            Event::CData(c) => text.push_str(&c),
            Event::End(_) => {
                let name = stack.pop().unwrap_or_default();
                let value = std::mem::take(&mut text);
                let parent = stack.last().map(String::as_str).unwrap_or_default();
                match (&mut item, name.as_str(), parent) {
                    (Some(_), "item", _) => {
                        if let Some(done) = item.take() {
                            each(done);
                        }
                    }
                    (Some(it), "category", "item") => it
                        .categories
                        .push((category_domain.clone(), value.trim().to_string())),
                    (Some(_), "wp:meta_key", _) => meta_key = value.trim().to_string(),
                    (Some(it), "wp:meta_value", _) => {
                        it.meta.push((std::mem::take(&mut meta_key), value))
                    }
                    (Some(it), field, "item") => {
                        it.fields.insert(field.to_string(), value);
                    }
                    (None, "wp:author", _) => {
                        if let (Some(login), Some(display)) = (
                            author.remove("wp:author_login"),
                            author.remove("wp:author_display_name"),
                        ) {
                            site.authors
                                .insert(login.trim().to_string(), display.trim().to_string());
                        }
                        author.clear();
                    }
                    (None, field, "wp:author") => {
                        author.insert(field.to_string(), value);
                    }
                    (None, field @ ("title" | "link" | "language" | "description"), "channel") => {
                        let key = match field {
                            "link" => "home_page_url",
                            other => other,
                        };
                        if !value.trim().is_empty() {
                            site.header.insert(key.to_string(), json!(value.trim()));
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(site)
}

/// The WXR file's site fields as a JSON Feed's (`title`, `home_page_url`, `language`).
pub fn wxr_header(path: &Path) -> Result<Object, SourceError> {
    let mut header = stream_wxr(path, |_| {})?.header;
    header.remove("description");
    Ok(header)
}

/// Reads the published posts of the WXR file at `path` into `sink`.
pub fn read_wxr(path: &Path, base: &str, sink: &mut dyn Sink) -> Result<(), SourceError> {
    let mut attachments: HashMap<String, (String, Option<String>)> = HashMap::new();
    let site = stream_wxr(path, |item| {
        if item.fields.get("wp:post_type").map(String::as_str) == Some("attachment") {
            if let (Some(id), Some(url)) = (
                item.fields.get("wp:post_id"),
                item.fields.get("wp:attachment_url"),
            ) {
                let alt = item
                    .meta
                    .iter()
                    .find(|(k, _)| k == "_wp_attachment_image_alt")
                    .map(|(_, v)| v.trim().to_string())
                    .filter(|v| !v.is_empty());
                attachments.insert(id.trim().to_string(), (url.trim().to_string(), alt));
            }
        }
    })?;
    let home = site
        .header
        .get("home_page_url")
        .and_then(Value::as_str)
        .map(|h| h.trim_end_matches('/').to_string());
    let mut position = 0;
    stream_wxr(path, |wxr| {
        position += 1;
        let place = format!("{} item {position}", path.display());
        let kind = wxr.fields.get("wp:post_type").map_or("post", |t| t.trim());
        if kind != "post" {
            sink.skip(Notice {
                place,
                message: format!("not a post: {kind}"),
            });
            return;
        }
        let status = wxr.fields.get("wp:status").map_or("publish", |s| s.trim());
        if status != "publish" {
            sink.skip(Notice {
                place,
                message: format!("not published: {status}"),
            });
            return;
        }
        let post = wxr_post(&wxr, &site.authors, &attachments, home.as_deref());
        deliver(sink, post, base, place);
    })?;
    Ok(())
}

/// One WXR post as a JSON Feed item, with its slug.
fn wxr_post(
    wxr: &WxrItem,
    authors: &HashMap<String, String>,
    attachments: &HashMap<String, (String, Option<String>)>,
    home: Option<&str>,
) -> Result<(Object, Option<String>), String> {
    let field = |name: &str| {
        wxr.fields
            .get(name)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    };
    let mut item = Object::new();
    let link = field("link").map(|l| match (l.starts_with('/'), home) {
        (true, Some(home)) => format!("{home}{l}"),
        _ => l.to_string(),
    });
    let id = field("guid")
        .map(str::to_string)
        .or_else(|| field("wp:post_id").map(|i| format!("wp-{i}")))
        .or_else(|| link.clone())
        .ok_or("no guid, post id or link")?;
    item.insert("id".into(), json!(id));
    if let Some(link) = &link {
        item.insert("url".into(), json!(link));
    }
    if let Some(title) = field("title").map(html_to_text).filter(|t| !t.is_empty()) {
        item.insert("title".into(), json!(title));
    }
    let body = field("content:encoded").ok_or("no body")?;
    item.insert("content_html".into(), json!(autop(body)));
    if let Some(excerpt) = field("excerpt:encoded")
        .map(html_to_text)
        .filter(|e| !e.is_empty())
    {
        item.insert("summary".into(), json!(excerpt));
    }
    let date = |gmt: &str, fallback: &str| {
        field(gmt)
            .filter(|d| !d.starts_with("0000"))
            .and_then(normalize)
            .or_else(|| field(fallback).and_then(rfc2822))
    };
    if let Some(published) = date("wp:post_date_gmt", "pubDate") {
        item.insert("date_published".into(), json!(published));
    }
    if let Some(modified) = date("wp:post_modified_gmt", "") {
        item.insert("date_modified".into(), json!(modified));
    }
    if let Some(login) = field("dc:creator") {
        let name = authors.get(login).map_or(login, String::as_str);
        item.insert("authors".into(), json!([{ "name": name }]));
    }
    let mut tags: Vec<String> = Vec::new();
    for (domain, name) in &wxr.categories {
        let name = html_to_text(name);
        if matches!(domain.as_str(), "category" | "post_tag")
            && name != "Uncategorized"
            && !name.is_empty()
            && !tags.contains(&name)
        {
            tags.push(name);
        }
    }
    if !tags.is_empty() {
        item.insert("tags".into(), json!(tags));
    }
    let thumbnail = wxr
        .meta
        .iter()
        .find(|(k, _)| k == "_thumbnail_id")
        .and_then(|(_, v)| attachments.get(v.trim()));
    if let Some((url, alt)) = thumbnail {
        item.insert("image".into(), json!(url));
        if let Some(alt) = alt {
            let mut ext = Map::new();
            ext.insert("image_alt".into(), json!(alt));
            item.insert("_article".into(), Value::Object(ext));
        }
    }
    let slug = field("wp:post_name")
        .map(|s| s.trim_end_matches(".html").to_string())
        .or_else(|| link.as_deref().and_then(slug_from_url));
    Ok((item, slug))
}

/// An RFC 2822 date (RSS's `pubDate`) as RFC 3339.
fn rfc2822(text: &str) -> Option<String> {
    chrono::DateTime::parse_from_rfc2822(text.trim())
        .ok()
        .map(|d| d.to_rfc3339())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_editor_text_gets_paragraphs() {
        assert_eq!(
            autop("One\nline\n\nTwo"),
            "<p>One<br>\nline</p>\n<p>Two</p>"
        );
        assert_eq!(autop("<p>Already</p>\n\nhtml"), "<p>Already</p>\n\nhtml");
        assert_eq!(
            autop("<picture><img src=\"a.png\"></picture>\n\nText"),
            "<p><picture><img src=\"a.png\"></picture></p>\n<p>Text</p>"
        );
    }
}
