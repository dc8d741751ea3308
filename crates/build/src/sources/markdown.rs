//! A folder of Markdown posts with front matter, as Hugo, Jekyll, Eleventy, Zola and Astro keep
//! them: YAML between `---` lines or TOML between `+++` lines, then GitHub-flavoured Markdown
//! (tables, footnotes, task lists, strikethrough, autolinks), rendered by `pulldown-cmark`. The
//! field names of all five are read (`date`/`pubDate`, `lastmod`/`updated`, `tags` and
//! `categories`, `summary`/`description`/`excerpt`, `image`/`cover`/`featured_image`,
//! `author`/`authors`, `slug`, `lang`, `draft`); Zola's `[taxonomies]` and `[extra]` too.
//! Images and links relative to a post are copied and rebased with it.

use std::path::{Path, PathBuf};

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use serde_json::{json, Map, Value};

use super::dates::normalize;
use super::shortcodes;
use super::text::html_to_text;
use super::{Notice, Resource, Sink, SourceError, SourceItem};
use crate::feed_reader::Object;

/// The Markdown files under `root`, in order, and the symbolic links that were not followed
/// because they lead out of it. Drafts folders, hidden folders and section pages (`_index.md`)
/// are not posts. A link inside `root` is followed, each folder once, so that no loop of links
/// is walked forever.
fn files(root: &Path) -> Result<(Vec<PathBuf>, Vec<PathBuf>), SourceError> {
    let canonical_root = root.canonicalize().map_err(|e| SourceError::io(root, e))?;
    let mut out = Vec::new();
    let mut refused = Vec::new();
    let mut seen = std::collections::HashSet::from([canonical_root.clone()]);
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| SourceError::io(&dir, e))?;
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let is_dir = if kind.is_symlink() {
                match inside(&canonical_root, &path) {
                    Some(target) if target.is_dir() => seen.insert(target),
                    Some(_) => false,
                    None => {
                        refused.push(path);
                        continue;
                    }
                }
            } else {
                kind.is_dir()
            };
            if is_dir {
                if !name.starts_with('.') && name != "_drafts" && name != "node_modules" {
                    stack.push(path);
                }
            } else if (name.ends_with(".md") || name.ends_with(".markdown"))
                && !name.starts_with("_index.")
                && !path.is_dir()
            {
                out.push(path);
            }
        }
    }
    out.sort();
    refused.sort();
    Ok((out, refused))
}

/// Where `path` really is, when that is inside `canonical_root` (symbolic links resolved);
/// `None` when it is outside, or does not resolve.
fn inside(canonical_root: &Path, path: &Path) -> Option<PathBuf> {
    let target = path.canonicalize().ok()?;
    target.starts_with(canonical_root).then_some(target)
}

/// Splits `text` into its front matter (`---` YAML or `+++` TOML) and its body.
fn split_front_matter(text: &str) -> Option<(&str, &str, bool)> {
    let text = text.trim_start_matches('\u{FEFF}');
    let (fence, toml) = if text.starts_with("---") {
        ("---", false)
    } else if text.starts_with("+++") {
        ("+++", true)
    } else {
        return None;
    };
    let after = text[3..]
        .strip_prefix('\n')
        .or(text[3..].strip_prefix("\r\n"))?;
    let end = after
        .match_indices(fence)
        .find(|(i, _)| *i == 0 || after[..*i].ends_with('\n'))?
        .0;
    let body = after[end + 3..].trim_start_matches(['\r', '\n']);
    Some((&after[..end], body, toml))
}

/// TOML as JSON (dates as their text).
fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => json!(i),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect(),
        ),
    }
}

/// Parses front matter into an object; the error names the line.
fn parse_front_matter(text: &str, toml: bool) -> Result<Map<String, Value>, String> {
    if toml {
        let table: toml::Table =
            toml::from_str(text).map_err(|e| format!("front matter (TOML): {}", e.message()))?;
        return match toml_to_json(toml::Value::Table(table)) {
            Value::Object(map) => Ok(map),
            _ => Ok(Map::new()),
        };
    }
    super::yaml::front_matter(text)
}

/// The first of `keys` that `fields` has as text, or as the first text of a list, or as the
/// `image`/`src`/`url` of an object (Hugo's `cover: {image: ...}`).
fn first_text(fields: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|key| text_of(fields.get(*key)?))
}

fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => items.iter().find_map(text_of),
        Value::Object(obj) => ["image", "src", "url", "name"]
            .iter()
            .find_map(|k| obj.get(*k).and_then(text_of)),
        _ => None,
    }
}

/// Every text of `value`: a list, or one text (a comma-separated one split).
fn texts_of(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(text_of).collect(),
        Some(Value::String(s)) => s
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// The authors of a post: `author` or `authors`, each a name, or an object with `name` (and
/// `url`).
fn authors(fields: &Map<String, Value>) -> Vec<Value> {
    let mut out = Vec::new();
    for key in ["author", "authors"] {
        let values = match fields.get(key) {
            Some(Value::Array(items)) => items.clone(),
            Some(v) => vec![v.clone()],
            None => continue,
        };
        for v in values {
            match &v {
                Value::String(name) if !name.trim().is_empty() => {
                    out.push(json!({"name": name.trim()}))
                }
                Value::Object(obj) => {
                    if let Some(name) = obj.get("name").and_then(text_of) {
                        let mut author = Map::new();
                        author.insert("name".into(), json!(name));
                        if let Some(url) = obj.get("url").or(obj.get("link")).and_then(text_of) {
                            author.insert("url".into(), json!(url));
                        }
                        out.push(Value::Object(author));
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// Markdown as HTML, GitHub-flavoured: tables, footnotes, task lists, strikethrough, heading
/// ids, and bare URLs (`https://...`, `www...`) as links.
pub fn render(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM;
    let mut depth_in_link = 0usize;
    let mut in_code = false;
    let events = Parser::new_ext(markdown, options).flat_map(|event| {
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => depth_in_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => {
                depth_in_link = depth_in_link.saturating_sub(1)
            }
            // Links written as HTML count too: no link inside them.
            Event::InlineHtml(html) | Event::Html(html) => {
                let tag = html.trim_start().to_ascii_lowercase();
                if tag.starts_with("<a ") || tag.starts_with("<a>") {
                    depth_in_link += 1;
                } else if tag.starts_with("</a") {
                    depth_in_link = depth_in_link.saturating_sub(1);
                }
            }
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(text) if depth_in_link == 0 && !in_code => return autolink(text),
            _ => {}
        }
        vec![event]
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// `text` with its bare URLs made links, as GitHub's extended autolinks do.
fn autolink<'a>(text: &CowStr<'a>) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    let mut rest: &str = text;
    let mut plain = String::new();
    loop {
        let found = ["https://", "http://", "www."]
            .iter()
            .filter_map(|p| {
                // The first occurrence that starts a word (`awww.x` is not a link).
                rest.match_indices(p)
                    .map(|(i, _)| i)
                    .find(|&i| i == 0 || !rest[..i].ends_with(|c: char| c.is_alphanumeric()))
                    .map(|i| (i, *p))
            })
            .min_by_key(|(i, _)| *i);
        let Some((start, prefix)) = found else {
            plain.push_str(rest);
            break;
        };
        let end = rest[start..]
            .find(|c: char| c.is_whitespace() || c == '<')
            .map_or(rest.len(), |e| start + e);
        let mut url = &rest[start..end];
        // Trailing punctuation ends the sentence, not the URL; so does an unbalanced `)`.
        loop {
            let trimmed =
                url.trim_end_matches(['?', '!', '.', ',', ':', '*', '_', '~', '\'', '"', ';']);
            let trimmed = if trimmed.ends_with(')')
                && trimmed.matches('(').count() < trimmed.matches(')').count()
            {
                &trimmed[..trimmed.len() - 1]
            } else {
                trimmed
            };
            if trimmed.len() == url.len() {
                break;
            }
            url = trimmed;
        }
        // Trailing punctuation may have eaten into the prefix itself (`www.`).
        let host = url
            .get(prefix.len()..)
            .unwrap_or_default()
            .split(['/', '?', '#'])
            .next()
            .unwrap_or_default();
        if !host.contains('.') && prefix != "www." || host.len() < 3 {
            plain.push_str(&rest[..start + prefix.len()]);
            rest = &rest[start + prefix.len()..];
            continue;
        }
        plain.push_str(&rest[..start]);
        if !plain.is_empty() {
            out.push(Event::Text(CowStr::from(std::mem::take(&mut plain))));
        }
        let href = if prefix == "www." {
            format!("http://{url}")
        } else {
            url.to_string()
        };
        out.push(Event::Start(Tag::Link {
            link_type: LinkType::Autolink,
            dest_url: CowStr::from(href),
            title: CowStr::from(""),
            id: CowStr::from(""),
        }));
        out.push(Event::Text(CowStr::from(url.to_string())));
        out.push(Event::End(TagEnd::Link));
        rest = &rest[start + url.len()..];
    }
    if !plain.is_empty() {
        out.push(Event::Text(CowStr::from(plain)));
    }
    out
}

/// `path` (`a/./b/../c`) without its dot segments, or `None` when it climbs out.
fn normalize_path(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// What a post's relative `src` and `href` lead to.
#[derive(Debug, Default, PartialEq)]
struct Referred {
    /// Files under the source root to copy with the post.
    files: Vec<Resource>,
    /// Images that are not there.
    missing: Vec<String>,
    /// References to outside the source root (through `..` or a symbolic link): never copied.
    refused: Vec<String>,
}

/// The files under `root` (whose canonical path is `canonical_root`) that `html` (a post in
/// folder `base` of it) refers to with relative `src` or `href`: images and documents next to
/// the post, to copy with it.
fn resources(html: &str, root: &Path, canonical_root: &Path, base: &str) -> Referred {
    let mut found = Referred::default();
    for attribute in ["src=\"", "href=\""] {
        for part in html.split(attribute).skip(1) {
            let Some(url) = part.split('"').next() else {
                continue;
            };
            let url = url.split(['?', '#']).next().unwrap_or_default();
            let relative = !url.is_empty() && !url.starts_with('/') && !url.contains(':');
            if !relative {
                continue;
            }
            let decoded = url.replace("%20", " ");
            let joined = if base.is_empty() {
                decoded
            } else {
                format!("{base}/{decoded}")
            };
            let Some(site_path) = normalize_path(&joined) else {
                if !found.refused.iter().any(|r| r == url) {
                    found.refused.push(url.to_string());
                }
                continue;
            };
            let file = root.join(&site_path);
            let is_post = site_path.ends_with(".md") || site_path.ends_with(".markdown");
            if is_post || found.files.iter().any(|r| r.site_path == site_path) {
                continue;
            }
            if file.is_file() {
                if inside(canonical_root, &file).is_some() {
                    found.files.push(Resource { file, site_path });
                } else if !found.refused.iter().any(|r| r == url) {
                    found.refused.push(url.to_string());
                }
            } else if attribute == "src=\"" && !found.missing.iter().any(|m| m == url) {
                found.missing.push(url.to_string());
            }
        }
    }
    found
}

/// A Hugo translation's language at the end of a file's name (`post.fa` gives `post` and
/// `fa`; `post.pt-br` gives `pt-br`).
fn language_suffix(stem: &str) -> (&str, Option<&str>) {
    let Some((name, suffix)) = stem.rsplit_once('.') else {
        return (stem, None);
    };
    let (primary, region) = suffix.split_once('-').unwrap_or((suffix, ""));
    let is_language = (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && (region.is_empty()
            || (2..=4).contains(&region.len())
                && region.chars().all(|c| c.is_ascii_alphanumeric()));
    if is_language && !name.is_empty() && !name.ends_with('/') {
        (name, Some(suffix))
    } else {
        (stem, None)
    }
}

/// The date in a Jekyll post's file name (`2024-01-02-hello.md`), and the rest of the name.
fn jekyll_name(stem: &str) -> Option<(String, &str)> {
    let (date, rest) = (stem.get(..10)?, stem.get(11..)?);
    let valid = stem.as_bytes().get(10) == Some(&b'-') && normalize(date).is_some();
    valid.then(|| (date.to_string(), rest))
}

/// The file's last change, as an RFC 3339 date.
fn file_date(path: &Path) -> Option<String> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let seconds = modified
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs() as i64;
    Some(rfc3339_utc(seconds))
}

/// Unix time `seconds` as an RFC 3339 date-time in UTC (`2024-05-01T10:00:00Z`).
pub fn rfc3339_utc(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    // Days since 1970 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let time = seconds.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        time / 3600,
        time % 3600 / 60,
        time % 60
    )
}

/// The member of a post's `_article` that says which posts are translations of each other;
/// the build takes it out before writing the post.
pub const TRANSLATION_KEY: &str = "translation_key";

/// Reads every post under `root` into `sink`.
pub fn read(root: &Path, sink: &mut dyn Sink) -> Result<(), SourceError> {
    let (posts, refused) = files(root)?;
    for path in refused {
        sink.warn(Notice {
            place: path.display().to_string(),
            message: "not followed: a symbolic link to outside the source folder".into(),
        });
    }
    let canonical_root = root.canonicalize().map_err(|e| SourceError::io(root, e))?;
    for path in posts {
        read_post(root, &canonical_root, &path, sink);
    }
    Ok(())
}

/// Reads the post in the file `path` under `root` (`canonical_root` where it really is)
/// into `sink`: `serve` reads an edited post alone.
pub fn read_post(root: &Path, canonical_root: &Path, path: &Path, sink: &mut dyn Sink) {
    let relative = path
        .strip_prefix(root)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    let place = format!("{}", path.display());
    let notice = |message: String| Notice {
        place: place.clone(),
        message,
    };
    let text = match std::fs::read(path).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => {
            sink.skip(notice("not UTF-8 text".into()));
            return;
        }
        Err(e) => {
            sink.skip(notice(e.to_string()));
            return;
        }
    };
    let Some((front, body, toml)) = split_front_matter(&text) else {
        sink.skip(notice("no front matter (--- or +++): not a post".into()));
        return;
    };
    let fields = match parse_front_matter(front, toml) {
        Ok(fields) => fields,
        Err(e) => {
            sink.skip(notice(e));
            return;
        }
    };
    if fields
        .get("draft")
        .is_some_and(|d| d == &Value::Bool(true) || d == "true")
    {
        sink.skip(notice("a draft".into()));
        return;
    }
    if fields.get("published") == Some(&Value::Bool(false)) {
        sink.skip(notice("not published: published is false".into()));
        return;
    }
    // `post.md`, `post/index.md`, and Hugo's translations `post.fa.md`, `post/index.fa.md`.
    let no_extension = relative
        .trim_end_matches(".markdown")
        .trim_end_matches(".md");
    let (no_language, file_language) = language_suffix(no_extension);
    let bundle = no_language == "index" || no_language.ends_with("/index");
    let folder = no_language.trim_end_matches("index").trim_end_matches('/');
    let id_path = match (bundle, file_language) {
        (true, Some(lang)) => format!("{folder}.{lang}"),
        (true, None) => folder.to_string(),
        (false, _) => no_extension.to_string(),
    };
    let base = if bundle {
        folder
    } else {
        no_extension.rsplit_once('/').map_or("", |(dir, _)| dir)
    };
    let file_language = file_language.map(str::to_string);
    let stem = id_path.rsplit('/').next().unwrap_or("post").to_string();
    let jekyll = jekyll_name(&stem);
    let zola = fields.get("taxonomies").and_then(Value::as_object);
    let extra = fields.get("extra").and_then(Value::as_object);

    let mut item = Object::new();
    item.insert("id".into(), json!(id_path));
    let title = first_text(&fields, &["title"])
        .map(|t| html_to_text(&t))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| {
            jekyll
                .as_ref()
                .map_or(stem.clone(), |(_, name)| name.to_string())
                .replace(['-', '_'], " ")
        });
    item.insert("title".into(), json!(title));
    if let Some(url) = first_text(
        &fields,
        &["url", "permalink", "canonical_url", "canonicalURL"],
    )
    .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
    {
        item.insert("url".into(), json!(url));
    }
    let written = first_text(
        &fields,
        &["date", "pubDate", "publishDate", "published", "created"],
    );
    let date = match written.as_deref().map(|d| (d, normalize(d))) {
        Some((_, Some(date))) => Some(date),
        Some((raw, None)) => {
            sink.warn(notice(format!(
                "date {raw:?} not understood: dated by its file"
            )));
            None
        }
        None => jekyll.as_ref().map(|(date, _)| date.clone()),
    };
    let date = date.or_else(|| {
        if written.is_none() {
            sink.warn(notice("no date: dated by its file".into()));
        }
        file_date(path)
    });
    if let Some(date) = date {
        item.insert("date_published".into(), json!(date));
    }
    if let Some(modified) = first_text(
        &fields,
        &[
            "lastmod",
            "updated",
            "modified",
            "last_modified_at",
            "updatedDate",
            "lastUpdated",
        ],
    )
    .and_then(|d| normalize(&d))
    {
        item.insert("date_modified".into(), json!(modified));
    }
    let mut tags = texts_of(fields.get("tags"));
    tags.extend(texts_of(fields.get("categories")));
    if let Some(zola) = zola {
        tags.extend(texts_of(zola.get("tags")));
        tags.extend(texts_of(zola.get("categories")));
    }
    let mut unique: Vec<String> = Vec::new();
    for tag in tags {
        if !unique.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            unique.push(tag);
        }
    }
    if !unique.is_empty() {
        item.insert("tags".into(), json!(unique));
    }
    if let Some(summary) = first_text(&fields, &["summary", "description", "excerpt", "subtitle"]) {
        item.insert("summary".into(), json!(summary));
    }
    let image_keys = [
        "image",
        "cover",
        "featured_image",
        "featureImage",
        "feature_image",
        "heroImage",
        "hero",
        "thumbnail",
        "images",
        "banner",
    ];
    if let Some(image) =
        first_text(&fields, &image_keys).or_else(|| extra.and_then(|e| first_text(e, &image_keys)))
    {
        item.insert("image".into(), json!(image));
    }
    let authors = authors(&fields);
    if !authors.is_empty() {
        item.insert("authors".into(), Value::Array(authors));
    }
    if let Some(lang) = first_text(&fields, &["lang", "language", "locale"]).or(file_language) {
        item.insert("language".into(), json!(lang.replace('_', "-")));
    }
    // Translations of one post share a key: Hugo's `translationKey`, else the file's path
    // without its language (`post.md`, `post.fr.md`; `post/index.md`, `post/index.fr.md`).
    let translation = first_text(&fields, &["translationKey", "translation_key"])
        .unwrap_or_else(|| if bundle { folder } else { no_language }.to_string());
    item.insert("_article".into(), json!({ TRANSLATION_KEY: translation }));
    let (body, unrendered) = shortcodes::expand(body);
    if !unrendered.is_empty() {
        sink.warn(notice(format!(
            "shortcodes left out: {}",
            unrendered.join(", ")
        )));
    }
    let html = render(&body);
    if html.trim().is_empty() {
        sink.skip(notice("no body".into()));
        return;
    }
    let referred = resources(&html, root, canonical_root, base);
    if !referred.missing.is_empty() {
        sink.warn(notice(format!(
            "refers to files that are not there: {}",
            referred.missing.join(", ")
        )));
    }
    if !referred.refused.is_empty() {
        sink.warn(notice(format!(
            "not published: files outside the source folder: {}",
            referred.refused.join(", ")
        )));
    }
    item.insert("content_html".into(), json!(html));
    let slug = first_text(&fields, &["slug"])
        .or_else(|| Some(jekyll.map_or(stem.clone(), |(_, name)| name.to_string())));
    sink.item(SourceItem {
        item,
        base: base.to_string(),
        slug,
        place,
        resources: referred.files,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_in_yaml_and_toml() {
        let (front, body, toml) = split_front_matter("---\ntitle: A\n---\n\nBody").expect("YAML");
        assert_eq!((front, body, toml), ("title: A\n", "Body", false));
        let (front, _, toml) = split_front_matter("+++\ntitle = \"A\"\n+++\nBody").expect("TOML");
        assert_eq!((front, toml), ("title = \"A\"\n", true));
        assert!(split_front_matter("# Just Markdown").is_none());
        let fields = parse_front_matter(
            "title = \"T\"\ndate = 2024-01-02T10:00:00Z\n[taxonomies]\ntags = [\"a\"]",
            true,
        )
        .expect("TOML");
        assert_eq!(fields["date"], "2024-01-02T10:00:00Z");
        assert_eq!(fields["taxonomies"]["tags"][0], "a");
        // Lines are the file's: the front matter starts on line 2, after `---`.
        let error = parse_front_matter("title: A\ntags: x: y\n", false).expect_err("bad YAML");
        assert!(error.contains("line 3"), "{error}");
    }

    #[test]
    fn github_flavoured_markdown() {
        let html = render(
            "| a | b |\n|:-|-:|\n| 1 | 2 |\n\n- [x] done\n- [ ] to do\n\n~~gone~~ see https://a.example/x. and www.b.example\n\nNote[^1].\n\n[^1]: The note.\n",
        );
        assert!(
            html.contains("<table>") && html.contains("text-align: right"),
            "{html}"
        );
        assert!(html.contains("type=\"checkbox\""), "{html}");
        assert!(html.contains("<del>gone</del>"), "{html}");
        assert!(
            html.contains("<a href=\"https://a.example/x\">https://a.example/x</a>."),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"http://www.b.example\">www.b.example</a>"),
            "{html}"
        );
        assert!(html.contains("footnote"), "{html}");
        assert!(
            !render("`https://a.example`").contains("<a "),
            "no links in code"
        );
        // Trailing punctuation, a prefix inside a word, a link written as HTML.
        for text in ["Visit www.", "(www.)", "www.,"] {
            assert!(!render(text).contains("<a "), "{text}");
        }
        assert!(
            render("awww.x and www.example.com").contains("<a href=\"http://www.example.com\">")
        );
        let html = render("<a href=\"https://x.io\">https://x.io</a>");
        assert_eq!(html.matches("<a ").count(), 1, "{html}");
    }

    #[test]
    fn jekyll_names_and_dates() {
        assert_eq!(
            jekyll_name("2024-01-02-hello-world"),
            Some(("2024-01-02".to_string(), "hello-world"))
        );
        assert_eq!(jekyll_name("hello-world"), None);
        assert_eq!(normalize_path("a/./b/../c"), Some("a/c".to_string()));
        assert_eq!(normalize_path("../x"), None);
        assert_eq!(language_suffix("posts/a.fa"), ("posts/a", Some("fa")));
        assert_eq!(language_suffix("a/index.pt-br"), ("a/index", Some("pt-br")));
        assert_eq!(language_suffix("v1.2"), ("v1.2", None));
        assert_eq!(language_suffix("notes.draft"), ("notes.draft", None));
    }
}
