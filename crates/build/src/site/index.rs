//! The site index `feed.json`: a JSON Feed of every post's card with an excerpt and its
//! ranking terms, for ranking in the browser; one item a line.

use std::io::Write;
use std::path::Path;

use serde::Serialize;
use serde_json::ser::Formatter;

use crate::error::{At, BuildError};

use super::card::Card;
use super::meta::FeedFields;

/// The index as it is written.
#[derive(Serialize)]
struct IndexDocument<'a> {
    #[serde(flatten)]
    feed: &'a FeedFields,
    items: Vec<&'a Card>,
}

/// serde_json's compact output, but for a line break before each item of the document's
/// `items` and before the list's end, so that the index reads (and diffs) a post a line.
struct OneItemALine {
    depth: usize,
}

impl OneItemALine {
    /// Whether the array being written is the document's `items`.
    fn in_items(&self) -> bool {
        self.depth == 2
    }
}

impl Formatter for OneItemALine {
    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        out.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.depth -= 1;
        out.write_all(b"}")
    }

    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        out.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        let end: &[u8] = if self.in_items() { b"\n]" } else { b"]" };
        self.depth -= 1;
        out.write_all(end)
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        match (self.in_items(), first) {
            (true, true) => out.write_all(b"\n"),
            (true, false) => out.write_all(b",\n"),
            (false, true) => Ok(()),
            (false, false) => out.write_all(b","),
        }
    }
}

/// Writes the index of `cards` (in their order) to `path`.
pub fn write_index<'a>(
    path: &Path,
    feed: &FeedFields,
    cards: impl Iterator<Item = &'a Card>,
) -> Result<(), BuildError> {
    // Written beside, then renamed over: `--index-only` writes it among files it did not
    // write, and an interrupted build must leave the previous index whole.
    let partial = path.with_extension("json.partial");
    let file = std::fs::File::create(&partial).at(&partial)?;
    let mut out = std::io::BufWriter::new(file);
    let document = IndexDocument {
        feed,
        items: cards.collect(),
    };
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut out, OneItemALine { depth: 0 });
    document
        .serialize(&mut serializer)
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush())
        .at(&partial)?;
    drop(out);
    std::fs::rename(&partial, path).at(path)
}
