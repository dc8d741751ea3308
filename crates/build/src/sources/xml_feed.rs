//! RSS (0.9x, 1.0, 2.0) and Atom 1.0 feeds, read by `feed-rs` a post at a time: the document is
//! streamed through `quick-xml`, which finds its items, and each item is parsed on its own inside
//! the feed's envelope (its XML declaration, root and channel, up to the first item), so only the
//! item being read is held, whatever the feed's size, and a broken item costs only itself. A
//! feed in a legacy encoding is decoded to UTF-8 as it streams.
//!
//! Mapped: `guid`/`id`, the item's link, `title` (markup in it becomes text), `content:encoded`
//! or Atom `content` (HTML, XHTML or text), `description`/`summary`, `dc:creator`/`author`,
//! `category`, images from `media:thumbnail`, `media:content` and image enclosures,
//! `pubDate`/`published`/`dc:date` and `updated`.

use std::io::{BufRead, Read};
use std::path::Path;

use feed_rs::model::{Entry, Feed, Text};
use quick_xml::events::Event;
use quick_xml::Reader;
use serde_json::{json, Value};

use super::text::html_to_text;
use super::{slug_from_title, slug_from_url, Notice, Sink, SourceError, SourceItem};
use crate::feed_reader::Object;

/// Most characters of a summary taken from a feed.
const SUMMARY_CHARS: usize = 400;

/// The bytes a reader has consumed since they were last taken: the text of the item being read
/// is taken out whole when it ends, and nothing before it is kept. Newlines are counted on the
/// way, for the line numbers of messages.
struct Recorder<R> {
    inner: R,
    kept: Vec<u8>,
    /// Where `kept` starts, in bytes from the start of the (UTF-8) stream.
    kept_from: usize,
    /// Newlines consumed so far.
    newlines: usize,
}

impl<R: BufRead> Recorder<R> {
    /// Forgets what was kept; keeping starts again at `offset`.
    fn restart(&mut self, offset: usize) {
        self.kept.clear();
        self.kept_from = offset;
    }

    /// The bytes kept from `from` to `to` (stream offsets).
    fn slice(&self, from: usize, to: usize) -> &[u8] {
        let start = from.saturating_sub(self.kept_from).min(self.kept.len());
        let end = to.saturating_sub(self.kept_from).min(self.kept.len());
        &self.kept[start..end.max(start)]
    }
}

impl<R: BufRead> Read for Recorder<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        read_buffered(self, out)
    }
}

impl<R: BufRead> BufRead for Recorder<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        if let Ok(available) = self.inner.fill_buf() {
            let taken = &available[..n.min(available.len())];
            self.newlines += taken.iter().filter(|&&b| b == b'\n').count();
            self.kept.extend_from_slice(taken);
        }
        self.inner.consume(n);
    }
}

/// `Read::read` for a `BufRead`: what its buffer holds, as much as fits in `out`.
fn read_buffered(source: &mut impl BufRead, out: &mut [u8]) -> std::io::Result<usize> {
    let n = {
        let available = source.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        n
    };
    source.consume(n);
    Ok(n)
}

/// A byte stream in a legacy encoding (ISO-8859-1, Windows-1252, UTF-16...) read as UTF-8.
struct Decode<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    out: Vec<u8>,
    at: usize,
    done: bool,
}

impl<R: BufRead> Read for Decode<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        read_buffered(self, out)
    }
}

impl<R: BufRead> BufRead for Decode<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        while self.at >= self.out.len() && !self.done {
            let input = self.inner.fill_buf()?;
            let last = input.is_empty();
            let room = self
                .decoder
                .max_utf8_buffer_length(input.len())
                .unwrap_or(input.len() * 3 + 16);
            self.out.resize(room, 0);
            let (_, read, written, _) = self.decoder.decode_to_utf8(input, &mut self.out, last);
            self.out.truncate(written);
            self.at = 0;
            self.inner.consume(read);
            self.done = last;
        }
        Ok(&self.out[self.at.min(self.out.len())..])
    }

    fn consume(&mut self, n: usize) {
        self.at += n;
    }
}

/// The encoding the feed's byte order mark or XML declaration names, when it is not UTF-8, and
/// the length of the byte order mark.
fn declared_encoding(
    head: &[u8],
) -> Result<Option<(&'static encoding_rs::Encoding, usize)>, String> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(head) {
        return Ok((encoding != encoding_rs::UTF_8).then_some((encoding, bom)));
    }
    // The declaration is ASCII in every encoding a feed may declare without a byte order mark.
    let mut reader = Reader::from_reader(head);
    let declared = match reader.read_event() {
        Ok(Event::Decl(decl)) => decl.encoding().and_then(Result::ok).map(|e| e.into_owned()),
        _ => None,
    };
    let Some(label) = declared else {
        return Ok(None);
    };
    let encoding = encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or(format!(
        "the feed declares an encoding this does not know: {label}"
    ))?;
    Ok((encoding != encoding_rs::UTF_8).then_some((encoding, 0)))
}

/// The feed at `path` as a stream of UTF-8.
fn open(path: &Path) -> Result<Box<dyn BufRead>, SourceError> {
    let fail = |e| SourceError::io(path, e);
    let mut file =
        std::io::BufReader::with_capacity(1 << 16, std::fs::File::open(path).map_err(fail)?);
    let head = file.fill_buf().map_err(fail)?;
    let head = &head[..head.len().min(1024)];
    match declared_encoding(head).map_err(|e| SourceError::invalid(path, e))? {
        None => {
            // A UTF-8 byte order mark goes too: quick-xml skips it without counting it, which
            // would put every offset three bytes off.
            if head.starts_with(b"\xEF\xBB\xBF") {
                file.consume(3);
            }
            Ok(Box::new(file))
        }
        Some((encoding, bom)) => {
            file.consume(bom);
            Ok(Box::new(Decode {
                inner: file,
                decoder: encoding.new_decoder_without_bom_handling(),
                out: Vec::new(),
                at: 0,
                done: false,
            }))
        }
    }
}

/// What [`walk`] tells of a feed, as it goes.
enum Found<'a> {
    /// Everything before the first item (the declaration, the root, the channel's own fields)
    /// and the end tags that close it: the envelope each item is parsed in.
    Envelope(Vec<u8>, Vec<u8>),
    /// An item's text, and the line it starts on.
    Item(&'a [u8], usize),
}

/// Walks the feed at `path` with quick-xml, a piece at a time, telling `each` of its envelope
/// (once, when the first item starts, or at the end when it has none; with `only_envelope` the
/// walk ends there) and of each item (`item` or `entry`) as it ends; returns the fault, if the XML breaks, after which nothing more could
/// be read. Only the item being read is held, so memory does not grow with the feed.
fn walk(
    path: &Path,
    only_envelope: bool,
    mut each: impl FnMut(Found),
) -> Result<Option<String>, SourceError> {
    let recorder = Recorder {
        inner: open(path)?,
        kept: Vec::new(),
        kept_from: 0,
        newlines: 0,
    };
    let mut reader = Reader::from_reader(recorder);
    // A bare `&` breaks only the item it is in (feed-rs tells which). An end tag that closes
    // the wrong element closes back to the one it names, as an HTML parser would: the item
    // with it is left to feed-rs to refuse, and the items after it are still found.
    let config = reader.config_mut();
    config.allow_dangling_amp = true;
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    let mut buf = Vec::new();
    // The qualified names of the open elements.
    let mut stack: Vec<String> = Vec::new();
    // The item being read: where it starts, and how many elements were open around it.
    let mut open: Option<(usize, usize)> = None;
    let mut enveloped = false;
    let closing = |stack: &[String]| -> Vec<u8> {
        stack
            .iter()
            .rev()
            .map(|n| format!("</{n}>"))
            .collect::<String>()
            .into_bytes()
    };
    let fault = loop {
        if enveloped && open.is_none() {
            let at = reader.buffer_position() as usize;
            reader.get_mut().restart(at);
        }
        let before = reader.buffer_position() as usize;
        let event = reader.read_event_into(&mut buf);
        let after = reader.buffer_position() as usize;
        let (is_item, empty) = match &event {
            Ok(Event::Start(e)) => (matches!(e.local_name().as_ref(), "item" | "entry"), false),
            Ok(Event::Empty(e)) => (matches!(e.local_name().as_ref(), "item" | "entry"), true),
            _ => (false, false),
        };
        if is_item && open.is_none() && stack.len() <= 2 && !enveloped {
            let head = reader.get_ref().slice(0, before).to_vec();
            each(Found::Envelope(declared_utf8(&head), closing(&stack)));
            enveloped = true;
            if only_envelope {
                return Ok(None);
            }
        }
        let line = |reader: &Reader<Recorder<Box<dyn BufRead>>>, from: usize| {
            let recorder = reader.get_ref();
            let since = recorder
                .slice(from, after)
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            recorder.newlines - since + 1
        };
        match event {
            Ok(Event::Start(e)) => {
                if is_item && open.is_none() && stack.len() <= 2 {
                    open = Some((before, stack.len()));
                }
                stack.push(e.name().as_ref().to_string());
            }
            Ok(Event::End(e)) => {
                if let Some(at) = stack.iter().rposition(|n| n.as_str() == e.name().as_ref()) {
                    stack.truncate(at);
                }
                if let Some((start, _)) = open.filter(|(_, around)| stack.len() <= *around) {
                    let line = line(&reader, start);
                    each(Found::Item(reader.get_ref().slice(start, after), line));
                    open = None;
                }
            }
            Ok(Event::Empty(_)) if is_item && empty && open.is_none() && stack.len() <= 2 => {
                let line = line(&reader, before);
                each(Found::Item(reader.get_ref().slice(before, after), line));
            }
            Ok(Event::Eof) => {
                break if open.is_some() {
                    Some("the document ends inside an item".to_string())
                } else {
                    stack
                        .last()
                        .map(|name| format!("the document ends inside <{name}>"))
                };
            }
            Ok(_) => {}
            Err(e) => {
                let at = reader.error_position() as usize;
                let line = line(&reader, at);
                break Some(format!("malformed XML at line {line}: {e}"));
            }
        }
        buf.clear();
    };
    if !enveloped {
        let head = reader.get_ref().slice(0, usize::MAX).to_vec();
        each(Found::Envelope(declared_utf8(&head), closing(&stack)));
    }
    Ok(fault)
}

/// `head`, then `item`, then `tail`: one item inside the feed's envelope.
fn enveloped(head: &[u8], item: &[u8], tail: &[u8]) -> Vec<u8> {
    let mut doc = Vec::with_capacity(head.len() + item.len() + tail.len());
    doc.extend_from_slice(head);
    doc.extend_from_slice(item);
    doc.extend_from_slice(tail);
    doc
}

/// True when `document` has an XML declaration after its first: not well-formed XML, and
/// feed-rs panics on one that names another encoding (it asks quick-xml to switch encodings
/// after the start, which quick-xml refuses by panicking). Found by fuzzing (`fuzz/`, `feed`).
fn late_declaration(document: &[u8]) -> bool {
    let later = |from: usize| {
        document
            .get(from..)
            .is_some_and(|rest| rest.windows(5).any(|w| w == b"<?xml"))
    };
    if !later(1) {
        return false;
    }
    let mut reader = Reader::from_reader(document);
    let config = reader.config_mut();
    config.allow_dangling_amp = true;
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    let mut first = true;
    loop {
        match reader.read_event() {
            Ok(Event::Decl(_)) if !first => return true,
            Ok(Event::Eof) => return false,
            Ok(_) => first = false,
            // Where the reader stops, feed-rs stops too, unless it reads on: a declaration
            // later still is refused.
            Err(_) => return later(reader.buffer_position() as usize),
        }
    }
}

/// Parses `document` with feed-rs, with ids that stay the same from one build to the next.
fn parse(document: &[u8]) -> Result<Feed, String> {
    // Bytes that are not UTF-8 read as U+FFFD here, as feed-rs would read them: what is checked
    // is what it parses.
    let document = String::from_utf8_lossy(document);
    let document = document.as_bytes();
    if late_declaration(document) {
        return Err("an XML declaration inside the document".into());
    }
    feed_rs::parser::Builder::new()
        .id_generator(|links, title, uri| {
            if let Some(link) = links.first() {
                return feed_rs::parser::generate_id_from_link_and_title(link, title);
            }
            let text = format!(
                "{}\u{1}{}",
                uri.unwrap_or_default(),
                title.as_ref().map_or("", |t| t.content.as_str())
            );
            let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
            });
            format!("{hash:016x}")
        })
        .sanitize_content(false)
        .build()
        .parse(document)
        .map_err(|e| e.to_string())
}

/// `xml` with its XML declaration, if any, replaced by one that says UTF-8.
fn declared_utf8(xml: &[u8]) -> Vec<u8> {
    let rest = match xml.strip_prefix(b"<?xml") {
        Some(rest) => rest
            .windows(2)
            .position(|w| w == b"?>")
            .map_or(xml, |end| &rest[end + 2..]),
        None => xml,
    };
    let mut out = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>".to_vec();
    out.extend_from_slice(rest);
    out
}

/// The feed's own fields as a JSON Feed's: `title`, `home_page_url`, `language`, `icon`, from
/// what comes before its first item.
pub fn header(path: &Path) -> Result<Object, SourceError> {
    let mut envelope: Option<(Vec<u8>, Vec<u8>)> = None;
    walk(path, true, |found| {
        if let Found::Envelope(head, tail) = found {
            envelope = Some((head, tail));
        }
    })?;
    let (head, tail) = envelope.ok_or_else(|| SourceError::invalid(path, "not a feed"))?;
    let feed = parse(&enveloped(&head, b"", &tail)).map_err(|e| SourceError::invalid(path, e))?;
    let mut header = Object::new();
    if let Some(title) = &feed.title {
        header.insert("title".into(), json!(text_of(title)));
    }
    if let Some(link) = feed
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
    {
        header.insert("home_page_url".into(), json!(link.href));
    }
    if let Some(language) = &feed.language {
        header.insert("language".into(), json!(language));
    }
    if let Some(icon) = feed.icon.as_ref().or(feed.logo.as_ref()) {
        header.insert("icon".into(), json!(icon.uri));
    }
    Ok(header)
}

/// Reads every item of the feed at `path` into `sink`, as the feed is walked.
pub fn read(path: &Path, base: &str, sink: &mut dyn Sink) -> Result<(), SourceError> {
    let mut envelope: Option<(Vec<u8>, Vec<u8>, Option<String>)> = None;
    let mut n = 0;
    let fault = walk(path, false, |found| match found {
        Found::Envelope(head, tail) => {
            let language = parse(&enveloped(&head, b"", &tail))
                .ok()
                .and_then(|f| f.language);
            envelope = Some((head, tail, language));
        }
        Found::Item(raw, line) => {
            n += 1;
            let Some((head, tail, language)) = &envelope else {
                return;
            };
            let place = format!("{} item {n} (line {line})", path.display());
            let document = enveloped(head, raw, tail);
            let language = language.as_deref();
            let notice = |message: String| Notice {
                place: place.clone(),
                message,
            };
            let entry = match parse(&document) {
                Ok(feed) => feed.entries.into_iter().next(),
                Err(e) => return sink.skip(notice(e)),
            };
            let Some(entry) = entry else {
                return sink.skip(notice("no item in it".into()));
            };
            match item_of(&entry, language, raw) {
                Ok((item, slug)) => {
                    if !item.contains_key("date_published") {
                        sink.warn(notice(if has_date_element(raw) {
                            "date not understood: kept undated".into()
                        } else {
                            "no date: kept undated".into()
                        }));
                    }
                    sink.item(SourceItem {
                        item,
                        base: base.to_string(),
                        slug,
                        place,
                        resources: Vec::new(),
                    })
                }
                Err(reason) => sink.skip(notice(reason)),
            }
        }
    })?;
    if n == 0 {
        match &fault {
            Some(fault) => return Err(SourceError::invalid(path, fault)),
            None => sink.skip(Notice {
                place: path.display().to_string(),
                message: "no items in the feed".into(),
            }),
        }
    }
    if let Some(fault) = fault {
        sink.skip(Notice {
            place: path.display().to_string(),
            message: format!("{fault}; the items after it could not be read"),
        });
    }
    Ok(())
}

/// The text of a feed's `Text`, markup in it made text.
fn text_of(text: &Text) -> String {
    html_to_text(&text.content)
}

/// Whether `media_type` is HTML or XHTML.
fn is_html(media_type: &str) -> bool {
    media_type.contains("html")
}

/// A feed entry as a JSON Feed item, with its slug; an error when it has no body.
fn item_of(
    entry: &Entry,
    feed_language: Option<&str>,
    raw: &[u8],
) -> Result<(Object, Option<String>), String> {
    let mut item = Object::new();
    item.insert("id".into(), json!(entry.id));
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .map(|l| l.href.clone());
    if let Some(url) = &url {
        item.insert("url".into(), json!(url));
    }
    if let Some(title) = entry.title.as_ref().map(text_of).filter(|t| !t.is_empty()) {
        item.insert("title".into(), json!(title));
    }
    let summary_html = entry.summary.as_ref().map(|s| s.content.clone());
    let body = entry.content.as_ref().and_then(|c| {
        let body = c.body.clone().filter(|b| !b.trim().is_empty())?;
        Some((body, is_html(c.content_type.as_ref())))
    });
    match (body, &summary_html) {
        (Some((body, true)), _) => {
            item.insert("content_html".into(), json!(body));
            if let Some(summary) = summary_html
                .as_deref()
                .map(html_to_text)
                .filter(|s| !s.is_empty())
            {
                item.insert("summary".into(), json!(cut(&summary)));
            }
        }
        (Some((body, false)), _) => {
            item.insert("content_text".into(), json!(body));
        }
        // RSS often carries the whole post in `description`.
        (None, Some(summary)) if !summary.trim().is_empty() => {
            item.insert("content_html".into(), json!(summary));
        }
        _ => return Err("no body (no content or description)".into()),
    }
    let image = entry
        .media
        .iter()
        .flat_map(|m| m.thumbnails.iter().map(|t| t.image.uri.clone()))
        .chain(entry.media.iter().flat_map(|m| {
            m.content
                .iter()
                .filter(|c| {
                    c.content_type
                        .as_ref()
                        .is_none_or(|t| t.as_ref().starts_with("image/"))
                })
                .filter_map(|c| c.url.as_ref().map(|u| u.to_string()))
        }))
        .chain(
            entry
                .links
                .iter()
                .filter(|l| l.rel.as_deref() == Some("enclosure"))
                .filter(|l| {
                    l.media_type
                        .as_deref()
                        .is_some_and(|t| t.starts_with("image/"))
                })
                .map(|l| l.href.clone()),
        )
        .next()
        .or_else(|| lone_thumbnail(raw));
    if let Some(image) = image {
        item.insert("image".into(), json!(image));
    }
    let published = entry.published.or(entry.updated);
    if let Some(date) = published {
        item.insert("date_published".into(), json!(date.to_rfc3339()));
    }
    if let (Some(updated), Some(published)) = (entry.updated, entry.published) {
        if updated > published {
            item.insert("date_modified".into(), json!(updated.to_rfc3339()));
        }
    }
    let authors: Vec<Value> = entry
        .authors
        .iter()
        .filter_map(|p| {
            let name = p.name.as_deref()?.trim();
            (!name.is_empty()).then(|| match p.uri.as_deref() {
                Some(uri) => json!({"name": name, "url": uri}),
                None => json!({"name": name}),
            })
        })
        .collect();
    if !authors.is_empty() {
        item.insert("authors".into(), Value::Array(authors));
    }
    let tags: Vec<String> = entry
        .categories
        .iter()
        .map(|c| html_to_text(c.label.as_deref().unwrap_or(&c.term)))
        .filter(|t| !t.is_empty())
        .collect();
    if !tags.is_empty() {
        item.insert("tags".into(), json!(tags));
    }
    if let Some(language) = entry.language.as_deref().or(feed_language) {
        item.insert("language".into(), json!(language));
    }
    let slug = url.as_deref().and_then(slug_from_url).or_else(|| {
        let title = item.get("title").and_then(Value::as_str)?;
        slug_from_title(title)
    });
    Ok((item, slug))
}

/// Whether the item has an element that dates it (`pubDate`, `dc:date`, `published`,
/// `updated`), read or not.
fn has_date_element(raw: &[u8]) -> bool {
    let mut reader = Reader::from_reader(raw);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let name = e.local_name();
                if matches!(
                    name.as_ref(),
                    "pubDate" | "date" | "published" | "updated" | "issued" | "modified"
                ) {
                    return true;
                }
            }
            Ok(Event::Eof) | Err(_) => return false,
            _ => {}
        }
    }
}

/// The `url` of the item's first `media:thumbnail`. feed-rs 3.0 keeps a Media RSS thumbnail only
/// beside a `media:content`, and a thumbnail alone is how many blogs give a post's image.
fn lone_thumbnail(raw: &[u8]) -> Option<String> {
    let mut reader = Reader::from_reader(raw);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "thumbnail" => {
                let url = e.try_get_attribute("url").ok().flatten()?;
                return Some(
                    url.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .ok()?
                        .trim()
                        .to_string(),
                )
                .filter(|u| !u.is_empty());
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// `text` cut at a word to [`SUMMARY_CHARS`].
fn cut(text: &str) -> String {
    crate::head::cut_at_word(text, SUMMARY_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Posts, skips and warnings.
    struct Collect(Vec<SourceItem>, Vec<Notice>, Vec<Notice>);

    impl Sink for Collect {
        fn item(&mut self, item: SourceItem) {
            self.0.push(item);
        }
        fn skip(&mut self, notice: Notice) {
            self.1.push(notice);
        }
        fn warn(&mut self, notice: Notice) {
            self.2.push(notice);
        }
    }

    #[test]
    fn a_declaration_inside_the_feed_is_refused_not_a_panic() {
        // Found by the `feed` fuzz target: feed-rs panicked (in quick-xml's set_encoding).
        let feed = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\" ?>\n<rss version=\"2.0\"><channel>\
            <title>T</title><image><url>https://w<?xml version=\"1.0\" encoding=\"ISO-8859-1\" ?>\
            </url></image><item><title>A</title><description>b</description></item></channel></rss>";
        let path =
            std::env::temp_dir().join(format!("broadsheet-xml-decl-{}.xml", std::process::id()));
        std::fs::write(&path, feed).expect("write");
        assert!(header(&path).is_err());
        let _ = std::fs::remove_file(&path);
        let read = read_text(feed);
        assert!(read.0.is_empty());
        assert!(
            read.1[0].message.contains("XML declaration"),
            "{:?}",
            read.1[0].message
        );
        // Bytes that are not UTF-8 before one: feed-rs read `<\xB4?xml` as a declaration.
        let feed = b"<\xB4?xml version=\"1.0\" encoding=\"ISO-8859-1\" ?>\n<rss version=\"2.0\"><channel>\
            <title>T</title><item><title>A</title><description>b</description></item></channel></rss>";
        let path =
            std::env::temp_dir().join(format!("broadsheet-xml-decl-b-{}.xml", std::process::id()));
        std::fs::write(&path, feed).expect("write");
        let _ = header(&path);
        let _ = super::read(&path, "", &mut Collect(Vec::new(), Vec::new(), Vec::new()));
        let _ = std::fs::remove_file(&path);
        // One in a CDATA section is text.
        assert!(!late_declaration(
            b"<?xml version=\"1.0\"?><a><![CDATA[<?xml version=\"1.0\"?>]]></a>"
        ));
    }

    fn read_text(text: &[u8]) -> Collect {
        let path = std::env::temp_dir().join(format!(
            "broadsheet-xml-{}-{}.xml",
            std::process::id(),
            text.len()
        ));
        std::fs::write(&path, text).expect("write");
        let mut sink = Collect(Vec::new(), Vec::new(), Vec::new());
        read(&path, "", &mut sink).expect("read");
        let _ = std::fs::remove_file(&path);
        sink
    }

    #[test]
    fn rss_items_with_content_authors_categories_and_images() {
        let rss = br#"<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>Blog</title><link>https://b.example/</link><language>en-gb</language>
<item><title>Hello &lt;em&gt;world&lt;/em&gt;</title><link>https://b.example/2024/hello/</link>
<guid>post-1</guid><pubDate>Tue, 02 Jan 2024 10:00:00 +0100</pubDate><dc:creator>Ann</dc:creator>
<category>Rust</category><category>Web</category><description>Short &lt;b&gt;summary&lt;/b&gt;.</description>
<content:encoded><![CDATA[<p>Full <b>body</b>.</p>]]></content:encoded>
<media:thumbnail url="https://b.example/t.jpg"/></item>
<item><title>Only a description</title><link>https://b.example/2024/two/</link><description>&lt;p&gt;Body in description.&lt;/p&gt;</description>
<enclosure url="https://b.example/e.png" type="image/png" length="1"/></item>
<item><title>No body</title><link>https://b.example/3/</link></item>
</channel></rss>"#;
        let got = read_text(rss);
        assert_eq!(got.0.len(), 2, "{:?}", got.1);
        let first = &got.0[0].item;
        assert_eq!(first["id"], "post-1");
        assert_eq!(first["title"], "Hello world");
        assert_eq!(first["content_html"], "<p>Full <b>body</b>.</p>");
        assert_eq!(first["summary"], "Short summary.");
        assert_eq!(first["authors"][0]["name"], "Ann");
        assert_eq!(first["tags"], json!(["Rust", "Web"]));
        assert_eq!(
            first.get("image"),
            Some(&json!("https://b.example/t.jpg")),
            "{first:?}"
        );
        assert_eq!(first["date_published"], "2024-01-02T09:00:00+00:00");
        assert_eq!(first["language"], "en-gb");
        assert_eq!(got.0[0].slug.as_deref(), Some("hello"));
        let second = &got.0[1].item;
        assert_eq!(second["content_html"], "<p>Body in description.</p>");
        assert_eq!(second["image"], "https://b.example/e.png");
        assert!(got.1[0].message.contains("no body"), "{:?}", got.1);
        assert!(got.1[0].place.contains("item 3"));
        assert_eq!(got.2.len(), 1, "item 2 has no date: {:?}", got.2);
        assert!(got.2[0].place.contains("item 2") && got.2[0].message.starts_with("no date"));
    }

    #[test]
    fn atom_entries_with_html_and_xhtml_content() {
        let atom = br#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title><link href="https://a.example/"/><id>urn:a</id><updated>2024-01-03T00:00:00Z</updated>
<entry><id>urn:1</id><title type="html">A &amp;amp; B</title><link rel="alternate" href="https://a.example/one"/>
<published>2024-01-01T00:00:00Z</published><updated>2024-01-03T00:00:00Z</updated><author><name>Bo</name><uri>https://a.example/bo</uri></author>
<category term="x" label="Ex"/><content type="html">&lt;p&gt;One&lt;/p&gt;</content></entry>
<entry><id>urn:2</id><title>Two</title><link href="https://a.example/two"/><updated>2024-01-02T00:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Two <em>x</em></p></div></content></entry>
</feed>"#;
        let got = read_text(atom);
        assert_eq!(got.0.len(), 2, "{:?}", got.1);
        let one = &got.0[0].item;
        assert_eq!(one["title"], "A & B");
        assert_eq!(one["content_html"], "<p>One</p>");
        assert_eq!(one["date_modified"], "2024-01-03T00:00:00+00:00");
        assert_eq!(one["authors"][0]["url"], "https://a.example/bo");
        assert_eq!(one["tags"], json!(["Ex"]));
        let two = &got.0[1].item;
        assert!(
            two["content_html"]
                .as_str()
                .is_some_and(|h| h.contains("<em>x</em>")),
            "{two:?}"
        );
        assert_eq!(two["date_published"], "2024-01-02T00:00:00+00:00");
    }

    #[test]
    fn a_utf8_byte_order_mark_changes_nothing() {
        let feed = b"\xEF\xBB\xBF<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item><title>One</title><link>https://b.example/1</link><description>Body</description></item></channel></rss>";
        let got = read_text(feed);
        assert_eq!(got.0.len(), 1, "{:?}", got.1);
        assert_eq!(got.0[0].item["title"], "One");
    }

    #[test]
    fn latin1_feeds_and_broken_xml() {
        let mut latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Caf\xe9</title><item><title>Cr\xe8me br\xfbl\xe9e</title><link>https://c.example/1</link><description>D\xe9j\xe0 vu</description></item></channel></rss>".to_vec();
        let got = read_text(&latin1);
        assert_eq!(got.0[0].item["title"], "Crème brûlée");
        assert_eq!(got.0[0].item["content_html"], "Déjà vu");
        latin1.truncate(latin1.len() - b"</channel></rss>".len());
        latin1.extend_from_slice(b"<item><title>cut</tit");
        let broken = read_text(&latin1);
        assert_eq!(broken.0.len(), 1, "the item before the fault is kept");
        assert!(
            broken
                .1
                .iter()
                .any(|n| n.message.contains("malformed XML at line 1")),
            "{:?}",
            broken.1
        );
    }
}
